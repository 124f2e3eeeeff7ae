"""One verdict everywhere: a service that fails ``sphinx-build -W`` is not ready in ``svcready.json``,
in the Tech Insights facts or for ``svcready check``, and each says why in the same words; and the
build and the command read the same Backstage catalog file above the docs."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sphinx_svcready.cli import main

from ..conftest import ROOTS, Build, complete_text, line_of

Run = Callable[..., Build]
COMPONENT = """\
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: {name}
spec:
  type: service
  owner: {owner}
  lifecycle: production
"""


def without(text: str, *lines: str) -> str:
    for line in lines:
        assert line in text
        text = text.replace(line, "")
    return text


#: Files the build warns about and so are not ready, each with the reason the export gives.
CASES: dict[str, tuple[str, str | None]] = {
    "misspelt": (
        complete_text().replace("name: ledger", "name: misspelt").replace("  logging:", "  loging:"),
        None,
    ),
    "tier-as-text": (
        complete_text()
        .replace("name: ledger", "name: tier-as-text")
        .replace("  lifecycle: production\n", "  lifecycle: production\n  tier: one\n"),
        None,
    ),
    "nameless": (
        without(complete_text(), "  name: ledger\n", "  owner: Team Ledger\n", "  lifecycle: production\n"),
        None,
    ),
    "spaced-owner": (
        without(complete_text().replace("name: ledger", "name: spaced-owner"), "  owner: Team Ledger\n"),
        COMPONENT.format(name="spaced-owner", owner="group:default/team-a")
        + "  dependsOn:\n    - component:default/my billing\n",
    ),
    "complete": (complete_text().replace("name: ledger", "name: complete"), None),
}


NAMELESS = [f"service: missing the required key '{key}'" for key in ("name", "owner", "lifecycle")]


def portfolio_project(root: Path) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    shutil.copyfile(ROOTS / "test-basic" / "conf.py", docs / "conf.py")
    with (docs / "conf.py").open("a", encoding="utf-8") as handle:
        handle.write('svcready_export_facts = "facts.json"\nsvcready_today = "2026-11-26"\n')
    toctree = "".join(f"   {folder}/index\n" for folder in CASES)
    (docs / "index.rst").write_text(f"Portfolio\n=========\n\n.. toctree::\n\n{toctree}", encoding="utf-8")
    for folder, (service, catalog) in CASES.items():
        (docs / folder).mkdir()
        (docs / folder / "service.yaml").write_text(service, encoding="utf-8")
        if catalog:
            (docs / folder / "catalog-info.yaml").write_text(catalog, encoding="utf-8")
        (docs / folder / "index.rst").write_text(
            f"{folder}\n{'=' * len(folder)}\n\n.. service-readiness::\n", encoding="utf-8"
        )
    return docs


def verdicts(records: list[dict[str, Any]]) -> dict[str, tuple[bool, list[tuple[str, int | None]]]]:
    return {
        record["name"]: (
            record["ready"],
            [(reason["subtype"], reason["line"]) for reason in record["reasons"]],
        )
        for record in records
    }


def test_a_service_the_build_warns_about_is_not_ready_anywhere(
    tmp_path: Path, sphinx_build: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = portfolio_project(tmp_path)
    build = sphinx_build(docs)
    warned = {Path(line.split(":", 1)[0]).parent.name for line in build.warnings}
    assert warned == {"misspelt", "tier-as-text", "nameless", "spaced-owner"}

    export = json.loads((build.outdir / "svcready.json").read_text(encoding="utf-8"))
    judged = verdicts(export["services"])
    misspelt = CASES["misspelt"][0]
    assert judged == {
        "complete": (True, []),
        # The misspelt key is unknown, and so the consideration it meant is unanswered.
        "misspelt": (
            False,
            [
                ("unanswered", line_of(misspelt, "considerations:")),
                ("invalid", line_of(misspelt, "  loging:")),
            ],
        ),
        "tier-as-text": (False, [("invalid", line_of(CASES["tier-as-text"][0], "  tier: one"))]),
        "nameless": (False, [("invalid", 2), ("invalid", 2), ("invalid", 2)]),
        "spaced-owner": (False, [("backstage", 10)]),
    }
    nameless = next(record for record in export["services"] if record["name"] == "nameless")
    assert [reason["message"] for reason in nameless["reasons"]] == NAMELESS
    spaced = next(record for record in export["services"] if record["name"] == "spaced-owner")
    assert spaced["reasons"][0]["file"] == "spaced-owner/catalog-info.yaml"

    # Every warning of the build is a reason in the export, in the same words.
    for line in build.warnings:
        message = line.split(": WARNING: ", 1)[1].rsplit(" [svcready.", 1)[0]
        assert any(
            message == reason["message"] for record in export["services"] for reason in record["reasons"]
        ), line

    facts = json.loads((build.outdir / "facts.json").read_text(encoding="utf-8"))
    assert {item["entity"]["name"]: item["facts"]["svcready_ready"] for item in facts["items"]} == {
        name: ready for name, (ready, _) in judged.items()
    }

    # The command says the same of the same files.
    capsys.readouterr()
    code = main(["check", "--format", "json", "--today", "2026-11-26", str(docs)])
    command = json.loads(capsys.readouterr().out)
    assert code == 2
    assert verdicts(command["services"]) == judged


def git_repository(root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)


def test_a_catalog_file_at_the_repository_root_is_read_by_the_build_and_the_command(
    tmp_path: Path, sphinx_build: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    repository = tmp_path / "repository"
    docs = repository / "docs"
    shutil.copytree(ROOTS / "test-basic", docs)
    lean = without(complete_text(), "  owner: Team Ledger\n", "  lifecycle: production\n")
    (docs / "service.yaml").write_text(
        lean.replace("  name: ledger\n", "  name: ledger\n  catalog-info: ../catalog-info.yaml\n"),
        encoding="utf-8",
    )
    (repository / "catalog-info.yaml").write_text(
        COMPONENT.format(name="ledger", owner="group:default/team-ledger"), encoding="utf-8"
    )
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(COMPONENT.format(name="ledger", owner="group:default/intruder"), encoding="utf-8")

    # Outside any git work tree, the docs source is the limit, as before.
    refused = sphinx_build(docs)
    assert any(
        f"is outside {docs}, the folder catalog files are read from" in line for line in refused.warnings
    )

    git_repository(repository)
    # The repository has no licence file or CODEOWNERS: the evidence probes are not this test's subject.
    with (docs / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("svcready_evidence = False\n")
    build = sphinx_build(docs, "-W", "-E")
    assert (build.code, build.warnings) == (0, [])
    [record] = json.loads((build.outdir / "svcready.json").read_text(encoding="utf-8"))["services"]
    assert (record["owner"], record["ready"]) == ("team-ledger", True)
    capsys.readouterr()
    assert main(["check", "--no-evidence", "--format", "json", str(docs / "service.yaml")]) == 0
    [checked] = json.loads(capsys.readouterr().out)["services"]
    assert (checked["owner"], checked["ready"]) == (record["owner"], record["ready"])

    # A file outside the repository stays out of reach of both.
    (docs / "service.yaml").write_text(
        lean.replace("  name: ledger\n", f"  name: ledger\n  catalog-info: {outside}\n"), encoding="utf-8"
    )
    build = sphinx_build(docs, "-E")
    assert any("is outside" in line and "[svcready.backstage]" in line for line in build.warnings)
    capsys.readouterr()
    assert main(["check", "--no-evidence", str(docs / "service.yaml")]) == 2
    assert "is outside" in capsys.readouterr().out
