"""The compiled check (fastjsonschema, the ``fast`` extra) says "valid" only where jsonschema does,
and is not used for a schema it might read otherwise than 2020-12 does.

The property tests give both validators export documents generated from the export schema, then
the same with one value anywhere swapped for any JSON value at all.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from sphinx_svcready.core.checklist.compiled_validator import compiled_check
from sphinx_svcready.core.checklist.quick_validator import inlined_schema
from sphinx_svcready.core.remote.exports import RemoteError, _compiled_check, _schema, _validator, parse

from ..conftest import REPO
from .test_export_validation import example_export
from .test_properties import ANY_VALUE, RELAXED, examples

EXPORT_SCHEMA = _schema()


def generation_schema() -> dict[str, Any]:
    """The export schema written out, without the annotations hypothesis-jsonschema cannot read."""
    copy = inlined_schema(EXPORT_SCHEMA)
    assert copy is not None
    return {key: value for key, value in copy.items() if key not in ("$schema", "$id")}


EXPORT_SHAPED = from_schema(generation_schema())


@st.composite
def near_valid_export(draw: st.DrawFn) -> Any:
    """An export-shaped document with one value somewhere swapped for anything at all."""
    document = draw(EXPORT_SHAPED)
    parent, key = None, None
    node = document
    while isinstance(node, (dict, list)) and node and draw(st.booleans()):
        parent = node
        key = draw(st.sampled_from(sorted(node, key=str) if isinstance(node, dict) else range(len(node))))
        node = node[key]
    if parent is None:
        return draw(ANY_VALUE)
    parent[key] = draw(ANY_VALUE)  # type: ignore[index]
    return document


def checker() -> Any:
    check = _compiled_check()
    assert check is not None, "the export schema is read alike, and the test extra installs fastjsonschema"
    return check


def test_the_compiled_check_agrees_on_the_example_export() -> None:
    check = checker()
    document = example_export()
    assert check(document) and _validator().is_valid(document)
    document["services"][0]["counts"]["answered"] = "many"
    assert not check(document) and not _validator().is_valid(document)


@settings(RELAXED, max_examples=examples(30))
@given(EXPORT_SHAPED)
def test_an_export_shaped_document_is_judged_alike(document: Any) -> None:
    assert checker()(document) == _validator().is_valid(document)


@settings(RELAXED, max_examples=examples(45))
@given(near_valid_export())
def test_a_near_valid_export_is_never_accepted_by_the_compiled_check_alone(document: Any) -> None:
    if checker()(document):
        assert _validator().is_valid(document)


def test_a_refused_export_is_worded_the_same_with_and_without_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = example_export()
    document["services"][1]["ready"] = 7
    data = json.dumps(document).encode()
    with pytest.raises(RemoteError) as compiled:
        parse(data)
    monkeypatch.setattr("sphinx_svcready.core.remote.exports._compiled_check", lambda: None)
    with pytest.raises(RemoteError) as walked:
        parse(data)
    assert str(compiled.value) == str(walked.value)
    assert str(walked.value).startswith("it is not a svcready export: at 'services'/'1'/'ready', 7 is not")


def test_without_fastjsonschema_there_is_no_compiled_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fastjsonschema", None)
    assert compiled_check(EXPORT_SCHEMA) is None


@pytest.mark.parametrize(
    ("schema", "why"),
    [
        ({"enum": ["a", 1]}, "1 == True in Python"),
        ({"const": True}, "1 == True in Python"),
        ({"pattern": "^(a$|b)"}, "a $ before the end would become \\Z"),
        ({"pattern": "^a\\$"}, "an escaped $ would become \\\\Z"),
        ({"items": [{"type": "string"}]}, "draft 7's tuple form"),
        ({"unevaluatedProperties": False}, "not in draft 7"),
        ({"dependentRequired": {"a": ["b"]}}, "not in draft 7"),
        ({"prefixItems": [{"type": "string"}]}, "not in draft 7"),
        ({"multipleOf": 0.1}, "floats are divided otherwise"),
        ({"properties": {"a": {"minContains": 1}}}, "nested, not in draft 7"),
        ({"$ref": "other.json"}, "a reference to another document is not written out"),
    ],
)
def test_a_schema_that_might_be_read_otherwise_gets_no_compiled_check(
    schema: dict[str, Any], why: str
) -> None:
    assert compiled_check({"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}) is None, why


def test_the_service_checklist_is_left_to_jsonschema() -> None:
    # unevaluatedProperties, which draft 7 does not know, keeps unknown answers out.
    schema = json.loads((REPO / "schemas" / "service-readiness.schema.json").read_text(encoding="utf-8"))
    assert compiled_check(schema) is None


def test_a_trailing_dollar_is_read_only_more_strictly() -> None:
    check = compiled_check({"type": "string", "pattern": "^[0-9]{4}$", "default": "x"})
    assert check is not None
    assert check("2026") and not check("20261")
    assert not check("2026\n")  # which jsonschema's $ accepts: a refusal goes on to jsonschema


def test_the_check_never_writes_defaults_into_the_document() -> None:
    check = compiled_check({"type": "object", "properties": {"a": {"type": "string", "default": "x"}}})
    assert check is not None
    document: dict[str, Any] = {}
    assert check(document) and document == {}
