"""What a checklist schema may ask of a build, checked once when it loads.

A checklist comes from whoever configured the build, and JSON Schema can do more than a checklist
needs: fetch a ``$ref`` from the network or the disk, refer to itself in a loop, expand
exponentially, or hold a regular expression that backtracks for hours on a crafted answer. A
schema is refused here, with the reason, when:

- a ``$ref`` (or ``$dynamicRef``) points anywhere but inside the schema itself (``#...``): nothing
  is ever fetched or read from elsewhere, and the validators get a registry that retrieves nothing;
- references loop without descending into the answer (``a`` refers to ``b``, ``b`` to ``a``), which
  no answer can satisfy and which would recurse forever;
- validating one value would evaluate more than :data:`MAX_SCHEMAS_PER_VALUE` schemas (chains of
  ``allOf`` pairs double at every level);
- a ``pattern`` cannot run in RE2, which matches in linear time on any answer, or a pattern that
  is matched against key names (``patternProperties``, ``propertyNames``), which the validator
  runs with Python's backtracking engine, quantifies a group or has more than
  :data:`MAX_KEY_PATTERN_REPEATS` open-ended repeats.

Nothing here imports Sphinx.
"""

from __future__ import annotations

import functools
import urllib.parse
from collections.abc import Iterator
from typing import Any

import re2

#: The most schemas one answer may be checked against; the packaged checklist needs under 20.
MAX_SCHEMAS_PER_VALUE = 10_000
#: The most open-ended repeats (``*``, ``+``, ``{n,}``) in a pattern matched against key names.
MAX_KEY_PATTERN_REPEATS = 2

#: Keywords whose schemas apply to the same value (the schema at hand is evaluated together
#: with them), as opposed to the parts of it (properties, items).
_IN_PLACE_LISTS = ("allOf", "anyOf", "oneOf")
_IN_PLACE_ONE = ("not", "if", "then", "else")
_IN_PLACE_MAPS = ("dependentSchemas",)
_DESCENDING_LISTS = ("prefixItems",)
_DESCENDING_ONE = (
    "items",
    "contains",
    "additionalProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "propertyNames",
)
_DESCENDING_MAPS = ("properties", "patternProperties")
_REFERENCES = ("$ref", "$dynamicRef")


class UnsafeSchema(Exception):
    """The schema asks for something a checklist may not (the message says what and where)."""


def check_schema_safety(schema: dict[str, Any]) -> None:
    """Raise :class:`UnsafeSchema` when ``schema`` may not be used as a checklist."""
    anchors: dict[str, str] = {}
    nodes: dict[str, Any] = {}
    for pointer, node in _subschemas(schema):
        nodes[pointer] = node
        if pointer and "$id" in node:
            raise UnsafeSchema(
                f"it has a nested $id at {pointer}; a checklist is one schema, referring only inside itself"
            )
        for keyword in ("$anchor", "$dynamicAnchor"):
            if isinstance(node.get(keyword), str):
                anchors[node[keyword]] = pointer
        _check_patterns(node, pointer)
    in_place = {
        pointer: list(_in_place_targets(node, pointer, anchors, nodes)) for pointer, node in nodes.items()
    }
    _check_no_loops(in_place)
    _check_cost(in_place)


def _subschemas(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object in ``schema``, with its JSON pointer ("" for the root), walked without
    recursion."""
    stack: list[tuple[str, Any]] = [("", schema)]
    while stack:
        pointer, node = stack.pop()
        if not isinstance(node, dict):
            continue
        yield pointer, node
        for keyword, value in node.items():
            where = f"{pointer}/{_escape(keyword)}"
            if keyword in (*_IN_PLACE_LISTS, *_DESCENDING_LISTS) and isinstance(value, list):
                stack.extend((f"{where}/{index}", item) for index, item in enumerate(value))
            elif keyword in (*_IN_PLACE_MAPS, *_DESCENDING_MAPS, "$defs", "definitions") and isinstance(
                value, dict
            ):
                stack.extend((f"{where}/{_escape(name)}", item) for name, item in value.items())
            elif keyword in (*_IN_PLACE_ONE, *_DESCENDING_ONE):
                stack.append((where, value))


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _in_place_targets(
    node: dict[str, Any], pointer: str, anchors: dict[str, str], nodes: dict[str, Any]
) -> Iterator[str]:
    """The pointers of the schemas evaluated on the same value as the one at ``pointer``."""
    for keyword in _IN_PLACE_LISTS:
        for index, _item in enumerate(node.get(keyword) or []):
            yield f"{pointer}/{keyword}/{index}"
    for keyword in _IN_PLACE_ONE:
        if isinstance(node.get(keyword), dict):
            yield f"{pointer}/{keyword}"
    for keyword in _IN_PLACE_MAPS:
        for name in node.get(keyword) or {}:
            yield f"{pointer}/{keyword}/{_escape(name)}"
    for keyword in _REFERENCES:
        if keyword in node:
            yield _target(node[keyword], f"{pointer}/{keyword}", anchors, nodes)


def _target(reference: Any, where: str, anchors: dict[str, str], nodes: dict[str, Any]) -> str:
    """The pointer a reference leads to; :class:`UnsafeSchema` for any reference leaving the schema."""
    if not isinstance(reference, str) or not reference.startswith("#"):
        raise UnsafeSchema(
            f"{where} refers to {reference!r}; a checklist's references point inside it (#/...): "
            "nothing is fetched from the network or read from another file"
        )
    fragment = urllib.parse.unquote(reference[1:])
    if fragment and not fragment.startswith("/"):
        if fragment not in anchors:
            raise UnsafeSchema(f"{where} refers to the anchor {fragment!r}, which the schema does not have")
        return anchors[fragment]
    if fragment not in nodes:
        raise UnsafeSchema(f"{where} refers to {reference!r}, which is not a schema in the checklist")
    return fragment


def _check_no_loops(in_place: dict[str, list[str]]) -> None:
    """Depth-first, without recursion: a schema reached again on the same value is a loop."""
    done: set[str] = set()
    for start in sorted(in_place):
        if start in done:
            continue
        path = [start]
        on_path = {start}
        pending = [iter(in_place[start])]
        while pending:
            following = next(pending[-1], None)
            if following is None:
                pending.pop()
                done.add(path[-1])
                on_path.discard(path.pop())
                continue
            if following in on_path:
                loop = [*path[path.index(following) :], following]
                raise UnsafeSchema(
                    "its references loop without descending into the answer: "
                    + " -> ".join(f"#{step}" for step in loop)
                )
            if following not in done:
                path.append(following)
                on_path.add(following)
                pending.append(iter(in_place[following]))


def _check_cost(in_place: dict[str, list[str]]) -> None:
    """How many schemas validating one value evaluates, counted once per schema with memory, so a
    doubling chain costs its length to count, not its size."""
    cost: dict[str, int] = {}
    for start in in_place:
        stack = [start]
        while stack:
            pointer = stack[-1]
            if pointer in cost:
                stack.pop()
                continue
            missing = [target for target in in_place[pointer] if target not in cost]
            if missing:
                stack.extend(missing)
                continue
            stack.pop()
            cost[pointer] = 1 + sum(cost[target] for target in in_place[pointer])
            if cost[pointer] > MAX_SCHEMAS_PER_VALUE:
                raise UnsafeSchema(
                    f"validating one value against #{pointer} would evaluate more than "
                    f"{MAX_SCHEMAS_PER_VALUE} schemas (references that expand in pairs double at every level)"
                )


def _check_patterns(node: dict[str, Any], pointer: str) -> None:
    pattern = node.get("pattern")
    if isinstance(pattern, str):
        try:
            compiled(pattern)
        except re2.error as error:
            raise UnsafeSchema(
                f"the pattern {pattern!r} at {pointer}/pattern cannot run in linear time ({_reason(error)}); "
                "backreferences and lookaround are not supported"
            ) from None
    key_patterns = list(node.get("patternProperties") or {})
    names = node.get("propertyNames")
    if isinstance(names, dict) and isinstance(names.get("pattern"), str):
        key_patterns.append(names["pattern"])
    for key_pattern in key_patterns:
        problem = _backtracking(key_pattern)
        if problem:
            raise UnsafeSchema(
                f"the key pattern {key_pattern!r} at {pointer} {problem}, which could make matching a "
                "crafted key take hours; write it without that"
            )


def _backtracking(pattern: str) -> str | None:
    """Why ``pattern`` might backtrack badly in Python's engine, or ``None``: a conservative reading
    of the pattern's text that refuses quantified groups and many open-ended repeats."""
    repeats = 0
    index = 0
    in_class = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[index + 1 : index + 2] == "]":
                index += 1
        elif char in "*+{" and index and pattern[index - 1] == ")":
            return "repeats a group"
        elif char in "*+" or (char == "{" and "," in pattern[index : pattern.find("}", index) + 1]):
            repeats += 1
        index += 1
    if repeats > MAX_KEY_PATTERN_REPEATS:
        return f"has {repeats} open-ended repeats (at most {MAX_KEY_PATTERN_REPEATS})"
    return None


def _reason(error: re2.error) -> str:
    text = error.args[0] if error.args else error
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


@functools.lru_cache(maxsize=512)
def compiled(pattern: str) -> Any:
    """``pattern`` compiled by RE2 (linear-time matching), quietly: RE2 logs refusals otherwise."""
    options = re2.Options()
    options.log_errors = False
    return re2.compile(pattern, options=options)
