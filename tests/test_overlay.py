"""Organisation checklists: an extension file adds, drops and re-tiers considerations, and the
page, the warnings, ``svcready init``, ``svcready check`` and the summary follow."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from sphinx_svcready.cli import main
from sphinx_svcready.core.checklist.loading import ChecklistError, load_checklist

from .conftest import REPO, Build, complete_text, line_of, remove_consideration

Project = Callable[..., Path]
Run = Callable[..., Build]
EXAMPLE_EXTENSION = REPO / "example-docs" / "checklist" / "lumen.json"


def extension(srcdir: Path, content: dict) -> str:
    (srcdir / "org.json").write_text(json.dumps(content), encoding="utf-8")
    return 'svcready_schema_extensions = ["org.json"]'


ON_CALL = {
    "considerations": {
        "on-call": {
            "title": "On-call and runbook",
            "description": "Who is paged.",
            "after": "monitoring",
            "questions": {
                "rota": {"title": "Rota", "description": "Which rota is paged?"},
                "runbook": {"title": "Runbook", "description": "Where is the runbook?"},
            },
        }
    }
}


def test_an_added_consideration_is_asked_for(project: Project, sphinx_build: Run) -> None:
    srcdir = project(complete_text())
    conf = extension(srcdir, ON_CALL)
    srcdir = project(conf=conf)
    build = sphinx_build(srcdir)
    assert build.warnings == [
        f"{srcdir / 'service.yaml'}:{line_of(complete_text(), 'considerations:')}: WARNING: consideration "
        "on-call (On-call and runbook) is unanswered: no answer to any of its questions (rota, runbook); "
        "answer them or write 'not-applicable: <reason>' for the whole consideration [svcready.unanswered]"
    ]
    html = build.page()
    assert html.index('id="svcready-ledger-monitoring"') < html.index('id="svcready-ledger-on-call"')
    assert html.index('id="svcready-ledger-on-call"') < html.index('id="svcready-ledger-resilience"')
    assert "<strong>19 of 20 considerations answered</strong>" in html


def test_answering_the_added_consideration_passes(project: Project, sphinx_build: Run) -> None:
    answered = complete_text().replace(
        "considerations:\n",
        "considerations:\n  on-call:\n    rota: Ledger primary.\n    runbook: RUNBOOK.md.\n",
        1,
    )
    srcdir = project(answered)
    srcdir = project(conf=extension(srcdir, ON_CALL))
    build = sphinx_build(srcdir, "-W")
    assert (build.code, build.warnings) == (0, [])
    assert "Ledger primary." in build.page()


def test_drop_tiers_and_levels_change_the_packaged_checklist(project: Project, sphinx_build: Run) -> None:
    change = {
        "drop": ["email", "testing.no-op-tasks"],
        "tiers": {"testing.end-to-end": [1]},
        "levels": {"metrics": "bronze"},
    }
    text = remove_consideration(complete_text(), "email").replace(
        "  lifecycle: production\n", "  lifecycle: production\n  tier: 2\n", 1
    )
    text = remove_consideration(text, "metrics")
    lines = text.splitlines()
    # No answer to testing.end-to-end or the dropped no-op-tasks.
    lines = [line for line in lines if not line.startswith(("    end-to-end:", "    no-op-tasks:"))]
    srcdir = project("\n".join(lines) + "\n")
    srcdir = project(conf=extension(srcdir, change))
    build = sphinx_build(srcdir)
    assert len(build.warnings) == 1 and "consideration metrics (Metrics) is unanswered" in build.warnings[0]
    html = build.page()
    assert 'id="svcready-ledger-email"' not in html
    assert 'id="svcready-ledger-testing-no-op-tasks"' not in html
    assert "not asked of tier 2 services" in html
    assert "Readiness level: <strong>none yet</strong>; bronze needs: " in html


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ({"considerations": {"Bad Key": {}}}, "is not valid at considerations"),
        ({"drop": ["no-such-thing"]}, "drop: there is no consideration 'no-such-thing'"),
        ({"drop": ["messaging.queues"]}, "would leave 'messaging' with no question"),
        ({"tiers": {"testing.nope": [1]}}, "the consideration 'testing' has no question 'nope' to change"),
        ({"levels": {"testing": "platinum"}}, "'platinum', not one of x-svcready-levels"),
        ({"considerations": {"new": {"title": "New"}}}, "needs a title and at least one question"),
        (
            {
                "considerations": {
                    "testing": {"questions": {"load-tests": {"title": "L", "description": "Q?"}}}
                }
            },
            "already in the checklist",
        ),
    ],
)
def test_a_bad_extension_is_a_config_warning_and_is_left_out(
    project: Project, sphinx_build: Run, content: dict, reason: str
) -> None:
    srcdir = project(complete_text())
    srcdir = project(conf=extension(srcdir, content))
    build = sphinx_build(srcdir)
    assert len(build.warnings) == 1, build.warnings
    assert build.warnings[0].startswith(f"{srcdir / 'conf.py'}:")
    assert "svcready_schema_extensions:" in build.warnings[0] and reason in build.warnings[0]
    assert build.warnings[0].endswith("; the checklist is built without it [svcready.config]")
    with pytest.raises(ChecklistError, match=r"org\.json"):
        load_checklist(None, [srcdir / "org.json"])


def test_editing_the_extension_re_reads_the_page(project: Project, sphinx_build: Run) -> None:
    srcdir = project(complete_text())
    srcdir = project(conf=extension(srcdir, {"levels": {"metrics": "bronze"}}))
    first = sphinx_build(srcdir, "-W")
    assert (first.code, first.warnings) == (0, [])
    extension(srcdir, ON_CALL)
    second = sphinx_build(srcdir, quiet=False)
    assert "0 added, 1 changed, 0 removed" in second.output
    assert any("consideration on-call (On-call and runbook) is unanswered" in w for w in second.warnings)


def test_the_command_line_uses_the_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "org.json").write_text(json.dumps(ON_CALL), encoding="utf-8")
    assert main(["init", "--extend", "org.json", "--name", "ledger", "new"]) == 0
    written = yaml.safe_load((tmp_path / "new" / "service.yaml").read_text(encoding="utf-8"))
    keys = list(written["considerations"])
    assert keys[keys.index("monitoring") + 1] == "on-call"
    assert written["considerations"]["on-call"] == {"rota": "TODO", "runbook": "TODO"}
    (tmp_path / "service.yaml").write_text(complete_text(), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "service.yaml"]) == 0
    assert main(["check", "--extend", "org.json", "service.yaml"]) == 1
    out = capsys.readouterr().out
    assert "unanswered: consideration on-call (On-call and runbook) is unanswered" in out


def test_the_example_docs_editor_schema_is_the_extended_checklist(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["schema", "--extend", str(EXAMPLE_EXTENSION)]) == 0
    committed = (REPO / "example-docs" / "checklist" / "lumen.schema.json").read_text(encoding="utf-8")
    assert capsys.readouterr().out == committed, (
        "run: svcready schema --extend example-docs/checklist/lumen.json"
    )
    checklist = load_checklist(None, [EXAMPLE_EXTENSION])
    assert [c.key for c in checklist.considerations].index("on-call") == 1 + [
        c.key for c in checklist.considerations
    ].index("monitoring")
