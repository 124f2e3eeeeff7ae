"""Every builder named by the issue gives a readable page with the service's content."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from ..conftest import Build, complete_text

Project = Callable[..., Path]
Run = Callable[..., Build]


BUILDER_OUTPUTS: list[tuple[str, str, list[str | re.Pattern[str]]]] = [
    (
        "text",
        "index.txt",
        [
            "19 of 19 considerations answered",
            "Fault tolerance and scalability\n===",
            "Machine class : answered",
            "Answer to testing no-op-tasks.",
        ],
    ),
    (
        "singlehtml",
        "index.html",
        [
            "19 of 19 considerations answered",
            'id="svcready-ledger-testing"',
            "Answer to testing no-op-tasks.",
        ],
    ),
    (
        "latex",
        "ledger.tex",
        [
            "19 of 19 considerations answered",
            "\\chapter{Fault tolerance and scalability}",
            "{[}answered{]}",
            "\\label{\\detokenize{index:svcready-ledger-testing}}",
            "Answer to testing no\\sphinxhyphen{}op\\sphinxhyphen{}tasks.",
        ],
    ),
    (
        "man",
        "ledger.1",
        [
            "19 of 19 considerations answered",
            ".SH FAULT TOLERANCE AND SCALABILITY",
            # docutils 0.21 and later put the classifier beside the term; 0.20 on the next line.
            re.compile(r"\.B Fault tolerance(?: \(answered\)|\nanswered)\n"),
            "Answer to testing no\\-op\\-tasks.",
        ],
    ),
    ("dirhtml", "index.html", ["19 of 19 considerations answered", "Answer to testing no-op-tasks."]),
]


# tests/roots/test-basic, built by each builder beside the others (one doctree), as `make text latex` does.
@pytest.mark.parametrize(
    ("page", "expected"),
    [
        pytest.param(page, expected, marks=pytest.mark.sphinx(builder, testroot="basic"), id=builder)
        for builder, page, expected in BUILDER_OUTPUTS
    ],
)
def test_builder_output_has_the_service(
    app: SphinxTestApp, page: str, expected: list[str | re.Pattern[str]]
) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    output = (app.outdir / page).read_text(encoding="utf-8")
    for fragment in expected:
        if isinstance(fragment, re.Pattern):
            assert fragment.search(output), fragment.pattern
        else:
            assert fragment in output, fragment


def test_epub_holds_the_service(project: Project, sphinx_build: Run) -> None:
    srcdir = project(complete_text(), conf='version = "1.0"\ncopyright = "2026, Ledger team"')
    # Doctrees kept outside the output, as `make epub` does: the book packs the whole directory.
    doctrees = str(srcdir.parent / "doctrees")
    build = sphinx_build(srcdir, "-W", "-d", doctrees, builder="epub")
    assert (build.code, build.warnings) == (0, [])
    page = (build.outdir / "index.xhtml").read_text(encoding="utf-8")
    for fragment in ("19 of 19 considerations answered", "Machine class", "Answer to testing no-op-tasks."):
        assert fragment in page, fragment
    assert (build.outdir / "Ledger.epub").stat().st_size > 0
    assert not (build.outdir / "svcready.json").exists()
    again = sphinx_build(srcdir, "-W", "-d", doctrees, builder="epub")
    assert (again.code, again.warnings) == (0, [])


@pytest.mark.sphinx("gettext", testroot="basic", srcdir="basic-gettext")
def test_gettext_offers_the_checklist_and_labels_for_translation(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    catalogue = (app.outdir / "index.pot").read_text(encoding="utf-8")
    for message in (
        "Fault tolerance and scalability",
        "Machine class",
        "What class of machine or container size does the service need (CPU, memory, disk)?",
        "answered",
        "Answer to testing no-op-tasks.",
    ):
        assert f'msgid "{message}"' in catalogue, message


def test_the_stylesheet_in_an_output_is_replaced_by_the_extensions_own(
    project: Project, sphinx_build: Run
) -> None:
    srcdir = project(complete_text())
    first = sphinx_build(srcdir, "-W")
    stylesheet = first.outdir / "_static" / "svcready.css"
    assert first.code == 0 and "svcready-badge" in stylesheet.read_text(encoding="utf-8")
    # An output built by an older version of the extension: a rebuild writes today's stylesheet,
    # where Sphinx's own asset copy would keep the old one and warn.
    stylesheet.write_text("/* an older stylesheet */\n", encoding="utf-8")
    again = sphinx_build(srcdir, "-W")
    assert (again.code, again.output) == (0, "")
    assert "svcready-badge" in stylesheet.read_text(encoding="utf-8")


def test_a_build_that_read_nothing_new_leaves_the_export_as_it_was(
    project: Project, sphinx_build: Run
) -> None:
    srcdir = project(complete_text())
    export = sphinx_build(srcdir, "-W").outdir / "svcready.json"
    written = export.stat().st_mtime_ns
    assert sphinx_build(srcdir, "-W").code == 0
    assert export.stat().st_mtime_ns == written
    # A changed answer, or an export gone from the output, is written again.
    service = srcdir / "service.yaml"
    service.write_text(
        service.read_text(encoding="utf-8").replace("Ledger service", "Ledger"), encoding="utf-8"
    )
    assert sphinx_build(srcdir, "-W").code == 0
    assert '"title": "Ledger"' in export.read_text(encoding="utf-8")
    export.unlink()
    assert sphinx_build(srcdir, "-W").code == 0 and export.is_file()
