"""Run one probe against a repository: what it found, or what it looked for and did not find.

A finding never holds more of a file than the probe asked for: a matched line gives its value (or
the probe's own), never the line itself, and a secrets scan gives the file, line and kind of a
possible credential, never the credential.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import re2

from sphinx_svcready.core.evidence import secrets
from sphinx_svcready.core.evidence.probes import Probe
from sphinx_svcready.core.evidence.repository import ProbeLimit, Repository, is_binary
from sphinx_svcready.core.model import CatalogLink
from sphinx_svcready.core.reading.bounded_json import JsonError, parse_json
from sphinx_svcready.core.reading.files import FileRefused
from sphinx_svcready.core.reading.yaml_reader import LoadedDocument, load_text
from sphinx_svcready.core.text import printable

_VALUE_LIMIT = 80


@dataclass(frozen=True)
class Finding:
    """What one probe found in one repository."""

    found: bool
    #: What was found ("LICENSE"), or what was looked for and not found, in words.
    says: str
    #: The value found, for a probe that finds one (a licence identifier, a coverage figure).
    value: str | None = None
    #: Where, as a repository-relative path and a line, when the finding is in one place.
    path: str | None = None
    line: int | None = None
    #: A file the probe named could not be used (too large, binary, unreadable, malformed).
    problem: str | None = None
    #: Every file and folder the probe looked at (absolute), to re-check when one changes.
    looked_at: tuple[str, ...] = field(default=(), compare=False)
    #: False when the probe could not run at all (its optional extra is not installed): its
    #: absence of a finding then proves nothing.
    ran: bool = True


def run_probe(probe: Probe, repository: Repository) -> Finding:
    """The finding of ``probe`` in ``repository``, within the repository's limits."""
    repository.start()
    try:
        finding = _RUNNERS[probe.kind](probe, repository)
    except ProbeLimit as limit:
        finding = Finding(False, f"{probe.looks_for}: {limit}", problem=f"the probe {limit}")
    return dataclasses.replace(finding, looked_at=tuple(sorted(repository.looked_at)))


def annotation_finding(probe: Probe, catalog: CatalogLink | None) -> Finding:
    """The finding of an ``annotation`` probe in the service's Backstage Component."""
    if catalog is None:
        return Finding(False, "no catalog file", ran=False)
    values = dict(catalog.annotations)
    if probe.key not in values:
        return Finding(
            False,
            f"no {probe.looks_for}" if probe.says else f"{catalog.source} has no annotation {probe.key}",
        )
    value = printable(values[probe.key], _VALUE_LIMIT)
    line = dict(catalog.annotation_lines).get(probe.key)
    # The file's name, not its path: what a page shows must not depend on where it was built.
    name = PurePath(catalog.source).name
    return Finding(True, f"{probe.key}: {value} in {name}", value, name, line)


def _file(probe: Probe, repository: Repository) -> Finding:
    found = list(repository.matching(probe.paths))
    if not found:
        return Finding(False, f"no {probe.says}" if probe.says else f"no file matches {probe.looks_for}")
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return Finding(True, f"{found[0]}{more}", path=found[0])


def _match(probe: Probe, repository: Repository) -> Finding:
    pattern = re2.compile(probe.pattern)
    refused = []
    for relative in repository.matching(probe.paths):
        try:
            raw = repository.read(relative)
        except FileRefused as error:
            if not error.reason.startswith("is a folder"):
                refused.append(f"{relative} {error.reason}")
            continue
        if is_binary(raw):
            continue
        for number, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), 1):
            hit = pattern.search(line)
            if hit is None:
                continue
            value = probe.value or (hit.group(1) if pattern.groups else None)
            shown = printable(value.strip(), _VALUE_LIMIT) if value else None
            says = f"{relative}:{number}" + (f": {shown}" if shown else "")
            return Finding(True, says, shown, relative, number)
    return Finding(
        False,
        f"no {probe.looks_for}" if probe.says else f"no line matching {probe.pattern!r} in {_listed(probe)}",
        problem="; ".join(refused) or None,
    )


def _value(probe: Probe, repository: Repository) -> Finding:
    try:
        raw = repository.read(probe.file)
    except FileRefused as error:
        if error.reason in ("does not exist",) or error.reason.startswith("cannot be read: No such"):
            return Finding(False, f"there is no {probe.file}")
        return Finding(False, f"{probe.file} {error.reason}", problem=f"{probe.file} {error.reason}")
    try:
        data, lines = _parsed(probe.file, raw)
    except ValueError as error:
        return Finding(
            False, f"{probe.file} cannot be read: {error}", problem=f"{probe.file} cannot be read: {error}"
        )
    node: Any = data
    for part in probe.at.split("."):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return Finding(False, f"{probe.file} has no {probe.at}")
    if isinstance(node, (dict, list)) or node is None:
        return Finding(False, f"{probe.at} in {probe.file} is not a single value")
    shown = printable(str(node).lower() if isinstance(node, bool) else str(node), _VALUE_LIMIT)
    line = lines.get(tuple(int(p) if p.isdigit() else p for p in probe.at.split(".")))
    where = f"{probe.at} in {probe.file}"
    if not _compares(node, probe):
        return Finding(False, f"{where} is {shown}, {_wanted(probe)}", shown, probe.file, line)
    return Finding(True, f"{where} is {shown}", shown, probe.file, line)


def _secrets(probe: Probe, repository: Repository) -> Finding:
    try:
        found, refused = secrets.scan(probe, repository)
    except secrets.SecretsUnavailable as missing:
        # Not a warning: a build without the extra is not broken, its answer is only unverified.
        return Finding(False, f"not checked: {missing}", ran=False)
    problem = "; ".join(refused) or None
    if not found:
        return Finding(False, f"no {probe.looks_for}", problem=problem)
    first = found[0]
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    says = f"a possible credential ({first.kind}) at {first.path}:{first.line}{more}"
    return Finding(True, says, path=first.path, line=first.line, problem=problem)


_RUNNERS = {"file": _file, "match": _match, "value": _value, "secrets": _secrets}


def _parsed(name: str, raw: bytes) -> tuple[Any, dict[Any, int]]:
    lowered = name.lower()
    text = raw.decode("utf-8")  # a UnicodeDecodeError is a ValueError
    if lowered.endswith(".toml"):
        return tomllib.loads(text), {}
    if lowered.endswith((".yaml", ".yml")):
        document = load_text(text, LoadedDocument(name))
        if document.problems:
            raise ValueError(document.problems[0].message)
        return document.data, dict(document.lines)
    try:
        return parse_json(text), {}
    except JsonError as error:
        raise ValueError(str(error)) from None


def _compares(value: Any, probe: Probe) -> bool:
    if probe.equals is not None and value != probe.equals:
        return False
    if probe.at_least is None and probe.at_most is None:
        return True
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if probe.at_least is not None and value < probe.at_least:
        return False
    return probe.at_most is None or value <= probe.at_most


def _wanted(probe: Probe) -> str:
    wanted = []
    if probe.equals is not None:
        wanted.append(f"not {probe.equals!r}")
    if probe.at_least is not None:
        wanted.append(f"under {probe.at_least:g}")
    if probe.at_most is not None:
        wanted.append(f"over {probe.at_most:g}")
    return " and ".join(wanted) or "not as wanted"


def _listed(probe: Probe) -> str:
    return ", ".join(probe.paths)
