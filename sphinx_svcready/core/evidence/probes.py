"""The probes a checklist declares on its questions (``x-svcready-evidence``), read and checked.

A probe is data, not code: the schema (or an organisation's extension) says what to look for and
what a finding means for the answer. A probe that does not make sense is refused when the
checklist loads, with the question it is on, so a bad probe is a configuration error and not a
wrong verdict.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import re2

from sphinx_svcready.core.evidence.repository import is_inside_path

#: The kinds of probe, and what each looks for.
KINDS = {
    "file": "a file or folder matching one of the paths exists",
    "match": "a file matching one of the paths has a line matching the pattern",
    "value": "a value in a JSON, YAML or TOML file, at a dotted path",
    "secrets": "a hard-coded credential in the files (detect-secrets, an optional extra)",
    "annotation": "an annotation of the service's Backstage Component (its catalog file)",
}
_KEYS = {
    "kind",
    "paths",
    "file",
    "at",
    "pattern",
    "value",
    "equals",
    "at-least",
    "at-most",
    "found",
    "missing",
    "says",
    "key",
}


class ProbeError(ValueError):
    """A probe definition is not valid; the message says what and where."""


@dataclass(frozen=True)
class Probe:
    """One probe of one question."""

    kind: str
    #: Repository-relative globs (``LICENSE.*``, ``**/CODEOWNERS``) the probe looks at.
    paths: tuple[str, ...] = ()
    #: A ``value`` probe's file and the dotted path of the value in it.
    file: str = ""
    at: str = ""
    #: A ``match`` probe's RE2 pattern; its first group, if it has one, is the value found.
    pattern: str = ""
    #: The value a ``match`` probe reports when it matches (``"Apache-2.0"``), instead of the text.
    value: str | None = None
    #: A ``value`` probe finds something only when the value compares so.
    equals: Any = None
    at_least: float | None = None
    at_most: float | None = None
    #: For a yes/no question: the answer a finding implies, and the answer its absence implies
    #: (``None``: the absence proves nothing).
    found: bool | None = None
    missing: bool | None = None
    #: What is looked for, in words ("a licence file"); derived from the probe when not given.
    says: str = ""
    #: An ``annotation`` probe's annotation, such as ``pagerduty.com/service-id``.
    key: str = ""

    @property
    def identity(self) -> str:
        """A stable text naming the probe (for caches and the export)."""
        return json.dumps(
            {k: v for k, v in self.__dict__.items() if v not in (None, "", ())}, sort_keys=True, default=str
        )

    @property
    def looks_for(self) -> str:
        if self.says:
            return self.says
        if self.kind == "value":
            return f"{self.at} in {self.file}"
        if self.kind == "match":
            return f"a line matching {self.pattern!r} in {_listed(self.paths)}"
        if self.kind == "annotation":
            return f"annotation {self.key} in the catalog file"
        if self.kind == "secrets":
            return f"hard-coded credential in {_listed(self.paths)}"
        return _listed(self.paths)


def read_probes(value: Any, where: str) -> tuple[Probe, ...]:
    """The probes an ``x-svcready-evidence`` value declares (a probe or a list of them)."""
    items = value if isinstance(value, list) else [value]
    return tuple(_probe(item, f"{where}, probe {index + 1}") for index, item in enumerate(items))


def _probe(item: Any, where: str) -> Probe:
    if not isinstance(item, dict):
        raise ProbeError(f"x-svcready-evidence of {where} must be an object, not {item!r}")
    unknown = sorted(set(item) - _KEYS)
    if unknown:
        raise ProbeError(f"x-svcready-evidence of {where} has unknown keys: {', '.join(unknown)}")
    kind = item.get("kind")
    if kind not in KINDS:
        raise ProbeError(
            f"x-svcready-evidence of {where}: 'kind' must be one of {', '.join(KINDS)}, not {kind!r}"
        )
    paths = item.get("paths", [])
    if not isinstance(paths, list) or not all(isinstance(p, str) and is_inside_path(p) for p in paths):
        raise ProbeError(
            f"x-svcready-evidence of {where}: 'paths' must be a list of relative paths or globs "
            "inside the repository (no '..', not absolute)"
        )
    if kind in ("file", "match", "secrets") and not paths:
        raise ProbeError(f"x-svcready-evidence of {where}: a {kind} probe needs 'paths'")
    annotation = item.get("key", "")
    if kind == "annotation" and not (isinstance(annotation, str) and annotation.strip()):
        raise ProbeError(f"x-svcready-evidence of {where}: an annotation probe needs the annotation's 'key'")
    file = item.get("file", "")
    at = item.get("at", "")
    if kind == "value" and not (
        isinstance(file, str) and is_inside_path(file) and isinstance(at, str) and at
    ):
        raise ProbeError(
            f"x-svcready-evidence of {where}: a value probe needs 'file' (a relative path) and 'at'"
        )
    pattern = item.get("pattern", "")
    if kind == "match":
        if not isinstance(pattern, str) or not pattern:
            raise ProbeError(f"x-svcready-evidence of {where}: a match probe needs a 'pattern'")
        try:
            re2.compile(pattern)
        except re2.error as error:
            raise ProbeError(
                f"x-svcready-evidence of {where}: the pattern {pattern!r} is not RE2: {error}"
            ) from None
    for key in ("found", "missing"):
        if key in item and not isinstance(item[key], bool):
            raise ProbeError(
                f"x-svcready-evidence of {where}: {key!r} must be true or false (the answer it implies)"
            )
    bounds = {key: item.get(key) for key in ("at-least", "at-most")}
    for key, bound in bounds.items():
        if bound is not None and (isinstance(bound, bool) or not isinstance(bound, (int, float))):
            raise ProbeError(f"x-svcready-evidence of {where}: {key!r} must be a number")
    value = item.get("value")
    says = item.get("says", "")
    if (value is not None and not isinstance(value, str)) or not isinstance(says, str):
        raise ProbeError(f"x-svcready-evidence of {where}: 'value' and 'says' must be text")
    return Probe(
        kind=kind,
        paths=tuple(paths),
        file=file,
        at=at,
        pattern=pattern,
        value=value,
        equals=item.get("equals"),
        at_least=bounds["at-least"],
        at_most=bounds["at-most"],
        found=item.get("found"),
        missing=item.get("missing"),
        says=says,
        key=annotation.strip() if isinstance(annotation, str) else "",
    )


def _listed(paths: tuple[str, ...]) -> str:
    if len(paths) == 1:
        return paths[0]
    return f"{', '.join(paths[:-1])} or {paths[-1]}"
