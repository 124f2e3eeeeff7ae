"""Federation: other docs projects' exports, read at the start of a build, their services linked here.

``svcready_remote_exports = {"payments": "https://docs.example.com/payments/svcready.json"}``
names the ``svcready.json`` of other docs projects, as intersphinx names their inventories. At
``builder-inited`` each is fetched over HTTP(S) (with a time limit and a size limit) or read from
a local path (relative to ``conf.py``; no network, so it works offline), checked against the export
format, and kept in the build directory. When it cannot be fetched, or what came is not an export,
that is a ``svcready.remote`` warning and the last good copy is used. Their services then join
this project's summary, ``:service:`` references and dependency links, linking to the pages of
the site that documents them.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import functools
import hashlib
import json
import os
import urllib.parse
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import __version__, config, portfolio
from .catalogue import Subtype
from .config import DEFAULT_REMOTE_MAX_SERVICES
from .fetch import FetchError, download, is_web_address
from .safefile import FileRefused, read_regular
from .safejson import JsonError, parse_json
from .safetext import printable, quoted
from .schema import ChecklistError
from .shipped import shipped_schema
from .warnings_ import warn

EXPORT_SCHEMA_FILENAME = "svcready-export.schema.json"
CACHE_DIR = "svcready-remote"


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
    problem = best_match(_validator().iter_errors(document))
    if problem is not None:
        where = "/".join(quoted(part, 60) for part in problem.absolute_path) or "the top level"
        raise RemoteError(f"it is not a svcready export: at {where}, {printable(problem.message, 300)}")
    return services  # type: ignore[return-value]


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(shipped_schema(EXPORT_SCHEMA_FILENAME).read_text(encoding="utf-8"))
    validator: jsonschema.protocols.Validator = jsonschema.Draft202012Validator(schema)
    return validator


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
                encoded=item["record"],
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


# -- the build --------------------------------------------------------------------------------

_REMOTES: weakref.WeakKeyDictionary[BuildEnvironment, tuple[Remote, ...]] = weakref.WeakKeyDictionary()


def remotes(env: BuildEnvironment) -> tuple[Remote, ...]:
    """The remote exports this build read, in the order ``svcready_remote_exports`` names them."""
    return _REMOTES.get(env, ())


def load(app: Sphinx) -> None:
    """``builder-inited``: fetch or read every remote export; fall back on the cached copies."""
    settings = app.config.svcready_remote_exports
    if not settings:
        _REMOTES[app.env] = ()
        return
    every = sources(settings, app.confdir, app.outdir)
    cache = Path(app.doctreedir) / CACHE_DIR
    timeout, limit = app.config.svcready_remote_timeout, app.config.svcready_remote_max_bytes
    most = app.config.svcready_remote_max_services
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(8, len(every))) as pool:
        results = list(pool.map(lambda source: _outcome(source, timeout, limit), every))
    try:
        levels = config.checklist(app.config).levels
    except ChecklistError:
        levels = ()
    loaded = []
    for source, outcome in zip(every, results, strict=True):
        records = _usable(app, source, outcome, cache / f"{source.project}.json", most)
        if records is None:
            continue
        data, services = records
        digest = hashlib.sha256(data + source.base.encode()).hexdigest()
        loaded.append(Remote(source, tuple(documented(source, services, levels)), digest))
    _warn_repeated_names(app, loaded)
    _REMOTES[app.env] = tuple(loaded)


def _outcome(source: Source, timeout: float, limit: int) -> bytes | RemoteError:
    try:
        return fetch(source, timeout, limit)
    except RemoteError as error:
        return error


def _usable(
    app: Sphinx, source: Source, outcome: bytes | RemoteError, cached: Path, most: int
) -> tuple[bytes, list[dict[str, Any]]] | None:
    """The export's bytes and records: fresh when they came and are an export, else the cached copy."""
    try:
        if isinstance(outcome, RemoteError):
            raise outcome
        if outcome == _bytes(cached):
            # Checked against the format when it was kept; its time says when it last came.
            records: list[dict[str, Any]] = json.loads(outcome)["services"]
            _keep(cached, None)
        else:
            records = parse(outcome, most)
            _keep(cached, outcome)
        return outcome, records
    except RemoteError as error:
        fallback = _cached(cached, most)
        if fallback is None:
            ending = "there is no earlier copy, so its services are left out"
        else:
            when = datetime.datetime.fromtimestamp(cached.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            ending = f"using the copy kept on {when}"
        warn(
            Subtype.REMOTE,
            f"remote export {source.project!r} ({source.location}): {error}; {ending}",
            config.location_of(app, "svcready_remote_exports"),
        )
        return fallback


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _keep(cached: Path, data: bytes | None) -> None:
    """Keep ``data`` as the last good copy (``None``: the kept copy came again, so touch it).

    A build directory that cannot be written to costs only the copy, never the build.
    """
    try:
        if data is None:
            os.utime(cached)
            return
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".partial")
        partial.write_bytes(data)
        partial.replace(cached)
    except OSError:
        pass


def _cached(path: Path, most: int) -> tuple[bytes, list[dict[str, Any]]] | None:
    try:
        data = path.read_bytes()
        return data, parse(data, most)
    except (OSError, RemoteError):
        return None


def _warn_repeated_names(app: Sphinx, loaded: list[Remote]) -> None:
    first: dict[str, str] = {}
    for remote in loaded:
        for service in remote.services:
            if service.name in first and first[service.name] != remote.source.project:
                warn(
                    Subtype.DUPLICATE,
                    f"service {quoted(service.name)} is in the remote exports {first[service.name]!r} and "
                    f"{remote.source.project!r}; links and the summary use {first[service.name]!r}",
                    config.location_of(app, "svcready_remote_exports"),
                )
            first.setdefault(service.name, remote.source.project)
