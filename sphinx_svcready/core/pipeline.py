"""The one pipeline: a service file and the settings in, the full report out.

:func:`judge` reads the file, merges its Backstage catalog file, validates and evaluates it,
applies the policy and checks the answers against the service's repository (evidence); the
directive and ``svcready check`` both call it and nothing else, so a page and a command line can
never judge one file differently. :func:`check_files` judges many files for the command, in a
pool of processes when there are many, and marks the ones that repeat a service name.
"""

from __future__ import annotations

import concurrent.futures
import functools
import multiprocessing
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from sphinx_svcready.core.checklist.loading import Checklist
from sphinx_svcready.core.evaluate import evaluate
from sphinx_svcready.core.evidence.checking import check_evidence
from sphinx_svcready.core.evidence.location import SOURCE_FOLDER, named_root, repository_root
from sphinx_svcready.core.export import service_record
from sphinx_svcready.core.model import Problem, ServiceReport
from sphinx_svcready.core.policy import gated
from sphinx_svcready.core.reading.backstage import CatalogOptions, apply_catalog
from sphinx_svcready.core.reading.confinement import WorkTrees
from sphinx_svcready.core.reading.yaml_reader import LoadedDocument, load_file
from sphinx_svcready.core.result_cache import Remembered, ResultCache, remembered_form
from sphinx_svcready.core.settings import Settings
from sphinx_svcready.core.subtypes import Subtype
from sphinx_svcready.core.verdict import Verdict, verdict


def judge(
    path: str | Path,
    settings: Settings,
    *,
    checklist: Checklist | None = None,
    catalog_root: Path | None = None,
    ignored: tuple[Path, ...] = (),
) -> ServiceReport:
    """The full report on one service file: read, its Backstage catalog file merged, validated,
    evaluated and judged by the policy. The only way in, for the build and the command alike.

    ``checklist`` defaults to the one ``settings`` names; catalog files outside ``catalog_root``
    are refused (``None``: read anywhere). Evidence probes never look into the ``ignored`` folders
    (a docs build's output).
    """
    checklist = checklist or settings.checklist()
    document = _load(str(path), settings.max_bytes)
    use = apply_catalog(
        document, CatalogOptions(beside=settings.backstage, root=catalog_root, max_bytes=settings.max_bytes)
    )
    report = replace(
        evaluate(document, checklist, settings.evaluation), catalog_read=use.read, catalog_absent=use.absent
    )
    if settings.evidence and report.loaded:
        root, refused = _evidence_root(document, str(path), settings)
        report = check_evidence(report, checklist, root, ignored)
        if refused is not None:
            report = replace(
                report, problems=tuple(sorted((*report.problems, refused), key=lambda p: p.order))
            )
    return gated(report, settings.evaluation.gate)


def _evidence_root(
    document: LoadedDocument, path: str, settings: Settings
) -> tuple[Path | None, Problem | None]:
    """The repository the evidence probes read, and the problem with the one the file names."""
    service = document.data.get("service") if isinstance(document.data, dict) else None
    named = service.get(SOURCE_FOLDER) if isinstance(service, dict) else None
    if not isinstance(named, str) or not named.strip():
        return repository_root(path, settings.evidence_root), None
    root, why = named_root(path, named.strip())
    if why is None:
        return root, None
    line = document.line_of(("service", SOURCE_FOLDER))
    return None, Problem(Subtype.EVIDENCE.value, f"service.{SOURCE_FOLDER} {named.strip()!r} {why}", line)


class Checked:
    """One file as the user named it, and its report.

    A file the cache remembers (result_cache.py) carries its problems and verdict, and its whole
    report is read from the cache only when an output asks for it; should that fail, the file is
    judged afresh by ``rejudge``.
    """

    def __init__(
        self,
        path: str,
        report: ServiceReport | None = None,
        *,
        remembered: Remembered | None = None,
        rejudge: Callable[[], ServiceReport] | None = None,
    ) -> None:
        if report is None and (remembered is None or rejudge is None):
            raise ValueError("a report, or a remembered one and how to judge the file afresh")
        self.path = path
        self._report = report
        self._remembered = remembered
        self._rejudge = rejudge

    def __repr__(self) -> str:
        return f"Checked({self.path!r}, {self.report!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Checked):
            return NotImplemented
        return (self.path, self.report) == (other.path, other.report)

    __hash__ = None  # type: ignore[assignment]  # equal by value, and never a key

    @functools.cached_property
    def report(self) -> ServiceReport:
        if self._report is not None:
            return self._report
        assert self._remembered is not None and self._rejudge is not None
        return self._remembered.report() or self._rejudge()

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self._remembered.problems if self._remembered else self.report.problems

    @property
    def name(self) -> str:
        return self._remembered.name if self._remembered else self.report.service.name

    @property
    def loaded(self) -> bool:
        return self._remembered.loaded if self._remembered else self.report.loaded

    @functools.cached_property
    def verdict(self) -> Verdict:
        return self._remembered.verdict if self._remembered else verdict(self.report)

    @property
    def broken(self) -> bool:
        return self.verdict.broken

    @property
    def unanswered(self) -> bool:
        """Not ready, though not broken (unanswered, expired, below its level, stale, not signed
        off), and of a gated lifecycle."""
        judged = self.verdict
        return not judged.ready and not judged.broken and judged.blocking


#: Below this many files a pool's start costs more than it saves.
POOL_THRESHOLD = 100


def check_files(
    files: Sequence[str],
    settings: Settings,
    *,
    source_dir: Path | None = None,
    jobs: int = 1,
    cache_home: Path | None = None,
) -> list[Checked]:
    """Every file judged, in the order given, and files repeating an earlier file's service name marked.

    Catalog files must lie in ``source_dir`` when it is given, else in the git work tree of their
    service file (confinement.py), as in a docs build; outside any work tree they are read anywhere.
    With ``cache_home``, the reports on files unchanged since a run with the same settings are
    taken from there (result_cache.py) and the others are kept there. With ``jobs`` above 1 and
    many files left to judge, ``jobs`` processes share them; the results are the same, in the same
    order.
    """
    checklist = settings.checklist()
    trees = WorkTrees()
    cache = None if cache_home is None else ResultCache(cache_home, settings, checklist, source_dir)
    results: dict[int, Checked] = {}
    keys: dict[int, str] = {}
    for index, path in enumerate(files):
        key = None if cache is None else _key(cache, path, source_dir, trees)
        remembered = None if cache is None or key is None else cache.remembered(key)
        if remembered is not None:
            rejudge = functools.partial(_judged, path, settings, checklist, source_dir, trees)
            results[index] = Checked(path, remembered=remembered, rejudge=rejudge)
        elif key is not None:
            keys[index] = key
    left = [index for index in range(len(files)) if index not in results]
    if jobs > 1 and len(left) >= POOL_THRESHOLD:
        items = [(files[index], keys.get(index)) for index in left]
        for index, made in zip(left, _in_pool(items, settings, source_dir, jobs, cache), strict=True):
            rejudge = functools.partial(_judged, files[index], settings, checklist, source_dir, trees)
            results[index] = Checked(files[index], remembered=made, rejudge=rejudge)
    else:
        for index in left:
            checked = _checked(files[index], settings, checklist, source_dir, trees)
            results[index] = checked
            if cache is not None and index in keys:
                _keep(cache, keys[index], files[index], source_dir, trees, checked.report, checked.verdict)
    return _with_duplicates([results[index] for index in range(len(files))])


def _keep(
    cache: ResultCache,
    key: str,
    path: str,
    source_dir: Path | None,
    trees: WorkTrees,
    report: ServiceReport,
    judged: Verdict,
    made: Remembered | None = None,
) -> None:
    # Kept only if the file still holds what was judged: it may have been saved meanwhile.
    if _key(cache, path, source_dir, trees) == key:
        cache.remember(key, path, report, judged, made)


def _key(cache: ResultCache, path: str, source_dir: Path | None, trees: WorkTrees) -> str | None:
    tree = trees.of(path)
    return cache.key(path, source_dir or tree, tree)


def _checked(
    path: str, settings: Settings, checklist: Checklist, source_dir: Path | None, trees: WorkTrees
) -> Checked:
    return Checked(path, _judged(path, settings, checklist, source_dir, trees))


def _judged(
    path: str, settings: Settings, checklist: Checklist, source_dir: Path | None, trees: WorkTrees
) -> ServiceReport:
    return judge(path, settings, checklist=checklist, catalog_root=source_dir or trees.of(path))


def _in_pool(
    items: list[tuple[str, str | None]],
    settings: Settings,
    source_dir: Path | None,
    jobs: int,
    cache: ResultCache | None,
) -> list[Remembered]:
    """Each ``(path, key)`` judged in one of ``jobs`` processes, in order; each worker keeps its
    reports in ``cache`` and hands them back in their remembered form (result_cache.py), since
    reading thousands of whole reports back would take the parent longer than judging them."""
    # Forked workers inherit the checklist already loaded; where fork is not offered, each
    # worker loads it once (settings.checklist() is cached per process).
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # A few chunks per worker: even when some files take longer, no worker waits long for the others.
    size = max(1, len(items) // (jobs * 4))
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        repeat = len(chunks)
        done = pool.map(_check_chunk, chunks, [settings] * repeat, [source_dir] * repeat, [cache] * repeat)
        return [made for chunk in done for made in chunk]


def _check_chunk(
    items: list[tuple[str, str | None]],
    settings: Settings,
    source_dir: Path | None,
    cache: ResultCache | None,
) -> list[Remembered]:
    checklist = settings.checklist()
    trees = WorkTrees()
    found = []
    for path, key in items:
        report = _judged(path, settings, checklist, source_dir, trees)
        judged = verdict(report)
        made = remembered_form(report, judged)
        if cache is not None and key is not None:
            _keep(cache, key, path, source_dir, trees, report, judged, made)
        found.append(made)
    return found


def _with_duplicates(results: list[Checked]) -> list[Checked]:
    """Mark every file that defines a service name an earlier file already defined."""
    first: dict[str, str] = {}
    marked = []
    for result in results:
        name = result.name
        if result.loaded and name in first:
            problem = Problem(
                Subtype.DUPLICATE.value,
                f"service '{name}' is also defined in {first[name]}; names must be unique",
            )
            result = Checked(result.path, replace(result.report, problems=(*result.report.problems, problem)))
        elif result.loaded:
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
