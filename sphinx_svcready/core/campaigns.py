"""Campaigns: a named set of questions every service in a scope should answer by a deadline.

A campaign is declared in ``conf.py`` (``svcready_campaigns``) or in a checklist extension
(``campaigns``), as ``{name: {title, questions, deadline, owners, lifecycles, tiers}}``: the
questions as ``consideration.question`` (or a consideration's key for all its questions), the
deadline a day, the scope lists that narrow which services it asks (none: every service). Its
progress is read from the services' export records, and its burn-up from a history document,
so the page, the command and the chart count alike.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: The states that settle a question for a campaign, unless it is not required yet (a deadline
#: ahead makes it not applicable until then, which a campaign counts as open).
SETTLED = frozenset({"answered", "not-applicable", "waived"})
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_FIELDS = {"title", "description", "questions", "deadline", "owners", "lifecycles", "tiers"}


class CampaignError(ValueError):
    """A campaign that cannot be used; the message names it and says why."""


@dataclass(frozen=True)
class Campaign:
    name: str
    title: str
    questions: tuple[str, ...]
    deadline: datetime.date
    description: str = ""
    owners: tuple[str, ...] = ()
    lifecycles: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()

    def asks(self, owner: str | None, lifecycle: str | None, tier: Any) -> bool:
        """Whether a service of this owner, lifecycle and tier is in the campaign's scope."""
        return (
            (not self.owners or (owner or "").casefold() in {o.casefold() for o in self.owners})
            and (not self.lifecycles or (lifecycle or "") in self.lifecycles)
            and (not self.tiers or str(tier) in self.tiers)
        )

    def covers(self, key: str) -> bool:
        """Whether the question ``consideration.question`` is one the campaign asks."""
        return key in self.questions or key.partition(".")[0] in self.questions


def read_campaigns(written: Any, where: str, known: Sequence[str] = ()) -> tuple[Campaign, ...]:
    """The campaigns of ``written`` (a mapping of names to campaigns), checked; ``known`` are the
    checklist's questions (``consideration.question``), which every campaign question must name."""
    if written is None:
        return ()
    if not isinstance(written, Mapping):
        raise CampaignError(f"{where} must be a mapping of campaign names to campaigns")
    return tuple(_campaign(name, body, where, known) for name, body in written.items())


def _campaign(name: Any, body: Any, where: str, known: Sequence[str]) -> Campaign:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise CampaignError(
            f"{where}: {str(name)[:40]!r} is not a campaign name (lowercase letters, digits, -)"
        )
    label = f"{where}: campaign {name!r}"
    if not isinstance(body, Mapping):
        raise CampaignError(f"{label} must be a mapping")
    unknown = sorted(set(body) - _FIELDS)
    if unknown:
        raise CampaignError(
            f"{label} has no field {str(unknown[0])[:40]!r} (it has {', '.join(sorted(_FIELDS))})"
        )
    questions = _texts(body.get("questions"), f"{label}: questions")
    if not questions:
        raise CampaignError(f"{label} names no questions")
    considerations = {key.partition(".")[0] for key in known}
    for question in questions:
        if known and question not in known and question not in considerations:
            raise CampaignError(
                f"{label} names {question[:80]!r}, which is no question or consideration of the checklist"
            )
    deadline = body.get("deadline")
    try:
        if not isinstance(deadline, str | datetime.date):
            raise ValueError
        day = deadline if isinstance(deadline, datetime.date) else datetime.date.fromisoformat(deadline)
    except ValueError:
        raise CampaignError(f"{label} needs a deadline as a day (YYYY-MM-DD)") from None
    title = body.get("title", name)
    if not isinstance(title, str) or not title.strip():
        raise CampaignError(f"{label}: title must be text")
    description = body.get("description", "")
    if not isinstance(description, str):
        raise CampaignError(f"{label}: description must be text")
    return Campaign(
        name=name,
        title=title.strip(),
        questions=questions,
        deadline=day,
        description=description.strip(),
        owners=_texts(body.get("owners"), f"{label}: owners"),
        lifecycles=_texts(body.get("lifecycles"), f"{label}: lifecycles"),
        tiers=tuple(str(tier) for tier in _list(body.get("tiers"), f"{label}: tiers")),
    )


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(item, str | int) for item in value):
        raise CampaignError(f"{where} must be a list")
    return list(value)


def _texts(value: Any, where: str) -> tuple[str, ...]:
    items = _list(value, where)
    if not all(isinstance(item, str) and item.strip() for item in items):
        raise CampaignError(f"{where} must be a list of texts")
    return tuple(item.strip() for item in items)


@dataclass(frozen=True)
class Standing:
    """One service in a campaign's scope: done, or the campaign's questions it leaves open."""

    name: str
    title: str
    owner: str
    open: tuple[str, ...]

    @property
    def done(self) -> bool:
        return not self.open


@dataclass(frozen=True)
class Progress:
    campaign: Campaign
    services: tuple[Standing, ...] = field(default_factory=tuple)

    @property
    def done(self) -> int:
        return sum(service.done for service in self.services)

    def by_owner(self) -> list[tuple[str, list[Standing]]]:
        owners: dict[str, list[Standing]] = {}
        for service in sorted(self.services, key=lambda s: (s.owner.casefold(), s.title)):
            owners.setdefault(service.owner, []).append(service)
        return list(owners.items())


def open_questions(record: Mapping[str, Any]) -> tuple[str, ...]:
    """``consideration.question`` of every question of an export record a campaign could still
    count as open: not settled, or settled only until its required-from day."""
    return tuple(
        f"{c['key']}.{q['key']}"
        for c in record.get("considerations", [])
        for q in c["questions"]
        if q["state"] not in SETTLED or "required-from" in q
    )


@dataclass(frozen=True)
class Candidate:
    """What a campaign reads of one service: its scope fields and its open questions."""

    name: str
    title: str
    owner: str | None
    lifecycle: str | None
    tier: Any
    open: Sequence[str]


def progress(campaign: Campaign, records: Sequence[Mapping[str, Any]]) -> Progress:
    """Where each service in scope stands, from its export record."""
    return progress_of(
        campaign,
        [
            Candidate(
                r["name"], r["title"], r.get("owner"), r.get("lifecycle"), r.get("tier"), open_questions(r)
            )
            for r in records
        ],
    )


def progress_of(campaign: Campaign, candidates: Sequence[Candidate]) -> Progress:
    """Where each service in scope stands."""
    standings = [
        Standing(
            candidate.name,
            candidate.title,
            candidate.owner or "",
            tuple(key for key in candidate.open if campaign.covers(key)),
        )
        for candidate in candidates
        if campaign.asks(candidate.owner, candidate.lifecycle, candidate.tier)
    ]
    return Progress(campaign, tuple(standings))


@dataclass(frozen=True)
class BurnUpPoint:
    at: str
    services: int
    done: int


def burn_up(campaign: Campaign, history: Mapping[str, Any]) -> list[BurnUpPoint]:
    """At each point of a history, how many services in scope had the campaign's questions done."""
    points = []
    for point in history["points"]:
        scoped = [s for s in point["services"] if campaign.asks(s["owner"], s["lifecycle"], s["tier"])]
        done = sum(not any(campaign.covers(key) for key in s["open-questions"]) for s in scoped)
        points.append(BurnUpPoint(point["at"], len(scoped), done))
    return points
