"""Other docs projects' exports, as this project uses them: where each is, its bytes (fetched or read
within bounds), its records checked against the export format, and its services linked to the
pages of the site that documents them. Nothing here imports Sphinx.
"""

from __future__ import annotations

import functools
import json
import os
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match

from sphinx_svcready._version import __version__
from sphinx_svcready.core import portfolio
from sphinx_svcready.core.checklist.compiled_validator import compiled_check
from sphinx_svcready.core.checklist.packaged import shipped_schema
from sphinx_svcready.core.checklist.quick_validator import inlined_schema
from sphinx_svcready.core.reading.bounded_json import JsonError, parse_json
from sphinx_svcready.core.reading.files import FileRefused, read_regular
from sphinx_svcready.core.remote.fetch import FetchError, download, is_web_address
from sphinx_svcready.core.text import printable, quoted

DEFAULT_REMOTE_MAX_SERVICES = 10_000
EXPORT_SCHEMA_FILENAME = "svcready-export.schema.json"


class RemoteError(Exception):
    """Why one remote export could not be used this time."""


@dataclass(frozen=True)
class Source:
    """One configured remote: where its export is and where its pages are."""

    project: str
    #: An ``http(s)://`` address or an absolute path.
    location: str
    #: What page addresses are joined to: an absolute URL, or a path relative to this project's
    #: output directory (for a local export), ending in ``/``.
    base: str

    @property
    def is_url(self) -> bool:
        return is_web_address(self.location)


@dataclass(frozen=True)
class Remote:
    """The services one remote export holds, as this build uses them."""

    source: Source
    services: tuple[portfolio.Documented, ...]
    #: Changes whenever the export's content (or where its pages are) changes.
    digest: str


def sources(settings: Mapping[str, Any], confdir: str | Path, outdir: str | Path) -> list[Source]:
    """Every configured remote, with local paths made absolute and the base of its page links."""
    found = []
    for project, where in settings.items():
        site, location = (None, where) if isinstance(where, str) else where
        if not is_web_address(location):
            location = str((Path(confdir) / location).resolve())
        if site is None:
            site = _folder(location, outdir)
        found.append(Source(project, location, site if site.endswith("/") else site + "/"))
    return found


def _folder(location: str, outdir: str | Path) -> str:
    if is_web_address(location):
        return urllib.parse.urljoin(location, ".")
    # A local export's pages are linked relative to this project's output, which holds as long as
    # the two builds keep their places (browsing the built files, or both published side by side).
    return Path(os.path.relpath(Path(location).parent, Path(outdir).resolve())).as_posix()


def fetch(source: Source, timeout: float, limit: int) -> bytes:
    """The bytes of ``source``'s export, or :class:`RemoteError` saying why not."""
    try:
        if source.is_url:
            return download(source.location, timeout, limit, f"sphinx-svcready/{__version__}")
        return read_regular(source.location, limit)
    except FetchError as error:
        raise RemoteError(str(error)) from None
    except FileRefused as refused:
        if refused.size is not None:
            raise RemoteError(f"it is larger than svcready_remote_max_bytes ({limit} bytes)") from None
        if not Path(source.location).exists():
            raise RemoteError("there is no such file (is that project built?)") from None
        raise RemoteError(f"it {refused.reason}") from None


def parse(data: bytes, max_services: int = DEFAULT_REMOTE_MAX_SERVICES) -> list[dict[str, Any]]:
    """The service records of an export, or :class:`RemoteError` when ``data`` is not one (or holds
    more than ``max_services`` services)."""
    try:
        document = parse_json(data)
    except JsonError as error:
        raise RemoteError(str(error)) from None
    services = document.get("services") if isinstance(document, dict) else None
    if isinstance(services, list) and len(services) > max_services:
        raise RemoteError(
            f"it holds {len(services):,} services, more than svcready_remote_max_services ({max_services:,})"
        )
    # Most exports are valid, and only need saying so: by the compiled check where the ``fast``
    # extra is installed, else by the copy with its references written out, without the lookups
    # that make up most of validating thousands of records. The original words what is wrong.
    compiled, quick = _compiled_check(), _quick_validator()
    if (compiled is not None and compiled(document)) or (quick is not None and quick.is_valid(document)):
        problem = None
    else:
        problem = best_match(_validator().iter_errors(document))
    if problem is not None:
        where = "/".join(quoted(part, 60) for part in problem.absolute_path) or "the top level"
        raise RemoteError(f"it is not a svcready export: at {where}, {printable(problem.message, 300)}")
    return services  # type: ignore[return-value]


@functools.cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(shipped_schema(EXPORT_SCHEMA_FILENAME).read_text(encoding="utf-8"))
    return schema


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    validator: jsonschema.protocols.Validator = jsonschema.Draft202012Validator(_schema())
    return validator


@functools.cache
def _compiled_check() -> Callable[[Any], bool] | None:
    return compiled_check(_schema())


@functools.cache
def _quick_validator() -> jsonschema.protocols.Validator | None:
    inlined = inlined_schema(_schema())
    return None if inlined is None else jsonschema.Draft202012Validator(inlined)


def documented(
    source: Source, records: list[dict[str, Any]], levels: tuple[str, ...]
) -> list[portfolio.Documented]:
    """The services of one remote export, linked to its pages."""
    found = []
    for record in records:
        page = _page(record)
        item = portfolio.entry(record, source.location, levels)
        found.append(
            portfolio.Documented(
                docname=record["docname"] or "",
                location=source.location,
                name=item["name"],
                title=item["title"],
                considerations=item["considerations"],
                overview=item["overview"],
                encoded=None,
                project=source.project,
                source=item["source"],
                url=_join(source.base, page) if page else None,
            )
        )
    return found


def _page(record: dict[str, Any]) -> str | None:
    """The record's page, relative to its export; ``None`` for none, or for an address that is not
    relative (such as ``javascript:``), which an export from elsewhere must not slip into links."""
    page = record.get("url") or (f"{record['docname']}.html" if record["docname"] else None)
    if page is None:
        return None
    page = page.partition("#")[0]
    parts = urllib.parse.urlsplit(page)
    if parts.scheme or parts.netloc or page.startswith("/") or "\\" in page:
        return None
    return page


def _join(base: str, page: str) -> str:
    if urllib.parse.urlsplit(base).scheme:
        return urllib.parse.urljoin(base, page)
    return base + page
