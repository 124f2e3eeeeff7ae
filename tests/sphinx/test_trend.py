"""The trend directive, drawn from history files: the example docs' own (made from a real git
history by tools/example_history.py, checked here to be exactly what it writes), and the warnings
for a history that is missing, damaged, outside the source or without the service asked for."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from sphinx_svcready.sphinx_ext import git_history

from ..cli.test_history import commit, git
from ..conftest import REPO, Build, line_of, named, replace_answer, write

Run = Callable[..., Build]
HISTORY = REPO / "example-docs" / "history" / "readiness.json"


def test_the_example_history_is_what_the_tool_makes_from_its_git_history(tmp_path: Path) -> None:
    made = tmp_path / "readiness.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "example_history.py"), str(made)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    committed = HISTORY.read_bytes()
    assert made.read_bytes() == committed, "run python tools/example_history.py and commit the file"
    document = json.loads(committed)
    assert (document["every"], document["shallow"], len(document["points"])) == ("week", False, 16)
    last = {s["name"]: (s["ready"], s.get("level")) for s in document["points"][-1]["services"]}
    assert last == {
        "course-catalog": (True, "gold"),
        "credentials": (True, "gold"),
        "notifications": (True, "gold"),
        "recommendations": (False, None),
    }


def trend_project(tmp_path: Path, history: str | None, directive: str) -> Path:
    srcdir = tmp_path / "docs"
    srcdir.mkdir()
    # Sphinx 7 shows a warning's type only when asked.
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_svcready"]\nshow_warning_types = True\n', encoding="utf-8"
    )
    (srcdir / "index.rst").write_text(f"Trend\n=====\n\nSome text.\n\n{directive}\n", encoding="utf-8")
    if history is not None:
        (srcdir / "history.json").write_text(history, encoding="utf-8")
    return srcdir


def test_a_trend_is_a_line_chart_with_its_figures_on_the_web_and_a_table_elsewhere(
    tmp_path: Path, sphinx_build: Run
) -> None:
    srcdir = trend_project(
        tmp_path,
        HISTORY.read_text(encoding="utf-8"),
        ".. service-readiness-trend:: history.json\n\n"
        ".. service-readiness-trend:: /history.json\n   :service: recommendations\n",
    )
    html = sphinx_build(srcdir, "-W")
    assert html.code == 0, html.output
    page = (html.outdir / "index.html").read_text(encoding="utf-8")
    portfolio, service = re.findall(r"<svg .*?</svg>", page, re.DOTALL)
    drawing = ElementTree.fromstring(portfolio)
    namespace = "{http://www.w3.org/2000/svg}"
    assert drawing.get("role") == "img"
    assert drawing.find(f"{namespace}title").text == "The portfolio over time"  # type: ignore[union-attr]
    description = drawing.find(f"{namespace}desc").text or ""  # type: ignore[union-attr]
    assert description.startswith(
        "2026-08-03 to 2026-11-16: 2026-08-03, 10% answered, 0 of 1 services ready;"
    )
    assert description.endswith("2026-11-16, 76% answered, 3 of 4 services ready.")
    # One marker per point and series, each saying its figure to a mouse.
    markers = [element.text for element in drawing.iter(f"{namespace}title")][1:]
    assert len(markers) == 2 * 16 + 2
    assert "Services ready, 2026-11-16: 75%" in markers
    assert '<tr class="row-odd"><td><p>2026-11-16</p></td>\n<td><p>4</p></td>\n<td><p>3</p></td>' in page
    assert "Readiness of Course recommendations over time</title>" in service
    assert "<td><p>18: Sizing and resource profile, Customers, Code and 15 more</p></td>" in page
    text = sphinx_build(srcdir, "-W", builder="text")
    assert text.code == 0, text.output
    written = (text.outdir / "index.txt").read_text(encoding="utf-8")
    assert "<svg" not in written and "**The portfolio over time**" in written
    assert "| 2026-11-16 | 4        | 3     | 76%            | 3    | 0      | 0      | 1    |" in written


def test_a_history_that_cannot_be_used_is_a_warning_at_the_directive(
    tmp_path: Path, sphinx_build: Run
) -> None:
    document = json.loads(HISTORY.read_text(encoding="utf-8"))
    document["points"][3]["services"][0]["counts"]["answered"] = "many"
    directives = (
        ".. service-readiness-trend:: missing.json\n\n"
        ".. service-readiness-trend:: history.json\n\n"
        ".. service-readiness-trend:: ../outside.json\n\n"
        ".. service-readiness-trend:: good.json\n   :service: nobody\n"
    )
    srcdir = trend_project(tmp_path, json.dumps(document), directives)
    (srcdir / "good.json").write_text(HISTORY.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "outside.json").write_text(HISTORY.read_text(encoding="utf-8"), encoding="utf-8")
    index = (srcdir / "index.rst").read_text(encoding="utf-8")
    build = sphinx_build(srcdir)
    where = f"{srcdir / 'index.rst'}"
    lines = [line for line in build.output.splitlines() if "WARNING" in line]
    assert lines == [
        f"{where}:{line_of(index, 'missing.json')}: WARNING: the history 'missing.json' cannot be read: "
        "No such file or directory [svcready.file]",
        f"{where}:{line_of(index, ':: history.json')}: WARNING: the history 'history.json' is not a valid "
        "history at points/3/services/0/counts/answered: 'many' is not of type 'integer' [svcready.file]",
        f"{where}:{line_of(index, 'outside.json')}: WARNING: the history '../outside.json' is outside the "
        "documentation source directory and is not read; move it under the source directory or set "
        "svcready_allow_outside_srcdir = True [svcready.file]",
        f"{where}:{line_of(index, 'good.json')}: WARNING: the history 'good.json' has no service 'nobody' "
        "(it has: course-catalog, credentials, notifications, recommendations) [svcready.ref]",
    ]
    page = (build.outdir / "index.html").read_text(encoding="utf-8")
    assert page.count("svcready-error") == 4
    # Said again on a build with nothing changed, as every problem is.
    again = sphinx_build(srcdir)
    assert [line for line in again.output.splitlines() if "WARNING" in line] == lines


def test_a_trend_from_git_is_made_once_per_commit_at_head(
    tmp_path: Path, sphinx_build: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(
        root / "docs" / "conf.py",
        'extensions = ["sphinx_svcready"]\nsvcready_evidence = False\nshow_warning_types = True\n',
    )
    directive = ".. service-readiness-trend::\n   :git: ../services\n   :every: commit\n"
    write(root / "docs" / "index.rst", f"Trend\n=====\n\n{directive}")
    beta = replace_answer(named("beta", "Beta"), "testing", "load-tests", "TODO")
    write(root / "services" / "beta" / "service.yaml", beta)
    commit(root, "2026-10-05", "beta")
    write(root / "services" / "beta" / "service.yaml", named("beta", "Beta"))
    commit(root, "2026-10-06", "beta's load test")
    made: list[str] = []
    real = git_history.history_document

    def counting(*args: Any, **kwargs: Any) -> dict[str, Any]:
        made.append("history")
        return real(*args, **kwargs)

    monkeypatch.setattr(git_history, "history_document", counting)
    first = sphinx_build(root / "docs", "-W")
    assert first.code == 0, first.output
    page = (first.outdir / "index.html").read_text(encoding="utf-8")
    assert "2026-10-05T12:00:00Z to 2026-10-06T12:00:00Z: 2026-10-05T12:00:00Z, 95% answered" in page
    assert made == ["history"]
    # Nothing changed: no page is read and no history made.
    again = sphinx_build(root / "docs", quiet=False)
    assert "0 added, 0 changed, 0 removed" in again.output and made == ["history"]
    # A new commit at HEAD: the page is read again and the history made again, with the new point.
    write(root / "services" / "gamma" / "service.yaml", named("gamma", "Gamma"))
    commit(root, "2026-10-07", "gamma")
    moved = sphinx_build(root / "docs", quiet=False)
    assert "0 added, 1 changed, 0 removed" in moved.output and made == ["history", "history"]
    assert "2026-10-07T12:00:00Z, 100% answered, 2 of 2 services ready." in (
        moved.outdir / "index.html"
    ).read_text(encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    outside = sphinx_build(trend_project(tmp_path / "elsewhere", None, directive))
    assert (
        ":git: '../services': the documentation is not in a git work tree [svcready.file]" in outside.output
    )
