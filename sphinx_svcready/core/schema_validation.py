"""A service file's data checked against the checklist's schema, each error worded for people.

Most files are valid, and saying so is made cheap: content found valid before is not validated
again (validation_cache.py), and the checklist's native check (native_validator.py, with the
``fast`` extra) or its quick validator (quick_validator.py) answers yes or no before the full
validator is asked to word any error. A placeholder answer ("TODO") to
a question whose schema wants a yes or no is unanswered, not invalid, and is not reported here.
Nothing here imports Sphinx.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sphinx_svcready.core.answers import unanswered_because
from sphinx_svcready.core.checklist.loading import Checklist
from sphinx_svcready.core.model import DataPath
from sphinx_svcready.core.validation_cache import ValidationCache
from sphinx_svcready.core.validation_messages import describe, is_extra_key_error

CONSIDERATIONS = "considerations"


@dataclass(frozen=True)
class SchemaProblem:
    """One worded schema error at ``path``; ``extra`` for a key the schema does not know, which
    leaves the value around it usable."""

    path: DataPath
    message: str
    extra: bool


def schema_problems(
    data: dict[str, Any],
    checklist: Checklist,
    placeholders: Sequence[str],
    cache: ValidationCache | None = None,
) -> list[SchemaProblem]:
    """Every schema error of ``data``, worded, each once, in the validator's order."""
    key = cache.key(checklist.schema_digest, data) if cache is not None else ""
    if cache is not None and cache.known_valid(key):
        return []
    native, quick = checklist.native_check, checklist.quick_validator
    if (native is not None and native(data)) or (quick is not None and quick.is_valid(data)):
        if cache is not None:
            cache.remember(key)
        return []
    root = checklist.validator.schema
    assert isinstance(root, dict)
    said: set[tuple[DataPath, str]] = set()
    found = []
    errors = 0
    for error in checklist.validator.iter_errors(data):
        errors += 1
        if _placeholder_answer(error.absolute_path, error.instance, placeholders):
            continue  # "TODO" for a yes/no question is unanswered, not a type error.
        extra = is_extra_key_error(error)
        for path, message in describe(error, root):
            # jsonschema gives one "required" error per missing key and describe() words them all.
            if (path, message) not in said:
                said.add((path, message))
                found.append(SchemaProblem(path, message, extra))
    # Valid by the schema alone: a placeholder forgiven above depends on the options, not the schema.
    if not errors and cache is not None:
        cache.remember(key)
    return found


def _placeholder_answer(path: Iterable[Any], value: Any, placeholders: Sequence[str]) -> bool:
    path = tuple(path)
    question_level = len(path) == 3 and path[0] == CONSIDERATIONS
    return question_level and isinstance(value, str) and unanswered_because(value, placeholders) is not None
