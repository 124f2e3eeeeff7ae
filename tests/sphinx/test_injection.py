"""A service.yaml can never put script, raw HTML or another file's contents into the site."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import Build, complete_text, line_of

Project = Callable[..., Path]
Run = Callable[..., Build]

SECRET = "TOP-SECRET-LINE"


def with_answer(answer_yaml: str) -> str:
    """The complete file with additional.notes replaced by a block-literal answer."""
    block = "\n".join("      " + line for line in answer_yaml.splitlines())
    return complete_text().replace("    notes: Answer to additional notes.", f"    notes: |\n{block}")


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def build_answer(project: Project, sphinx_build: Run, answer: str) -> tuple[Build, str, int]:
    text = with_answer(answer)
    srcdir = project(text)
    build = sphinx_build(srcdir)
    notes = build.page().split('id="svcready-ledger-additional"', 1)[1].split("</section>", 1)[0]
    return build, notes, line_of(text, "    notes: |")


@pytest.mark.parametrize(
    "answer",
    [
        "<script>alert('x')</script>",
        "Plain text then <script>alert(1)</script> and <img src=x onerror=alert(1)>",
    ],
)
def test_html_in_answers_is_escaped(project: Project, sphinx_build: Run, answer: str) -> None:
    _, notes, _ = build_answer(project, sphinx_build, answer)
    assert "<script>" not in notes
    assert "<img" not in notes
    assert "&lt;script&gt;alert(" in notes


def test_raw_directive_is_refused_and_shown_as_text(project: Project, sphinx_build: Run) -> None:
    build, notes, line = build_answer(
        project, sphinx_build, ".. raw:: html\n\n   <script>alert('raw')</script>"
    )
    assert "<script>" not in notes
    assert "<pre><span></span>.. raw:: html\n\n   &lt;script&gt;alert('raw')&lt;/script&gt;\n</pre>" in notes
    assert (
        f'{build.srcdir / "service.yaml"}:{line}: WARNING: answer markup: Unknown directive type "raw". [svcready.markup]'
        in build.warnings
    )


@pytest.mark.parametrize(
    "answer",
    [
        ".. include:: {secret}",
        ".. literalinclude:: {secret}",
        ".. csv-table::\n   :file: {secret}",
        "See :download:`this <{secret}>`.",
        ".. raw:: html\n   :file: {secret}",
    ],
)
def test_no_file_is_read(project: Project, sphinx_build: Run, secret_file: Path, answer: str) -> None:
    build, _, _ = build_answer(project, sphinx_build, answer.format(secret=secret_file))
    assert SECRET not in build.page()
    assert not (build.outdir / "_downloads").exists()
    assert any("[svcready.markup]" in warning for warning in build.warnings)


@pytest.mark.parametrize(
    "link",
    [
        "`click <javascript:alert(1)>`_",
        "`click <JaVaScRiPt:alert(1)>`__",
        "`click <java\tscript:alert(1)>`_",
        "`click <data:text/html;base64,PHNjcmlwdD4=>`_",
        "`click <vbscript:msgbox(1)>`_",
    ],
)
def test_script_links_are_removed(project: Project, sphinx_build: Run, link: str) -> None:
    build, notes, line = build_answer(project, sphinx_build, f"Before {link} after.")
    lowered = notes.lower()
    assert "javascript:" not in lowered and "vbscript:" not in lowered and "data:text" not in lowered
    assert "Before click after." in notes
    assert any(
        w.startswith(f"{build.srcdir / 'service.yaml'}:{line}: WARNING: answer markup: the link to ")
        for w in build.warnings
    )


def test_safe_markup_is_rendered(project: Project, sphinx_build: Run) -> None:
    answer = (
        "Uses ``redis`` and *care*; see `runbook <https://runbook.example.com/ledger>`_.\n\n"
        "- first point\n- second point\n"
    )
    build, notes, _ = build_answer(project, sphinx_build, answer)
    assert build.warnings == []
    assert '<code class="docutils literal notranslate"><span class="pre">redis</span></code>' in notes
    assert "<em>care</em>" in notes
    assert '<a class="reference external" href="https://runbook.example.com/ledger">runbook</a>' in notes
    assert "<li><p>first point</p></li>" in notes


def test_answers_cannot_change_the_page(project: Project, sphinx_build: Run) -> None:
    answer = (
        ".. title:: Hijacked\n\n"
        ".. |brand| replace:: HIJACKED-SUBSTITUTION\n\n"
        ".. meta::\n   :http-equiv=refresh: 0; url=https://evil.example.com\n\n"
        ".. default-role:: math\n\n"
        "Injected heading\n================\n\n"
        "Body with |brand| and `x`.\n"
    )
    index = "Ledger\n======\n\n.. service-readiness::\n\nAfter: |brand| and `plain`.\n\n.. |brand| replace:: Ledger Inc\n"
    srcdir = project(with_answer(answer), index=index)
    build = sphinx_build(srcdir)
    html = build.page()
    assert "<title>Ledger" in html
    assert "Hijacked" not in html.split("<body", 1)[0]
    assert "<meta http-equiv" not in html.lower()
    # The definition is shown as the text it is, but defines nothing: neither here nor on the page.
    assert "Body with |brand| and <cite>x</cite>." in html
    assert html.count("HIJACKED-SUBSTITUTION") == 1
    assert "<pre><span></span>.. |brand| replace:: HIJACKED-SUBSTITUTION\n</pre>" in html
    assert "After: Ledger Inc and <cite>plain</cite>." in html
    assert "<h2>Injected heading" not in html and "<h3>Injected heading" not in html
    assert "Injected heading" in html


def test_nested_directive_cannot_recurse(project: Project, sphinx_build: Run) -> None:
    build, notes, _ = build_answer(project, sphinx_build, ".. service-readiness:: service.yaml")
    assert notes.count("svcready-consideration") == 0
    assert any('Unknown directive type "service-readiness"' in w for w in build.warnings)


def test_links_that_do_not_parse_are_dropped_not_a_crash(project: Project, sphinx_build: Run) -> None:
    # Found by the property tests: Python's URL parser raises on an unclosed IPv6 address.
    text = with_answer("See `the box <http://[>`_ now.").replace(
        "    - https://git.example.com/ledger", "    - 'http://['"
    )
    build = sphinx_build(project(text))
    assert build.code == 0
    assert "Traceback" not in build.output
    notes = build.page().split('id="svcready-ledger-additional"', 1)[1]
    assert "See the box now." in notes
    assert 'href="http://[' not in build.page()
    line = line_of(text, "    notes: |")
    assert any(
        w.startswith(
            f"{build.srcdir / 'service.yaml'}:{line}: WARNING: answer markup: the link to 'http://[' was removed"
        )
        for w in build.warnings
    )
