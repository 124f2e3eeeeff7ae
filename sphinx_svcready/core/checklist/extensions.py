"""Apply an organisation's checklist extension to a checklist schema.

A platform team extends the packaged checklist instead of forking it, or replaces it with its
own: a small JSON file gives the checklist its own identity, tiers, levels and sign-off policy,
adds considerations (or questions to existing ones, and service fields), drops some, changes
their tiers, levels or conditions, and sets the evidence probes of questions.
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
from typing import TYPE_CHECKING, Any, NoReturn

from sphinx_svcready.core.checklist.conditions import ConditionError, read_conditions
from sphinx_svcready.core.checklist.keys import CONSIDERATION_KEYS
from sphinx_svcready.core.checklist.packaged import shipped_schema
from sphinx_svcready.core.checklist.sign_off import SignOffError, read_sign_off
from sphinx_svcready.core.checklist.tiers import TierError, read_tier_list, read_tiers
from sphinx_svcready.core.evidence.probes import ProbeError, read_probes
from sphinx_svcready.core.model import DataPath
from sphinx_svcready.core.reading.bounded_json import UnreadableJson, read_json_file
from sphinx_svcready.core.reading.files import MAX_CHECKLIST_BYTES
from sphinx_svcready.core.reading.yaml_reader import load_file
from sphinx_svcready.core.validation_cache import ValidationCache

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

EXTENSION_SCHEMA_FILENAME = "svcready-extension.schema.json"
#: The answer kinds an added question may take, and the definition each stands for.
ANSWERS = {"text": "text-answer", "list": "list-answer", "yes-no": "yes-no-answer"}
#: The keywords a consideration or question of an extension writes as its schema's.
_FRAGMENT_KEYWORDS = {
    "x-svcready-level": "x-svcready-level",
    "x-svcready-tiers": "x-svcready-tiers",
    "applies-when": "x-svcready-applies-when",
    "required-from": "x-svcready-required-from",
}


class OverlayError(Exception):
    """The extension file cannot be read, does not match its format, names what is not there, or
    contradicts itself; ``line`` is where in the file, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def extension_schema_path() -> Path:
    """The format of an extension file (the repository's ``schemas/`` in a checkout)."""
    return shipped_schema(EXTENSION_SCHEMA_FILENAME)


@functools.lru_cache(maxsize=1)
def _format() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    schema = json.loads(extension_schema_path().read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def load_extension(path: Path, remembered: ValidationCache | None = None) -> dict[str, Any]:
    """The extension in ``path``, checked against its format unless ``remembered`` found the same
    content valid before."""
    try:
        extension = read_json_file(path, MAX_CHECKLIST_BYTES)
    except UnreadableJson as error:
        raise OverlayError(f"cannot load the checklist extension {path}: {error}") from None
    key = "" if remembered is None else remembered.key(EXTENSION_SCHEMA_FILENAME, extension)
    if remembered is None or not remembered.known_valid(key):
        _check_format(extension, path)
        if remembered is not None:
            remembered.remember(key)
    assert isinstance(extension, dict)
    return extension


def _check_format(extension: Any, path: Path) -> None:
    """Raise :class:`OverlayError` at the first place ``extension`` breaks the extension format."""
    errors = sorted(_format().iter_errors(extension), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(part) for part in errors[0].absolute_path) or "the top level"
        raise OverlayError(
            f"the checklist extension {path} is not valid at {where}: {errors[0].message}",
            line_in(str(path), tuple(errors[0].absolute_path)),
        )


def line_in(source: str, path: DataPath) -> int | None:
    """The line of ``path`` (or of its nearest written parent) in the JSON file ``source``: read
    again, only when a problem needs its place, by the YAML reader that keeps lines."""
    document = load_file(source, MAX_CHECKLIST_BYTES)
    return document.line_of(path) if document.ok else None


def apply_extension(schema: dict[str, Any], extension: dict[str, Any], source: str) -> dict[str, Any]:
    """A copy of the checklist ``schema`` with ``extension`` applied (from the file ``source``)."""
    return _Applier(schema, extension, source).apply()


class _Applier:
    def __init__(self, schema: dict[str, Any], extension: dict[str, Any], source: str) -> None:
        self.merged = copy.deepcopy(schema)
        self.considerations: dict[str, Any] = self.merged["properties"]["considerations"]["properties"]
        self.extension = extension
        self.source = source

    def fail(self, message: str, *path: str | int) -> NoReturn:
        raise OverlayError(f"{self.source}: {message}", line_in(self.source, path))

    def apply(self) -> dict[str, Any]:
        self._check_drops_against_changes()
        if self.extension.get("replace") is True:
            self.considerations.clear()
        self._identity()
        for key, field in self.extension.get("service-fields", {}).items():
            self._add_service_field(key, field)
        for key, change in self.extension.get("considerations", {}).items():
            if key in self.considerations:
                self._extend(key, change)
            else:
                self.considerations[key] = self._new_consideration(key, change)
                if "after" in change:
                    self._place(key, change["after"])
        for index, target in enumerate(self.extension.get("drop", [])):
            self._drop(target, index)
        if not self.considerations and self.extension.get("replace") is True:
            self.fail(
                "replaces the checklist but adds no consideration; a checklist needs at least one", "replace"
            )
        if not self.considerations:
            self.fail("drops every consideration; a checklist needs at least one", "drop")
        for target, tiers in self.extension.get("tiers", {}).items():
            self._fragment(target, "tiers")["x-svcready-tiers"] = list(tiers)
        for target, level in self.extension.get("levels", {}).items():
            self._fragment(target, "levels")["x-svcready-level"] = level
        for target, conditions in self.extension.get("applies-when", {}).items():
            self._fragment(target, "applies-when")["x-svcready-applies-when"] = conditions
        if "campaigns" in self.extension:
            self.merged["x-svcready-campaigns"] = {
                **self.merged.get("x-svcready-campaigns", {}),
                **self.extension["campaigns"],
            }
        for target, day in self.extension.get("required-from", {}).items():
            self._fragment(target, "required-from")["x-svcready-required-from"] = day
        for target, probes in self.extension.get("evidence", {}).items():
            self._set_probes(target, probes)
        self._levels()
        self._service_tiers()
        self._check_conditions()
        if "sign-off" in self.extension:
            self._sign_off(self.extension["sign-off"])
        return self.merged

    # -- the checklist as a whole ----------------------------------------------------------

    def _identity(self) -> None:
        for key, keyword in (("id", "x-svcready-id"), ("version", "x-svcready-version"), ("title", "title")):
            if key in self.extension:
                self.merged[keyword] = self.extension[key]
        if "description" in self.extension:
            self.merged["description"] = self.extension["description"]

    def _add_service_field(self, key: str, field: dict[str, Any]) -> None:
        service = self.merged.get("$defs", {}).get("service", {}).get("properties")
        if not isinstance(service, dict):
            self.fail("service-fields: the checklist has no service mapping to add to", "service-fields")
        if key in service:
            self.fail(f"service-fields: service.{key} is already in the checklist", "service-fields", key)
        fragment = {"title": field["title"], "description": field["description"]}
        if "examples" in field:
            fragment["examples"] = field["examples"]
        fragment["$ref"] = f"#/$defs/{ANSWERS[field.get('answer', 'text')]}"
        service[key] = fragment

    def _fragments(self) -> list[tuple[str, dict[str, Any]]]:
        """Every consideration and question of the merged checklist, by target."""
        found = []
        for key, fragment in self.considerations.items():
            found.append((key, fragment))
            for name, question in fragment.get("properties", {}).items():
                if name not in CONSIDERATION_KEYS and isinstance(question, dict):
                    found.append((f"{key}.{name}", question))
        return found

    def _origin(self, target: str, keyword: str, section: str) -> tuple[str | int, ...] | None:
        """Where this extension sets ``keyword`` of ``target``, if it does."""
        if target in self.extension.get(section, {}):
            return (section, target)
        key, _, question = target.partition(".")
        change = self.extension.get("considerations", {}).get(key, {})
        if question:
            if keyword in change.get("questions", {}).get(question, {}):
                return ("considerations", key, "questions", question, keyword)
            return None
        return ("considerations", key, keyword) if keyword in change else None

    def _levels(self) -> None:
        renamed = self.extension.get("rename-levels", {})
        levels = [renamed.get(level, level) for level in self.merged.get("x-svcready-levels", [])]
        if len(set(levels)) != len(levels):
            self.fail("rename-levels: two levels would have the same name", "rename-levels")
        for old in renamed:
            if old not in self.merged.get("x-svcready-levels", []):
                self.fail(f"rename-levels: the checklist has no level {old!r}", "rename-levels", old)
        if "readiness-levels" in self.extension:
            levels = list(self.extension["readiness-levels"])
        self.merged["x-svcready-levels"] = levels
        for target, fragment in self._fragments():
            if "x-svcready-level" not in fragment:
                continue
            if not levels:
                del fragment["x-svcready-level"]
                continue
            level = renamed.get(fragment["x-svcready-level"], fragment["x-svcready-level"])
            fragment["x-svcready-level"] = level
            if level not in levels:
                where = self._origin(target, "x-svcready-level", "levels") or ("readiness-levels",)
                self.fail(
                    f"{target} counts towards the level {level!r}, which is not one of the levels "
                    f"{levels}; set its level under 'levels', or drop it",
                    *where,
                )

    def _service_tiers(self) -> None:
        if "service-tiers" in self.extension:
            declared = self.extension["service-tiers"]
            try:
                tiers = read_tiers(declared)
            except TierError as error:
                self.fail(f"service-tiers {error}", "service-tiers")
            self.merged["x-svcready-service-tiers"] = declared
            self._tier_field(tiers)
        else:
            try:
                tiers = read_tiers(self.merged.get("x-svcready-service-tiers"))
            except TierError:
                return  # the checklist's own mistake: loading says so
        for target, fragment in self._fragments():
            if "x-svcready-tiers" not in fragment:
                continue
            try:
                read_tier_list(fragment["x-svcready-tiers"], tiers)
            except TierError as error:
                where = self._origin(target, "x-svcready-tiers", "tiers") or ("service-tiers",)
                self.fail(f"the tiers of {target} {error}; set them under 'tiers', or drop it", *where)

    def _tier_field(self, tiers: Any) -> None:
        service = self.merged.get("$defs", {}).get("service", {}).get("properties", {})
        listing = "; ".join(f"{tier.id}: {tier.name}" if tier.name else str(tier.id) for tier in tiers)
        service["tier"] = {
            "title": "Tier",
            "description": (
                f"How critical the service is, one of the checklist's tiers ({listing}). A service "
                f"that names none is of tier {tiers[0].id}."
            ),
            "enum": [tier.id for tier in tiers],
            "examples": [tiers[0].id],
        }

    def _check_conditions(self) -> None:
        questions = {target for target, _fragment in self._fragments() if "." in target}
        fields = set(self.merged.get("$defs", {}).get("service", {}).get("properties", {}))
        for target, fragment in self._fragments():
            if "x-svcready-applies-when" not in fragment:
                continue
            where = self._origin(target, "applies-when", "applies-when") or ("considerations",)
            try:
                conditions = read_conditions(fragment["x-svcready-applies-when"])
            except ConditionError as error:
                self.fail(f"applies-when of {target} {error}", *where)
            for condition in conditions:
                subject = condition.subject
                if not condition.names_one_of(fields, questions):
                    self.fail(
                        f"applies-when of {target} names {subject!r}, which is no service field "
                        "(service.<field>) and no question (<consideration>.<question>) of the checklist",
                        *where,
                    )
                if subject == target or subject.partition(".")[0] == target:
                    self.fail(f"applies-when of {target} depends on its own answer", *where)

    def _sign_off(self, policy: Any) -> None:
        try:
            read = read_sign_off(policy)
        except SignOffError as error:
            self.fail(f"sign-off {error}", "sign-off")
        assert read is not None
        tiers = read_tiers(self.merged.get("x-svcready-service-tiers"))
        try:
            if read.tiers:
                read_tier_list(list(read.tiers), tiers)
        except TierError as error:
            self.fail(f"sign-off: 'tiers' {error}", "sign-off", "tiers")
        for index, level in enumerate(read.levels):
            if level not in self.merged.get("x-svcready-levels", []):
                self.fail(f"sign-off: the checklist has no level {level!r}", "sign-off", "levels", index)
        for index, key in enumerate(read.considerations):
            if key not in self.considerations:
                self.fail(f"sign-off: there is no consideration {key!r}", "sign-off", "considerations", index)
        self.merged["x-svcready-sign-off"] = policy

    def _check_drops_against_changes(self) -> None:
        """An extension that adds to what it also drops would silently lose both: refuse it."""
        changes = self.extension.get("considerations", {})
        for index, target in enumerate(self.extension.get("drop", [])):
            key, _, question = target.partition(".")
            if key not in changes:
                continue
            added = changes[key].get("questions", {})
            if not question:
                self.fail(
                    f"drop: {key!r} is also added to or changed under considerations.{key} (line "
                    f"{line_in(self.source, ('considerations', key))}); keep one of the two",
                    "drop",
                    index,
                )
            if question in added:
                self.fail(
                    f"drop: {target!r} is also added under considerations.{key}.questions; "
                    "keep one of the two",
                    "drop",
                    index,
                )

    def _new_consideration(self, key: str, change: dict[str, Any]) -> dict[str, Any]:
        if "title" not in change or not change.get("questions"):
            self.fail(
                f"the new consideration {key!r} needs a title and at least one question",
                "considerations",
                key,
            )
        fragment: dict[str, Any] = {"title": change["title"], "description": change.get("description", "")}
        for keyword, written in _FRAGMENT_KEYWORDS.items():
            if keyword in change:
                fragment[written] = change[keyword]
        fragment.update(
            {
                "type": ["object", "null"],
                "$ref": "#/$defs/consideration-markers",
                "properties": {name: _question(question) for name, question in change["questions"].items()},
                "unevaluatedProperties": False,
            }
        )
        return fragment

    def _extend(self, key: str, change: dict[str, Any]) -> None:
        fragment = self.considerations[key]
        for keyword, written in {
            "title": "title",
            "description": "description",
            **_FRAGMENT_KEYWORDS,
        }.items():
            if keyword in change:
                fragment[written] = change[keyword]
        questions = fragment.setdefault("properties", {})
        for name, question in change.get("questions", {}).items():
            if name in questions:
                self.fail(
                    f"considerations.{key}: the question {name!r} is already in the checklist",
                    "considerations",
                    key,
                    "questions",
                    name,
                )
            questions[name] = _question(question)
        if "after" in change:
            self.fail(
                f"considerations.{key}: 'after' places new considerations only",
                "considerations",
                key,
                "after",
            )

    def _place(self, key: str, after: str) -> None:
        if after not in self.considerations or after == key:
            self.fail(
                f"considerations.{key}: 'after' names {after!r}, which is not in the checklist",
                "considerations",
                key,
                "after",
            )
        ordered = [name for name in self.considerations if name != key]
        ordered.insert(ordered.index(after) + 1, key)
        items = {name: self.considerations[name] for name in ordered}
        self.considerations.clear()
        self.considerations.update(items)

    def _drop(self, target: str, index: int) -> None:
        key, _, question = target.partition(".")
        if key not in self.considerations:
            self.fail(f"drop: there is no consideration {key!r}", "drop", index)
        if not question:
            del self.considerations[key]
            return
        questions = self.considerations[key].get("properties", {})
        if question not in questions:
            self.fail(f"drop: the consideration {key!r} has no question {question!r}", "drop", index)
        del questions[question]
        if not [name for name in questions if name not in CONSIDERATION_KEYS]:
            self.fail(
                f"drop: {target} would leave {key!r} with no question; drop {key!r} instead", "drop", index
            )

    def _set_probes(self, target: str, probes: list[Any]) -> None:
        if "." not in target:
            self.fail(
                f"evidence: {target!r} is a consideration; probes go on a question ('{target}.<question>')",
                "evidence",
                target,
            )
        try:
            read_probes(probes, target)
        except ProbeError as error:
            self.fail(f"evidence: {error}", "evidence", target)
        fragment = self._fragment(target, "evidence")
        if probes:
            fragment["x-svcready-evidence"] = probes
        else:
            fragment.pop("x-svcready-evidence", None)

    def _fragment(self, target: str, section: str) -> dict[str, Any]:
        key, _, question = target.partition(".")
        fragment = self.considerations.get(key)
        if fragment is None:
            self.fail(f"there is no consideration {key!r} to change", section, target)
        if not question:
            return fragment  # type: ignore[no-any-return]
        found = fragment.get("properties", {}).get(question)
        if found is None:
            self.fail(f"the consideration {key!r} has no question {question!r} to change", section, target)
        return found  # type: ignore[no-any-return]


def _question(question: dict[str, Any]) -> dict[str, Any]:
    fragment: dict[str, Any] = {"title": question["title"], "description": question["description"]}
    keywords = {
        **_FRAGMENT_KEYWORDS,
        "x-svcready-links-services": "x-svcready-links-services",
        "examples": "examples",
    }
    for keyword, written in keywords.items():
        if keyword in question:
            fragment[written] = question[keyword]
    if question.get("evidence"):
        fragment["x-svcready-evidence"] = question["evidence"]
    fragment["$ref"] = f"#/$defs/{ANSWERS[question.get('answer', 'text')]}"
    return fragment
