"""An organisation's checklist file: its own tiers, levels, identity, conditions and sign-off,
replacing the packaged checklist, and each mistake in it refused at its line."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from sphinx_svcready.core.checklist.loading import ChecklistError, load_checklist
from sphinx_svcready.core.evaluation_options import EvaluationOptions
from sphinx_svcready.core.model import AnswerState
from sphinx_svcready.core.pipeline import judge
from sphinx_svcready.core.settings import Settings
from sphinx_svcready.core.verdict import verdict

from ..conftest import complete_text, line_of, replace_answer, write

SERVICE_TIERS, REPLACE = '"service-tiers"', '"replace"'
TIERS = [
    {"id": "gold", "name": "Business critical", "description": "Revenue stops."},
    {"id": "bronze", "name": "Internal tool"},
]
SMALL = {
    "id": "acme-readiness",
    "version": "2.1",
    "title": "Acme readiness",
    "replace": True,
    "service-tiers": TIERS,
    "service-fields": {"queues": {"title": "Queues", "description": "Queues it reads.", "answer": "list"}},
    "considerations": {
        "basics": {
            "title": "Basics",
            "questions": {
                "purpose": {
                    "title": "Purpose",
                    "description": "What does it do? See `the guide <https://acme.example/g>`_.",
                },
                "public": {"title": "Public", "description": "Is it on the internet?", "answer": "yes-no"},
                "waf": {
                    "title": "WAF",
                    "description": "Which firewall rules protect it?",
                    "applies-when": {"basics.public": {"is": True}},
                },
                "why-internal": {
                    "title": "Why internal",
                    "description": "Why is it staff-only?",
                    "x-svcready-tiers": ["bronze"],
                },
            },
        },
        "messaging": {
            "title": "Messaging",
            "applies-when": {"service.queues": {"not-empty": True}},
            "questions": {
                "dead-letters": {"title": "Dead letters", "description": "Where do failed messages go?"}
            },
        },
    },
}


def written(tmp_path: Path, content: dict[str, Any]) -> tuple[Path, str]:
    text = json.dumps(content, indent=2) + "\n"
    return write(tmp_path / "org.json", text), text


def refused(tmp_path: Path, content: dict[str, Any]) -> tuple[str, str | None, str]:
    path, text = written(tmp_path, content)
    with pytest.raises(ChecklistError) as caught:
        load_checklist(None, [path])
    return str(caught.value), caught.value.location, text


def test_the_organisations_checklist_replaces_the_packaged_one(tmp_path: Path) -> None:
    path, _text = written(tmp_path, {**SMALL, "readiness-levels": []})
    checklist = load_checklist(None, [path])
    assert (checklist.schema_id, checklist.version, checklist.title) == (
        "acme-readiness",
        "2.1",
        "Acme readiness",
    )
    assert [c.key for c in checklist.considerations] == ["basics", "messaging"]
    assert [tier.label for tier in checklist.tiers] == [
        "Tier gold (Business critical)",
        "Tier bronze (Internal tool)",
    ]
    assert checklist.levels == () and {q.level for c in checklist.considerations for q in c.questions} == {""}
    purpose = checklist.considerations[0].questions[0]
    assert purpose.text == "What does it do? See `the guide <https://acme.example/g>`_."
    assert purpose.plain == "What does it do? See the guide (https://acme.example/g)."
    assert checklist.schema["$defs"]["service"]["properties"]["tier"]["enum"] == ["gold", "bronze"]


def service(tier: str, *, public: str, queues: str = "", extra: str = "") -> str:
    return (
        f"service:\n  name: shop\n  owner: Team Shop\n  lifecycle: production\n  tier: {tier}\n{queues}"
        f"considerations:\n  basics:\n    purpose: Sells things.\n    public: {public}\n{extra}"
    )


def judged(tmp_path: Path, text: str, **options: Any) -> Any:
    path, _ = written(tmp_path, SMALL)
    settings = Settings(extensions=(path,), evidence=False, evaluation=EvaluationOptions(**options))
    return judge(write(tmp_path / "service.yaml", text), settings)


def test_conditions_and_tiers_decide_what_is_asked(tmp_path: Path) -> None:
    report = judged(tmp_path, service("gold", public="false"))
    basics, messaging = report.considerations
    assert [(q.key, q.state, q.note) for q in basics.questions[2:]] == [
        ("waf", AnswerState.NOT_APPLICABLE, "applies only when basics.public is yes"),
        ("why-internal", AnswerState.NOT_APPLICABLE, "not asked of tier gold (Business critical) services"),
    ]
    assert messaging.not_applicable == "applies only when service.queues is given"
    assert verdict(report).ready and report.tier_label == "Tier gold (Business critical)"
    # Public now, with queues and a tier that is asked why it is internal: three questions apply.
    text = service("bronze", public="true", queues="  queues: [orders]\n")
    found = [(p.subtype, p.line, p.message) for p in judged(tmp_path, text).problems]
    assert found == [
        (
            "unanswered",
            line_of(text, "considerations:"),
            "consideration messaging (Messaging) is unanswered: no answer to any of its questions "
            "(dead-letters); answer them or write 'not-applicable: <reason>' for the whole consideration",
        ),
        (
            "unanswered",
            line_of(text, "  basics:"),
            "basics.waf is unanswered (no answer): Which firewall rules protect it?",
        ),
        (
            "unanswered",
            line_of(text, "  basics:"),
            "basics.why-internal is unanswered (no answer): Why is it staff-only?",
        ),
    ]


def test_an_answer_given_where_the_checklist_does_not_ask_is_kept(tmp_path: Path) -> None:
    text = service("gold", public="false") + "  messaging:\n    dead-letters: A dead-letter queue.\n"
    report = judged(tmp_path, text)
    messaging = report.considerations[1]
    assert (messaging.state, messaging.not_applicable) == (AnswerState.ANSWERED, None)
    assert messaging.questions[0].answer == "A dead-letter queue."
    assert report.problems == ()


def test_an_answer_not_given_yet_rules_nothing_out(tmp_path: Path) -> None:
    report = judged(tmp_path, service("gold", public="TODO"))
    waf = report.considerations[0].questions[2]
    assert (waf.state, waf.required) == (AnswerState.UNANSWERED, True)


def test_a_tier_the_checklist_does_not_declare_is_a_schema_error(tmp_path: Path) -> None:
    text = service("silver", public="false")
    [problem] = judged(tmp_path, text).problems
    assert (problem.subtype, problem.line) == ("invalid", line_of(text, "  tier: silver"))
    assert problem.message == "service.tier: 'silver' is not one of: gold, bronze"


def test_sign_off_is_wanted_of_the_tiers_the_policy_names(tmp_path: Path) -> None:
    path, _ = written(tmp_path, {**SMALL, "sign-off": {"tiers": ["gold"], "considerations": ["basics"]}})
    settings = Settings(
        extensions=(path,),
        evidence=False,
        evaluation=EvaluationOptions(today=datetime.date(2026, 11, 20), review_max_age_days=30),
    )
    text = service(
        "gold", public="false", extra="    sign-off: {by: Security team, on: 2026-09-01}\n"
    ).replace(
        "  tier: gold\n",
        "  tier: gold\n  last-reviewed: 2026-11-02\n  sign-off: {by: Platform team, on: 2026-11-02}\n",
    )
    report = judge(write(tmp_path / "service.yaml", text), settings)
    assert [(p.subtype, p.line, p.message) for p in report.problems] == [
        (
            "sign-off",
            line_of(text, "    sign-off:"),
            "consideration basics (Basics) was signed off by Security team on 2026-09-01, 80 days ago; "
            "sign-offs must be at most 30 days old: have it reviewed again",
        )
    ]
    bronze = service("bronze", public="false", extra="    why-internal: Staff.\n").replace(
        "  tier: bronze\n", "  tier: bronze\n  last-reviewed: 2026-11-02\n"
    )
    assert judge(write(tmp_path / "service.yaml", bronze), settings).problems == ()


def test_a_lifecycle_that_is_not_gated_shows_its_problems_without_failing(tmp_path: Path) -> None:
    text = replace_answer(complete_text(), "email", "outgoing", "TODO").replace(
        "  lifecycle: production\n", "  lifecycle: experimental\n"
    )
    path = write(tmp_path / "service.yaml", text)
    gated = judge(path, Settings(evidence=False, evaluation=EvaluationOptions(gate=("production",))))
    [problem] = gated.problems
    assert (problem.subtype, problem.blocking) == ("unanswered", False)
    judged_gated = verdict(gated)
    assert (judged_gated.ready, judged_gated.blocking) == (False, False)
    everywhere = verdict(judge(path, Settings(evidence=False)))
    assert (everywhere.ready, everywhere.blocking) == (False, True)


@pytest.mark.parametrize(
    ("change", "message", "at"),
    [
        (
            {"considerations": {"basics": {"questions": {"purpose": {"x-svcready-tiers": ["platinum"]}}}}},
            "the tiers of basics.purpose names 'platinum', not one of the declared tiers 'gold', 'bronze'; "
            "set them under 'tiers', or drop it",
            '"x-svcready-tiers"',
        ),
        (
            {"applies-when": {"basics.waf": {"service.colour": {"is": "red"}}}},
            "applies-when of basics.waf names 'service.colour', which is no service field (service.<field>) "
            "and no question (<consideration>.<question>) of the checklist",
            '"basics.waf"',
        ),
        (
            {"sign-off": {"tiers": ["gold"], "considerations": ["architecture"]}},
            "sign-off: there is no consideration 'architecture'",
            '"architecture"',
        ),
        (
            {"rename-levels": {"platinum": "top"}},
            "rename-levels: the checklist has no level 'platinum'",
            '"platinum"',
        ),
        (
            {"replace": False, "readiness-levels": ["basic"]},
            "purpose counts towards the level 'bronze', which is not one of the levels ['basic']; "
            "set its level under 'levels', or drop it",
            '"readiness-levels"',
        ),
    ],
)
def test_a_mistake_in_the_checklist_is_refused_at_its_line(
    tmp_path: Path, change: dict[str, Any], message: str, at: str
) -> None:
    content = json.loads(json.dumps(SMALL))
    for key, value in change.items():
        if key == "considerations":
            content["considerations"]["basics"]["questions"]["purpose"].update(
                value["basics"]["questions"]["purpose"]
            )
        else:
            content[key] = value
    said, location, text = refused(tmp_path, content)
    assert message in said
    assert location == f"{tmp_path / 'org.json'}:{line_of(text, at)}"


def test_own_tiers_without_replacing_must_cover_the_packaged_questions(tmp_path: Path) -> None:
    said, location, text = refused(tmp_path, {"service-tiers": TIERS})
    assert (
        "the tiers of customers.growth-drivers names 1, 2, not one of the declared tiers 'gold', 'bronze'"
        in said
    )
    assert location == f"{tmp_path / 'org.json'}:{line_of(text, SERVICE_TIERS)}"


def test_levels_are_renamed_everywhere(tmp_path: Path) -> None:
    path, _ = written(tmp_path, {"rename-levels": {"bronze": "basic", "gold": "excellent"}})
    checklist = load_checklist(None, [path])
    assert checklist.levels == ("basic", "silver", "excellent")
    assert {q.level for c in checklist.considerations for q in c.questions} == {
        "basic",
        "silver",
        "excellent",
    }


def test_replacing_with_nothing_is_refused(tmp_path: Path) -> None:
    said, location, text = refused(tmp_path, {"replace": True})
    assert "replaces the checklist but adds no consideration" in said
    assert location == f"{tmp_path / 'org.json'}:{line_of(text, REPLACE)}"


def test_a_level_can_need_a_sign_off(tmp_path: Path) -> None:
    path, _ = written(tmp_path, {"sign-off": {"levels": ["gold"]}})
    settings = Settings(extensions=(path,), evidence=False)
    text = complete_text()
    [problem] = judge(write(tmp_path / "service.yaml", text), settings).problems
    assert (problem.subtype, problem.line) == ("sign-off", line_of(text, "  name: ledger"))
    assert problem.message == (
        "service ledger has no sign-off; level gold services must be signed off by someone other than "
        "their team: add 'sign-off' with 'by' and 'on' (YYYY-MM-DD)"
    )
    below = replace_answer(text, "testing", "load-tests", "TODO")
    assert [p.subtype for p in judge(write(tmp_path / "service.yaml", below), settings).problems] == [
        "unanswered"
    ]
