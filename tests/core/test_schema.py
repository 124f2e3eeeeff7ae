"""The schema is the checklist: every consideration and question of the reference, in order."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sphinx_svcready.core.checklist.loading import (
    SCHEMA_FILENAME,
    ChecklistError,
    load_checklist,
    packaged_schema_path,
)

from ..conftest import REPO, organisation_schema

SCHEMA_FILE = REPO / "schemas" / SCHEMA_FILENAME
REFERENCE_SECTIONS = [
    "What the service does",
    "Sizing and resource profile",
    "Customers",
    "Code",
    "Settings and secrets",
    "License",
    "How the service runs",
    "Persistence",
    "Logging",
    "Metrics",
    "Messaging",
    "Email",
    "Access to other services",
    "Service monitoring",
    "Fault tolerance and scalability",
    "Network access",
    "Data security",
    "Testing",
    "Additional requirements",
]


def test_schema_is_valid_2020_12_with_a_versioned_id() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert re.search(r"/1\.0/", schema["$id"])
    assert load_checklist().version == "1.0"


def test_the_nineteen_considerations_in_reference_order() -> None:
    checklist = load_checklist()
    assert [c.title for c in checklist.considerations] == REFERENCE_SECTIONS
    for consideration in checklist.considerations:
        assert consideration.description
        for question in consideration.questions:
            assert question.title and question.text.endswith(("?", ".")), question


def test_every_reference_question_has_a_question() -> None:
    questions = {(c.key, q.key) for c in load_checklist().considerations for q in c.questions}
    # One entry per question the reference checklist asks, by consideration.
    required = {
        ("sizing", "machine-class"),
        ("sizing", "bottlenecks"),
        ("customers", "users"),
        ("customers", "initial-usage"),
        ("customers", "growth-drivers"),
        ("customers", "capacity"),
        ("code", "repositories"),
        ("code", "private-repository"),
        ("code", "release-process"),
        ("code", "code-reviewed"),
        ("settings", "source"),
        ("settings", "hard-coded-values-resolved"),
        ("license", "included"),
        ("runtime", "http"),
        ("runtime", "scheduled"),
        ("persistence", "needs"),
        ("persistence", "existing-database"),
        ("persistence", "document-store"),
        ("persistence", "least-privilege"),
        ("logging", "diagnostics"),
        ("logging", "standards"),
        ("logging", "aggregation"),
        ("metrics", "key-metrics"),
        ("metrics", "dashboard"),
        ("messaging", "queues"),
        ("email", "outgoing"),
        ("dependencies", "internal"),
        ("dependencies", "external"),
        ("monitoring", "coverage"),
        ("monitoring", "sufficiency"),
        ("monitoring", "security"),
        ("monitoring", "abuse-resistance"),
        ("resilience", "fault-tolerance"),
        ("resilience", "scalability"),
        ("network", "reachable-from"),
        ("data-security", "personal-data"),
        ("data-security", "tracking-logs"),
        ("data-security", "confidential-data"),
        ("testing", "load-tests"),
        ("testing", "scaling-thresholds"),
        ("testing", "end-to-end"),
        ("testing", "no-op-tasks"),
        ("additional", "notes"),
        ("purpose", "description"),
    }
    assert required <= questions


def test_custom_schema_changes_the_checklist_with_no_code(tmp_path: Path) -> None:
    schema = organisation_schema()
    path = tmp_path / "org.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    checklist = load_checklist(path)
    assert checklist.considerations[-1].title == "On-call and runbook"
    assert [q.key for q in checklist.considerations[-1].questions] == ["rota"]


def test_packaged_schema_is_the_repository_schema_byte_for_byte(tmp_path: Path) -> None:
    # Build the wheel a user would install and compare the schema inside it.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
    )
    [wheel] = tmp_path.glob("sphinx_svcready-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read(f"sphinx_svcready/schemas/{SCHEMA_FILENAME}")
    assert shipped == SCHEMA_FILE.read_bytes()
    assert packaged_schema_path().read_bytes() == SCHEMA_FILE.read_bytes()


def test_schemas_that_are_not_checklists_are_refused_clearly(tmp_path: Path) -> None:
    cases = {
        "list.json": ("[]", "is not a JSON object"),
        "props.json": ('{"properties": {"service": {}}}', "has no properties under 'considerations'"),
        "empty.json": ('{"properties": {"considerations": {"properties": {"a": {"title": "A"}}}}}', "'a' in"),
        "bad.json": ('{"type": 12}', "is not valid JSON Schema"),
    }
    for name, (text, fragment) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ChecklistError, match=re.escape(fragment)):
            load_checklist(path)


def _with_examples(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if "examples" in node:
            yield path, node
        for key, value in node.items():
            yield from _with_examples(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _with_examples(value, f"{path}/{index}")


def test_every_example_an_editor_offers_is_valid_where_it_is_offered() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    found = dict(_with_examples(schema))
    service = "#/$defs/service/properties"
    assert {f"{service}/{key}" for key in ("name", "title", "summary", "owner", "contact")} <= set(found)
    assert {"#/$defs/waiver", "#/$defs/question-marker", "#/$defs/reason"} <= set(found)
    for path, node in found.items():
        validator = Draft202012Validator({**node, "$defs": schema["$defs"]})
        for example in node["examples"]:
            assert not list(validator.iter_errors(example)), (path, example)
