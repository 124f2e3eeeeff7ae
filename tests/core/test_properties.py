"""Property-based tests: whatever a file holds, nothing raises and every question has a state.

Arbitrary text and bytes go through the reader; schema-shaped documents (generated from the
checklist schema by hypothesis-jsonschema, then dumped as YAML) and near-valid ones (the same with
random values swapped in) go through the evaluator, the command line and a real Sphinx build.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from sphinx_svcready.cli import main
from sphinx_svcready.core.checklist.loading import load_checklist
from sphinx_svcready.core.evaluate import evaluate
from sphinx_svcready.core.evaluation_options import EvaluationOptions
from sphinx_svcready.core.model import AnswerState, ServiceReport
from sphinx_svcready.core.reading.yaml_reader import LoadedDocument, load_bytes, load_text
from sphinx_svcready.core.subtypes import Subtype

from ..conftest import REPO, Build

CHECKLIST = load_checklist()
OPTIONS = EvaluationOptions(today=datetime.date(2026, 11, 26))
SUBTYPES = {subtype.value for subtype in Subtype}
# In CI the examples are the same on every run, so a landing never depends on luck; run the
# tests locally (without CI set) to explore new examples.
RELAXED = settings(
    suppress_health_check=list(HealthCheck), deadline=None, derandomize=bool(os.environ.get("CI"))
)
THOROUGH = bool(os.environ.get("SVCREADY_THOROUGH"))


def examples(count: int) -> int:
    """``count`` examples in the thorough run (tox's py312-sphinx9 env); a third by default.

    Generating schema-shaped documents is the slowest thing the suite does, and the default run is
    the one people wait for.
    """
    return count if THOROUGH else max(3, count // 3)


def _generation_schema() -> dict[str, Any]:
    """The checklist schema with every ``$ref`` inlined, as hypothesis-jsonschema needs.

    ``unevaluatedProperties`` is dropped, so generated documents may carry unknown keys too:
    near-valid documents are as interesting as valid ones here.
    """
    root = json.loads((REPO / "schemas" / "service-readiness.schema.json").read_text(encoding="utf-8"))
    dropped = {
        "$defs",
        "$schema",
        "$id",
        "unevaluatedProperties",
        "x-svcready-version",
        "x-svcready-links-services",
    }

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target: Any = root
            for part in node["$ref"][2:].split("/"):
                target = target[part]
            base = inline(target)
            rest = inline({key: value for key, value in node.items() if key != "$ref"})
            return {
                **base,
                **rest,
                "properties": {**base.get("properties", {}), **rest.get("properties", {})},
            }
        return {key: inline(value) for key, value in node.items() if key not in dropped}

    return inline(root)  # type: ignore[no-any-return]


SCHEMA_SHAPED = from_schema(_generation_schema())
ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def near_valid(draw: st.DrawFn) -> Any:
    """A schema-shaped document with one value somewhere replaced by anything at all."""
    document = draw(SCHEMA_SHAPED)
    path: list[Any] = []
    node = document
    while isinstance(node, (dict, list)) and node and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(node, key=str) if isinstance(node, dict) else range(len(node))))
        path.append(key)
        node = node[key]
    if not path:
        return draw(ANY_VALUE)
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = draw(ANY_VALUE)
    return document


def check_report(report: ServiceReport) -> None:
    assert {problem.subtype for problem in report.problems} <= SUBTYPES
    for consideration in report.considerations:
        assert consideration.state in AnswerState
        for question in consideration.questions:
            assert question.state in AnswerState
    if report.loaded:
        assert [c.key for c in report.considerations] == [c.key for c in CHECKLIST.considerations]
        assert all(isinstance(p.line, int) and p.line > 0 for p in report.problems)


def judge(text: str) -> ServiceReport:
    return evaluate(load_text(text, LoadedDocument("service.yaml")), CHECKLIST, OPTIONS)


@RELAXED
@given(st.text(max_size=400))
def test_any_text_is_read_without_raising(text: str) -> None:
    check_report(judge(text))


@RELAXED
@given(st.binary(max_size=400))
def test_any_bytes_are_read_without_raising(raw: bytes) -> None:
    document = load_bytes(raw, LoadedDocument("service.yaml"))
    check_report(evaluate(document, CHECKLIST, OPTIONS))


@RELAXED
@given(
    st.lists(
        st.sampled_from(
            ["a:", " b: 1", "- x", "  - [", "'q", "&a x", "*a", "? k", "---", "\t", ": v", "!!str z", "#c"]
        ),
        max_size=12,
    )
)
def test_yaml_shaped_noise_is_read_without_raising(pieces: list[str]) -> None:
    check_report(judge("\n".join(pieces)))


@settings(RELAXED, max_examples=examples(60))
@given(SCHEMA_SHAPED)
def test_schema_shaped_documents(document: Any) -> None:
    report = judge(yaml.safe_dump(document, sort_keys=False))
    check_report(report)
    assert report.loaded


@settings(RELAXED, max_examples=examples(60))
@given(near_valid())
def test_near_valid_documents(document: Any) -> None:
    check_report(judge(yaml.safe_dump(document, sort_keys=False)))


@settings(RELAXED, max_examples=examples(25))
@given(near_valid())
def test_the_command_line_never_raises(tmp_path_factory: Any, document: Any) -> None:
    path = tmp_path_factory.mktemp("cli") / "service.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    assert main(["check", "--today", "2026-11-26", str(path)]) in (0, 1, 2)
    assert main(["check", "--format", "json", str(path)]) in (0, 1, 2)


@settings(RELAXED, max_examples=examples(8))
@given(st.lists(near_valid() | st.text(max_size=200).map(lambda text: {"raw": text}), min_size=3, max_size=3))
def test_a_docs_build_never_crashes(
    tmp_path_factory: Any, sphinx_build: Callable[..., Build], documents: list[Any]
) -> None:
    srcdir: Path = tmp_path_factory.mktemp("docs")
    (srcdir / "conf.py").write_text("extensions = ['sphinx_svcready']\n", encoding="utf-8")
    pages = []
    for index, document in enumerate(documents):
        text = (
            document["raw"]
            if isinstance(document, dict) and set(document) == {"raw"}
            else yaml.safe_dump(document)
        )
        (srcdir / f"s{index}.yaml").write_text(text, encoding="utf-8")
        (srcdir / f"s{index}.rst").write_text(
            f"S{index}\n==\n\n.. service-readiness:: s{index}.yaml\n", encoding="utf-8"
        )
        pages.append(f"   s{index}\n")
    (srcdir / "index.rst").write_text(
        "Home\n====\n\n.. service-readiness-summary::\n\n.. toctree::\n\n" + "".join(pages), encoding="utf-8"
    )
    build = sphinx_build(srcdir, outdir=srcdir / "_build")
    assert build.code == 0, build.output
    assert "Traceback" not in build.output
    assert all((build.outdir / f"s{index}.html").is_file() for index in range(3))


@settings(RELAXED, max_examples=examples(80))
@given(st.one_of(SCHEMA_SHAPED, near_valid()))
def test_the_quick_validator_agrees_with_the_schema(document: Any) -> None:
    quick = CHECKLIST.quick_validator
    assert quick is not None
    assert quick.is_valid(document) == CHECKLIST.validator.is_valid(document)
