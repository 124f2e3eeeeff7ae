"""The quick validator (the schema with its references written out) says "valid" exactly when the
schema does, and a schema it cannot copy faithfully gets none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sphinx_svcready.core.checklist.loading import load_checklist
from sphinx_svcready.core.checklist.quick_validator import inlined_schema
from sphinx_svcready.core.reading.yaml_reader import load_file

from ..conftest import REPO

CHECKLIST = load_checklist()
LUMEN = load_checklist(None, [REPO / "example-docs" / "checklist" / "lumen.json"])
SERVICE_FILES = sorted(
    [
        *(REPO / "tests" / "data" / "invalid").glob("*.yaml"),
        *(REPO / "example-docs" / "services").glob("*/service.yaml"),
        *(REPO / "example-monorepo" / "services").glob("*/service.yaml"),
        *(REPO / "tests" / "roots").glob("*/service.yaml"),
    ]
)


def documents() -> list[tuple[str, Any]]:
    """Each file's data as the evaluation sees it (files that cannot be read are left out)."""
    loaded = [(path.name, load_file(path)) for path in SERVICE_FILES]
    return [(name, document.data) for name, document in loaded if document.ok]


def references(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [
            *([node["$ref"]] if "$ref" in node else []),
            *(r for v in node.values() for r in references(v)),
        ]
    if isinstance(node, list):
        return [r for item in node for r in references(item)]
    return []


def test_the_packaged_checklist_is_written_out_with_no_reference_left() -> None:
    assert CHECKLIST.quick_validator is not None and LUMEN.quick_validator is not None
    assert references(CHECKLIST.quick_validator.schema) == []
    assert references(CHECKLIST.schema) != []


def test_both_validators_agree_on_every_file_of_the_corpus_and_the_examples() -> None:
    checked = documents()
    verdicts = {
        name: (CHECKLIST.validator.is_valid(data), CHECKLIST.quick_validator.is_valid(data))  # type: ignore[union-attr]
        for name, data in checked
    }
    assert all(original == quick for original, quick in verdicts.values()), verdicts
    # Both kinds are in the corpus: the agreement is not only on valid files.
    assert {original for original, _ in verdicts.values()} == {True, False}
    assert len(checked) > 60


@pytest.mark.parametrize(
    "schema",
    [
        {"$ref": "other.json#/x"},
        {"$defs": {"a": {"$anchor": "a"}}, "$ref": "#a"},
        {"$defs": {"node": {"properties": {"child": {"$ref": "#/$defs/node"}}}}, "$ref": "#/$defs/node"},
        {"properties": {"x": {"$id": "nested.json"}}},
        {"$defs": {"a b": {}}, "$ref": "#/$defs/a%20b"},
        {"$ref": "#/$defs/missing"},
        {"$dynamicRef": "#meta"},
    ],
)
def test_a_schema_that_cannot_be_written_out_faithfully_gets_no_copy(schema: dict[str, Any]) -> None:
    assert inlined_schema(schema) is None


def test_a_reference_beside_other_keywords_keeps_them_all() -> None:
    schema = {
        "$defs": {"short": {"type": "string", "maxLength": 3}, "lower": {"pattern": "^[a-z]*$"}},
        "properties": {"x": {"$ref": "#/$defs/short", "allOf": [{"$ref": "#/$defs/lower"}], "minLength": 2}},
        "unevaluatedProperties": False,
    }
    copy = inlined_schema(schema)
    assert copy is not None and references(copy) == []
    original, quick = Draft202012Validator(schema), Draft202012Validator(copy)
    for value in [{"x": "ab"}, {"x": "a"}, {"x": "abcd"}, {"x": "AB"}, {"x": 1}, {"y": 1}, {}]:
        assert original.is_valid(value) == quick.is_valid(value), value


def test_data_and_property_names_are_never_taken_for_references() -> None:
    schema = {
        "$defs": {"text": {"type": "string"}},
        "properties": {
            "$ref": {"$ref": "#/$defs/text"},
            "kind": {"const": {"$ref": "#/$defs/text", "$id": "data"}},
            "tags": {"enum": [{"$ref": "x"}], "examples": [{"$anchor": "y"}]},
        },
    }
    copy = inlined_schema(schema)
    assert copy is not None
    assert copy["properties"]["$ref"] == {"allOf": [{"type": "string"}]}
    assert copy["properties"]["kind"] == schema["properties"]["kind"]
    assert copy["properties"]["tags"] == schema["properties"]["tags"]
    original, quick = Draft202012Validator(schema), Draft202012Validator(copy)
    for value in [
        {"$ref": "a"},
        {"$ref": 1},
        {"kind": {"$ref": "#/$defs/text", "$id": "data"}},
        {"kind": "x"},
    ]:
        assert original.is_valid(value) == quick.is_valid(value), value


def test_an_organisation_schema_that_cannot_be_written_out_is_still_validated(tmp_path: Path) -> None:
    schema = json.loads((REPO / "schemas" / "service-readiness.schema.json").read_text(encoding="utf-8"))
    schema["$defs"]["text-answer"]["$anchor"] = "text"
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    checklist = load_checklist(path)
    assert checklist.quick_validator is None
    assert not checklist.validator.is_valid({"service": {}})
