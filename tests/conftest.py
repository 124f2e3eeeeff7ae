"""Shared fixtures: Sphinx's own test fixtures, a complete answer file, and build helpers."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"
COMPLETE = ROOTS / "test-basic" / "service.yaml"
REPO = Path(__file__).parent.parent

# Colours and line rewrites, which Sphinx uses when it believes it writes to a terminal (CI=true).
_ESCAPES = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def complete_text() -> str:
    """A service.yaml in which every question is answered."""
    return COMPLETE.read_text(encoding="utf-8")


def organisation_schema() -> dict[str, Any]:
    """The packaged schema plus one organisation-specific consideration, "on-call"."""
    schema: dict[str, Any] = json.loads(
        (REPO / "schemas" / "service-readiness.schema.json").read_text(encoding="utf-8")
    )
    schema["properties"]["considerations"]["properties"]["on-call"] = {
        "title": "On-call and runbook",
        "description": "Who is paged, and what they read first.",
        "type": ["object", "null"],
        "$ref": "#/$defs/consideration-markers",
        "properties": {
            "rota": {"title": "Rota", "description": "Which rota is paged?", "$ref": "#/$defs/text-answer"}
        },
        "unevaluatedProperties": False,
    }
    return schema


def line_of(text: str, needle: str, start: int = 1) -> int:
    """The 1-based line of the first line from ``start`` on that contains ``needle``."""
    for number, line in enumerate(text.splitlines(), 1):
        if number >= start and needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def replace_answer(text: str, consideration: str, question: str, new: str) -> str:
    """``text`` with one question's answer (a one-line or a list answer) replaced by ``new``."""
    lines = text.splitlines()
    start = line_of(text, f"  {consideration}:")
    at = line_of(text, f"    {question}:", start) - 1
    end = at + 1
    while end < len(lines) and lines[end].startswith("      "):
        end += 1
    lines[at:end] = [f"    {question}: {new}"]
    return "\n".join(lines) + "\n"


def remove_consideration(text: str, consideration: str) -> str:
    lines = text.splitlines()
    at = line_of(text, f"  {consideration}:") - 1
    end = at + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    del lines[at:end]
    return "\n".join(lines) + "\n"


def warning_lines(output: str) -> list[str]:
    return [line for line in _ESCAPES.sub("", output).splitlines() if "WARNING" in line or "ERROR" in line]


@dataclass
class Build:
    code: int
    output: str
    srcdir: Path
    outdir: Path

    @property
    def warnings(self) -> list[str]:
        return warning_lines(self.output)

    def page(self, name: str = "index.html") -> str:
        return (self.outdir / name).read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """Make a docs project: ``project(service_yaml, index=..., conf=...)`` -> srcdir."""

    def make(service: str | None = None, index: str | None = None, conf: str = "") -> Path:
        srcdir = tmp_path / "docs"
        if not srcdir.exists():
            shutil.copytree(ROOTS / "test-basic", srcdir)
        if service is not None:
            (srcdir / "service.yaml").write_text(service, encoding="utf-8")
        if index is not None:
            (srcdir / "index.rst").write_text(index, encoding="utf-8")
        if conf:
            with (srcdir / "conf.py").open("a", encoding="utf-8") as handle:
                handle.write(conf + "\n")
        return srcdir

    return make


@pytest.fixture
def sphinx_build(capsys: pytest.CaptureFixture[str]) -> Callable[..., Build]:
    """Run ``sphinx-build`` in-process as a user would: ``sphinx_build(srcdir, "-W", ...)``."""
    from sphinx.cmd.build import build_main

    def run(
        srcdir: Path, *args: str, builder: str = "html", outdir: Path | None = None, quiet: bool = True
    ) -> Build:
        out = outdir or srcdir.parent / f"_build_{builder}"
        capsys.readouterr()
        options = ["-b", builder, "--keep-going", "--no-color", *(["-q"] if quiet else [])]
        code = build_main([*options, *args, str(srcdir), str(out)])
        captured = capsys.readouterr()
        output = _ESCAPES.sub("", captured.out + captured.err).replace("\r\n", "\n").replace("\r", "\n")
        return Build(code, output, srcdir, out)

    return run


BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Leave tests/browser out unless it is named: it needs Chromium (``tox -e browser`` names it)."""
    if collection_path != BROWSER_TESTS:
        return None
    named = (config.invocation_params.dir / arg.split("::")[0] for arg in config.args)
    return not any(path.resolve().is_relative_to(BROWSER_TESTS) for path in named)
