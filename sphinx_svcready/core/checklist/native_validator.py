"""A yes/no validator in native code (jsonschema-rs, the ``fast`` extra) for a checklist schema.

jsonschema-rs implements JSON Schema 2020-12 in Rust and says whether a service file's data is
valid about a hundred times sooner than ``jsonschema`` walks the schema. It is only ever asked
that: a document it accepts is valid, and one it refuses, or cannot take (a date the YAML reader
made, a key that is not text, text that is not Unicode), goes on to ``jsonschema``, whose errors
are the ones reported; so no warning depends on whether the extra is installed.

Its "valid" must never mean more than jsonschema's, and two things could make it:

- **formats.** Every format ``jsonschema``'s checker knows is checked by that checker's own
  function (jsonschema-rs would take the year 0000 as a date; Python does not). A format only
  jsonschema-rs knows is checked by it alone, which can only refuse more;
- **regular expressions.** jsonschema-rs reads a pattern as ECMA 262 does; the checklist's
  validator matches ``pattern`` with RE2, and the names of ``patternProperties`` with Python's
  ``re``. They agree on literals, escaped punctuation, classes, groups, alternation, quantifiers
  and anchors (Python's ``$`` also matches before a last newline: jsonschema-rs refuses more),
  not on the shorthand classes (RE2's ``\\s`` is ``[\\t\\n\\f\\r ]``, ECMA 262's holds ``\\v`` and
  the Unicode spaces) nor on a class starting with ``]``. So in a ``pattern`` each
  ``\\d \\D \\s \\S \\w \\W`` is written out as the ASCII class RE2 means (found by asking RE2),
  and a schema with a pattern holding anything else (a flag, ``\\b``, a shorthand in a name
  pattern, ``[]``, a class with ``&&`` or ``[``) gets no native check.

It is given the copy of the schema with its references written out (quick_validator.py), and
runs offline: nothing is fetched. It is built on its first use, so a run whose files are all
taken from a cache never builds it. Nothing here imports Sphinx.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from typing import Any

from sphinx_svcready.core.checklist.safety import compiled

#: Keywords whose value is one schema.
_SCHEMA = frozenset(
    {"items", "additionalProperties", "not", "propertyNames", "if", "then", "else", "contains"}
    | {"unevaluatedProperties", "unevaluatedItems"}
)
#: Keywords whose value is a list of schemas.
_SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
#: Keywords whose value maps names to schemas (``patternProperties``: patterns to schemas).
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "dependentSchemas"})
#: Punctuation that may follow a backslash and means itself in both dialects.
_ESCAPED_PUNCTUATION = frozenset("\\.-/^$*+?()[]{}|")
#: The shorthand classes, each written out as RE2 means it.
_SHORTHANDS = {"d": r"\d", "s": r"\s", "w": r"\w"}


class Untranslatable(Exception):
    """A pattern jsonschema-rs might read otherwise than the engine that matches it."""


def native_check(
    inlined: dict[str, Any], formats: Callable[[], dict[str, Callable[[Any], bool]]]
) -> Callable[[Any], bool] | None:
    """A function saying whether a document is valid against ``inlined`` (a schema with its
    references written out, quick_validator.py), checking the formats ``formats()`` names with the
    functions it gives (asked when the check is first used); ``None`` when jsonschema-rs is not
    installed or a pattern of the schema might be read otherwise."""
    if importlib.util.find_spec("jsonschema_rs") is None:
        return None
    try:
        translated = _translated(inlined)
    except Untranslatable:
        return None
    return _LazyCheck(translated, formats)


class _LazyCheck:
    """The check, built on its first call; a copy in another process builds its own."""

    def __init__(
        self, schema: dict[str, Any], formats: Callable[[], dict[str, Callable[[Any], bool]]]
    ) -> None:
        self._schema = schema
        self._formats = formats
        self._validate: Callable[[Any], bool] | None = None
        self._unusable = False

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_validate": None}

    def __call__(self, document: Any) -> bool:
        if self._validate is None and not self._unusable:
            self._validate = self._build()
            self._unusable = self._validate is None
        if self._validate is None:
            return False
        try:
            return self._validate(document)
        except Exception:  # a value it cannot take, or any failure of its own, is not a "valid"
            return False

    def _build(self) -> Callable[[Any], bool] | None:
        import jsonschema_rs

        try:
            validator = jsonschema_rs.Draft202012Validator(
                _patterns_written_out(self._schema),
                validate_formats=True,
                ignore_unknown_formats=True,
                formats=self._formats(),
                pattern_options=jsonschema_rs.RegexOptions(),
                offline=True,
            )
        except Exception:  # a schema it cannot take is simply left to jsonschema
            return None
        is_valid: Callable[[Any], bool] = validator.is_valid
        return is_valid


def _translated(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema``, once every pattern in it is known to be one Rust can be given (else
    :class:`Untranslatable`); the patterns are written out when the check is built."""
    _mapped(schema, functools.partial(rust_pattern, check_only=True))
    return schema


def _patterns_written_out(schema: dict[str, Any]) -> dict[str, Any]:
    written: dict[str, Any] = _mapped(schema, rust_pattern)
    return written


#: The engine the checklist's validator matches each kind of pattern with.
RE2, PYTHON = "re2", "python"


def _mapped(node: Any, translate: Callable[[str, str], Any]) -> Any:
    """The schema ``node`` with each pattern (``pattern``, ``patternProperties``' names) passed
    through ``translate``; only keywords whose values are schemas are followed."""
    if not isinstance(node, dict):
        return node
    copy: dict[str, Any] = {}
    for key, value in node.items():
        if key == "pattern" and isinstance(value, str):
            copy[key] = translate(value, RE2)
        elif key in _SCHEMA:
            copy[key] = _mapped(value, translate)
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            copy[key] = [_mapped(item, translate) for item in value]
        elif key in _SCHEMA_MAPS and isinstance(value, dict):
            names = {name: translate(name, PYTHON) if key == "patternProperties" else name for name in value}
            copy[key] = {names[name]: _mapped(item, translate) for name, item in value.items()}
        else:
            copy[key] = value
    return copy


def rust_pattern(pattern: str, engine: str, *, check_only: bool = False) -> str:
    """``pattern`` written so that jsonschema-rs finds it in exactly the texts ``engine``
    (:data:`RE2` or :data:`PYTHON`) does, but for Python's ``$``, where it refuses more;
    :class:`Untranslatable` when it holds anything else (see the module's docstring)."""
    written: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            following = pattern[index + 1 : index + 2]
            if following.lower() in _SHORTHANDS:
                written.append(_shorthand(following, engine, in_class, check_only))
            elif following in _ESCAPED_PUNCTUATION:
                written.append(f"\\{following}")
            else:
                raise Untranslatable(pattern)
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char == "[" or pattern.startswith(("&&", "--", "~~"), index):
                raise Untranslatable(pattern)
        elif char == "[":
            opening = "[^" if pattern.startswith("[^", index) else "["
            # "]" first in a class is a literal to RE2 and Python, an empty class to ECMA 262.
            if pattern.startswith("]", index + len(opening)):
                raise Untranslatable(pattern)
            in_class = True
            written.append(opening)
            index += len(opening)
            continue
        elif char == "(" and pattern.startswith("(?", index) and not pattern.startswith("(?:", index):
            raise Untranslatable(pattern)
        written.append(char)
        index += 1
    if in_class:
        raise Untranslatable(pattern)
    return pattern if check_only else "".join(written)


def _shorthand(letter: str, engine: str, in_class: bool, check_only: bool) -> str:
    """``\\<letter>`` as an explicit class of the characters ``engine`` means by it."""
    negated = letter.isupper()
    if engine != RE2 or (negated and in_class):
        # Python's classes are Unicode-wide; a negated class cannot be written inside another.
        raise Untranslatable(f"\\{letter}")
    if check_only:
        return ""
    body = _class_body(letter.lower())
    if in_class:
        return body
    return f"[^{body}]" if negated else f"[{body}]"


@functools.lru_cache(maxsize=len(_SHORTHANDS))
def _class_body(letter: str) -> str:
    """The characters RE2 matches with ``\\<letter>`` (all of them ASCII), as ranges."""
    expression = compiled(_SHORTHANDS[letter])
    matched = sorted(ord(found) for found in expression.findall("".join(map(chr, range(0x80)))))
    ranges: list[str] = []
    start = previous = matched[0]
    for point in (*matched[1:], None):
        if point is not None and point == previous + 1:
            previous = point
            continue
        ranges.append(f"\\x{start:02X}" if start == previous else f"\\x{start:02X}-\\x{previous:02X}")
        if point is not None:
            start = previous = point
    return "".join(ranges)
