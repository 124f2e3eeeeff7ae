"""Federation in the build: other docs projects' exports, read at the start of a build and kept.

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
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from sphinx_svcready.core.checklist.loading import ChecklistError
from sphinx_svcready.core.remote.exports import (
    Remote,
    RemoteError,
    Source,
    documented,
    fetch,
    parse,
    sources,
)
from sphinx_svcready.core.subtypes import Subtype
from sphinx_svcready.core.text import quoted
from sphinx_svcready.sphinx_ext import config
from sphinx_svcready.sphinx_ext.domain import domain
from sphinx_svcready.sphinx_ext.warn import warn

CACHE_DIR = "svcready-remote"


# -- the build --------------------------------------------------------------------------------


def load(app: Sphinx) -> None:
    """``builder-inited``: fetch or read every remote export; fall back on the cached copies."""
    settings = app.config.svcready_remote_exports
    if not settings:
        domain(app.env).remotes = ()
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
    domain(app.env).remotes = tuple(loaded)


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
