"""The validator a checklist's answers are checked by: JSON Schema draft 2020-12, with every
``pattern`` matched by RE2 (linear time on any answer, see safety.py) and a registry that retrieves
nothing, so no ``$ref`` ever reaches the network or the disk.

It is the one module of the checklist that imports jsonschema, which takes longer to import than
checking a file takes: :class:`~.loading.Checklist` builds its validators from here on first use,
so a ``svcready check`` whose every report comes from the cache never pays for it. Nothing here
imports Sphinx.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry

from sphinx_svcready.core.checklist.safety import compiled


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """The ``pattern`` keyword, matched by RE2."""
    if validator.is_type(instance, "string") and not compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


#: Draft 2020-12, with ``pattern`` matched by RE2.
SafeValidator: Any = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _pattern}
)


def safe_validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A validator of ``schema`` that checks formats, matches patterns in linear time and never
    retrieves a reference (jsonschema adds the specifications' metaschemas to the empty registry)."""
    validator: Draft202012Validator = SafeValidator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER, registry=Registry()
    )
    return validator
