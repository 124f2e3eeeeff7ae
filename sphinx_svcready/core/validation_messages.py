"""Turn JSON Schema validation errors into plain messages located at a path in the document.

jsonschema's own messages quote Python reprs and say nothing of what to write instead; these say
what is wrong in the user's terms, with a did-you-mean for misspelt keys.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sphinx_svcready.core.checklist.loading import known_keys
from sphinx_svcready.core.model import DataPath

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

_EXTRA_KEYS = ("additionalProperties", "unevaluatedProperties")
#: Unknown keys reported one by one per mapping; a file of thousands gets one line for the rest.
MAX_UNKNOWN_KEYS = 10
_YAML11_BOOLEANS = frozenset({"yes", "no", "y", "n", "on", "off"})
_KINDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
    "array": "a list",
    "object": "a mapping",
}


def dotted(path: DataPath) -> str:
    """``('considerations', 'code', 'repositories', 0)`` -> ``considerations.code.repositories[0]``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def kind_of(value: Any) -> str:
    """A reader's name for the type of a YAML value."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def is_extra_key_error(error: ValidationError) -> bool:
    """Unknown keys are reported but do not make the surrounding answer invalid."""
    return error.validator in _EXTRA_KEYS


def describe(error: ValidationError, root: dict[str, Any]) -> Iterator[tuple[DataPath, str]]:
    """Yield (path, message) pairs for one validation error; unknown keys yield one pair each."""
    path: DataPath = tuple(error.absolute_path)
    where = f"{dotted(path)}: " if path else ""
    validator = error.validator
    instance = error.instance
    expected: Any = error.validator_value
    if validator in _EXTRA_KEYS and isinstance(instance, dict):
        allowed = sorted(known_keys(root, error.schema if isinstance(error.schema, dict) else {}))
        unknown = [str(key) for key in instance if key not in allowed]
        for key in unknown[:MAX_UNKNOWN_KEYS]:
            yield (*path, key), where + unknown_key_message(key, allowed)
        if len(unknown) > MAX_UNKNOWN_KEYS:
            yield path, f"{where}{len(unknown) - MAX_UNKNOWN_KEYS:,} more unknown keys, not listed one by one"
        return
    if validator in ("anyOf", "oneOf"):
        yield from _describe_alternatives(error, root, path, where)
        return
    if validator == "type":
        wanted = _expected(expected)
        if isinstance(error.schema, dict) and error.schema.get("format") == "date":
            wanted = "a date written YYYY-MM-DD"
        yield path, f"{where}expected {wanted}, not {kind_of(instance)}"
    elif validator == "required":
        missing = [key for key in expected if isinstance(instance, dict) and key not in instance]
        for key in missing:
            # Located at the missing key, so that only what needed it counts as invalid.
            yield (*path, key), f"{where}missing the required key '{key}'"
    elif validator == "enum":
        options = ", ".join(str(option) for option in expected)
        yield path, f"{where}'{instance}' is not one of: {options}"
    elif validator == "pattern":
        hint = error.schema.get("description") if isinstance(error.schema, dict) else None
        yield path, f"{where}'{instance}' is not in the expected form" + (f" ({hint})" if hint else "")
    elif validator == "format":
        form = (
            "a date written YYYY-MM-DD"
            if error.validator_value == "date"
            else f"a valid {error.validator_value}"
        )
        yield path, f"{where}'{instance}' is not {form}"
    elif validator == "minProperties":
        yield path, f"{where}is empty: write an answer, 'not-applicable: <reason>' or 'waived: ...'"
    elif validator == "maxProperties":
        yield path, f"{where}write either 'not-applicable' or 'waived', not both"
    else:
        yield path, f"{where}{error.message}"


def unknown_key_message(key: str, allowed: Iterable[str]) -> str:
    allowed = list(allowed)
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown key '{key}' (did you mean '{close[0]}'?)"
    return f"unknown key '{key}'; expected one of: {', '.join(allowed)}"


def _describe_alternatives(
    error: ValidationError, root: dict[str, Any], path: DataPath, where: str
) -> Iterator[tuple[DataPath, str]]:
    # A mapping can only have meant a marker (not-applicable / waived); anything else can only
    # have meant a plain answer. Report the errors of the alternative the user was aiming at,
    # and inside a list or a marker, the errors of the item or field that is wrong.
    depth = len(path)
    deeper = [sub for sub in error.context or () if len(sub.absolute_path) > depth]
    aimed = deeper or [sub for sub in error.context or () if sub.validator != "type"]
    if deeper or (isinstance(error.instance, dict) and aimed):
        for sub in aimed:
            yield from describe(sub, root)
        return
    expected = sorted(
        {
            _expected(sub.validator_value)
            for sub in error.context or ()
            if sub.validator == "type" and sub.validator_value != "object"
        }
    )
    answer = " or ".join(expected) if expected else "an answer"
    yield (
        path,
        (
            f"{where}expected {answer}, or 'not-applicable: <reason>', or 'waived:' with reason, "
            f"approved-by and until; not {kind_of(error.instance)}{_yes_no_hint(expected, error.instance)}"
        ),
    )


def _yes_no_hint(expected: list[str], instance: Any) -> str:
    # YAML 1.1 read yes/no/on/off as booleans; YAML 1.2 (and this tool) reads them as words.
    word = instance.strip().lower() if isinstance(instance, str) else ""
    if "true or false" not in expected or word not in _YAML11_BOOLEANS:
        return ""
    meant = "true" if word in ("yes", "y", "on") else "false"
    return f" ('{instance.strip()}' is a word here: write {meant})"


def _expected(types: Any) -> str:
    names = [types] if isinstance(types, str) else list(types)
    words = [_KINDS.get(name, name) for name in names if name != "null"]
    return " or ".join(words) if words else "nothing"
