"""Readiness policy: levels, the dates of waivers, reviews and sign-offs, the gate, and the
problems they make.

A service's level is the highest of the checklist's levels whose questions, and those of every
level below it, have no gap; a lifecycle may require a level. A waiver has expired once its
``until`` day has passed; it is expiring (pages say in how many days) from ``warn_days`` days
before that day to the day itself. A review or a sign-off is stale once it is more than
``max_age`` days old. The checklist may want services of some tiers or levels signed off. Only
the gated lifecycles' problems of being not ready fail a build. The evaluation and the build's
re-read decisions share these rules. Nothing here imports Sphinx.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from sphinx_svcready.core.checklist.sign_off import SignOffPolicy
from sphinx_svcready.core.checklist.tiers import TierId
from sphinx_svcready.core.model import (
    AnswerState,
    ConsiderationResult,
    DataPath,
    ServiceMeta,
    ServiceReport,
    SignOff,
)
from sphinx_svcready.core.subtypes import NOT_READY, Subtype

#: (subtype, message, where in the service file) of one policy problem.
PolicyProblem = tuple[Subtype, str, DataPath]
#: How many of the questions that keep a service below its level a warning names.
_GAPS_SHOWN = 5


@dataclass(frozen=True)
class WaiverTiming:
    expired: bool
    #: Days left while the waiver is expiring; ``None`` when it is not (far off, or expired).
    shown_days: int | None


def waiver_timing(until: datetime.date, today: datetime.date, warn_days: int) -> WaiverTiming:
    """Whether a waiver ending on ``until`` has expired on ``today``, or how soon it will."""
    days_left = (until - today).days
    return WaiverTiming(days_left < 0, days_left if 0 <= days_left <= warn_days else None)


def review_age(reviewed: str | None, today: datetime.date) -> int | None:
    """Days since ``reviewed`` (a ``YYYY-MM-DD`` date), or ``None`` when it is missing or not a date."""
    if not reviewed:
        return None
    try:
        return (today - datetime.date.fromisoformat(reviewed)).days
    except ValueError:
        return None


def is_stale(reviewed: str | None, today: datetime.date, max_age: int | None) -> bool:
    """A review older than ``max_age`` days, or none at all, when a maximum age is set."""
    if max_age is None:
        return False
    age = review_age(reviewed, today)
    return age is None or age > max_age


def reached_level(levels: Sequence[str], considerations: Sequence[ConsiderationResult]) -> str | None:
    """The highest level whose questions, and those of every level below, have no gap."""
    gaps = {q.level for c in considerations for q in c.questions if q.state is AnswerState.UNANSWERED}
    reached = None
    for level in levels:
        if level in gaps:
            break
        reached = level
    return reached


def level_problems(
    service: ServiceMeta,
    level: str | None,
    wanted: str | None,
    levels: Sequence[str],
    considerations: Sequence[ConsiderationResult],
) -> list[PolicyProblem]:
    """A problem when the service is below ``wanted``, the level its lifecycle must reach."""
    if wanted not in levels or (level is not None and levels.index(level) >= levels.index(wanted)):
        return []
    upto = set(levels[: levels.index(wanted) + 1])
    gaps = [
        f"{c.key}.{q.key}"
        for c in considerations
        for q in c.questions
        if q.state is AnswerState.UNANSWERED and q.level in upto
    ]
    shown = ", ".join(gaps[:_GAPS_SHOWN])
    if len(gaps) > _GAPS_SHOWN:
        shown += f" and {len(gaps) - _GAPS_SHOWN} more"
    message = (
        f"service {service.name} is at readiness level {level or 'none'}; {service.lifecycle} "
        f"services must reach {wanted}: answer {shown}"
    )
    return [(Subtype.LEVEL, message, ("service", "lifecycle"))]


def review_problems(
    service: ServiceMeta,
    considerations: Sequence[ConsiderationResult],
    today: datetime.date,
    max_age: int | None,
) -> list[PolicyProblem]:
    """A problem for each review older than ``max_age`` days: the service's, then each
    consideration's own; and for a service with no review date at all."""
    if max_age is None:
        return []
    rule = f"reviews must be at most {max_age} days old"
    found: list[PolicyProblem] = []
    if service.last_reviewed is None:
        message = f"service {service.name} has no last-reviewed date; {rule}: add the day of its last review"
        found.append((Subtype.STALE, message, ("service", "name")))
    elif is_stale(service.last_reviewed, today, max_age):
        message = _stale(f"service {service.name}", service.last_reviewed, today, rule)
        found.append((Subtype.STALE, message, ("service", "last-reviewed")))
    for consideration in considerations:
        if consideration.last_reviewed and is_stale(consideration.last_reviewed, today, max_age):
            label = f"consideration {consideration.key} ({consideration.title})"
            message = _stale(label, consideration.last_reviewed, today, rule)
            found.append((Subtype.STALE, message, ("considerations", consideration.key, "last-reviewed")))
    return found


def _stale(label: str, reviewed: str, today: datetime.date, rule: str) -> str:
    age = review_age(reviewed, today)
    return (
        f"{label} was last reviewed on {reviewed}, {age} days ago; {rule}: check the answers and "
        "update last-reviewed"
    )


def sign_off_problems(
    service: ServiceMeta,
    tier: TierId,
    level: str | None,
    considerations: Sequence[ConsiderationResult],
    policy: SignOffPolicy | None,
    today: datetime.date,
    max_age: int | None,
) -> list[PolicyProblem]:
    """A problem for each sign-off ``policy`` wants of this service that is missing or stale."""
    if policy is None or not policy.wanted(tier, level):
        return []
    rule = f"{policy.words} must be signed off by someone other than their team"
    found: list[PolicyProblem] = []
    # A missing service sign-off is wanted because of the tier (or the level) written there.
    where: DataPath = ("service", "tier") if tier in policy.tiers else ("service", "name")
    targets: list[tuple[str, SignOff | None, DataPath, DataPath]] = [
        (f"service {service.name}", service.sign_off, where, ("service", "sign-off"))
    ]
    for consideration in considerations:
        if (
            consideration.key in policy.considerations
            and consideration.state is not AnswerState.NOT_APPLICABLE
        ):
            label = f"consideration {consideration.key} ({consideration.title})"
            path: DataPath = ("considerations", consideration.key)
            targets.append((label, consideration.sign_off, path, (*path, "sign-off")))
    for label, sign_off, missing_at, written_at in targets:
        if sign_off is None:
            message = f"{label} has no sign-off; {rule}: add 'sign-off' with 'by' and 'on' (YYYY-MM-DD)"
            found.append((Subtype.SIGN_OFF, message, missing_at))
        elif is_stale(sign_off.on, today, max_age):
            message = (
                f"{label} was signed off by {sign_off.by} on {sign_off.on}, {review_age(sign_off.on, today)} "
                f"days ago; sign-offs must be at most {max_age} days old: have it reviewed again"
            )
            found.append((Subtype.SIGN_OFF, message, (*written_at, "on")))
    return found


def gated(report: ServiceReport, gate: Sequence[str] | None) -> ServiceReport:
    """``report`` with its problems of being not ready made non-blocking when its lifecycle is
    not one ``gate`` names (``None``: every lifecycle is gated). A service that names no
    lifecycle is gated."""
    lifecycle = report.service.lifecycle
    if gate is None or lifecycle is None or lifecycle in gate:
        return report
    problems = tuple(
        dataclasses.replace(problem, blocking=False) if problem.subtype in NOT_READY else problem
        for problem in report.problems
    )
    return dataclasses.replace(report, problems=problems)
