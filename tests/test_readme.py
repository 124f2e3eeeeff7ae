"""The README's tables and commands are checked against the code, so they cannot drift."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx_svcready.core.checklist.loading import load_checklist
from sphinx_svcready.core.reading.yaml_reader import LoadedDocument, load_text
from sphinx_svcready.core.subtypes import WARNING_TYPE, Subtype
from sphinx_svcready.sphinx_ext.options import OPTIONS

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def table(name: str) -> list[list[str]]:
    block = README.split(f"<!-- {name}", 1)[1].split(f"<!-- end {name} -->", 1)[0]
    rows = [line for line in block.splitlines() if line.startswith("|")][2:]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]


def markdown(rst: str) -> str:
    return rst.replace("``", "`")


def test_warnings_table_is_the_catalogue() -> None:
    rows = table("warnings-table")
    assert [row[0] for row in rows] == [f"`{WARNING_TYPE}.{subtype.value}`" for subtype in Subtype]
    assert [row[1] for row in rows] == [markdown(subtype.description) for subtype in Subtype]
    for row, subtype in zip(rows, Subtype, strict=True):
        assert "WARNING: " in row[2], subtype


def test_options_table_is_the_options() -> None:
    rows = table("options-table")
    assert [row[0] for row in rows] == [f"`{option.name}`" for option in OPTIONS]
    for row, option in zip(rows, OPTIONS, strict=True):
        shown = (
            json.dumps(option.default, ensure_ascii=False)
            if isinstance(option.default, list)
            else repr(option.default)
        )
        assert row[1] == f"`{shown}`"
        assert row[2] == markdown(option.help)


def test_considerations_table_is_the_schema() -> None:
    rows = table("considerations-table")
    expected = [
        [f"`{c.key}`", ", ".join(f"`{q.key}`" for q in c.questions)] for c in load_checklist().considerations
    ]
    assert rows == expected


def test_ci_runs_the_two_readme_commands() -> None:
    commands = re.findall(r"```sh\n(python3 -m venv .venv && [^\n]+)\n```", README)
    assert len(commands) == 2
    assert "sphinx-build -W --keep-going -b html example-docs" in commands[0]
    assert "pytest" in commands[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for command in commands:
        assert command in ci


def test_the_bring_your_own_checklist_guide_is_a_working_checklist(tmp_path: Path) -> None:
    section = README.split("### Bring your own checklist, start to end", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```json\n(.*?)```", section, re.DOTALL)
    extension = tmp_path / "northwind.json"
    extension.write_text("".join(blocks), encoding="utf-8")
    checklist = load_checklist(None, [extension])
    assert (checklist.schema_id, checklist.title, checklist.levels) == (
        "northwind-readiness",
        "Northwind production readiness",
        (),
    )
    assert [tier.id for tier in checklist.tiers] == ["A", "B", "C"]
    [service] = re.findall(r"```yaml\n(service:\n.*?)```", section, re.DOTALL)
    # Read as the build reads it: YAML 1.2, where "on" is a word, not a yes.
    document = load_text(service, LoadedDocument("service.yaml")).data
    assert [error.message for error in checklist.validator.iter_errors(document)] == []
