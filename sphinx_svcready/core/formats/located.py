"""Problems as the machine formats place them: a path relative to the root the report is read
from, a line and a column, and whether the problem fails the build.

The command's judged files and a docs build's recorded warnings both become these rows, so the
SARIF a build writes and the SARIF ``svcready check`` prints say the same things the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sphinx_svcready.core.pipeline import Checked
from sphinx_svcready.core.reading.files import read_regular
from sphinx_svcready.core.subtypes import NOT_READY
from sphinx_svcready.core.verdict import BROKEN

#: The most of a file read to find the column of a problem's line.
_COLUMN_READ_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Located:
    """One problem where a reviewer's tool shows it."""

    #: The file, as a ``/``-separated path relative to the report's root (or as given, outside it).
    path: str
    line: int | None
    #: The column the line's text starts at (its key), from 1.
    column: int | None
    subtype: str
    message: str
    #: False for a problem of a lifecycle that is not gated: shown, but it fails nothing.
    blocking: bool = True

    @property
    def severity(self) -> str:
        """``error`` (it fails the build), ``warning`` (a problem that is not about readiness, such
        as refused markup) or ``note`` (not gated)."""
        if not self.blocking:
            return "note"
        return "error" if self.subtype in NOT_READY | BROKEN else "warning"


@dataclass(frozen=True)
class ServiceProblems:
    """A judged service file and its problems: one test case of a JUnit report."""

    name: str
    path: str
    problems: tuple[Located, ...]


def report_path(path: str | Path, root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` between parts; as given when it lies outside."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


class Columns:
    """Finds the column a line's text starts at, reading each file once."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str]] = {}

    def of(self, path: str | Path, line: int | None) -> int | None:
        if line is None:
            return None
        lines = self._lines.get(str(path))
        if lines is None:
            try:
                text = read_regular(Path(path), _COLUMN_READ_BYTES).decode("utf-8", "replace")
            except (OSError, ValueError):
                text = ""
            lines = self._lines[str(path)] = text.splitlines()
        if not 1 <= line <= len(lines):
            return 1
        written = lines[line - 1]
        return len(written) - len(written.lstrip()) + 1


def from_results(results: Sequence[Checked], root: Path) -> list[ServiceProblems]:
    """Every judged file of ``svcready check`` with its problems, located for the formats."""
    columns = Columns()
    services = []
    for result in results:
        problems = tuple(
            Located(
                path=report_path(problem.source or result.path, root),
                line=problem.line,
                column=columns.of(problem.source or result.path, problem.line),
                subtype=problem.subtype,
                message=" ".join(problem.message.splitlines()),
                blocking=problem.blocking,
            )
            for problem in sorted(result.problems, key=lambda p: p.order)
        )
        services.append(ServiceProblems(result.name, report_path(result.path, root), problems))
    return services


def every_problem(services: Iterable[ServiceProblems]) -> list[Located]:
    return [problem for service in services for problem in service.problems]
