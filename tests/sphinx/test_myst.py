"""MyST Markdown pages: the same directives, the same page, the same warnings as reStructuredText."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import Build, complete_text, line_of, replace_answer

pytest.importorskip("myst_parser")

Project = Callable[..., Path]
Run = Callable[..., Build]

RST_PAGE = """Ledger
======

.. service-readiness:: service.yaml

Elsewhere: :service:`ledger#testing` and :service:`ledgr`.
"""

MARKDOWN_PAGE = """# Ledger

```{service-readiness} service.yaml
```

Elsewhere: {service}`ledger#testing` and {service}`ledgr`.
"""


def _markdown_project(srcdir: Path) -> None:
    (srcdir / "index.rst").unlink()
    (srcdir / "index.md").write_text(MARKDOWN_PAGE, encoding="utf-8")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nextensions = ["myst_parser", *extensions]\n')


def _service_body(html: str) -> str:
    """The page's body from the service header to the sidebar."""
    return html[
        html.index('<div class="svcready svcready-service') : html.index('<div class="sphinxsidebar"')
    ]


def test_markdown_page_renders_what_a_restructuredtext_page_renders(
    tmp_path: Path, project: Project, sphinx_build: Run
) -> None:
    text = replace_answer(complete_text(), "testing", "load-tests", "TODO")
    rst_dir = project(service=text, index=RST_PAGE)
    rst = sphinx_build(rst_dir, outdir=tmp_path / "rst-out")

    md_dir = tmp_path / "markdown"
    md_dir.mkdir()
    for path in rst_dir.iterdir():
        if path.is_file():
            (md_dir / path.name).write_bytes(path.read_bytes())
    _markdown_project(md_dir)
    md = sphinx_build(md_dir, outdir=tmp_path / "md-out")

    assert md.code == rst.code == 0
    assert _service_body(md.page()) == _service_body(rst.page())
    assert "considerations answered" in md.page()
    assert 'href="#svcready-ledger-testing"' in md.page()

    service_line = line_of(text, "load-tests:", line_of(text, "  testing:"))
    assert [warning.split(": WARNING: ")[0] for warning in md.warnings] == [
        f"{md_dir / 'service.yaml'}:{service_line}",
        f"{md_dir / 'index.md'}:6",
    ]
    assert "testing.load-tests is unanswered" in md.warnings[0]
    assert "unknown service 'ledgr'" in md.warnings[1]
    # The same warnings, each quoting the page as written: MyST's role syntax on the Markdown page.
    assert md.warnings == [
        warning.replace(str(rst_dir), str(md_dir))
        .replace("index.rst", "index.md")
        .replace(":service:`ledgr`", "{service}`ledgr`")
        for warning in rst.warnings
    ]
    assert "in {service}`ledgr` (did you mean 'ledger'?)" in md.warnings[1]


def test_summary_and_a_missing_file_in_markdown(project: Project, sphinx_build: Run) -> None:
    srcdir = project(service=complete_text())
    (srcdir / "index.rst").unlink()
    (srcdir / "index.md").write_text(
        "# Services\n\n```{service-readiness-summary}\n:sort: readiness\n```\n\n```{toctree}\nledger\n```\n",
        encoding="utf-8",
    )
    (srcdir / "ledger.md").write_text(
        "# Ledger\n\n```{service-readiness} service.yaml\n```\n\n```{service-readiness} gone.yaml\n```\n",
        encoding="utf-8",
    )
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nextensions = ["myst_parser", *extensions]\n')
    build = sphinx_build(srcdir)
    assert build.warnings == [
        f"{srcdir / 'ledger.md'}:6: WARNING: 'gone.yaml' cannot be read: No such file or directory [svcready.file]"
    ]
    summary = build.page()
    assert '<table class="svcready-summary' in summary
    assert 'href="ledger.html#svcready-ledger"' in summary
    assert "The readiness file \u2018gone.yaml\u2019 is not available." in build.page("ledger.html")
