"""Reminders: what falls due for each owner soon, from the judged reports: waivers that expire,
reviews that go stale, questions required from a day that is coming, and the campaigns a service
has not finished.

Plain data in, plain data out: ``svcready remind`` prints them as Markdown (for a scheduled job to
post, or to open an issue with) or as JSON. Nothing here decides readiness; each item is a date
the reports already hold, with the days left to it (negative once it has passed).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sphinx_svcready.core.campaigns import SETTLED, Campaign, Candidate, Standing, progress_of
from sphinx_svcready.core.model import ServiceReport

REMINDERS_FORMAT = "svcready-reminders"
REMINDERS_VERSION = "1.0"
KINDS = ("waiver", "review", "deadline", "campaign")


@dataclass(frozen=True)
class Reminder:
    owner: str
    service: str
    title: str
    source: str
    line: int | None
    kind: str
    due: datetime.date
    days: int
    what: str

    def as_record(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "title": self.title,
            "file": self.source,
            "line": self.line,
            "kind": self.kind,
            "due": self.due.isoformat(),
            "days": self.days,
            "what": self.what,
        }


def reminders(
    reports: Sequence[ServiceReport],
    today: datetime.date,
    within: int,
    review_max_age_days: int | None = None,
    campaigns: Sequence[Campaign] = (),
) -> list[Reminder]:
    """Everything due within ``within`` days of ``today`` (and what is already overdue), by owner,
    then date, then service."""
    loaded = [report for report in reports if report.loaded]
    found = [item for report in loaded for item in _of(report, today, review_max_age_days)]
    found += _campaigns(campaigns, loaded, today)
    due = [item for item in found if item.days <= within]
    return sorted(due, key=lambda r: (r.owner.casefold(), r.due, r.service, r.line or 0, r.what))


def _of(report: ServiceReport, today: datetime.date, max_age: int | None) -> Iterator[Reminder]:
    meta = report.service
    owner = meta.owner or ""

    def reminder(kind: str, due: datetime.date, line: int | None, what: str) -> Reminder:
        return Reminder(
            owner, meta.name, meta.title, report.source, line, kind, due, (due - today).days, what
        )

    for consideration in report.considerations:
        waivers = [(consideration.key, consideration.waiver, consideration.line)]
        waivers += [(f"{consideration.key}.{q.key}", q.waiver, q.line) for q in consideration.questions]
        seen: set[tuple[str, str]] = set()
        for where, waiver, line in waivers:
            if waiver is None or (waiver.until, waiver.reason) in seen:
                continue
            # A consideration's waiver covers its questions: one reminder, not one per question.
            seen.add((waiver.until, waiver.reason))
            day = _day(waiver.until)
            if day is not None:
                verb = "expired" if day < today else "expires"
                yield reminder(
                    "waiver", day, line, f"the waiver for {where} {verb} (approved by {waiver.approved_by})"
                )
        for question in consideration.questions:
            if question.required_from is not None:
                day = _day(question.required_from)
                if day is not None:
                    label = f"{consideration.key}.{question.key}"
                    yield reminder("deadline", day, question.line, f"{label} is required from this day")
        if max_age is not None and consideration.last_reviewed:
            day = _day(consideration.last_reviewed)
            if day is not None:
                yield reminder(
                    "review",
                    _stale_from(day, max_age),
                    consideration.line,
                    f"the review of {consideration.key} goes stale",
                )
    if max_age is not None:
        reviewed = _day(meta.last_reviewed) if meta.last_reviewed else None
        if reviewed is None:
            yield reminder("review", today, None, "the service has no last-reviewed date")
        else:
            yield reminder(
                "review",
                _stale_from(reviewed, max_age),
                None,
                f"its review of {meta.last_reviewed} goes stale",
            )


def _campaigns(
    campaigns: Sequence[Campaign], reports: Sequence[ServiceReport], today: datetime.date
) -> list[Reminder]:
    """For each campaign, each service in its scope that still leaves a question of it open."""
    candidates = [_candidate(report) for report in reports]
    found = []
    for campaign in campaigns:
        for standing, report in _standings(campaign, candidates, reports):
            if standing.done:
                continue
            found.append(
                Reminder(
                    standing.owner,
                    standing.name,
                    standing.title,
                    report.source,
                    None,
                    "campaign",
                    campaign.deadline,
                    (campaign.deadline - today).days,
                    f"campaign {campaign.title!r}: {', '.join(standing.open)} still open",
                )
            )
    return found


def _candidate(report: ServiceReport) -> Candidate:
    """What a campaign reads of a report: what its export record would say (export.py)."""
    meta = report.service
    open_questions = tuple(
        f"{c.key}.{q.key}"
        for c in report.considerations
        for q in c.questions
        if q.state.value not in SETTLED or q.required_from
    )
    return Candidate(meta.name, meta.title, meta.owner, meta.lifecycle, report.tier, open_questions)


def _standings(
    campaign: Campaign, candidates: Sequence[Candidate], reports: Sequence[ServiceReport]
) -> Iterator[tuple[Standing, ServiceReport]]:
    by_name = {report.service.name: report for report in reversed(reports)}
    for standing in progress_of(campaign, candidates).services:
        yield standing, by_name[standing.name]


def _stale_from(reviewed: datetime.date, max_age: int) -> datetime.date:
    """The first day a review of ``reviewed`` is stale: older than ``max_age`` days (policy.is_stale)."""
    return reviewed + datetime.timedelta(days=max_age + 1)


def _day(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def reminders_document(items: Sequence[Reminder], today: datetime.date, within: int) -> dict[str, Any]:
    """The JSON the command prints: the day, the window, and each owner's reminders."""
    owners: dict[str, list[Reminder]] = {}
    for item in items:
        owners.setdefault(item.owner, []).append(item)
    return {
        "format": REMINDERS_FORMAT,
        "version": REMINDERS_VERSION,
        "today": today.isoformat(),
        "within-days": within,
        "owners": [
            {"owner": owner or None, "reminders": [item.as_record() for item in listed]}
            for owner, listed in owners.items()
        ],
    }
