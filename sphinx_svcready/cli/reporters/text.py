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
        for problem in sorted(result.report.problems, key=lambda p: p.order):
            path = problem.source or result.path
            where = path if problem.line is None else f"{path}:{problem.line}"
            yield printable(f"{where}: {problem.subtype}: {' '.join(problem.message.splitlines())}")


def summary(results: Sequence[Checked]) -> str:
    """``3 files checked: 1 ready, 1 not ready, 1 invalid``: "not ready" is unanswered, expired,
    below its level, stale or contradicted by the repository; "invalid" is broken."""
    broken = sum(1 for result in results if result.broken)
    unanswered = sum(1 for result in results if not result.broken and result.unanswered)
    ready = len(results) - broken - unanswered
    parts = [
        f"{count} {label}"
        for count, label in (
            (ready, "ready"),
            (unanswered, "not ready"),
            (broken, "invalid"),
        )
        if count
    ]
    files = "file" if len(results) == 1 else "files"
    return f"{len(results)} {files} checked: {', '.join(parts)}"
