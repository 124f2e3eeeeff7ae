"""The README: short, its links lead somewhere, its two set-up commands are what CI runs, and its
quick start works as written."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import sphinx

from .conftest import REPO, Build, Svcready

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_is_short() -> None:
    assert len(README.splitlines()) <= 150


def test_every_link_in_the_readme_leads_to_a_file_of_the_repository() -> None:
    targets = re.findall(r"\]\(([^)#]+)\)", README)
    local = [target for target in targets if "://" not in target]
    assert local, "the README links the docs"
    for target in local:
        assert (REPO / target).exists(), target


def test_ci_runs_the_two_readme_commands() -> None:
    commands = re.findall(r"```sh\n(python3 -m venv .venv && [^\n]+)\n```", README)
    assert len(commands) == 2
    assert "sphinx-build -W --keep-going -b html example-docs" in commands[0]
    assert "pytest" in commands[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for command in commands:
        assert command in ci


def quick_start() -> str:
    return README.split("## Quick start in your own docs", 1)[1].split("\n## ", 1)[0]


def test_the_quick_start_installs_as_ci_does() -> None:
    """Its ``pip install`` of a checkout is what CI does with a clean environment (.ci/run)."""
    section = quick_start()
    assert "   pip install ./sphinx-svcready\n" in section
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert 'install -q "$checkout"' in ci


def test_the_quick_start_works_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, svcready: Svcready, sphinx_build: Callable[..., Build]
) -> None:
    """Steps 1 to 4 in a project of one's own: the conf line, init, the page, the failing build."""
    section = quick_start()
    blocks = re.findall(r"```(\w+)\n(.*?)```", section, re.DOTALL)
    by_kind: dict[str, list[str]] = {}
    for kind, text in blocks:
        by_kind.setdefault(kind, []).append("\n".join(line.removeprefix("   ") for line in text.splitlines()))
    [conf] = by_kind["python"]
    [page] = by_kind["rst"]
    install, init, build = by_kind["sh"]
    [expected] = by_kind["text"]
    assert install.strip() == "pip install ./sphinx-svcready"
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text(conf, encoding="utf-8")
    (docs / "index.rst").write_text(
        "Docs\n====\n\n.. toctree::\n\n   services/payments/index\n", encoding="utf-8"
    )
    assert init.startswith("svcready init ")
    made = svcready(*init.split()[1:])
    assert (made.code, made.err) == (0, "wrote docs/services/payments/service.yaml\n")
    (docs / "services" / "payments" / "index.rst").write_text(page, encoding="utf-8")
    arguments = build.split()
    assert arguments[:1] == ["sphinx-build"] and arguments[-2:] == ["docs", "docs/_build/html"]
    monkeypatch.chdir(tmp_path)
    failed = sphinx_build(Path("docs"), *arguments[1:-2], outdir=Path("docs/_build/html"))
    assert failed.code != 0
    line = expected.strip().replace("/path/to/project", str(tmp_path))
    if sphinx.version_info < (8,):
        # Sphinx 7.4 writes a warning's type only with show_warning_types = True, a default from 8 on.
        line = line.removesuffix(" [svcready.unanswered]")
    assert line in failed.warnings
    checked = svcready("check", "docs/services/payments/service.yaml")
    assert checked.code == 1
    assert "docs/services/payments/service.yaml:14: unanswered: service.summary is unanswered" in checked.out
