"""What ``svcready check`` does with a list of paths: find the service files, judge each one.

Plain functions over the core (loader, backstage, evaluate, export, facts): which files, what each
report says, the problem lines and the summary the command prints, and which files are broken or
not yet ready.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .backstage import CatalogOptions, apply_catalog
from .catalogue import NOT_READY, Subtype
from .evaluate import EvaluationOptions, evaluate
from .export import dumps, export_document, service_record
from .facts import facts_document
from .loader import LoadedDocument, load_file
from .model import AnswerState, Problem, ServiceReport
from .safetext import printable
from .schema import Checklist

SERVICE_FILENAMES = ("service.yaml", "service.yml")
#: Folders never searched for service files (hidden folders are skipped too).
SKIPPED_FOLDERS = frozenset({"_build", "node_modules", ".venv", "venv", ".tox"})
#: Problems that mean a file (or the Backstage catalog file it uses) is broken: exit status 2.
BROKEN = frozenset(
    {
        Subtype.YAML.value,
        Subtype.FILE.value,
        Subtype.INVALID.value,
        Subtype.DUPLICATE.value,
        Subtype.BACKSTAGE.value,
    }
)
#: Problems that mean a file is not ready yet: exit status 1.


@dataclass(frozen=True)
class Checked:
    """One file as the user named it, and its report."""

    path: str
    report: ServiceReport

    @property
    def broken(self) -> bool:
        return not self.report.loaded or any(p.subtype in BROKEN for p in self.report.problems)

    @property
    def unanswered(self) -> bool:
        return any(p.subtype in NOT_READY for p in self.report.problems) or any(
            q.state is AnswerState.UNANSWERED for c in self.report.considerations for q in c.questions
        )


def check_files(
    files: Sequence[str],
    checklist: Checklist,
    options: EvaluationOptions,
    max_bytes: int,
    catalog: CatalogOptions | None = None,
) -> list[Checked]:
    """Every file judged, and files repeating an earlier file's service name marked.

    Each file's Backstage catalog file is read as ``catalog`` says (default: beside files too,
    anywhere).
    """
    catalog = catalog or CatalogOptions(max_bytes=max_bytes)
    results = []
    for path in files:
        document = _load(path, max_bytes)
        apply_catalog(document, catalog)
        results.append(Checked(path, evaluate(document, checklist, options)))
    return _with_duplicates(results)


def _with_duplicates(results: list[Checked]) -> list[Checked]:
    """Mark every file that defines a service name an earlier file already defined."""
    first: dict[str, str] = {}
    marked = []
    for result in results:
        name = result.report.service.name
        if result.report.loaded and name in first:
            problem = Problem(
                Subtype.DUPLICATE.value,
                f"service '{name}' is also defined in {first[name]}; names must be unique",
            )
            result = Checked(result.path, replace(result.report, problems=(*result.report.problems, problem)))
        elif result.report.loaded:
            first[name] = result.path
        marked.append(result)
    return marked


def find_service_files(paths: Sequence[str]) -> list[str]:
    """The files to check, as the user would write them: sorted, each file once.

    A file is taken whatever its name; a folder is searched for service files; a path that does
    not exist is kept, so that it is reported as a ``file`` problem.
    """
    found = sorted({os.path.normpath(path) for argument in paths for path in _expand(argument)})
    seen: set[str] = set()
    result = []
    for path in found:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            result.append(path)
    return result


def _expand(argument: str) -> Iterator[str]:
    if not Path(argument).is_dir():
        yield argument
        return
    for folder, subfolders, filenames in os.walk(argument):
        subfolders[:] = [name for name in subfolders if not _skipped(name)]
        for filename in filenames:
            if filename in SERVICE_FILENAMES:
                yield str(Path(folder, filename))


def _skipped(folder: str) -> bool:
    return folder.startswith(".") or folder in SKIPPED_FOLDERS


def _load(path: str, max_bytes: int) -> LoadedDocument:
    try:
        return load_file(path, max_bytes)
    except (OSError, ValueError) as error:  # e.g. a name the operating system refuses
        document = LoadedDocument(path)
        document.problems.append(Problem(Subtype.FILE.value, f"cannot be read: {error}"))
        return document


def problem_lines(results: Sequence[Checked]) -> Iterator[str]:
    """``FILE:LINE: SUBTYPE: MESSAGE`` for every problem, in file order then line order."""
    for result in results:
        for problem in sorted(result.report.problems, key=lambda p: p.order):
            path = problem.source or result.path
            where = path if problem.line is None else f"{path}:{problem.line}"
            yield printable(f"{where}: {problem.subtype}: {' '.join(problem.message.splitlines())}")


def summary(results: Sequence[Checked]) -> str:
    """``3 files checked: 1 ready, 1 with unanswered questions, 1 invalid``."""
    broken = sum(1 for result in results if result.broken)
    unanswered = sum(1 for result in results if not result.broken and result.unanswered)
    ready = len(results) - broken - unanswered
    parts = [
        f"{count} {label}"
        for count, label in (
            (ready, "ready"),
            (unanswered, "with unanswered questions"),
            (broken, "invalid"),
        )
        if count
    ]
    files = "file" if len(results) == 1 else "files"
    return f"{len(results)} {files} checked: {', '.join(parts)}"


def export(results: Sequence[Checked], checklist: Checklist) -> str:
    """The JSON export of ``results``: the same records as the docs build's ``svcready.json``."""
    return dumps(export_document(_records(results), checklist))


def facts(results: Sequence[Checked], checklist: Checklist, day: datetime.date) -> str:
    """The Tech Insights facts of ``results``, as the docs build's ``svcready_export_facts`` file."""
    return dumps(facts_document(_records(results), checklist, day))


def _records(results: Sequence[Checked]) -> list[dict[str, Any]]:
    return [service_record(result.report, source=result.path, docname=None) for result in results]
