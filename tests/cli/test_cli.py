"""The ``svcready`` command line: what a user or a CI job sees on stdout, stderr and in the exit status."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from sphinx_svcready._version import __version__
from sphinx_svcready.core.checklist.loading import load_checklist, packaged_schema_path
from sphinx_svcready.core.export import EXPORT_VERSION

from ..conftest import (
    REPO,
    Svcready,
    complete_text,
    line_of,
    named,
    organisation_schema,
    remove_consideration,
    replace_answer,
    undocumented_properties,
    write,
)

CHECKLIST = load_checklist()
QUESTIONS = sum(len(c.questions) for c in CHECKLIST.considerations)
EXPORT_SCHEMA = json.loads((REPO / "schemas" / "svcready-export.schema.json").read_text(encoding="utf-8"))


def question_text(consideration: str, question: str) -> str:
    found = CHECKLIST.consideration(consideration)
    assert found is not None
    return next(q.text for q in found.questions if q.key == question)


def waived(until: str) -> str:
    return replace_answer(
        complete_text(),
        "testing",
        "load-tests",
        f"{{waived: {{reason: The load-test rig is booked., approved-by: Dana (ops), until: {until}}}}}",
    )


def epoch(day: str, hour: int = 12) -> str:
    moment = datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=datetime.UTC)
    return str(int(moment.timestamp()))


# -- check: exit status and text output ---------------------------------------------------------


def test_complete_file_is_ready(svcready: Svcready, tmp_path: Path) -> None:
    write(tmp_path / "service.yaml", complete_text())
    result = svcready("check", "service.yaml")
    assert (result.code, result.out, result.err) == (0, "", "1 file checked: 1 ready\n")


def test_placeholder_answer_is_one_line_at_its_line(svcready: Svcready, tmp_path: Path) -> None:
    text = replace_answer(complete_text(), "logging", "standards", "TODO")
    write(tmp_path / "service.yaml", text)
    result = svcready("check", "service.yaml")
    line = line_of(text, "    standards: TODO", line_of(text, "  logging:"))
    assert result.code == 1
    assert result.lines == [
        f"service.yaml:{line}: unanswered: logging.standards is unanswered "
        f"(the placeholder 'TODO' is not an answer): {question_text('logging', 'standards')}"
    ]
    assert result.err == "1 file checked: 1 not ready\n"


def test_problems_are_in_line_order_with_the_path_as_given(svcready: Svcready, tmp_path: Path) -> None:
    text = replace_answer(complete_text(), "testing", "end-to-end", "TBD")
    text = replace_answer(text, "sizing", "bottlenecks", "")
    text = remove_consideration(text, "email")
    write(tmp_path / "docs" / "ledger" / "service.yaml", text)
    result = svcready("check", "docs")
    where = [line.split(": ")[0] for line in result.lines]
    assert where == [
        f"docs/ledger/service.yaml:{line_of(text, 'considerations:')}",
        f"docs/ledger/service.yaml:{line_of(text, '    bottlenecks:')}",
        f"docs/ledger/service.yaml:{line_of(text, '    end-to-end: TBD')}",
    ]
    assert result.lines[0].startswith(
        f"docs/ledger/service.yaml:{line_of(text, 'considerations:')}: unanswered: consideration email (Email) "
        "is unanswered: no answer to any of its questions (outgoing)"
    )
    assert result.code == 1


def test_yaml_syntax_error_exits_2(svcready: Svcready, tmp_path: Path) -> None:
    text = complete_text().replace("  owner: Team Ledger\n", '  owner: "Team Ledger\n')
    write(tmp_path / "service.yaml", text)
    result = svcready("check", "service.yaml")
    assert result.code == 2
    assert result.lines == [
        f"service.yaml:{line_of(text, '  owner:')}: yaml: YAML syntax error: "
        "a quoted value starts here and its closing quote is missing"
    ]
    assert result.err == "1 file checked: 1 invalid\n"


def test_schema_violation_exits_2(svcready: Svcready, tmp_path: Path) -> None:
    text = complete_text().replace("  logging:\n", "  loging:\n")
    write(tmp_path / "service.yaml", text)
    result = svcready("check", "service.yaml")
    assert result.code == 2
    assert (
        f"service.yaml:{line_of(text, '  loging:')}: invalid: considerations: unknown key 'loging' "
        "(did you mean 'logging'?)" in result.lines
    )


def test_missing_path_is_a_file_problem(svcready: Svcready, tmp_path: Path) -> None:
    write(tmp_path / "service.yaml", complete_text())
    result = svcready("check", "service.yaml", "nothing/service.yaml")
    assert result.code == 2
    assert result.lines == ["nothing/service.yaml: file: cannot be read: No such file or directory"]
    assert result.err == "2 files checked: 1 ready, 1 invalid\n"


def test_a_folder_without_service_files_exits_2(svcready: Svcready, tmp_path: Path) -> None:
    write(tmp_path / "docs" / "index.rst", "Docs\n====\n")
    write(tmp_path / "docs" / "_build" / "service.yaml", complete_text())
    result = svcready("check", "docs")
    assert result.code == 2
    assert result.out == ""
    assert result.err == "svcready: error: no service.yaml or service.yml found in docs\n"


def test_folders_are_searched_recursively_skipping_build_and_hidden_folders(
    svcready: Svcready, tmp_path: Path
) -> None:
    broken = "service: [\n"
    write(tmp_path / "docs" / "zeta" / "service.yaml", named("zeta"))
    write(
        tmp_path / "docs" / "a" / "b" / "service.yml",
        replace_answer(named("alpha"), "email", "outgoing", "TBD"),
    )
    write(tmp_path / "docs" / "other.yaml", broken)
    for skipped in ("_build", "node_modules", ".venv", "venv", ".tox", ".git", ".cache/deep"):
        write(tmp_path / "docs" / skipped / "x" / "service.yaml", broken)
    # docs/.git makes docs/ a work tree; the evidence probes are not what this test is about.
    result = svcready("check", "--no-evidence", "docs", "./docs/zeta/service.yaml", "docs/a")
    assert result.code == 1
    assert [line.split(":")[0] for line in result.lines] == ["docs/a/b/service.yml"]
    assert result.err == "2 files checked: 1 ready, 1 not ready\n"

    exported = json.loads(svcready("check", "--no-evidence", "--format", "json", "docs").out)
    assert [s["source"] for s in exported["services"]] == ["docs/a/b/service.yml", "docs/zeta/service.yaml"]


def test_text_output_is_in_file_order(svcready: Svcready, tmp_path: Path) -> None:
    folders = ["a", "b", "c", "d", "e"]
    for folder, name in zip(folders, ["zulu", "echo", "alpha", "yankee", "bravo"], strict=True):
        write(tmp_path / folder / "service.yaml", replace_answer(named(name), "email", "outgoing", "TODO"))
    result = svcready("check", "e", "c", "a", "d", "b")
    assert [line.split(":")[0] for line in result.lines] == [f"{folder}/service.yaml" for folder in folders]


def test_expired_waiver_exits_1_with_today(svcready: Svcready, tmp_path: Path) -> None:
    text = waived("2026-01-31")
    write(tmp_path / "service.yaml", text)
    assert svcready("check", "service.yaml", "--today", "2026-01-31").code == 0
    result = svcready("check", "service.yaml", "--today", "2026-02-01")
    assert result.code == 1
    assert result.lines == [
        f"service.yaml:{line_of(text, '    load-tests:')}: waiver-expired: the waiver for testing.load-tests "
        "expired on 2026-01-31 (approved by Dana (ops)); answer it or renew the waiver with a later 'until'"
    ]


def test_today_defaults_to_source_date_epoch(
    svcready: Svcready, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "service.yaml", waived("2026-01-31"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2026-01-31", hour=23))
    assert svcready("check", "service.yaml").code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2026-02-01", hour=0))
    assert svcready("check", "service.yaml").code == 1


def test_a_broken_file_wins_over_an_unanswered_one(svcready: Svcready, tmp_path: Path) -> None:
    write(tmp_path / "a" / "service.yaml", replace_answer(named("alpha"), "email", "outgoing", "TODO"))
    write(
        tmp_path / "b" / "service.yaml",
        named("beta").replace("  owner: Team Ledger\n", "  owner: A\n  owner: B\n"),
    )
    result = svcready("check", "a", "b")
    assert result.code == 2
    assert [line.split(": ")[1] for line in result.lines] == ["unanswered", "yaml"]
    assert result.err == "2 files checked: 1 not ready, 1 invalid\n"


def test_placeholders_replace_the_default_list(svcready: Svcready, tmp_path: Path) -> None:
    text = replace_answer(complete_text(), "network", "reachable-from", "ask ops")
    write(tmp_path / "service.yaml", text)
    assert svcready("check", "service.yaml").code == 0
    result = svcready("check", "--placeholders", "ask ops, PENDING", "service.yaml")
    assert result.code == 1
    assert result.lines[0].startswith(
        f"service.yaml:{line_of(text, '    reachable-from:')}: unanswered: network.reachable-from is "
        "unanswered (the placeholder 'ask ops' is not an answer)"
    )


def test_max_bytes_refuses_a_larger_file(svcready: Svcready, tmp_path: Path) -> None:
    write(tmp_path / "service.yaml", complete_text())
    result = svcready("check", "service.yaml", "--max-bytes", "100")
    assert result.code == 2
    assert result.lines[0].startswith("service.yaml:1: yaml: file is ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "26/11/2026"], "'26/11/2026' is not a date written YYYY-MM-DD"),
        (["--today", "2026-02-30"], "'2026-02-30' is not a date written YYYY-MM-DD"),
        (["--max-bytes", "-5"], "'-5' is not a positive whole number of bytes"),
        (["--format", "xml"], "invalid choice: 'xml'"),
        (["--schema", "missing.json"], "svcready: error: cannot read the schema missing.json: No such file"),
        (["--schema", "broken.json"], "svcready: error: cannot load the schema broken.json: "),
    ],
)
def test_bad_options_exit_2_with_a_message(
    svcready: Svcready, tmp_path: Path, args: list[str], message: str
) -> None:
    write(tmp_path / "service.yaml", complete_text())
    write(tmp_path / "broken.json", "{not json")
    result = svcready("check", "service.yaml", *args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert result.out == ""


def test_unusable_source_date_epoch_falls_back_to_today_as_the_build_does(
    svcready: Svcready, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "service.yaml", waived("2999-01-01"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "9" * 30)
    result = svcready("check", "service.yaml")
    assert (result.code, result.lines) == (0, [])


def test_usage_errors_exit_2(svcready: Svcready) -> None:
    assert svcready().code == 2
    assert svcready("check").code == 2
    assert svcready("frobnicate").code == 2


# -- check --format json --------------------------------------------------------------------------


def test_json_output_is_the_export_and_matches_its_schema(svcready: Svcready, tmp_path: Path) -> None:
    complete = named("alpha")
    incomplete = replace_answer(named("beta"), "logging", "standards", "TODO")
    with_waiver = waived("2026-01-31").replace("  name: ledger\n", "  name: gamma\n")
    write(tmp_path / "alpha" / "service.yaml", complete)
    write(tmp_path / "beta" / "service.yaml", incomplete)
    write(tmp_path / "gamma" / "service.yaml", with_waiver)
    write(tmp_path / "omega" / "service.yaml", "service: [\n")
    result = svcready("check", "--format", "json", "--today", "2026-02-01", ".")
    assert result.code == 2
    document = json.loads(result.out)
    Draft202012Validator(EXPORT_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(document)

    services = {s["name"]: s for s in document["services"]}
    assert list(services) == ["alpha", "beta", "gamma", "omega"]
    assert (services["alpha"]["ready"], services["beta"]["ready"], services["gamma"]["ready"]) == (
        True,
        False,
        False,
    )
    assert services["alpha"]["source"] == "alpha/service.yaml"
    assert services["alpha"]["docname"] is None
    assert services["alpha"]["counts"] == {
        "considerations": len(CHECKLIST.considerations),
        "complete": len(CHECKLIST.considerations),
        "answered": len(CHECKLIST.considerations),
        "not-applicable": 0,
        "waived": 0,
        "unanswered": 0,
        "questions": QUESTIONS,
        "unanswered-questions": 0,
        # No git work tree holds the file, so no evidence probe ran.
        "verified": 0,
        "contradicted": 0,
    }
    assert services["beta"]["counts"]["unanswered-questions"] == 1
    logging = next(c for c in services["beta"]["considerations"] if c["key"] == "logging")
    standards = next(q for q in logging["questions"] if q["key"] == "standards")
    assert standards == {
        "key": "standards",
        "state": "unanswered",
        "line": line_of(incomplete, "    standards: TODO"),
        "required": True,
        "level": "silver",
    }
    testing = next(c for c in services["gamma"]["considerations"] if c["key"] == "testing")
    load_tests = next(q for q in testing["questions"] if q["key"] == "load-tests")
    assert load_tests["waiver"] == {
        "until": "2026-01-31",
        "approved-by": "Dana (ops)",
        "expired": True,
        "expiring": False,
    }
    assert (services["omega"]["loaded"], services["omega"]["considerations"]) == (False, [])
    assert document["checklist"] == {
        "id": CHECKLIST.schema_id,
        "version": "1.0",
        "title": "Service readiness checklist",
        "tiers": [
            {"id": tier.id, "name": tier.name, "description": tier.description} for tier in CHECKLIST.tiers
        ],
        "levels": ["bronze", "silver", "gold"],
    }
    assert [tier["name"] for tier in document["checklist"]["tiers"]] == [
        "Critical",
        "Important",
        "Internal tool",
    ]


def test_json_output_has_the_same_exit_status(svcready: Svcready, tmp_path: Path) -> None:
    write(tmp_path / "service.yaml", replace_answer(complete_text(), "email", "outgoing", "TODO"))
    result = svcready("check", "--format", "json", "service.yaml")
    assert result.code == 1
    assert json.loads(result.out)["services"][0]["ready"] is False


def test_export_schema_is_valid_and_documents_every_property() -> None:
    Draft202012Validator.check_schema(EXPORT_SCHEMA)
    assert EXPORT_SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert f"/svcready-export/{EXPORT_VERSION}/" in EXPORT_SCHEMA["$id"]
    assert undocumented_properties(EXPORT_SCHEMA) == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["services"][0].update(extra=1),
        lambda d: d["services"][0].pop("depends-on"),
        lambda d: d["services"][0]["counts"].pop("unanswered-questions"),
        lambda d: d["services"][0]["considerations"][0]["questions"][0].update(state="done"),
        lambda d: d["services"][0]["considerations"][0].update(line=0),
        lambda d: d.update(format="something-else"),
    ],
)
def test_export_schema_rejects_a_damaged_export(
    svcready: Svcready, tmp_path: Path, damage: Callable[[dict[str, Any]], object]
) -> None:
    write(tmp_path / "service.yaml", complete_text())
    document = json.loads(svcready("check", "--format", "json", "service.yaml").out)
    validator = Draft202012Validator(EXPORT_SCHEMA)
    assert validator.is_valid(document)
    damage(document)
    assert not validator.is_valid(document)


# -- a custom checklist --------------------------------------------------------------------------


def test_a_custom_schema_asks_its_own_consideration(svcready: Svcready, tmp_path: Path) -> None:
    write(tmp_path / "org.schema.json", json.dumps(organisation_schema()))
    text = complete_text()
    write(tmp_path / "service.yaml", text)
    result = svcready("check", "--schema", "org.schema.json", "service.yaml")
    assert result.code == 1
    assert result.lines == [
        f"service.yaml:{line_of(text, 'considerations:')}: unanswered: consideration on-call "
        "(On-call and runbook) is unanswered: no answer to any of its questions (rota); "
        "answer them or write 'not-applicable: <reason>' for the whole consideration"
    ]
    write(tmp_path / "service.yaml", text + "  on-call:\n    rota: The ledger-primary rota.\n")
    assert svcready("check", "--schema", "org.schema.json", "service.yaml").code == 0
    # Without the organisation's schema, its consideration is an unknown key.
    assert svcready("check", "service.yaml").code == 2


# -- init ----------------------------------------------------------------------------------------


def fill(text: str) -> str:
    """``text`` (from init) with every TODO replaced by an answer of the right kind."""
    complete = yaml.safe_load(complete_text())
    lines = []
    consideration = None
    for line in text.splitlines():
        if match := re.fullmatch(r"  ([a-z-]+):", line):
            consideration = match.group(1)
        elif match := re.fullmatch(r"    ([a-z-]+): TODO", line):
            example = complete["considerations"][consideration][match.group(1)]
            answer = "true" if isinstance(example, bool) else f"Our answer to {consideration}."
            line = f"    {match.group(1)}: {answer}"
        elif re.fullmatch(r"  (title|summary|owner): TODO", line):
            line = line.replace("TODO", "Written")
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_init_then_check_asks_every_question_then_passes_when_filled(
    svcready: Svcready, tmp_path: Path
) -> None:
    (tmp_path / "ledger").mkdir()
    created = svcready("init", "ledger")
    path = tmp_path / "ledger" / "service.yaml"
    assert (created.code, created.err) == (0, f"wrote {Path('ledger') / 'service.yaml'}\n")
    text = path.read_text(encoding="utf-8")

    result = svcready("check", "ledger")
    assert result.code == 1
    # Every question, plus the summary and owner of the service: nothing else.
    assert len(result.lines) == QUESTIONS + 2
    assert all(": unanswered: " in line for line in result.lines)
    todo_lines = [n for n, line in enumerate(text.splitlines(), 1) if re.fullmatch(r" +\S+: TODO", line)]
    assert [int(line.split(":")[1]) for line in result.lines] == todo_lines
    assert {line.split(": ")[2].split(" is ")[0] for line in result.lines} == {
        f"{c.key}.{q.key}" for c in CHECKLIST.considerations for q in c.questions
    } | {"service.summary", "service.owner"}

    path.write_text(fill(text), encoding="utf-8")
    assert svcready("check", "ledger").code == 0
    path.write_text(named("ledger"), encoding="utf-8")
    assert svcready("check", "ledger").code == 0


def test_init_writes_valid_yaml_in_schema_order(svcready: Svcready, tmp_path: Path) -> None:
    assert svcready("init").code == 0
    text = (tmp_path / "service.yaml").read_text(encoding="utf-8")
    # The packaged schema is in no repository of the user's: the line names its published address.
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={CHECKLIST.schema['$id']}"
    data = yaml.safe_load(text)
    assert data["service"] == {
        "name": tmp_path.name.lower().replace("_", "-").strip("-"),
        "title": tmp_path.name.lower().replace("_", " ").strip().capitalize(),
        "summary": "TODO",
        "owner": "TODO",
        "tier": 1,
        "lifecycle": "development",
    }
    assert list(data["considerations"]) == [c.key for c in CHECKLIST.considerations]
    for consideration in CHECKLIST.considerations:
        assert data["considerations"][consideration.key] == {q.key: "TODO" for q in consideration.questions}
        assert f"  # {consideration.title}\n  # {consideration.description}\n" in text
    lines = text.splitlines()
    assert all(len(line) <= 100 for line in lines[1:])
    # Each question's full text is the comment above its key, wrapped.
    starts = [line_of(text, f"  {c.key}:") for c in CHECKLIST.considerations]
    for consideration, start in zip(CHECKLIST.considerations, starts, strict=True):
        for question in consideration.questions:
            at = line_of(text, f"    {question.key}: TODO", start) - 1
            comment: list[str] = []
            while lines[at - 1].startswith("    # "):
                at -= 1
                comment.insert(0, lines[at][len("    # ") :])
            kind = " (Answer true or false.)" if question.yes_no else ""
            asked = (
                f" (Asked of tier {' and '.join(map(str, question.tiers))} services.)"
                if question.tiers
                else ""
            )
            assert " ".join(comment) == question.text + kind + asked
    assert any(len(question.text) > 100 for c in CHECKLIST.considerations for question in c.questions)


def test_init_names_the_service_after_its_folder(svcready: Svcready, tmp_path: Path) -> None:
    assert svcready("init", "Billing Engine_v2 (EU)").code == 0
    data = yaml.safe_load((tmp_path / "Billing Engine_v2 (EU)" / "service.yaml").read_text(encoding="utf-8"))
    assert data["service"]["name"] == "billing-engine-v2-eu"
    assert svcready("init", "--name", "2048", "numbers/service.yaml").code == 0
    data = yaml.safe_load((tmp_path / "numbers" / "service.yaml").read_text(encoding="utf-8"))
    assert data["service"]["name"] == "2048"


def test_init_refuses_a_bad_name(svcready: Svcready, tmp_path: Path) -> None:
    result = svcready("init", "--name", "Billing Engine")
    assert result.code == 2
    assert "such as 'billing-engine'" in result.err
    assert not (tmp_path / "service.yaml").exists()


def test_init_refuses_to_overwrite_unless_forced(svcready: Svcready, tmp_path: Path) -> None:
    write(tmp_path / "service.yaml", complete_text())
    result = svcready("init")
    assert result.code == 2
    assert result.err == "svcready: error: service.yaml already exists; use --force to overwrite it\n"
    assert (tmp_path / "service.yaml").read_text(encoding="utf-8") == complete_text()
    assert svcready("init", "--force", "--name", "ledger").code == 0
    assert "lifecycle: development" in (tmp_path / "service.yaml").read_text(encoding="utf-8")


def test_init_schema_ref_and_custom_schema(svcready: Svcready, tmp_path: Path) -> None:
    write(tmp_path / "schemas" / "org.schema.json", json.dumps(organisation_schema()))
    url = "https://example.com/schemas/org.schema.json"
    assert svcready("init", "--schema-ref", url, "a/service.yaml").code == 0
    assert (
        (tmp_path / "a" / "service.yaml")
        .read_text(encoding="utf-8")
        .startswith(f"# yaml-language-server: $schema={url}\n")
    )
    assert svcready("init", "--schema", "schemas/org.schema.json", "docs/b/service.yaml").code == 0
    text = (tmp_path / "docs" / "b" / "service.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/org.schema.json\n")
    assert "  # On-call and runbook\n" in text
    result = svcready("check", "--schema", "schemas/org.schema.json", "docs/b/service.yaml")
    assert (result.code, len(result.lines)) == (1, QUESTIONS + 1 + 2)


# -- schema and version --------------------------------------------------------------------------


def test_schema_prints_the_packaged_path(svcready: Svcready) -> None:
    result = svcready("schema")
    assert result.code == 0
    assert Path(result.out.strip()) == packaged_schema_path()
    assert Path(result.out.strip()).is_file()


def test_schema_print_prints_the_schema(svcready: Svcready) -> None:
    result = svcready("schema", "--print")
    assert result.code == 0
    repository = (REPO / "schemas" / "service-readiness.schema.json").read_text(encoding="utf-8")
    assert json.loads(result.out) == json.loads(repository)


def test_python_dash_m_prints_the_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_svcready", "--version"], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (0, f"sphinx-svcready {__version__}\n")


def test_check_does_not_import_sphinx_or_docutils(tmp_path: Path) -> None:
    write(tmp_path / "service.yaml", complete_text())
    program = (
        "import sys\n"
        "from sphinx_svcready.cli import main\n"
        f"code = main(['check', {str(tmp_path / 'service.yaml')!r}])\n"
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils')))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=False)
    assert done.stdout == "0 []\n"


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    write(tmp_path / "service.yaml", replace_answer(complete_text(), "email", "outgoing", "TODO"))
    child = subprocess.Popen(
        [sys.executable, "-m", "sphinx_svcready", "check", str(tmp_path / "service.yaml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # as `svcready check ... | head -0` would
    errors = child.stderr.read()
    child.stderr.close()
    assert (child.wait(), errors) == (1, "1 file checked: 1 not ready\n")


def test_two_files_defining_one_service_exit_2(svcready: Svcready, tmp_path: Path) -> None:
    write(tmp_path / "a" / "service.yaml", named("beta"))
    write(tmp_path / "b" / "service.yaml", named("beta"))
    result = svcready("check", ".")
    assert result.code == 2
    assert result.lines == [
        f"{Path('b/service.yaml')}: duplicate: service 'beta' is also defined in {Path('a/service.yaml')}; names must be unique"
    ]
