"""``svcready diff`` and the GitHub Action's script: what a change does to readiness, from two
real builds' exports and from a git revision, and the job summary a pull request gets."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from sphinx_svcready.cli.github_action import run as run_action
from sphinx_svcready.core.formats.diff_markdown import diff_markdown
from sphinx_svcready.core.readiness_diff import compare

from ..conftest import REPO, Build, Svcready, named, replace_answer, write

Run = Callable[..., Build]
#: The guide that shows the diff and the GitHub Action.
GUIDE = (REPO / "docs" / "how-to" / "pull-requests.md").read_text(encoding="utf-8")
SARIF_SCHEMA = json.loads(
    (REPO / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def regress(srcdir: Path) -> None:
    """The change the guide's example shows: notifications loses its metrics answers, and the
    experimental recommendations service answers its sizing."""
    notifications = srcdir / "services" / "notifications" / "service.yaml"
    text = notifications.read_text(encoding="utf-8")
    start = text.index("  metrics:\n")
    end = text.index("\n\n", start)
    notifications.write_text(
        text[:start] + "  metrics:\n    key-metrics: TODO" + text[end:], encoding="utf-8"
    )
    recommendations = srcdir / "services" / "recommendations" / "service.yaml"
    text = recommendations.read_text(encoding="utf-8")
    text = text.replace("    machine-class: TODO", "    machine-class: Two vCPUs and 4 GiB of memory.")
    text = text.replace("    bottlenecks: TODO", "    bottlenecks: Memory, as the model is held in it.")
    recommendations.write_text(text, encoding="utf-8")


def test_the_diff_of_two_builds_is_the_guides_example(
    tmp_path: Path, sphinx_build: Run, svcready: Svcready
) -> None:
    exports = {}
    for name in ("base", "head"):
        srcdir = tmp_path / name / "example-docs"
        shutil.copytree(REPO / "example-docs", srcdir, ignore=shutil.ignore_patterns("_build"))
        if name == "head":
            regress(srcdir)
        build = sphinx_build(srcdir, builder="dummy", outdir=tmp_path / name / "out")
        exports[name] = build.outdir / "svcready.json"
    result = svcready("diff", str(exports["base"]), str(exports["head"]))
    assert result.code == 0
    block = GUIDE.split("<!-- diff-example -->\n", 1)[1].split("<!-- end diff-example -->", 1)[0]
    # The guide shows the Markdown as it is written, in a fence.
    shown = block.removeprefix("```markdown\n").removesuffix("```\n")
    assert result.out == shown
    assert result.out.startswith("### Readiness: 1 service less ready, 1 more ready\n")
    failing = svcready("diff", "--fail-on", "regression", str(exports["base"]), str(exports["head"]))
    assert (failing.code, failing.out) == (1, result.out)
    same = svcready("diff", "--fail-on", "regression", str(exports["base"]), str(exports["base"]))
    assert (same.code, same.out) == (0, "### Readiness: No service changed its readiness\n")
    record = json.loads(svcready("diff", "--format", "json", str(exports["base"]), str(exports["head"])).out)
    assert (record["format"], record["headline"], record["regressions"]) == (
        "svcready-diff",
        "1 service less ready, 1 more ready",
        1,
    )
    [notifications] = [s for s in record["services"] if s["name"] == "notifications"]
    assert (notifications["direction"], notifications["level_before"], notifications["level_after"]) == (
        "less",
        "gold",
        "bronze",
    )
    assert notifications["newly_unanswered"] == [["metrics", "Metrics"]]


def record(name: str, **changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "name": name,
        "title": name.title(),
        "ready": True,
        "level": "gold",
        "considerations": [
            {
                "key": "license",
                "title": "License",
                "state": "answered",
                "questions": [{"key": "included", "state": "answered"}],
            }
        ],
    }
    base.update(changes)
    return base


def test_waivers_evidence_added_and_removed_services_and_hostile_titles() -> None:
    waived = {
        "key": "included",
        "state": "waived",
        "waiver": {"until": "2026-12-01", "expired": False, "expiring": True},
    }
    contradicted = {"key": "included", "state": "answered", "evidence": [{"outcome": "contradicted"}]}
    head = [
        record(
            "alpha",
            considerations=[{"key": "license", "title": "License", "state": "waived", "questions": [waived]}],
        ),
        record(
            "beta",
            ready=False,
            considerations=[
                {"key": "license", "title": "License", "state": "answered", "questions": [contradicted]}
            ],
        ),
        record("new", title="<img src=x onerror=alert(1)> | [link](http://evil)"),
    ]
    base = [record("alpha"), record("beta"), record("gone")]
    diff = compare(base, head, ("bronze", "silver", "gold"))
    assert diff.headline == "1 service less ready, 1 added, 1 removed"
    alpha, beta, gone, new = diff.changes
    assert (alpha.direction, alpha.waivers_added, alpha.waivers_expiring) == (
        "same",
        ("license.included until 2026-12-01",),
        ("license.included until 2026-12-01",),
    )
    assert (beta.direction, beta.evidence) == ("less", ("license.included: none → contradicted",))
    assert (gone.status, new.status) == ("removed", "added")
    text = diff_markdown(diff)
    assert "<img" not in text and "](http" not in text
    assert "&lt;img src=x onerror=alert\\(1\\)&gt; \\| \\[link\\]\\(http://evil\\)" in text
    assert text.count("\n|") == 6


def git(root: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "-c", "user.email=ci@example.com", "-c", "user.name=CI", *arguments],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def repository(tmp_path: Path) -> tuple[Path, str]:
    """A repository whose first commit has two ready services; the work tree then breaks one."""
    root = tmp_path / "repo"
    write(root / "services" / "alpha" / "service.yaml", named("alpha", "Alpha"))
    write(root / "services" / "beta" / "service.yaml", named("beta", "Beta"))
    git(root.parent, "init", "-q", str(root))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    base = git(root, "rev-parse", "HEAD")
    write(
        root / "services" / "beta" / "service.yaml",
        replace_answer(named("beta", "Beta"), "testing", "load-tests", "TODO"),
    )
    write(root / "services" / "gamma" / "service.yaml", named("gamma", "Gamma"))
    return root, base


def test_diff_against_a_git_revision_judges_the_files_as_they_were(
    svcready: Svcready, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, base = repository(tmp_path)
    monkeypatch.chdir(root)
    # The repository has no licence file or CODEOWNERS: the evidence probes are not this test's subject.
    result = svcready("diff", "--git", base, "--no-evidence", "--fail-on", "regression", "services")
    assert result.code == 1
    assert result.out == (
        "### Readiness: 1 service less ready, 1 added\n\n"
        "| Service | Ready | Level | What changed |\n"
        "|---|---|---|---|\n"
        "| ⬇️ Beta | yes → **no** | gold → **silver** | newly unanswered: Testing |\n"
        "| Gamma | yes | gold | added |\n"
    )
    unknown = svcready("diff", "--git", "no-such-branch", "--no-evidence", "services")
    assert (unknown.code, unknown.err) == (
        2,
        f"svcready: error: 'no-such-branch' names no commit in {root}\n",
    )
    option = svcready("diff", "--git=--output=x", "--no-evidence", "services")
    assert option.code == 2 and "is not a revision" in option.err


def test_a_shallow_clone_says_how_deep_it_is_and_how_to_fetch_more(
    svcready: Svcready, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, base = repository(tmp_path)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "head")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth=1", f"file://{root}", str(clone))
    monkeypatch.chdir(clone)
    result = svcready("diff", "--git", base, "services")
    assert result.code == 2
    assert result.err == (
        f"svcready: error: '{base}' is not in this clone, which is shallow (1 commits deep): fetch it with "
        f"'git fetch --no-tags --depth=1 origin {base}' or clone more history (actions/checkout: fetch-depth: 0)\n"
    )


def test_the_github_action_annotates_writes_sarif_and_summarises_the_pull_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root, base = repository(tmp_path)
    monkeypatch.chdir(root)
    event = write(
        tmp_path / "event.json", json.dumps({"pull_request": {"base": {"sha": base, "ref": "main"}}})
    )
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    environ = {
        "INPUT_PATHS": "services",
        "INPUT_ARGS": "--no-evidence",
        "INPUT_SARIF": "results.sarif",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_BASE_REF": "main",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
    }
    assert run_action(environ) == 1
    annotations = capsys.readouterr().out.splitlines()
    assert len(annotations) == 1 and annotations[0].startswith(
        "::error file=services/beta/service.yaml,line="
    )
    Draft7Validator(SARIF_SCHEMA).validate(json.loads((root / "results.sarif").read_text(encoding="utf-8")))
    assert summary.read_text(encoding="utf-8") == (
        "## svcready: 3 files checked: 2 ready, 1 not ready\n\n"
        "### Readiness: 1 service less ready, 1 added\n\n"
        "| Service | Ready | Level | What changed |\n"
        "|---|---|---|---|\n"
        "| ⬇️ Beta | yes → **no** | gold → **silver** | newly unanswered: Testing |\n"
        "| Gamma | yes | gold | added |\n\n"
    )
    assert output.read_text(encoding="utf-8") == "ready=false\nsarif=results.sarif\nregressions=1\n"
    # On a push there is no base: the check and the SARIF, and the summary says what was checked.
    summary.unlink()
    pushed = {
        key: value for key, value in environ.items() if key not in ("GITHUB_EVENT_PATH", "GITHUB_BASE_REF")
    }
    assert run_action({**pushed, "INPUT_GATE": "development"}) == 0
    assert (
        summary.read_text(encoding="utf-8")
        == "## svcready: 3 files checked: 2 ready, 1 not ready \\(1 not gated\\)\n\n"
    )


def test_the_action_metadata_is_valid_and_passes_every_input() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    schema = json.loads((REPO / "tests" / "data" / "github-action.schema.json").read_text(encoding="utf-8"))
    Draft7Validator(schema).validate(action)
    assert action["runs"]["using"] == "composite"
    [step] = [step for step in action["runs"]["steps"] if step.get("id") == "check"]
    assert step["run"] == "python -m sphinx_svcready.cli.github_action"
    passed = {
        key.removeprefix("INPUT_").lower().replace("_", "-"): value for key, value in step["env"].items()
    }
    assert passed == {
        name: f"${{{{ inputs.{name} }}}}" for name in action["inputs"] if name != "python-version"
    }
    assert "uses: <your-fork-or-mirror>/sphinx-svcready@v0.2.0" in GUIDE
