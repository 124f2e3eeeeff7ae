"""Backstage entity refs: ``[kind:][namespace/]name``, completed, shortened and sorted out.

``component:default/billing`` is the full form every ref is kept in; ``billing`` is how Backstage
shows it where a component is expected; a ref of another kind or namespace keeps what differs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DEFAULT_NAMESPACE = "default"
#: One part of a ref: a kind, a namespace or a name.
PART = re.compile(r"[^:/\s]+")
# Backstage's own reading of an entity ref: [kind:][namespace/]name.
_REF = re.compile(r"^(?:(?P<kind>[^:/\s]+):)?(?:(?P<namespace>[^:/\s]+)/)?(?P<name>[^:/\s]+)$")


def parse_ref(
    text: str, kind: str = "component", namespace: str = DEFAULT_NAMESPACE
) -> tuple[str, str, str] | None:
    """``(kind, namespace, name)`` of an entity ref such as ``component:default/billing``."""
    match = _REF.match(text.strip())
    if match is None:
        return None
    return (
        (match["kind"] or kind).casefold(),
        (match["namespace"] or namespace).casefold(),
        match["name"],
    )


def full_ref(text: str, kind: str = "component", namespace: str = DEFAULT_NAMESPACE) -> str | None:
    """``billing`` -> ``component:default/billing``; ``None`` for text that is not an entity ref."""
    parts = parse_ref(text, kind, namespace)
    return None if parts is None else f"{parts[0]}:{parts[1]}/{parts[2]}"


def short_ref(text: str, kind: str = "component") -> str:
    """An entity ref as Backstage shows it: without the default namespace or the expected kind."""
    parts = parse_ref(text, kind)
    if parts is None:
        return text
    found_kind, namespace, name = parts
    shown = name if namespace == DEFAULT_NAMESPACE else f"{namespace}/{name}"
    return shown if found_kind == kind else f"{found_kind}:{shown}"


def component_names(refs: Iterable[str]) -> list[str]:
    """The names of the Component entities among ``refs``: the documented services they may be."""
    names = []
    for ref in refs:
        parts = parse_ref(ref)
        if parts is not None and parts[0] == "component":
            names.append(parts[2])
    return names
