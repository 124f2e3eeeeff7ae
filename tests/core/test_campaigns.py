"""Campaigns: read and refused, their scope, who is done from export records (a question not
required yet counts as open), and the burn-up from a history."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from sphinx_svcready.core.campaigns import CampaignError, burn_up, progress, read_campaigns

KNOWN = ["on-call.rota", "on-call.game-day", "testing.load-tests"]
DECLARED = {
    "game-days": {
        "title": "Game days",
        "questions": ["on-call.game-day", "testing"],
        "deadline": "2027-03-01",
        "lifecycles": ["production"],
        "owners": ["Team Aurora", "team cirrus"],
    }
}


def record(name: str, owner: str, lifecycle: str, states: dict[str, Any]) -> dict[str, Any]:
    """An export record with the questions ``states`` gives (``consideration.question``: a state,
    or the question's fields)."""
    considerations: dict[str, list[dict[str, Any]]] = {}
    for key, state in states.items():
        consideration, question = key.split(".")
        entry = {"key": question, "state": state} if isinstance(state, str) else {"key": question, **state}
        considerations.setdefault(consideration, []).append(entry)
    return {
        "name": name,
        "title": name.title(),
        "owner": owner,
        "lifecycle": lifecycle,
        "tier": 1,
        "considerations": [{"key": key, "questions": questions} for key, questions in considerations.items()],
    }


def test_a_campaign_is_read_with_its_scope() -> None:
    [campaign] = read_campaigns(DECLARED, "svcready_campaigns", KNOWN)
    assert (campaign.name, campaign.title, campaign.deadline) == (
        "game-days",
        "Game days",
        datetime.date(2027, 3, 1),
    )
    assert campaign.asks("TEAM AURORA", "production", 1)
    assert not campaign.asks("Team Aurora", "experimental", 1)
    assert not campaign.asks("Team Borealis", "production", 1)
    # A consideration's key stands for all its questions.
    assert campaign.covers("testing.load-tests") and campaign.covers("on-call.game-day")
    assert not campaign.covers("on-call.rota")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ([], "must be a mapping of campaign names"),
        ({"Game Days": {}}, "'Game Days' is not a campaign name"),
        ({"x": {"questions": ["on-call.rota"]}}, "needs a deadline as a day"),
        ({"x": {"questions": [], "deadline": "2027-03-01"}}, "names no questions"),
        (
            {"x": {"questions": ["on-call.pager"], "deadline": "2027-03-01"}},
            "names 'on-call.pager', which is no",
        ),
        ({"x": {"questions": ["on-call"], "deadline": "2027-03-01", "scope": 1}}, "has no field 'scope'"),
        ({"x": {"questions": ["on-call"], "deadline": "March"}}, "needs a deadline as a day"),
        (
            {"x": {"questions": ["on-call"], "deadline": "2027-03-01", "owners": "Team A"}},
            "owners must be a list",
        ),
    ],
)
def test_a_campaign_that_cannot_be_used_is_refused_with_why(written: Any, message: str) -> None:
    with pytest.raises(CampaignError, match=message):
        read_campaigns(written, "svcready_campaigns", KNOWN)


def test_progress_counts_a_question_not_required_yet_as_open() -> None:
    [campaign] = read_campaigns(DECLARED, "svcready_campaigns", KNOWN)
    pending = {"state": "not-applicable", "required-from": "2027-03-01"}
    records = [
        record(
            "aurora",
            "Team Aurora",
            "production",
            {"on-call.game-day": "answered", "testing.load-tests": "waived"},
        ),
        record(
            "cirrus",
            "Team Cirrus",
            "production",
            {"on-call.game-day": pending, "testing.load-tests": "unanswered"},
        ),
        # Out of scope: another owner, another lifecycle.
        record("borealis", "Team Borealis", "production", {"on-call.game-day": "unanswered"}),
        record("labs", "Team Aurora", "experimental", {"on-call.game-day": "unanswered"}),
    ]
    standing = progress(campaign, records)
    assert [(s.name, s.done, s.open) for s in standing.services] == [
        ("aurora", True, ()),
        ("cirrus", False, ("on-call.game-day", "testing.load-tests")),
    ]
    assert standing.done == 1
    assert [(owner, [s.name for s in listed]) for owner, listed in standing.by_owner()] == [
        ("Team Aurora", ["aurora"]),
        ("Team Cirrus", ["cirrus"]),
    ]


def test_the_burn_up_counts_the_services_in_scope_with_nothing_open_at_each_point() -> None:
    [campaign] = read_campaigns(DECLARED, "svcready_campaigns", KNOWN)

    def service(owner: str, lifecycle: str, *open_questions: str) -> dict[str, Any]:
        return {"owner": owner, "lifecycle": lifecycle, "tier": 1, "open-questions": list(open_questions)}

    history = {
        "points": [
            {"at": "2026-10-05", "services": [service("Team Aurora", "production", "on-call.game-day")]},
            {
                "at": "2026-10-12",
                "services": [
                    service("Team Aurora", "production", "on-call.rota"),
                    service("Team Cirrus", "production", "testing.load-tests"),
                    service("Team Borealis", "production"),
                ],
            },
        ]
    }
    assert [(p.at, p.services, p.done) for p in burn_up(campaign, history)] == [
        ("2026-10-05", 1, 0),
        ("2026-10-12", 2, 1),
    ]
