"""The markers that stand for an answer: ``not-applicable: <reason>`` and a waiver (reason,
approver, until), for a question or a whole consideration; what each makes of the question, and
the problems it has (no reason, a placeholder, a missing approver, an expired date)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from sphinx_svcready.core.answers import unanswered_because
from sphinx_svcready.core.model import AnswerState, Problem, QuestionResult, Waiver
from sphinx_svcready.core.policy import waiver_timing
from sphinx_svcready.core.subtypes import Subtype

#: The line of a key under the marker (none: the marker's own line).
LineOf = Callable[..., int | None]


def unanswered_marker(why: str) -> QuestionResult:
    return QuestionResult("", "", "", AnswerState.UNANSWERED, None, note=why)


def not_applicable(
    reason: Any, label: str, line: int | None, placeholders: Sequence[str]
) -> tuple[QuestionResult, list[Problem]]:
    """``not-applicable: reason``: not applicable, or unanswered when the reason is missing, empty
    or a placeholder."""
    why = unanswered_because(reason, placeholders) if isinstance(reason, str) else "no reason"
    if why is None:
        return QuestionResult("", "", "", AnswerState.NOT_APPLICABLE, None, note=reason), []
    why = (
        "marked not-applicable without a reason"
        if why in ("empty", "no reason")
        else f"not-applicable: {why}"
    )
    problem = Problem(
        Subtype.UNANSWERED.value, f"{label} is unanswered ({why}); say why it does not apply", line
    )
    return unanswered_marker(why), [problem]


def waived(
    waiver: dict[str, Any],
    label: str,
    line_of: LineOf,
    placeholders: Sequence[str],
    today: datetime.date,
    warn_days: int,
) -> tuple[QuestionResult, list[Problem]]:
    """A waiver (already valid against the schema): waived until its day, unanswered from the day
    after, or unanswered when its reason or approver is missing or a placeholder."""
    lacking = []
    for key in ("reason", "approved-by"):
        written = waiver.get(key)
        if not isinstance(written, str) or not written.strip():
            lacking.append((key, f"the waiver has no {key}"))
        elif unanswered_because(written, placeholders) is not None:
            lacking.append((key, f"the waiver's {key} '{written.strip()}' is a placeholder"))
    if lacking:
        why = "; ".join(reason for _, reason in lacking)
        line = line_of(lacking[0][0]) if lacking[0][0] in waiver else line_of()
        return unanswered_marker(why), [
            Problem(Subtype.UNANSWERED.value, f"{label} is unanswered ({why})", line)
        ]
    until = datetime.date.fromisoformat(str(waiver["until"]))
    timing = waiver_timing(until, today, warn_days)
    granted = Waiver(
        waiver["reason"].strip(),
        waiver["approved-by"].strip(),
        until.isoformat(),
        timing.expired,
        days_left=timing.shown_days,
    )
    if not timing.expired:
        return QuestionResult("", "", "", AnswerState.WAIVED, None, waiver=granted), []
    problem = Problem(
        Subtype.WAIVER_EXPIRED.value,
        f"the waiver for {label} expired on {until.isoformat()} (approved by "
        f"{granted.approved_by}); answer it or renew the waiver with a later 'until'",
        line_of("until"),
    )
    expired = QuestionResult(
        "",
        "",
        "",
        AnswerState.UNANSWERED,
        None,
        note=f"waiver expired on {until.isoformat()}",
        waiver=granted,
    )
    return expired, [problem]
