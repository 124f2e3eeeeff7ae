"""Load the checklist schema once and read the checklist out of it.

The schema is the single source of the checklist: consideration keys, titles, descriptions,
their questions and the order of both come from its ``properties``. Loading builds the JSON
Schema validator once; callers keep the returned :class:`Checklist` for a whole build.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from sphinx_svcready.core.checklist.extensions import OverlayError, apply_extension, load_extension
from sphinx_svcready.core.checklist.keys import CONSIDERATION_KEYS
from sphinx_svcready.core.checklist.packaged import shipped_schema
from sphinx_svcready.core.checklist.quick_validator import inlined_schema
from sphinx_svcready.core.checklist.safety import UnsafeSchema, check_schema_safety, safe_validator
from sphinx_svcready.core.evidence.probes import Probe, ProbeError, read_probes
from sphinx_svcready.core.reading.bounded_json import JsonError, parse_json
from sphinx_svcready.core.reading.files import MAX_CHECKLIST_BYTES, read_regular

SCHEMA_FILENAME = "service-readiness.schema.json"


class ChecklistError(Exception):
    """The schema file is missing, not JSON, not a valid schema, or not shaped as a checklist, or an
    extension cannot be applied; ``location`` is the ``file:line`` to fix, when known."""

    def __init__(self, message: str, location: str | None = None) -> None:
        super().__init__(message)
        self.location = location


@dataclass(frozen=True)
class Question:
    key: str
    title: str
    text: str
    #: Answers name other services (``x-svcready-links-services``): pages link them, the summary
    #: and the export list them as dependencies.
    links_services: bool = False
    #: The service tiers that must answer it (``x-svcready-tiers``); empty: every tier.
    tiers: tuple[int, ...] = ()
    #: The readiness level it counts towards (``x-svcready-level``); "" with no levels.
    level: str = ""
    #: Probes that check the answer against the service's repository (``x-svcready-evidence``).
    probes: tuple[Probe, ...] = ()
    #: Whether the answer is yes or no (the schema's yes-no answer), which is how probes judge it.
    yes_no: bool = False

    def required_for(self, tier: int) -> bool:
        """Whether a service of ``tier`` must answer this question."""
        return not self.tiers or tier in self.tiers


@dataclass(frozen=True)
class Consideration:
    key: str
    title: str
    description: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Checklist:
    """The considerations and questions of one schema, plus its compiled validator."""

    path: str
    schema_id: str
    version: str
    considerations: tuple[Consideration, ...]
    validator: Draft202012Validator
    #: Says only whether a file is valid, faster: the schema with its references written out
    #: (inline.py); ``None`` for a schema that cannot be written out so.
    quick_validator: Draft202012Validator | None = None
    #: Readiness levels, lowest first (``x-svcready-levels``); empty when the checklist has none.
    levels: tuple[str, ...] = ()
    #: The organisation's checklist extension files applied to the schema at ``path``.
    extensions: tuple[str, ...] = ()

    @property
    def schema(self) -> dict[str, Any]:
        """The schema, extensions applied."""
        schema = self.validator.schema
        assert isinstance(schema, dict)
        return schema

    @property
    def sources(self) -> tuple[str, ...]:
        """Every file the checklist is made from: a build depends on each."""
        return (self.path, *self.extensions)

    def consideration(self, key: str) -> Consideration | None:
        for consideration in self.considerations:
            if consideration.key == key:
                return consideration
        return None


def packaged_schema_path() -> Path:
    """The schema that ships with the package (the repository's ``schemas/`` in a checkout)."""
    return shipped_schema(SCHEMA_FILENAME)


def load_checklist(path: str | Path | None = None, extensions: Sequence[str | Path] = ()) -> Checklist:
    """Load (once per file and modification time) the checklist in the schema at ``path``, with
    the organisation's checklist ``extensions`` applied in order."""
    files = [Path(path) if path else packaged_schema_path(), *(Path(e) for e in extensions)]
    stamps = []
    for index, file in enumerate(files):
        try:
            stamps.append((str(file), file.stat().st_mtime_ns))
        except OSError as error:
            what = "the checklist extension" if index else "the schema"
            raise ChecklistError(f"cannot read {what} {file}: {error.strerror}") from None
    return _load_checklist(tuple(stamps))


def read_schema(path: str | Path | None = None, extensions: Sequence[str | Path] = ()) -> dict[str, Any]:
    """The checklist schema at ``path`` with ``extensions`` applied: what editors should validate against."""
    return load_checklist(path, extensions).schema


@functools.lru_cache(maxsize=8)
def _load_checklist(stamps: tuple[tuple[str, int], ...]) -> Checklist:
    path = stamps[0][0]
    try:
        schema = parse_json(read_regular(Path(path), MAX_CHECKLIST_BYTES))
    except OSError as error:
        raise ChecklistError(f"cannot load the schema {path}: {error.strerror or error}") from None
    except JsonError as error:
        raise ChecklistError(f"cannot load the schema {path}: {error}") from None
    if not isinstance(schema, dict):
        raise ChecklistError(f"the schema {path} is not a JSON object")
    for extension, _mtime in stamps[1:]:
        try:
            schema = apply_extension(schema, load_extension(Path(extension)), extension)
        except OverlayError as error:
            where = f"{extension}:{error.line}" if error.line else f"{extension}:1"
            raise ChecklistError(str(error), where) from None
        except (KeyError, TypeError) as error:
            raise ChecklistError(f"{extension}: {error}", f"{extension}:1") from None
    try:
        Draft202012Validator.check_schema(schema)
        check_schema_safety(schema)
    except SchemaError as error:
        raise ChecklistError(f"the schema {path} is not valid JSON Schema: {error.message}") from None
    except UnsafeSchema as error:
        raise ChecklistError(f"the schema {path} cannot be used: {error}") from None
    validator = safe_validator(schema)
    inlined = inlined_schema(schema)
    quick = None if inlined is None else safe_validator(inlined)
    extensions = [extension for extension, _mtime in stamps[1:]]
    # Problems found from here on may come from an extension: name them all.
    origin = f"{path} extended by {', '.join(extensions)}" if extensions else path
    levels = _read_levels(schema, origin)
    return Checklist(
        path=path,
        schema_id=str(schema.get("$id", "")),
        version=str(schema.get("x-svcready-version", "")),
        considerations=_read_considerations(schema, origin, levels),
        validator=validator,
        quick_validator=quick,
        levels=levels,
        extensions=tuple(extensions),
    )


def _read_levels(schema: dict[str, Any], path: str) -> tuple[str, ...]:
    levels = schema.get("x-svcready-levels", [])
    if (
        not isinstance(levels, list)
        or not all(isinstance(level, str) and level for level in levels)
        or len(set(levels)) != len(levels)
    ):
        raise ChecklistError(f"x-svcready-levels in {path} must be a list of distinct names, lowest first")
    return tuple(levels)


def _tiers(fragment: dict[str, Any], inherited: tuple[int, ...], where: str) -> tuple[int, ...]:
    if "x-svcready-tiers" not in fragment:
        return inherited
    tiers = fragment["x-svcready-tiers"]
    if (
        not isinstance(tiers, list)
        or not tiers
        or not all(isinstance(tier, int) and not isinstance(tier, bool) and tier > 0 for tier in tiers)
    ):
        raise ChecklistError(f"x-svcready-tiers of {where} must be a list of tier numbers (1, 2, ...)")
    return tuple(sorted(set(tiers)))


def _level(fragment: dict[str, Any], inherited: str, levels: tuple[str, ...], where: str) -> str:
    level = fragment.get("x-svcready-level", inherited)
    if level == "" and not levels:
        return ""
    if level not in levels:
        raise ChecklistError(
            f"x-svcready-level of {where} is {level!r}, not one of x-svcready-levels {list(levels)}"
        )
    return str(level)


def _probes(question: dict[str, Any], where: str) -> tuple[Probe, ...]:
    if "x-svcready-evidence" not in question:
        return ()
    try:
        return read_probes(question["x-svcready-evidence"], where)
    except ProbeError as error:
        raise ChecklistError(str(error)) from None


def _is_yes_no(schema: dict[str, Any], question: dict[str, Any]) -> bool:
    """A question whose answer is a boolean (the packaged ``yes-no-answer``, or its own type)."""
    reference = question.get("$ref")
    if isinstance(reference, str) and reference.endswith("/yes-no-answer"):
        return True
    types = question.get("type")
    return types == "boolean" or (isinstance(types, list) and "boolean" in types and "string" not in types)


def _read_considerations(
    schema: dict[str, Any], path: str, levels: tuple[str, ...]
) -> tuple[Consideration, ...]:
    section = _resolve(schema, _mapping(schema.get("properties")).get("considerations"))
    properties = section.get("properties")
    if not isinstance(properties, dict) or not properties:
        raise ChecklistError(f"the schema {path} has no properties under 'considerations'")
    considerations = []
    for key, fragment in properties.items():
        fragment = _resolve(schema, fragment)
        where = f"the consideration '{key}' in {path}"
        tiers = _tiers(fragment, (), where)
        level = _level(fragment, levels[0] if levels else "", levels, where)
        questions = tuple(
            Question(
                key=question_key,
                title=str(question.get("title", question_key)),
                text=str(question.get("description", question.get("title", question_key))),
                links_services=question.get("x-svcready-links-services") is True,
                tiers=_tiers(question, tiers, f"{key}.{question_key} in {path}"),
                level=_level(question, level, levels, f"{key}.{question_key} in {path}"),
                probes=_probes(question, f"{key}.{question_key} in {path}"),
                yes_no=_is_yes_no(schema, question),
            )
            for question_key, question in (
                (k, _resolve(schema, v)) for k, v in _mapping(fragment.get("properties")).items()
            )
            if question_key not in CONSIDERATION_KEYS
        )
        if not questions:
            raise ChecklistError(f"the consideration '{key}' in {path} has no questions")
        considerations.append(
            Consideration(
                key=key,
                title=str(fragment.get("title", key)),
                description=str(fragment.get("description", "")),
                questions=questions,
            )
        )
    return tuple(considerations)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _resolve(schema: dict[str, Any], fragment: Any) -> dict[str, Any]:
    """Follow a local ``$ref`` that stands alone; a ``$ref`` beside other keywords is kept."""
    seen = 0
    while isinstance(fragment, dict) and set(fragment) == {"$ref"} and seen < 16:
        fragment = _pointer(schema, fragment["$ref"])
        seen += 1
    return fragment if isinstance(fragment, dict) else {}


def _pointer(schema: dict[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        return {}
    node: Any = schema
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return {}
        node = node[part]
    return node


def known_keys(schema: dict[str, Any], fragment: dict[str, Any]) -> set[str]:
    """Every property name a mapping may have under ``fragment``, including via ``$ref``/``allOf``."""
    keys: set[str] = set()
    stack: list[Any] = [fragment]
    seen = 0
    while stack and seen < 64:
        current = stack.pop()
        seen += 1
        if not isinstance(current, dict):
            continue
        keys.update(_mapping(current.get("properties")))
        if "$ref" in current:
            stack.append(_pointer(schema, current["$ref"]))
        for keyword in ("allOf", "anyOf", "oneOf"):
            stack.extend(current.get(keyword, []) or [])
    return keys
