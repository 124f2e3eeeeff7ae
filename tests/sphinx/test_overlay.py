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

from ..conftest import REPO, Build, complete_text, line_of, remove_consideration

Project = Callable[..., Path]
Run = Callable[..., Build]
EXAMPLE_EXTENSION = REPO / "example-docs" / "checklist" / "lumen.json"


def extension(srcdir: Path, content: dict) -> str:
    (srcdir / "org.json").write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
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
    assert "not asked of tier 2 (Important) services" in html
    assert "Readiness level: <strong>none yet</strong>; bronze needs: " in html


@pytest.mark.parametrize(
    ("content", "reason", "at"),
    [
        ({"considerations": {"Bad Key": {}}}, "is not valid at considerations", '"considerations"'),
        ({"drop": ["no-such-thing"]}, "drop: there is no consideration 'no-such-thing'", '"no-such-thing"'),
        ({"drop": ["messaging.queues"]}, "would leave 'messaging' with no question", '"messaging.queues"'),
        (
            {"tiers": {"testing.nope": [1]}},
            "the consideration 'testing' has no question 'nope' to change",
            '"testing.nope"',
        ),
        (
            {"levels": {"testing": "platinum"}},
            "testing counts towards the level 'platinum', which is not one of the levels "
            "['bronze', 'silver', 'gold']; set its level under 'levels', or drop it",
            '"testing"',
        ),
        ({"considerations": {"new": {"title": "New"}}}, "needs a title and at least one question", '"new"'),
        (
            {
                "considerations": {
                    "testing": {"questions": {"load-tests": {"title": "L", "description": "Q?"}}}
                }
            },
            "already in the checklist",
            '"load-tests"',
        ),
        (
            # Adds to a consideration and drops it: both would be lost without a word.
            {
                "considerations": {
                    "logging": {"questions": {"retention": {"title": "R", "description": "Q?"}}}
                },
                "drop": ["logging"],
            },
            "drop: 'logging' is also added to or changed under considerations.logging (line 3); keep one of the two",
            '    "logging"\n',
        ),
    ],
)
def test_a_bad_extension_is_said_once_where_it_is_and_no_service_is_judged(
    project: Project, sphinx_build: Run, content: dict, reason: str, at: str | None
) -> None:
    srcdir = project(complete_text())
    srcdir = project(conf=extension(srcdir, content))
    written = (srcdir / "org.json").read_text(encoding="utf-8")
    build = sphinx_build(srcdir)
    [warning] = build.warnings
    # The last line with the text: an item of "drop" comes after what it names.
    lines = [number for number, text in enumerate(written.splitlines(keepends=True), 1) if at and at in text]
    where = f"{srcdir / 'org.json'}:{lines[-1]}" if at else f"{srcdir / 'conf.py'}:4"
    assert warning.startswith(f"{where}: WARNING: "), warning
    # The location names the file; the message does not name it again.
    assert f"WARNING: {srcdir / 'org.json'}:" not in warning
    assert reason in warning
    assert warning.endswith("; no service is judged until the checklist loads [svcready.config]")
    page = build.page()
    assert "The checklist could not be loaded, so this service is not judged" in page
    assert "considerations answered" not in page
    with pytest.raises(ChecklistError, match=r"org\.json"):
        load_checklist(None, [srcdir / "org.json"])


def test_a_conflicting_extension_is_refused_by_the_command_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sphinx_svcready.cli import main

    org = tmp_path / "org.json"
    org.write_text(
        json.dumps(
            {
                "considerations": {
                    "logging": {"questions": {"retention": {"title": "R", "description": "Q?"}}}
                },
                "drop": ["logging"],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["schema", "--extend", str(org)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"svcready: error: {org}: drop: 'logging' is also added to or changed under considerations.logging "
        "(line 3); keep one of the two\n"
    )


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
