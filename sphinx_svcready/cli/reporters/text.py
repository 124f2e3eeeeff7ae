"""The text reporter: ``FILE:LINE: SUBTYPE: MESSAGE`` per problem, and the one-line summary."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence

from sphinx_svcready.core.checklist.loading import Checklist
from sphinx_svcready.core.pipeline import Checked
from sphinx_svcready.core.text import printable


def report(results: Sequence[Checked], checklist: Checklist, today: datetime.date) -> str:
    """Every problem, one line each."""
    return "".join(f"{line}\n" for line in problem_lines(results))


def problem_lines(results: Sequence[Checked]) -> Iterator[str]:
    """``FILE:LINE: SUBTYPE: MESSAGE`` for every problem, in file order then line order."""
    for result in results:
        for problem in sorted(result.problems, key=lambda p: p.order):
            path = problem.source or result.path
            where = path if problem.line is None else f"{path}:{problem.line}"
            gate = "" if problem.blocking else " (not gated)"
            yield printable(f"{where}: {problem.subtype}: {' '.join(problem.message.splitlines())}{gate}")


def summary(results: Sequence[Checked]) -> str:
    """``3 files checked: 1 ready, 1 not ready, 1 invalid``: "not ready" is unanswered, expired,
    below its level, stale, not signed off or contradicted by the repository ("not gated" when its
    lifecycle does not fail the check); "invalid" is broken."""
    broken = sum(1 for result in results if result.broken)
    not_ready = [result for result in results if not result.broken and not result.verdict.ready]
    ungated = sum(1 for result in not_ready if not result.unanswered)
    ready = len(results) - broken - len(not_ready)
    parts = [
        f"{count} {label}"
        for count, label in (
            (ready, "ready"),
            (len(not_ready), "not ready" + (f" ({ungated} not gated)" if ungated else "")),
            (broken, "invalid"),
        )
        if count
    ]
    files = "file" if len(results) == 1 else "files"
    return f"{len(results)} {files} checked: {', '.join(parts)}"
