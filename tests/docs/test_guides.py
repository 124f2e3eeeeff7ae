"""What the guides and reference pages of docs/ show is checked against the code: the tables, the
checklist built step by step, and the versions the snippets name."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from sphinx_svcready.cli.parser import build_parser
from sphinx_svcready.core.checklist.loading import load_checklist
from sphinx_svcready.core.reading.yaml_reader import LoadedDocument, load_text
from sphinx_svcready.core.subtypes import WARNING_TYPE, Subtype

from ..conftest import REPO, Svcready

DOCS = REPO / "docs"


def table(page: str, name: str) -> list[list[str]]:
    text = (DOCS / page).read_text(encoding="utf-8")
    block = text.split(f"<!-- {name}", 1)[1].split(f"<!-- end {name} -->", 1)[0]
    rows = [line for line in block.splitlines() if line.startswith("|")][2:]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]


def markdown(rst: str) -> str:
    return rst.replace("``", "`")


def test_the_warning_examples_are_the_catalogue() -> None:
    rows = table("reference/warning-examples.md", "warnings-table")
    assert [row[0] for row in rows] == [f"`{WARNING_TYPE}.{subtype.value}`" for subtype in Subtype]
    assert [row[1] for row in rows] == [markdown(subtype.description) for subtype in Subtype]
    for row, subtype in zip(rows, Subtype, strict=True):
        assert "WARNING: " in row[2], subtype


def test_the_considerations_table_is_the_schema() -> None:
    rows = table("reference/document-format.md", "considerations-table")
    expected = [
        [f"`{c.key}`", ", ".join(f"`{q.key}`" for q in c.questions)] for c in load_checklist().considerations
    ]
    assert rows == expected


def test_the_bring_your_own_checklist_guide_is_a_working_checklist(tmp_path: Path) -> None:
    guide = (DOCS / "how-to" / "own-checklist.md").read_text(encoding="utf-8")
    section = guide.split("## Bring your own checklist, start to end", 1)[1].split("\n## ", 1)[0]
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


#: Where the guides name a release: pre-commit's ``rev`` and pip's pins of a git checkout.
_RELEASE_PINS = re.compile(
    r"rev: (\S+)|sphinx-svcready(?:\[[\w,]*\])? @ git\+\S+?\.git@(\S+)|sphinx-svcready@(v[\d.]+)"
)


def test_every_release_the_guides_pin_is_a_tag_holding_the_hook() -> None:
    pinned = {
        "".join(found)
        for guide in sorted((DOCS / "how-to").glob("*.md"))
        for found in _RELEASE_PINS.findall(guide.read_text(encoding="utf-8"))
    }
    assert pinned == {"v0.2.0"}, pinned
    _skip_without_tags()
    for rev in sorted(pinned):
        found = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--verify", "--quiet", f"refs/tags/{rev}^{{commit}}"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert found.returncode == 0, f"{rev} is not a tag of this repository"
        hooks = subprocess.run(
            ["git", "-C", str(REPO), "show", f"{rev}:.pre-commit-hooks.yaml"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert "id: svcready-check" in hooks.stdout, "the hook the snippet uses exists at that release"
        action = subprocess.run(
            ["git", "-C", str(REPO), "show", f"{rev}:action.yml"], capture_output=True, text=True, check=False
        )
        assert "runs:" in action.stdout, "the Action the pull-request guide uses exists at that release"


def _guide_blocks(language: str) -> list[tuple[str, str]]:
    """(guide, block) for every fenced block of ``language`` in the tutorial and the how-to guides."""
    return [
        (guide.name, block)
        for guide in sorted([*(DOCS / "how-to").glob("*.md"), *(DOCS / "tutorial").glob("*.md")])
        for block in re.findall(rf"```{language}\n(.*?)```", guide.read_text(encoding="utf-8"), re.DOTALL)
    ]


def _svcready_commands() -> list[tuple[str, list[str]]]:
    """Every ``svcready ...`` command the guides show: in a shell block, a console session's
    prompts, or a CI file's step."""
    commands = []
    sessions = [
        (guide, "\n".join(line[2:] for line in block.splitlines() if line.startswith("$ ")))
        for guide, block in _guide_blocks("console")
    ]
    for guide, block in _guide_blocks("sh") + _guide_blocks("yaml") + sessions:
        for line in block.splitlines():
            for start in re.finditer(r"(?:^|(?<=\s))svcready \S", line):
                words = shlex.split(line[start.start() :], comments=True)
                ends = [at for at, word in enumerate(words) if word in {">", "|", "||", "&&", ";"}]
                commands.append((guide, words[1 : ends[0] if ends else None]))
    return commands


def test_the_guides_ci_files_are_yaml() -> None:
    blocks = _guide_blocks("yaml")
    assert len(blocks) >= 10
    for guide, block in blocks:
        # A guide may leave a value for the reader to fill in, written <like-this>.
        assert yaml.safe_load(block) is not None, guide


def test_every_svcready_command_in_the_guides_is_one_the_command_line_takes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    commands = _svcready_commands()
    shown = {args[0] for _guide, args in commands}
    assert {"check", "diff", "init", "history", "remind"} <= shown, shown
    parser = build_parser()
    for guide, args in commands:
        try:
            parser.parse_args(args)
        except SystemExit:
            raise AssertionError(f"{guide}: svcready {shlex.join(args)}: {capsys.readouterr().err}") from None


def test_the_ci_and_pre_commit_guides_show_what_the_commands_do(svcready: Svcready) -> None:
    assert svcready("init", "docs/services/payments").code == 0
    ci = (DOCS / "how-to" / "docs-ci.md").read_text(encoding="utf-8")
    step = ci.split("## 3. Run it once", 1)[1].split("\n## ", 1)[0]
    [check, build] = re.findall(r"```sh\n(.*?)\n(.*?)\n```", step, re.DOTALL)[0]
    assert build == "sphinx-build -W --keep-going -b html docs docs/_build/html"
    checked = svcready(*shlex.split(check)[1:])
    assert checked.code == 1, "it exits 1 while a question is open, as the guide says"
    pre_commit = (DOCS / "how-to" / "pre-commit.md").read_text(encoding="utf-8")
    [shown] = re.findall(r"```text\n(.*?)\n```", pre_commit, re.DOTALL)
    assert checked.out.splitlines()[0] == shown


def test_every_release_the_changelog_names_is_a_tag() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", changelog, re.M)
    assert released and changelog.index("## [Unreleased]") < changelog.index(f"## [{released[0]}]")
    tags = _skip_without_tags()
    for version in released:
        assert f"v{version}" in tags, version


def _skip_without_tags() -> list[str]:
    """The repository's tags; skips where there are none to check against.

    An sdist has no git folder, and a clone of one branch may come without tags (CI clones main
    alone). A clone that holds any tag at all must hold the released ones.
    """
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout (an sdist): the tags are not here")
    listed = subprocess.run(["git", "-C", str(REPO), "tag"], capture_output=True, text=True, check=True)
    tags = listed.stdout.split()
    if not tags:
        pytest.skip("this clone holds no tags (a clone of one branch without them)")
    return tags
