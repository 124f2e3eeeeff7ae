"""Whether a service is ready, and why not: decided here once, for every output.

A service is ready exactly when the core finds no problem with it (but an advisory one: a
deadline still ahead): it was read, it is valid, its
Backstage catalog file (if any) is usable and agrees with it, nothing is unanswered, no waiver has
expired, its review and sign-off are not stale or missing, its repository contradicts no answer and
it has reached the level its lifecycle requires. Every problem is one of those failures, so each is
a reason; each fails ``sphinx-build -W`` and ``svcready check``, except that the reasons of being
unfinished do not for a lifecycle ``svcready_gate`` leaves out (an experimental service shown
incomplete). The page, the summary,
``svcready.json``, the Tech Insights facts and ``svcready check`` all read this verdict; none
decides readiness on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from sphinx_svcready.core.model import AnswerState, ServiceReport
from sphinx_svcready.core.subtypes import ADVISORY, NOT_READY, Subtype

#: Problems that mean a file (or the Backstage catalog file it uses) is broken, not merely
#: unfinished: ``svcready check`` exits 2 for them.
BROKEN = frozenset(
    {
        Subtype.YAML.value,
        Subtype.FILE.value,
        Subtype.INVALID.value,
        Subtype.DUPLICATE.value,
        Subtype.BACKSTAGE.value,
    }
)


@dataclass(frozen=True)
class Reason:
    """One reason a service is not ready: a problem, where it is."""

    subtype: str
    message: str
    #: The file the problem is in, when it is not the service file (a Backstage catalog file).
    source: str | None
    line: int | None
    #: Whether it fails the build (see ``svcready_gate``).
    blocking: bool = True

    def as_record(self) -> dict[str, str | int | bool | None]:
        return {
            "subtype": self.subtype,
            "message": self.message,
            "file": self.source,
            "line": self.line,
            "blocking": self.blocking,
        }


@dataclass(frozen=True)
class Verdict:
    ready: bool
    #: Every reason it is not ready, in the order of the file; empty when it is ready.
    reasons: tuple[Reason, ...]
    #: Not ready because the file (or its catalog file) is broken, not merely unfinished.
    broken: bool

    @property
    def blocking(self) -> bool:
        """Some reason fails the build: the service's lifecycle is gated, or the file is broken."""
        return any(reason.blocking for reason in self.reasons)


def verdict(report: ServiceReport) -> Verdict:
    """The verdict on one report."""
    # An advisory problem (a deadline coming) is said, but is no reason: the service is as ready.
    problems = sorted(
        (problem for problem in report.problems if problem.subtype not in ADVISORY), key=lambda p: p.order
    )
    reasons = [Reason(p.subtype, p.message, p.source, p.line, p.blocking) for p in problems]
    if not report.loaded and not reasons:
        reasons.append(Reason(Subtype.FILE.value, "the file could not be read", None, None))
    unanswered = any(q.state is AnswerState.UNANSWERED for c in report.considerations for q in c.questions)
    if unanswered and not any(reason.subtype == Subtype.UNANSWERED.value for reason in reasons):
        blocking = not problems or any(p.blocking for p in problems if p.subtype in NOT_READY)
        reasons.append(Reason(Subtype.UNANSWERED.value, "a question is unanswered", None, None, blocking))
    broken = not report.loaded or any(reason.subtype in BROKEN for reason in reasons)
    return Verdict(ready=not reasons, reasons=tuple(reasons), broken=broken)
