"""Judge service files: read each one (with its Backstage catalog file), evaluate it against the
checklist, and mark the files that repeat another file's service name.

Which of the judged files are broken, and which are not ready yet, is said here once for every
caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sphinx_svcready.core.checklist.loading import Checklist
from sphinx_svcready.core.evaluate import EvaluationOptions, evaluate
from sphinx_svcready.core.export import service_record
from sphinx_svcready.core.model import AnswerState, Problem, ServiceReport
from sphinx_svcready.core.reading.backstage import CatalogOptions, apply_catalog
from sphinx_svcready.core.reading.yaml_reader import LoadedDocument, load_file
from sphinx_svcready.core.subtypes import NOT_READY, Subtype

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


def _load(path: str, max_bytes: int) -> LoadedDocument:
    try:
        return load_file(path, max_bytes)
    except (OSError, ValueError) as error:  # e.g. a name the operating system refuses
        document = LoadedDocument(path)
        document.problems.append(Problem(Subtype.FILE.value, f"cannot be read: {error}"))
        return document


def records(results: Sequence[Checked]) -> list[dict[str, Any]]:
    """The export record of every judged file (as the command names it)."""
    return [service_record(result.report, source=result.path, docname=None) for result in results]
