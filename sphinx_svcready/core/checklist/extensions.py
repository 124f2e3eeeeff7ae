"""Apply an organisation's checklist extension to a checklist schema.

A platform team extends the packaged checklist instead of forking it: a small JSON file adds
considerations (or questions to existing ones), drops some, and changes their tiers or levels.
The result is an ordinary checklist schema, so the pages, the warnings, ``svcready init``, the
summary and the export follow with no code change. The file's own format is
``schemas/svcready-extension.schema.json``; a file that does not match it is refused with the
reason. Nothing here imports Sphinx.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from sphinx_svcready.core.checklist.packaged import shipped_schema
from sphinx_svcready.core.reading.bounded_json import JsonError, parse_json
from sphinx_svcready.core.reading.files import MAX_CHECKLIST_BYTES, read_regular

EXTENSION_SCHEMA_FILENAME = "svcready-extension.schema.json"
#: The answer kinds an added question may take, and the definition each stands for.
ANSWERS = {"text": "text-answer", "list": "list-answer", "yes-no": "yes-no-answer"}


class OverlayError(Exception):
    """The extension file cannot be read, does not match its format, or names what is not there."""


def extension_schema_path() -> Path:
    """The format of an extension file (the repository's ``schemas/`` in a checkout)."""
    return shipped_schema(EXTENSION_SCHEMA_FILENAME)


@functools.lru_cache(maxsize=1)
def _format() -> Draft202012Validator:
    schema = json.loads(extension_schema_path().read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def load_extension(path: Path) -> dict[str, Any]:
    """The extension in ``path``, checked against its format."""
    try:
        extension = parse_json(read_regular(path, MAX_CHECKLIST_BYTES))
    except OSError as error:
        raise OverlayError(f"cannot load the checklist extension {path}: {error.strerror or error}") from None
    except JsonError as error:
        raise OverlayError(f"cannot load the checklist extension {path}: {error}") from None
    errors = sorted(_format().iter_errors(extension), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(part) for part in errors[0].absolute_path) or "the top level"
        raise OverlayError(f"the checklist extension {path} is not valid at {where}: {errors[0].message}")
    assert isinstance(extension, dict)
    return extension


def apply_extension(schema: dict[str, Any], extension: dict[str, Any], source: str) -> dict[str, Any]:
    """A copy of the checklist ``schema`` with ``extension`` applied (from the file ``source``)."""
    merged = copy.deepcopy(schema)
    considerations = merged["properties"]["considerations"]["properties"]
    for key, change in extension.get("considerations", {}).items():
        if key in considerations:
            _extend(considerations[key], change, f"{source}: considerations.{key}")
        else:
            considerations[key] = _new_consideration(key, change, source)
            if "after" in change:
                _place(considerations, key, change["after"], source)
    for target in extension.get("drop", []):
        _drop(considerations, target, source)
    for target, tiers in extension.get("tiers", {}).items():
        _fragment(considerations, target, source)["x-svcready-tiers"] = list(tiers)
    for target, level in extension.get("levels", {}).items():
        _fragment(considerations, target, source)["x-svcready-level"] = level
    if not considerations:
        raise OverlayError(f"{source}: drops every consideration; a checklist needs at least one")
    return merged


def _new_consideration(key: str, change: dict[str, Any], source: str) -> dict[str, Any]:
    if "title" not in change or not change.get("questions"):
        raise OverlayError(f"{source}: the new consideration {key!r} needs a title and at least one question")
    fragment: dict[str, Any] = {"title": change["title"], "description": change.get("description", "")}
    for keyword in ("x-svcready-level", "x-svcready-tiers"):
        if keyword in change:
            fragment[keyword] = change[keyword]
    fragment.update(
        {
            "type": ["object", "null"],
            "$ref": "#/$defs/consideration-markers",
            "properties": {name: _question(question) for name, question in change["questions"].items()},
            "unevaluatedProperties": False,
        }
    )
    return fragment


def _extend(fragment: dict[str, Any], change: dict[str, Any], where: str) -> None:
    for keyword in ("title", "description", "x-svcready-level", "x-svcready-tiers"):
        if keyword in change:
            fragment[keyword] = change[keyword]
    questions = fragment.setdefault("properties", {})
    for name, question in change.get("questions", {}).items():
        if name in questions:
            raise OverlayError(f"{where}: the question {name!r} is already in the checklist")
        questions[name] = _question(question)
    if "after" in change:
        raise OverlayError(f"{where}: 'after' places new considerations only")


def _question(question: dict[str, Any]) -> dict[str, Any]:
    fragment: dict[str, Any] = {"title": question["title"], "description": question["description"]}
    for keyword in ("x-svcready-level", "x-svcready-tiers", "x-svcready-links-services", "examples"):
        if keyword in question:
            fragment[keyword] = question[keyword]
    fragment["$ref"] = f"#/$defs/{ANSWERS[question.get('answer', 'text')]}"
    return fragment


def _place(considerations: dict[str, Any], key: str, after: str, source: str) -> None:
    if after not in considerations or after == key:
        raise OverlayError(
            f"{source}: considerations.{key}: 'after' names {after!r}, which is not in the checklist"
        )
    ordered = [name for name in considerations if name != key]
    ordered.insert(ordered.index(after) + 1, key)
    items = {name: considerations[name] for name in ordered}
    considerations.clear()
    considerations.update(items)


def _drop(considerations: dict[str, Any], target: str, source: str) -> None:
    key, _, question = target.partition(".")
    if key not in considerations:
        raise OverlayError(f"{source}: drop: there is no consideration {key!r}")
    if not question:
        del considerations[key]
        return
    questions = considerations[key].get("properties", {})
    if question not in questions:
        raise OverlayError(f"{source}: drop: the consideration {key!r} has no question {question!r}")
    del questions[question]
    if not [name for name in questions if name not in ("not-applicable", "waived", "last-reviewed")]:
        raise OverlayError(
            f"{source}: drop: {target} would leave {key!r} with no question; drop {key!r} instead"
        )


def _fragment(considerations: dict[str, Any], target: str, source: str) -> dict[str, Any]:
    key, _, question = target.partition(".")
    fragment = considerations.get(key)
    if fragment is None:
        raise OverlayError(f"{source}: there is no consideration {key!r} to change")
    if not question:
        return fragment  # type: ignore[no-any-return]
    found = fragment.get("properties", {}).get(question)
    if found is None:
        raise OverlayError(f"{source}: the consideration {key!r} has no question {question!r} to change")
    return found  # type: ignore[no-any-return]
