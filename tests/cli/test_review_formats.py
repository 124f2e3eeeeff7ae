"""The machine formats for review tools, each checked against its own definition: SARIF against
the official SARIF 2.1.0 schema, GitHub workflow commands parsed back as the runner parses them,
GitLab Code Quality's required fields, JUnit XML parsed back; and the docs build's SARIF is the
command's."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

from jsonschema import Draft7Validator

from sphinx_svcready.core.subtypes import Subtype

from ..conftest import Build, Svcready, complete_text, line_of, make_project, named, replace_answer, write

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent.parent / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
Run = Callable[..., Build]


def portfolio(root: Path) -> dict[str, str]:
    """Three services: one ready, one with a missing answer (at a line), one not gated."""
    texts = {
        "alpha": named("alpha"),
        "beta": replace_answer(named("beta"), "testing", "load-tests", "TODO"),
        "gamma": replace_answer(named("gamma", lifecycle="experimental"), "email", "outgoing", "TBD"),
    }
    for name, text in texts.items():
        write(root / "services" / name / "service.yaml", text)
    return texts


def unescape(text: str) -> str:
    return (
        text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def test_sarif_is_valid_and_places_each_problem_at_its_file_line_and_column(
    svcready: Svcready, tmp_path: Path
) -> None:
    texts = portfolio(tmp_path)
    result = svcready("check", "--format", "sarif", "--gate", "production", "services")
    assert result.code == 1
    log = json.loads(result.out)
    Draft7Validator(SARIF_SCHEMA).validate(log)
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [f"svcready.{subtype.value}" for subtype in Subtype]
    unanswered = rules[0]
    assert unanswered["name"] == "Unanswered"
    assert unanswered["fullDescription"]["text"] == Subtype.UNANSWERED.description
    assert (
        unanswered["helpUri"]
        == "https://sphinx-svcready.readthedocs.io/en/latest/reference/warnings.html#svcready-unanswered"
    )
    assert [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]) for r in run["results"]] == [
        (
            "svcready.unanswered",
            "error",
            {
                "artifactLocation": {"uri": "services/beta/service.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": line_of(texts["beta"], "load-tests: TODO"), "startColumn": 5},
            },
        ),
        (
            "svcready.unanswered",
            "note",
            {
                "artifactLocation": {"uri": "services/gamma/service.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": line_of(texts["gamma"], "outgoing: TBD"), "startColumn": 5},
            },
        ),
    ]
    assert run["results"][0]["message"]["text"].startswith(
        "testing.load-tests is unanswered (the placeholder 'TODO'"
    )
    assert run["results"][0]["ruleIndex"] == 0


def test_github_annotations_parse_back_and_nothing_a_file_says_can_start_a_command(
    svcready: Svcready, tmp_path: Path
) -> None:
    texts = portfolio(tmp_path)
    # A folder name with the characters that end a property, and a key that looks like a command.
    hostile = complete_text().replace(
        "  additional:\n", '  additional:\n    "x::error file=evil::pwned%0A": 1\n'
    )
    write(tmp_path / "services" / "odd, name:1" / "service.yaml", hostile)
    result = svcready("check", "--format", "github", "--gate", "production", "services")
    assert result.code == 2
    command = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")
    parsed = []
    for line in result.lines:
        match = command.match(line)
        assert match, line
        properties = dict(part.split("=", 1) for part in match.group(2).split(","))
        parsed.append(
            (
                match.group(1),
                {key: unescape(value) for key, value in properties.items()},
                unescape(match.group(3)),
            )
        )
    assert len(parsed) == len(result.lines) == 3
    assert parsed[0] == (
        "error",
        {
            "file": "services/beta/service.yaml",
            "line": str(line_of(texts["beta"], "load-tests: TODO")),
            "col": "5",
            "title": "svcready.unanswered",
        },
        parsed[0][2],
    )
    assert parsed[1][0] == "notice" and parsed[1][1]["title"] == "svcready.unanswered (not gated)"
    error, properties, message = parsed[2]
    assert (error, properties["file"], properties["title"]) == (
        "error",
        "services/odd, name:1/service.yaml",
        "svcready.invalid",
    )
    assert "'x::error file=evil::pwned%0A'" in message


def test_gitlab_code_quality_has_the_fields_gitlab_reads(svcready: Svcready, tmp_path: Path) -> None:
    texts = portfolio(tmp_path)
    result = svcready("check", "--format", "gitlab", "--gate", "production", "services")
    report = json.loads(result.out)
    assert [(issue["check_name"], issue["severity"], issue["location"]) for issue in report] == [
        (
            "svcready.unanswered",
            "major",
            {
                "path": "services/beta/service.yaml",
                "lines": {"begin": line_of(texts["beta"], "load-tests: TODO")},
            },
        ),
        (
            "svcready.unanswered",
            "info",
            {
                "path": "services/gamma/service.yaml",
                "lines": {"begin": line_of(texts["gamma"], "outgoing: TBD")},
            },
        ),
    ]
    assert all(re.fullmatch("[0-9a-f]{64}", issue["fingerprint"]) for issue in report)
    assert len({issue["fingerprint"] for issue in report}) == 2
    assert all(issue["description"] for issue in report)
    # The fingerprint follows the problem, not its line: an edit above it keeps the same issue.
    path = tmp_path / "services" / "beta" / "service.yaml"
    path.write_text("# a comment\n" + texts["beta"], encoding="utf-8")
    again = json.loads(svcready("check", "--format", "gitlab", "--gate", "production", "services").out)
    assert again[0]["fingerprint"] == report[0]["fingerprint"]
    assert again[0]["location"]["lines"]["begin"] == report[0]["location"]["lines"]["begin"] + 1


def test_junit_has_a_case_per_service_and_a_failure_per_problem(svcready: Svcready, tmp_path: Path) -> None:
    texts = portfolio(tmp_path)
    result = svcready("check", "--format", "junit", "--gate", "production", "services")
    root = ElementTree.fromstring(result.out)
    [suite] = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("3", "1")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert list(cases) == ["alpha", "beta", "gamma"]
    assert cases["alpha"].findall("failure") == [] and cases["alpha"].find("system-out") is None
    [failure] = cases["beta"].findall("failure")
    assert failure.get("type") == "svcready.unanswered"
    assert failure.text == (
        f"services/beta/service.yaml:{line_of(texts['beta'], 'load-tests: TODO')}: unanswered: {failure.get('message')}"
    )
    assert cases["gamma"].findall("failure") == []
    gamma_out = cases["gamma"].find("system-out")
    assert gamma_out is not None and gamma_out.text is not None and gamma_out.text.endswith("(not gated)")


def test_the_docs_build_writes_the_sarif_the_command_prints(
    tmp_path: Path, sphinx_build: Run, svcready: Svcready
) -> None:
    services = {
        "alpha": named("alpha"),
        "beta": replace_answer(named("beta"), "testing", "load-tests", "TODO"),
    }
    srcdir = make_project(tmp_path, services)
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + 'svcready_sarif = "reports/svcready.sarif"\n', encoding="utf-8"
    )
    build = sphinx_build(srcdir)
    log = json.loads((build.outdir / "reports" / "svcready.sarif").read_text(encoding="utf-8"))
    Draft7Validator(SARIF_SCHEMA).validate(log)
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "beta/service.yaml"
    command = svcready("check", "--format", "sarif", str(srcdir / "alpha"), str(srcdir / "beta"))
    [printed] = json.loads(command.out)["runs"][0]["results"]
    assert printed["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(
        srcdir / "beta" / "service.yaml"
    ).removeprefix(str(tmp_path) + "/")
    assert (result["ruleId"], result["message"], result["locations"][0]["physicalLocation"]["region"]) == (
        printed["ruleId"],
        printed["message"],
        printed["locations"][0]["physicalLocation"]["region"],
    )
