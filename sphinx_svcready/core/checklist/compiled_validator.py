"""A yes/no validator compiled to Python by fastjsonschema, for a schema it reads as 2020-12 does.

fastjsonschema (the ``fast`` extra) writes a schema out as one Python function, which says
whether a document is valid some thirty times sooner than ``jsonschema`` walks the schema. It
knows drafts 4 to 7, not 2020-12, so it is only given the copy of a schema with its references
written out (:mod:`.quick_validator`), and only when every keyword in that copy means the same in
draft 7 as in 2020-12 and fastjsonschema would not read it more loosely:

- ``enum`` and ``const`` hold strings only (in Python ``1 == True``, which 2020-12 tells apart);
- a ``pattern`` has no ``$`` but a last one (fastjsonschema reads ``$`` as ``\\Z``: stricter at the
  end, a different pattern anywhere else);
- formats are not checked (``jsonschema`` checks none without a format checker), and defaults are
  never written into the document.

A document it accepts is valid. One it refuses, or any doubt, goes on to ``jsonschema``, whose
errors are the ones reported, so the wording never depends on whether the extra is installed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx_svcready.core.checklist.quick_validator import inlined_schema

#: Keywords whose value is one schema.
_SCHEMA = frozenset({"items", "additionalProperties", "not", "propertyNames", "if", "then", "else"})
#: Keywords whose value is a list of schemas.
_SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf"})
#: Keywords whose value maps names to schemas.
_SCHEMA_MAPS = frozenset({"properties", "patternProperties"})
#: Keywords that constrain by a value, read alike in draft 7 and 2020-12.
_CONSTRAINTS = frozenset(
    {
        "type",
        "required",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minProperties",
        "maxProperties",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
    }
)
#: Keywords that only describe, and that neither validator checks (formats are left unchecked).
_ANNOTATIONS = frozenset({"title", "description", "default", "examples", "$comment", "format", "deprecated"})
_DRAFT_7 = "http://json-schema.org/draft-07/schema#"


def compiled_check(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
    """A function saying whether a document is valid against ``schema``, or ``None`` when
    fastjsonschema is not installed or might read ``schema`` otherwise than 2020-12 does."""
    try:
        import fastjsonschema
    except ImportError:
        return None
    copy = inlined_schema(schema)
    if copy is None:
        return None
    definition = {key: value for key, value in copy.items() if key not in ("$schema", "$id")}
    if not _read_alike(definition):
        return None
    try:
        validate = fastjsonschema.compile(
            {**definition, "$schema": _DRAFT_7}, use_default=False, use_formats=False
        )
    except Exception:  # a schema it cannot compile is simply left to jsonschema
        return None

    def check(document: Any) -> bool:
        try:
            validate(document)
        except Exception:  # a refusal, or any failure of its own, is not a "valid"
            return False
        return True

    return check


def _read_alike(node: Any) -> bool:
    """Whether fastjsonschema, as draft 7, reads the schema ``node`` as 2020-12 would."""
    if isinstance(node, bool):
        return True
    if not isinstance(node, dict):
        return False
    for key, value in node.items():
        if key in _ANNOTATIONS or key.startswith("x-"):
            continue
        if key in _SCHEMA:
            # A list of ``items`` is draft 7's tuple form, which 2020-12 spells ``prefixItems``.
            if not _read_alike(value):
                return False
        elif key in _SCHEMA_LISTS:
            if not isinstance(value, list) or not all(_read_alike(item) for item in value):
                return False
        elif key in _SCHEMA_MAPS:
            if not isinstance(value, dict) or not all(_read_alike(item) for item in value.values()):
                return False
        elif key == "enum":
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                return False
        elif key == "const":
            if not isinstance(value, str):
                return False
        elif key == "pattern":
            if not isinstance(value, str) or not _pattern_alike(value):
                return False
        elif key not in _CONSTRAINTS:
            return False
    return True


def _pattern_alike(pattern: str) -> bool:
    """Whether fastjsonschema's ``$`` → ``\\Z`` leaves ``pattern`` the same or only stricter."""
    dollars = pattern.count("$")
    return dollars == 0 or (dollars == 1 and pattern.endswith("$") and not pattern.endswith("\\$"))
