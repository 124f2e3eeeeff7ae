"""Whether a service is ready, and why not: decided here once, for every output.

A service is ready exactly when ``sphinx-build -W`` passes for its file: it was read, it is valid,
its Backstage catalog file (if any) is usable and agrees with it, nothing is unanswered, no waiver
has expired, its review is not stale, its repository contradicts no answer and it has reached the
level its lifecycle requires. Every
problem the core finds is one of those failures, so each is a reason. The page, the summary,
``svcready.json``, the Tech Insights facts and ``svcready check`` all read this verdict; none
decides readiness on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from sphinx_svcready.core.model import AnswerState, ServiceReport
from sphinx_svcready.core.subtypes import Subtype

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

    def as_record(self) -> dict[str, str | int | None]:
        return {"subtype": self.subtype, "message": self.message, "file": self.source, "line": self.line}


@dataclass(frozen=True)
class Verdict:
    ready: bool
    #: Every reason it is not ready, in the order of the file; empty when it is ready.
    reasons: tuple[Reason, ...]
    #: Not ready because the file (or its catalog file) is broken, not merely unfinished.
    broken: bool


def verdict(report: ServiceReport) -> Verdict:
    """The verdict on one report."""
    problems = sorted(report.problems, key=lambda problem: problem.order)
    reasons = [Reason(p.subtype, p.message, p.source, p.line) for p in problems]
    if not report.loaded and not reasons:
        reasons.append(Reason(Subtype.FILE.value, "the file could not be read", None, None))
    unanswered = any(q.state is AnswerState.UNANSWERED for c in report.considerations for q in c.questions)
    if unanswered and not any(reason.subtype == Subtype.UNANSWERED.value for reason in reasons):
        reasons.append(Reason(Subtype.UNANSWERED.value, "a question is unanswered", None, None))
    broken = not report.loaded or any(reason.subtype in BROKEN for reason in reasons)
    return Verdict(ready=not reasons, reasons=tuple(reasons), broken=broken)
