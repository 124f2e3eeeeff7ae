"""``svcready history``: a repository made here with dated commits, read back as a history: the
points per commit, day and week, each version judged once (a dated one once per day), deleted
services gone, a shallow clone refused, and the document valid against its schema."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sphinx_svcready.core import history

from ..conftest import REPO, Svcready, named, replace_answer, undocumented_properties, write

SCHEMA = json.loads((REPO / "schemas" / "svcready-history.schema.json").read_text(encoding="utf-8"))
WAIVED_EMAIL = (
    "  email:\n    waived:\n      reason: No mail yet.\n      approved-by: Dana Ortiz\n"
    "      until: 2026-10-20\n"
)


def git(root: Path, *arguments: str, day: str | None = None) -> str:
    environment = dict(os.environ)
    if day is not None:
        environment["GIT_AUTHOR_DATE"] = environment["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+00:00"
    return subprocess.run(
        ["git", "-C", str(root), "-c", "user.email=ci@example.com", "-c", "user.name=CI", *arguments],
        check=True,
        capture_output=True,
        text=True,
        env=environment,
    ).stdout.strip()


def commit(root: Path, day: str, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, day=day)
    return git(root, "rev-parse", "HEAD")


def with_waived_email(text: str) -> str:
    start = text.index("  email:\n")
    end = text.index("  dependencies:\n")
    return text[:start] + WAIVED_EMAIL + text[end:]


@pytest.fixture
def repository(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Five commits over three weeks of October 2026: beta is fixed the day after it arrives,
    gamma arrives with a waiver that expires on the 20th, beta is deleted on the 22nd."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    services = root / "services"
    write(services / "alpha" / "service.yaml", named("alpha", "Alpha"))
    beta = replace_answer(named("beta", "Beta", owner="Team Books"), "testing", "load-tests", "TODO")
    write(services / "beta" / "service.yaml", beta)
    write(root / "README.md", "Not a service file.\n")
    shas = {"first": commit(root, "2026-10-05", "alpha and beta")}
    write(services / "beta" / "service.yaml", named("beta", "Beta", owner="Team Books"))
    shas["beta fixed"] = commit(root, "2026-10-06", "beta answers its load test")
    write(services / "gamma" / "service.yaml", with_waived_email(named("gamma", "Gamma")))
    shas["gamma"] = commit(root, "2026-10-14", "gamma")
    write(root / "README.md", "Still not a service file.\n")
    commit(root, "2026-10-15", "not about services")
    write(services / "alpha" / "service.yaml", named("alpha", "Alpha, renamed"))
    shas["alpha renamed"] = commit(root, "2026-10-21", "alpha's title")
    (services / "beta" / "service.yaml").unlink()
    shas["beta gone"] = commit(root, "2026-10-22", "beta retired")
    return root, shas


def states(document: dict[str, Any]) -> list[tuple[str, list[tuple[str, bool, int, int]]]]:
    """Each point's label and, per service, its name, verdict, and waived and unanswered counts."""
    return [
        (
            point["at"],
            [
                (s["name"], s["ready"], s["counts"]["waived"], s["counts"]["unanswered"])
                for s in point["services"]
            ],
        )
        for point in document["points"]
    ]


def test_a_weekly_history_holds_the_last_state_of_each_week(
    svcready: Svcready, repository: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, shas = repository
    monkeypatch.chdir(root)
    result = svcready("history", "services")
    assert (result.code, result.err) == (0, "")
    document = json.loads(result.out)
    Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(document)
    assert (document["format"], document["version"], document["every"], document["shallow"]) == (
        "svcready-history",
        "1.0",
        "week",
        False,
    )
    # Weeks start on Monday; each point is its week's last commit that changed a service file.
    assert [(p["at"], p["commit"], p["day"]) for p in document["points"]] == [
        ("2026-10-05", shas["beta fixed"], "2026-10-06"),
        ("2026-10-12", shas["gamma"], "2026-10-14"),
        ("2026-10-19", shas["beta gone"], "2026-10-22"),
    ]
    # Gamma's waiver holds on the 14th; by the 22nd it has expired, which leaves email unanswered.
    # Beta is gone by then.
    assert states(document) == [
        ("2026-10-05", [("alpha", True, 0, 0), ("beta", True, 0, 0)]),
        ("2026-10-12", [("alpha", True, 0, 0), ("beta", True, 0, 0), ("gamma", True, 1, 0)]),
        ("2026-10-19", [("alpha", True, 0, 0), ("gamma", False, 0, 1)]),
    ]
    assert document["points"][-1]["services"][1]["unanswered"] == ["email"]
    alpha = document["points"][-1]["services"][0]
    assert (alpha["source"], alpha["title"], alpha["owner"], alpha["unanswered"]) == (
        "services/alpha/service.yaml",
        "Alpha, renamed",
        "Team Ledger",
        [],
    )
    # The same repository gives the same bytes.
    assert svcready("history", "services").out == result.out


def test_every_commit_and_every_day_and_the_range(
    svcready: Svcready, repository: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, shas = repository
    monkeypatch.chdir(root)
    every_commit = json.loads(svcready("history", "--every", "commit").out)
    # The commit that changed only README.md is no point of the history.
    assert [p["at"] for p in every_commit["points"]] == [
        "2026-10-05T12:00:00Z",
        "2026-10-06T12:00:00Z",
        "2026-10-14T12:00:00Z",
        "2026-10-21T12:00:00Z",
        "2026-10-22T12:00:00Z",
    ]
    # The first point: beta's load test still TODO.
    assert states(every_commit)[0] == ("2026-10-05T12:00:00Z", [("alpha", True, 0, 0), ("beta", False, 0, 1)])
    assert every_commit["points"][0]["services"][1]["unanswered"] == ["testing"]
    days = json.loads(
        svcready(
            "history", "--every", "day", "--since", "2026-10-06", "--until", "2026-10-21", "services"
        ).out
    )
    assert [p["at"] for p in days["points"]] == ["2026-10-06", "2026-10-14", "2026-10-21"]
    # Gamma's waiver expired on the 20th: the point of the 21st is judged as of that day.
    assert states(days)[-1] == (
        "2026-10-21",
        [("alpha", True, 0, 0), ("beta", True, 0, 0), ("gamma", False, 0, 1)],
    )
    one_file = json.loads(svcready("history", "--every", "commit", "services/beta/service.yaml").out)
    assert [[s["name"] for s in p["services"]] for p in one_file["points"]] == [["beta"], ["beta"], []]
    output = root / "history.json"
    written = svcready("history", "-o", str(output), "services")
    assert (written.code, written.out) == (0, "")
    assert json.loads(output.read_text(encoding="utf-8"))["points"][0]["commit"] == shas["beta fixed"]


def test_each_version_is_judged_once_and_a_dated_one_once_per_day(
    repository: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = repository
    judged: list[str] = []
    real = history.judge

    def counting(path: str | Path, *args: Any, **kwargs: Any) -> Any:
        judged.append(Path(path).parent.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(history, "judge", counting)
    from sphinx_svcready.core.settings import Settings

    history.history_document(root, ["services"], Settings(), every="commit")
    # alpha twice (two contents), beta twice, gamma once per day it is judged on (its waiver's
    # date makes its judgment depend on the day): the 14th, 21st and 22nd.
    assert sorted(judged) == ["alpha", "alpha", "beta", "beta", "gamma", "gamma", "gamma"]


def test_a_shallow_clone_is_refused_unless_allowed(
    svcready: Svcready,
    repository: tuple[Path, dict[str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root, _ = repository
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth=2", f"file://{root}", str(clone))
    monkeypatch.chdir(clone)
    refused = svcready("history", "services")
    assert (refused.code, refused.out) == (2, "")
    assert refused.err == (
        "svcready: error: this clone is shallow (2 commits deep), so its history would start at its oldest "
        "commit, not the repository's: fetch the rest with 'git fetch --unshallow' (actions/checkout: "
        "fetch-depth: 0), or pass --allow-shallow to write the short history\n"
    )
    allowed = json.loads(svcready("history", "--allow-shallow", "--every", "commit", "services").out)
    assert allowed["shallow"] is True
    assert [p["at"] for p in allowed["points"]] == ["2026-10-21T12:00:00Z", "2026-10-22T12:00:00Z"]


def test_bad_input_is_one_line_and_exit_status_2(
    svcready: Svcready,
    repository: tuple[Path, dict[str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root, _ = repository
    monkeypatch.chdir(root)
    backwards = svcready("history", "--since", "2026-10-20", "--until", "2026-10-01")
    assert (backwards.code, backwards.err) == (
        2,
        "svcready: error: --since 2026-10-20 is after --until 2026-10-01\n",
    )
    outside = svcready("history", str(tmp_path))
    assert outside.code == 2 and outside.err.startswith(
        f"svcready: error: {tmp_path} is outside the repository"
    )
    option = svcready("history", "--revision=--output=x")
    assert (option.code, option.err) == (2, "svcready: error: '--output=x' is not a revision\n")
    unknown = svcready("history", "--revision", "no-such-branch")
    assert unknown.code == 2 and unknown.err.startswith("svcready: error: git log failed: ")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert (
        svcready("history").err
        == "svcready: error: svcready history reads git: run it inside the repository\n"
    )


def test_the_history_schema_is_valid_and_documents_every_property() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert "/svcready-history/1.0/" in SCHEMA["$id"]
    assert undocumented_properties(SCHEMA) == []


def test_with_the_checklist_of_then_each_point_is_judged_as_its_commit_held_the_checklist(
    svcready: Svcready, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "then"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root / "services" / "alpha" / "service.yaml", named("alpha", "Alpha"))
    commit(root, "2026-10-05", "alpha")
    # The organisation adds a question on the 12th; alpha answers it on the 19th.
    extension = {
        "considerations": {
            "testing": {"questions": {"game-day": {"title": "Game day", "description": "When was the last?"}}}
        }
    }
    write(root / "checklist" / "acme.json", json.dumps(extension))
    commit(root, "2026-10-12", "a new question")
    text = named("alpha", "Alpha").replace("  testing:\n", "  testing:\n    game-day: On 2026-10-16.\n", 1)
    write(root / "services" / "alpha" / "service.yaml", text)
    commit(root, "2026-10-19", "alpha answers it")
    # A broken version of the extension on the 26th: today's checklist judges that point.
    write(root / "checklist" / "acme.json", "{ not json")
    commit(root, "2026-10-26", "a typo")
    broken = root / "checklist" / "acme.json"
    monkeypatch.chdir(root)
    flags = ["history", "--every", "commit", "--extend", "checklist/acme.json", "services"]
    write(broken, json.dumps(extension))
    then = json.loads(svcready(*flags, "--checklist", "then").out)
    Draft202012Validator(SCHEMA).validate(then)
    assert then["checklist-from"] == "then"
    # The extension's commit changed no service file, but the checklist: a point of its own.
    assert [(p["at"][:10], [s["ready"] for s in p["services"]]) for p in then["points"]] == [
        ("2026-10-05", [True]),
        ("2026-10-12", [False]),
        ("2026-10-19", [True]),
        ("2026-10-26", [True]),
    ]
    assert then["points"][1]["services"][0]["open-questions"] == ["testing.game-day"]
    assert "checklist-problem" not in then["points"][2]
    assert then["points"][3]["checklist-problem"].startswith("the checklist of this commit does not load (")
    now = json.loads(svcready(*flags).out)
    assert now["checklist-from"] == "now" and "checklist" not in now["points"][0]
    # Judged against today's checklist, alpha missed the question until it answered it.
    assert [(p["at"][:10], [s["ready"] for s in p["services"]]) for p in now["points"]] == [
        ("2026-10-05", [False]),
        ("2026-10-19", [True]),
    ]
