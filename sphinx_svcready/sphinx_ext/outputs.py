"""What a build writes when it ends (``build-finished``): the JSON export, the Tech Insights facts,
and the exit status that ``svcready_fail_on_unanswered`` asks for."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from sphinx_svcready._version import __version__
from sphinx_svcready.core import portfolio
from sphinx_svcready.core.checklist.loading import Checklist, ChecklistError
from sphinx_svcready.core.export import EXPORT_VERSION, checklist_identity, dumps, export_text, order, titles
from sphinx_svcready.core.facts import facts_document
from sphinx_svcready.core.mentions import MentionFinder
from sphinx_svcready.core.subtypes import NOT_READY
from sphinx_svcready.sphinx_ext import config
from sphinx_svcready.sphinx_ext.store import pages

logger = logging.getLogger(__name__)


# Builders that pack every file of their output directory into one book: a stray JSON file there
# would be warned about on the next build (the export has no place in an e-book anyway).
_PACKAGED_OUTPUT = frozenset({"epub"})


def write_export(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the JSON export of every service next to the output."""
    filename = app.config.svcready_export
    if exception is not None or not filename or app.builder.name in _PACKAGED_OUTPUT:
        return
    try:
        checklist = config.checklist(app.config)
    except ChecklistError:
        return  # already a warning at every directive; there is nothing to export against
    services = sorted(portfolio.documented(pages(app.env)), key=lambda s: order(s.name, s.docname, s.source))
    if _unchanged(app, filename, checklist, services):
        return
    finder = MentionFinder(titles({"name": s.name, "title": s.title} for s in services))

    def records() -> Iterator[dict[str, Any]]:
        # One at a time: hundreds of decoded records at once would be the build's peak of memory.
        for service in services:
            record = service.record
            # Where the page is, for other projects that link to it (see federation.py).
            record["url"] = _page_address(app, record["docname"])
            yield record

    _write(app, filename, export_text(records(), checklist, finder))


def _unchanged(
    app: Sphinx, filename: str, checklist: Checklist, services: list[portfolio.Documented]
) -> bool:
    """Whether the export in the output was written from these very records: a build that read
    nothing new then leaves it as it is, instead of encoding every record again. The digest of
    what it was written from is kept in the doctree folder."""
    digest = hashlib.sha256()
    written_by = [EXPORT_VERSION, __version__, checklist_identity(checklist), app.builder.name]
    digest.update(json.dumps(written_by).encode())
    for service in services:
        digest.update(f"{service.docname}\0{service.fingerprint}\0".encode())
    kept = Path(app.doctreedir) / "svcready-export.digest"
    target = Path(app.builder.outdir) / filename
    fresh = digest.hexdigest()
    if target.is_file() and kept.is_file() and kept.read_text(encoding="ascii") == fresh:
        return True
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_text(fresh, encoding="ascii")
    return False


def write_facts(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the Tech Insights facts of every service next to the output."""
    filename = app.config.svcready_export_facts
    if exception is not None or not filename:
        return
    try:
        checklist = config.checklist(app.config)
    except ChecklistError:
        return  # already a warning at every directive
    records = [service.record for service in portfolio.documented(pages(app.env))]
    _write(app, filename, [dumps(facts_document(records, checklist, config.today(app.config)))])


def _page_address(app: Sphinx, docname: str) -> str | None:
    """A page's address relative to the output folder; ``None`` where the output is not web pages."""
    if app.builder.format != "html":
        return None
    # singlehtml addresses a page as a fragment of its one file; the service's own anchor is
    # what links add, so the file alone is the address.
    path = app.builder.get_target_uri(docname).partition("#")[0]
    return path or app.config.root_doc + getattr(app.builder, "out_suffix", ".html")


def _write(app: Sphinx, filename: str, pieces: Iterable[str]) -> None:
    """Write ``pieces`` of text, one after the other, to ``filename`` in the output directory."""
    target = Path(app.builder.outdir) / filename
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as handle:
        handle.writelines(pieces)


def fail_if_unanswered(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: honour ``svcready_fail_on_unanswered``."""
    if exception is not None or not app.config.svcready_fail_on_unanswered:
        return
    failing = [
        problem
        for data in pages(app.env).values()
        for entry in data["services"]
        for problem in entry["problems"]
        if problem[0] in NOT_READY and problem[3]
    ]
    if failing:
        logger.error(
            "svcready: %d problem(s) keep services of gated lifecycles from being ready (unanswered "
            "questions, expired waivers, levels not reached, stale reviews or sign-offs, contradicted "
            "answers); "
            "failing the build because svcready_fail_on_unanswered = True",
            len(failing),
        )
        app.statuscode = 1
