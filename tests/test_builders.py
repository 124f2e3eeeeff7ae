"""Every builder named by the issue gives a readable page with the service's content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import Build, complete_text

Project = Callable[..., Path]
Run = Callable[..., Build]


@pytest.mark.parametrize(
    ("builder", "page", "expected"),
    [
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
                ".B Fault tolerance (answered)",
                "Answer to testing no\\-op\\-tasks.",
            ],
        ),
        ("dirhtml", "index.html", ["19 of 19 considerations answered", "Answer to testing no-op-tasks."]),
    ],
)
def test_builder_output_has_the_service(
    project: Project, sphinx_build: Run, builder: str, page: str, expected: list[str]
) -> None:
    srcdir = project(complete_text())
    build = sphinx_build(srcdir, "-W", builder=builder)
    assert (build.code, build.warnings) == (0, [])
    output = (build.outdir / page).read_text(encoding="utf-8")
    for fragment in expected:
        assert fragment in output, fragment
