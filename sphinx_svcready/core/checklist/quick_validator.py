"""A copy of a checklist schema with its local ``$ref``\\ s written out in place, for a quick yes/no.

Most service files are valid, and for a valid file validation only has to say so. Following a
``$ref`` is the dearest step of ``jsonschema``'s validation (a lookup and a new validator for
every answer), so the checklist also keeps a validator of this copy, in which each
``{"$ref": "#/$defs/x", ...}`` becomes ``{"allOf": [<x, written out>], ...}``: the same
constraints, and, in JSON Schema 2020-12, the same evaluated properties for
``unevaluatedProperties``. A file it accepts is valid; one it refuses goes to the original
validator, whose errors are the ones reported.

A schema this cannot copy faithfully (a ``$ref`` to another document, ``$anchor``, a nested
``$id``, dynamic references, a reference to itself), or whose copy would pass
:data:`MAX_COPIED_SCHEMAS` schemas (references met many times over are written out each time),
gets no copy, and every file is checked by the original validator alone.
"""

from __future__ import annotations

from typing import Any

_UNSUPPORTED = frozenset({"$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor"})
#: Keywords whose value is data (compared with the instance, or shown), not a schema.
_VALUES = frozenset({"const", "enum", "examples", "default", "required", "type", "dependentRequired"})
#: Keywords whose value maps names to schemas (the names are not keywords).
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "dependentSchemas"})


#: The most schemas a copy may hold: the packaged checklist's has under 1,000.
MAX_COPIED_SCHEMAS = 50_000


class _CannotInline(Exception):
    pass


def inlined_schema(schema: dict[str, Any]) -> dict[str, Any] | None:
    """``schema`` with every local ``$ref`` written out, or ``None`` when that would change it."""
    try:
        copy: dict[str, Any] = _Inliner(schema).copy(schema, (), root=True)
        return copy
    except _CannotInline:
        return None


class _Inliner:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.budget = MAX_COPIED_SCHEMAS

    def copy(self, node: Any, stack: tuple[str, ...], root: bool = False) -> Any:
        """The schema ``node`` with its references written out; ``stack``: those being written."""
        if not isinstance(node, dict):
            return node  # true, false
        self.budget -= 1
        if self.budget < 0 or _UNSUPPORTED & node.keys() or ("$id" in node and not root):
            raise _CannotInline
        copy: dict[str, Any] = {}
        for key, value in node.items():
            if key in ("$ref", "$defs"):
                continue  # $defs are only ever reached through references, which are written out
            if key in _VALUES or key.startswith("x-") or not isinstance(value, (dict, list)):
                copy[key] = value  # data or annotations, never a schema: kept as written
            elif key in _SCHEMA_MAPS and isinstance(value, dict):
                copy[key] = {name: self.copy(schema, stack) for name, schema in value.items()}
            elif isinstance(value, list):
                copy[key] = [self.copy(item, stack) for item in value]
            else:
                copy[key] = self.copy(value, stack)
        if "$ref" in node:
            reference = node["$ref"]
            local = isinstance(reference, str) and (reference == "#" or reference.startswith("#/"))
            # Percent-encoded pointers are rare enough to leave to the original validator.
            if not local or "%" in reference or reference in stack:
                raise _CannotInline
            target = self.copy(self.resolve(reference), (*stack, reference))
            copy["allOf"] = [*copy.get("allOf", []), target]
        return copy

    def resolve(self, reference: str) -> Any:
        """The part of the schema a ``#/a/b`` reference points at (RFC 6901)."""
        node: Any = self.root
        for part in reference[1:].split("/")[1:] if reference != "#" else []:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise _CannotInline
        return node
