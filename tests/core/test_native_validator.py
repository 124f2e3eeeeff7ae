"""The native check (jsonschema-rs, the ``fast`` extra) says "valid" only where the checklist's
validator does, a pattern reaches Rust only as the class its own engine means, and every problem
is worded the same with the extra and without it.

The property tests give both validators schema-shaped service documents and the same with one value
anywhere swapped for any value at all, and give Rust and the engines (RE2 for ``pattern``, Python's
``re`` for ``patternProperties``) patterns and texts made of the characters where they part ways.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import re
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_svcready.core.checklist import native_validator
from sphinx_svcready.core.checklist.loading import Checklist, _format_checks
from sphinx_svcready.core.checklist.native_validator import (
    PYTHON,
    RE2,
    Untranslatable,
    native_check,
    rust_pattern,
)
from sphinx_svcready.core.checklist.safety import compiled
from sphinx_svcready.core.evaluate import evaluate
from sphinx_svcready.core.evaluation_options import EvaluationOptions
from sphinx_svcready.core.reading.yaml_reader import load_file

from ..conftest import COMPLETE, line_of
from .test_properties import CHECKLIST, RELAXED, SCHEMA_SHAPED, examples, near_valid

#: Characters on which the engines' classes differ: file separators (whitespace to Python, not to
#: RE2 or Rust), a no-break and an em space, an Arabic-Indic digit, a letter with an accent, a
#: combining accent, the low line, a newline and a tab.
TRICKY = "a1_ \t\n\x1c\x1f\xa0\u2003\u0663\u00e9\u0301:/-."
PIECES = st.sampled_from(
    [
        *("a", "1", "_", "-", ".", ":", " ", r"\s", r"\S", r"\d", r"\D", r"\w", r"\W", r"\.", r"\-"),
        *("[a-z]", r"[^:/\s]", r"[\w.-]", "x*", "(a|1)", "+", "?", "^", "$", "[]a]", "{2}", "\u00e9"),
    ]
)
PATTERNS = st.lists(PIECES, min_size=1, max_size=6).map("".join)
TEXTS = st.text(alphabet=TRICKY, max_size=8)


def rust_finds(pattern: str, text: str) -> bool:
    return bool(jsonschema_rs.validator_for({"type": "string", "pattern": pattern}).is_valid(text))


def checker() -> Any:
    check = CHECKLIST.native_check
    assert check is not None, "the packaged schema is read alike, and the test extra installs jsonschema-rs"
    return check


@settings(RELAXED, max_examples=examples(300))
@given(PATTERNS, TEXTS)
def test_a_pattern_is_found_by_jsonschema_rs_where_its_engine_finds_it(pattern: str, text: str) -> None:
    try:
        re2_finds = bool(compiled(pattern).search(text))
        python_finds = bool(re.search(pattern, text))
    except Exception:  # a piece sequence that is no pattern: "++", "x*?+"
        return
    for engine, finds in ((RE2, re2_finds), (PYTHON, python_finds)):
        try:
            written = rust_pattern(pattern, engine)
        except Untranslatable:
            continue  # a schema holding it gets no native check
        found = rust_finds(written, text)
        if found or engine == RE2:
            assert found == finds, (engine, written)
        elif finds:
            # Only Python's "$" also matches before a last newline; jsonschema-rs refuses more.
            assert "$" in pattern and text.endswith("\n")


def test_shorthand_classes_are_written_out_as_re2_means_them() -> None:
    assert rust_pattern(r"^\s$", RE2) == r"^[\x09-\x0A\x0C-\x0D\x20]$"
    assert rust_pattern(r"[^:/\s]", RE2) == r"[^:/\x09-\x0A\x0C-\x0D\x20]"
    assert rust_pattern(r"\D", RE2) == r"[^\x30-\x39]"
    # ECMA 262's \s holds the Unicode spaces; RE2's, and so the check's, does not.
    assert rust_finds(r"^\s$", "\xa0")
    assert not rust_finds(rust_pattern(r"^\s$", RE2), "\xa0")


@pytest.mark.parametrize(
    "pattern",
    [r"\bword", r"(?i)name", r"[[:alpha:]]", r"[a-z&&[^q]]", r"\pL", r"\Aa", "[a", "[]a]", r"[^\D]"],
)
def test_a_pattern_jsonschema_rs_might_read_otherwise_leaves_the_schema_without_a_native_check(
    pattern: str,
) -> None:
    schema = {"type": "object", "properties": {"name": {"type": "string", "pattern": pattern}}}
    assert native_check(schema, dict) is None
    named = {"type": "object", "patternProperties": {pattern: {"type": "string"}}}
    assert native_check(named, dict) is None


def test_a_shorthand_in_a_name_pattern_leaves_the_schema_without_a_native_check() -> None:
    # Python's \w is Unicode-wide; only RE2's ASCII classes are written out.
    assert native_check({"type": "object", "patternProperties": {r"^\w+$": {}}}, dict) is None
    assert native_check({"type": "object", "patternProperties": {"^x-": {}}}, dict) is not None


@settings(RELAXED, max_examples=examples(120))
@given(st.one_of(SCHEMA_SHAPED, near_valid()))
def test_a_document_the_native_check_accepts_is_valid(document: Any) -> None:
    if checker()(document):
        assert CHECKLIST.validator.is_valid(document)
    else:
        assert not CHECKLIST.quick_validator.is_valid(document) or not _takes(document)  # type: ignore[union-attr]


def _takes(document: Any) -> bool:
    """Whether jsonschema-rs can take the value at all (text keys, no dates, no surrogates)."""
    try:
        jsonschema_rs.validator_for({}).is_valid(document)
    except Exception:
        return False
    return True


def test_the_example_file_is_valid_and_what_it_cannot_take_is_not_called_valid() -> None:
    data = load_file(COMPLETE).data
    assert checker()(data) and CHECKLIST.validator.is_valid(data)
    dated = copy.deepcopy(data)
    dated["service"]["summary"] = datetime.date(2026, 1, 1)
    numbered = copy.deepcopy(data)
    numbered["service"][7] = "seven"
    for document in (dated, numbered):
        assert not checker()(document)
        assert not CHECKLIST.validator.is_valid(document)
    # Text that is not Unicode (a lone surrogate) is still text to both.
    unpaired = copy.deepcopy(data)
    unpaired["service"]["summary"] = "\ud800"
    assert checker()(unpaired) and CHECKLIST.validator.is_valid(unpaired)


def test_formats_are_checked_by_the_validators_own_functions() -> None:
    schema = {"type": "string", "format": "date"}
    # jsonschema-rs alone takes the year 0000 as a date; Python's date does not.
    assert jsonschema_rs.validator_for(schema, validate_formats=True).is_valid("0000-01-01")
    check = native_check(schema, _format_checks)
    assert check is not None
    assert not check("0000-01-01") and check("2026-02-28") and not check("2026-02-30")


def test_the_problems_are_worded_the_same_without_the_extra(tmp_path: Path) -> None:
    text = COMPLETE.read_text(encoding="utf-8").replace("  lifecycle: production", "  lifecycle: 7")
    text = text.replace("  owner: Team Ledger", "  owner: [Team Ledger]")
    path = tmp_path / "service.yaml"
    path.write_text(text, encoding="utf-8")
    options = EvaluationOptions(today=datetime.date(2026, 11, 26))
    with_extra = evaluate(load_file(path), checker_list(), options).problems
    without = evaluate(load_file(path), dataclasses.replace(checker_list(), native_check=None), options)
    assert {p.subtype for p in with_extra} == {"invalid"}
    assert [p.line for p in with_extra] == [
        line_of(text, "  owner: [Team Ledger]"),
        line_of(text, "  lifecycle: 7"),
        line_of(text, "  lifecycle: 7"),
    ]
    assert with_extra == without.problems


def checker_list() -> Checklist:
    assert CHECKLIST.native_check is not None
    return CHECKLIST


def test_without_jsonschema_rs_there_is_no_native_check(monkeypatch: pytest.MonkeyPatch) -> None:
    real = native_validator.importlib.util.find_spec
    monkeypatch.setattr(
        native_validator.importlib.util,
        "find_spec",
        lambda name, *args: None if name == "jsonschema_rs" else real(name, *args),
    )
    assert native_check({"type": "object"}, dict) is None
