"""Load the checklist schema once and read the checklist out of it.

The schema is the single source of the checklist: consideration keys, titles, descriptions,
their questions and the order of both come from its ``properties``. Loading builds the JSON
Schema validators once, on first use; callers keep the returned :class:`Checklist` for a whole
build. jsonschema, slow to import, is imported only when a validator is first needed or a schema is
first checked against the 2020-12 metaschema, which a validation cache remembers: a ``svcready
check`` whose every report comes from its cache never imports it.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_svcready.core.campaigns import Campaign, CampaignError, read_campaigns
from sphinx_svcready.core.checklist.conditions import Condition, ConditionError, read_conditions
from sphinx_svcready.core.checklist.deadlines import DeadlineError, read_required_from
from sphinx_svcready.core.checklist.extensions import OverlayError, apply_extension, load_extension
from sphinx_svcready.core.checklist.keys import CONSIDERATION_KEYS
from sphinx_svcready.core.checklist.native_validator import native_check
from sphinx_svcready.core.checklist.packaged import shipped_schema
from sphinx_svcready.core.checklist.quick_validator import inlined_schema
from sphinx_svcready.core.checklist.safety import UnsafeSchema, check_schema_safety
from sphinx_svcready.core.checklist.sign_off import SignOffError, SignOffPolicy, read_sign_off
from sphinx_svcready.core.checklist.tiers import Tier, TierError, TierId, read_tier_list, read_tiers
from sphinx_svcready.core.evidence.probes import Probe, ProbeError, read_probes
from sphinx_svcready.core.inline_text import plain_text
from sphinx_svcready.core.reading.bounded_json import UnreadableJson, read_json_file
from sphinx_svcready.core.reading.files import MAX_CHECKLIST_BYTES
from sphinx_svcready.core.validation_cache import ValidationCache

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_FILENAME = "service-readiness.schema.json"
#: What a validation cache's entry for a schema found valid JSON Schema is keyed by, with the schema.
_METASCHEMA = "https://json-schema.org/draft/2020-12/schema"


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
    #: The question as the checklist writes it: it may hold inline markup, which pages render.
    text: str
    #: Answers name other services (``x-svcready-links-services``): pages link them, the summary
    #: and the export list them as dependencies.
    links_services: bool = False
    #: The service tiers that must answer it (``x-svcready-tiers``); empty: every tier.
    tiers: tuple[TierId, ...] = ()
    #: The readiness level it counts towards (``x-svcready-level``); "" with no levels.
    level: str = ""
    #: Probes that check the answer against the service's repository (``x-svcready-evidence``).
    probes: tuple[Probe, ...] = ()
    #: Whether the answer is yes or no (the schema's yes-no answer), which is how probes judge it.
    yes_no: bool = False
    #: When it applies (``x-svcready-applies-when``): its consideration's conditions, then its own.
    conditions: tuple[Condition, ...] = ()
    #: ``text`` as plain text, for warnings, the command and ``svcready init``.
    plain: str = ""
    #: The day from which it must be answered (``x-svcready-required-from``): its own, else its
    #: consideration's; ``None``: from the start.
    required_from: datetime.date | None = None

    def __post_init__(self) -> None:
        if not self.plain:
            object.__setattr__(self, "plain", plain_text(self.text))

    def required_for(self, tier: TierId) -> bool:
        """Whether a service of ``tier`` must answer this question."""
        return not self.tiers or tier in self.tiers


@dataclass(frozen=True)
class Consideration:
    key: str
    title: str
    description: str
    questions: tuple[Question, ...]
    #: When the whole consideration applies (its own ``x-svcready-applies-when``).
    conditions: tuple[Condition, ...] = ()

    @property
    def plain_description(self) -> str:
        return plain_text(self.description)


@dataclass(frozen=True)
class Checklist:
    """The considerations and questions of one schema, plus its validators."""

    path: str
    schema_id: str
    version: str
    considerations: tuple[Consideration, ...]
    #: The schema, extensions applied.
    schema: dict[str, Any] = field(compare=False, repr=False)
    #: The schema with its references written out (quick_validator.py), for the quick validator;
    #: ``None`` for a schema that cannot be written out so.
    inlined: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    #: Says only whether a file is valid, in native code, when the ``fast`` extra is installed and
    #: reads the schema as the validator does (native_validator.py); ``None`` otherwise.
    native_check: Callable[[Any], bool] | None = field(default=None, compare=False, repr=False)
    #: Readiness levels, lowest first (``x-svcready-levels``); empty when the checklist has none.
    levels: tuple[str, ...] = ()
    #: The organisation's checklist extension files applied to the schema at ``path``.
    extensions: tuple[str, ...] = ()
    #: The checklist's name for people (its ``title``).
    title: str = ""
    #: The tiers services are assigned, most critical first (``x-svcready-service-tiers``);
    #: empty when it declares none (tiers are then unnamed numbers).
    tiers: tuple[Tier, ...] = ()
    #: Which services need a sign-off (``x-svcready-sign-off``), if any.
    sign_off: SignOffPolicy | None = None
    #: Named sets of questions with a deadline and a scope (``x-svcready-campaigns``).
    campaigns: tuple[Campaign, ...] = ()
    #: The SHA-256 of the schema as validated (its extensions applied): what a validation cache
    #: keys its entries by.
    schema_digest: str = ""

    @property
    def question_keys(self) -> tuple[str, ...]:
        """Every question as ``consideration.question``, in page order."""
        return tuple(f"{c.key}.{q.key}" for c in self.considerations for q in c.questions)

    @functools.cached_property
    def validator(self) -> Draft202012Validator:
        """The schema's validator, which words every error (built on first use)."""
        from sphinx_svcready.core.checklist import safe_validator

        return safe_validator.safe_validator(self.schema)

    @functools.cached_property
    def quick_validator(self) -> Draft202012Validator | None:
        """Says only whether a file is valid, faster than :attr:`validator`: the validator of
        :attr:`inlined`; ``None`` without it."""
        from sphinx_svcready.core.checklist import safe_validator

        return None if self.inlined is None else safe_validator.safe_validator(self.inlined)

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


def load_checklist(
    path: str | Path | None = None,
    extensions: Sequence[str | Path] = (),
    remembered: ValidationCache | None = None,
) -> Checklist:
    """Load (once per file and modification time) the checklist in the schema at ``path``, with
    the organisation's checklist ``extensions`` applied in order; a schema that ``remembered``
    has found valid JSON Schema before is not checked against the metaschema again."""
    files = [Path(path) if path else packaged_schema_path(), *(Path(e) for e in extensions)]
    stamps = []
    for index, file in enumerate(files):
        try:
            stamps.append((str(file), file.stat().st_mtime_ns))
        except OSError as error:
            what = "the checklist extension" if index else "the schema"
            raise ChecklistError(f"cannot read {what} {file}: {error.strerror}") from None
    return _load_checklist(tuple(stamps), remembered)


def read_schema(path: str | Path | None = None, extensions: Sequence[str | Path] = ()) -> dict[str, Any]:
    """The checklist schema at ``path`` with ``extensions`` applied: what editors should validate against."""
    return load_checklist(path, extensions).schema


@functools.lru_cache(maxsize=8)
def _load_checklist(stamps: tuple[tuple[str, int], ...], remembered: ValidationCache | None) -> Checklist:
    path = stamps[0][0]
    try:
        schema = read_json_file(path, MAX_CHECKLIST_BYTES)
    except UnreadableJson as error:
        raise ChecklistError(f"cannot load the schema {path}: {error}") from None
    if not isinstance(schema, dict):
        raise ChecklistError(f"the schema {path} is not a JSON object")
    for extension, _mtime in stamps[1:]:
        try:
            schema = apply_extension(schema, load_extension(Path(extension), remembered), extension)
        except OverlayError as error:
            where = f"{extension}:{error.line}" if error.line else f"{extension}:1"
            raise ChecklistError(str(error), where) from None
        except (KeyError, TypeError) as error:
            raise ChecklistError(f"{extension}: {error}", f"{extension}:1") from None
    digest = hashlib.sha256(json.dumps(schema, sort_keys=True).encode()).hexdigest()
    _check_against_metaschema(schema, path, digest, remembered)
    try:
        check_schema_safety(schema)
    except UnsafeSchema as error:
        raise ChecklistError(f"the schema {path} cannot be used: {error}") from None
    inlined = inlined_schema(schema)
    native = None if inlined is None else native_check(inlined, _format_checks)
    extensions = [extension for extension, _mtime in stamps[1:]]
    # Problems found from here on may come from an extension: name them all.
    origin = f"{path} extended by {', '.join(extensions)}" if extensions else path
    levels = _read_levels(schema, origin)
    try:
        tiers = read_tiers(schema.get("x-svcready-service-tiers"))
    except TierError as error:
        raise ChecklistError(f"x-svcready-service-tiers in {origin} {error}") from None
    considerations = _read_considerations(schema, origin, levels, tiers)
    return Checklist(
        path=path,
        schema_id=str(schema.get("x-svcready-id", schema.get("$id", ""))),
        version=str(schema.get("x-svcready-version", "")),
        considerations=considerations,
        schema=schema,
        inlined=inlined,
        native_check=native,
        levels=levels,
        extensions=tuple(extensions),
        title=str(schema.get("title", "")),
        tiers=tiers,
        schema_digest=digest,
        sign_off=_read_policy(schema, origin, levels, tiers, considerations),
        campaigns=_read_campaigns(schema, origin, considerations),
    )


def _check_against_metaschema(
    schema: dict[str, Any], path: str, digest: str, remembered: ValidationCache | None
) -> None:
    """Raise :class:`ChecklistError` unless ``schema`` (whose digest is ``digest``) is valid JSON
    Schema 2020-12; one that ``remembered`` found valid before is not checked again."""
    key = "" if remembered is None else remembered.key(_METASCHEMA, digest)
    if remembered is not None and remembered.known_valid(key):
        return
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as error:
        raise ChecklistError(f"the schema {path} is not valid JSON Schema: {error.message}") from None
    if remembered is not None:
        remembered.remember(key)


def _format_checks() -> dict[str, Callable[[Any], bool]]:
    """Each format the validator checks, by the validator's own function."""
    from jsonschema import Draft202012Validator

    checker = Draft202012Validator.FORMAT_CHECKER
    return {name: functools.partial(checker.conforms, format=name) for name in checker.checkers}


def _read_campaigns(
    schema: dict[str, Any], path: str, considerations: tuple[Consideration, ...]
) -> tuple[Campaign, ...]:
    known = [f"{c.key}.{q.key}" for c in considerations for q in c.questions]
    try:
        return read_campaigns(schema.get("x-svcready-campaigns"), f"x-svcready-campaigns in {path}", known)
    except CampaignError as error:
        raise ChecklistError(str(error)) from None


def _read_policy(
    schema: dict[str, Any],
    path: str,
    levels: tuple[str, ...],
    tiers: tuple[Tier, ...],
    considerations: tuple[Consideration, ...],
) -> SignOffPolicy | None:
    where = f"x-svcready-sign-off in {path}"
    try:
        policy = read_sign_off(schema.get("x-svcready-sign-off"))
    except SignOffError as error:
        raise ChecklistError(f"{where} {error}") from None
    if policy is None:
        return None
    try:
        if policy.tiers:
            read_tier_list(list(policy.tiers), tiers)
    except TierError as error:
        raise ChecklistError(f"{where}: 'tiers' {error}") from None
    for level in policy.levels:
        if level not in levels:
            raise ChecklistError(f"{where}: {level!r} is not one of x-svcready-levels {list(levels)}")
    keys = {consideration.key for consideration in considerations}
    for key in policy.considerations:
        if key not in keys:
            raise ChecklistError(f"{where}: there is no consideration {key!r}")
    return policy


def _read_levels(schema: dict[str, Any], path: str) -> tuple[str, ...]:
    levels = schema.get("x-svcready-levels", [])
    if (
        not isinstance(levels, list)
        or not all(isinstance(level, str) and level for level in levels)
        or len(set(levels)) != len(levels)
    ):
        raise ChecklistError(f"x-svcready-levels in {path} must be a list of distinct names, lowest first")
    return tuple(levels)


def _tiers(
    fragment: dict[str, Any], inherited: tuple[TierId, ...], declared: tuple[Tier, ...], where: str
) -> tuple[TierId, ...]:
    if "x-svcready-tiers" not in fragment:
        return inherited
    try:
        return read_tier_list(fragment["x-svcready-tiers"], declared)
    except TierError as error:
        raise ChecklistError(f"x-svcready-tiers of {where} {error}") from None


def _conditions(fragment: dict[str, Any], where: str) -> tuple[Condition, ...]:
    if "x-svcready-applies-when" not in fragment:
        return ()
    try:
        return read_conditions(fragment["x-svcready-applies-when"])
    except ConditionError as error:
        raise ChecklistError(f"x-svcready-applies-when of {where} {error}") from None


def required_from_of(
    fragment: dict[str, Any], inherited: datetime.date | None, where: str
) -> datetime.date | None:
    """The fragment's own ``x-svcready-required-from``, else ``inherited``."""
    if "x-svcready-required-from" not in fragment:
        return inherited
    try:
        return read_required_from(fragment["x-svcready-required-from"])
    except DeadlineError as error:
        raise ChecklistError(f"x-svcready-required-from of {where} {error}") from None


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
    schema: dict[str, Any], path: str, levels: tuple[str, ...], declared: tuple[Tier, ...]
) -> tuple[Consideration, ...]:
    section = _resolve(schema, _mapping(schema.get("properties")).get("considerations"))
    properties = section.get("properties")
    if not isinstance(properties, dict) or not properties:
        raise ChecklistError(f"the schema {path} has no properties under 'considerations'")
    considerations = []
    for key, fragment in properties.items():
        fragment = _resolve(schema, fragment)
        where = f"the consideration '{key}' in {path}"
        tiers = _tiers(fragment, (), declared, where)
        level = _level(fragment, levels[0] if levels else "", levels, where)
        conditions = _conditions(fragment, where)
        required_from = required_from_of(fragment, None, where)
        questions = tuple(
            _read_question(
                schema,
                question_key,
                question,
                f"{key}.{question_key} in {path}",
                tiers,
                level,
                levels,
                declared,
                conditions,
                required_from,
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
                conditions=conditions,
            )
        )
    _check_subjects(schema, considerations, path)
    return tuple(considerations)


def _read_question(
    schema: dict[str, Any],
    key: str,
    question: dict[str, Any],
    where: str,
    tiers: tuple[TierId, ...],
    level: str,
    levels: tuple[str, ...],
    declared: tuple[Tier, ...],
    conditions: tuple[Condition, ...],
    required_from: datetime.date | None = None,
) -> Question:
    text = str(question.get("description", question.get("title", key)))
    return Question(
        key=key,
        title=str(question.get("title", key)),
        text=text,
        links_services=question.get("x-svcready-links-services") is True,
        tiers=_tiers(question, tiers, declared, where),
        level=_level(question, level, levels, where),
        probes=_probes(question, where),
        yes_no=_is_yes_no(schema, question),
        conditions=conditions + _conditions(question, where),
        required_from=required_from_of(question, required_from, where),
    )


def _check_subjects(schema: dict[str, Any], considerations: list[Consideration], path: str) -> None:
    """Every condition names a service field or a question the checklist has."""
    questions = {f"{c.key}.{q.key}" for c in considerations for q in c.questions}
    service = _resolve(schema, _mapping(schema.get("properties")).get("service"))
    fields = known_keys(schema, service)
    for consideration in considerations:
        for question in consideration.questions:
            for condition in question.conditions:
                if not condition.names_one_of(fields, questions):
                    raise ChecklistError(
                        f"x-svcready-applies-when of {consideration.key}.{question.key} in {path} names "
                        f"{condition.subject!r}, which is no service field and no question of the checklist"
                    )


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
