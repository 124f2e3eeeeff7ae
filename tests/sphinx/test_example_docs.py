"""The example docs are a test: they build with -W and show every state."""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docutils import nodes
from pytest_regressions.file_regression import FileRegressionFixture

from ..conftest import REPO, Build, summary_table


def outline(node: nodes.Node, depth: int = 0) -> Iterator[str]:
    """A doctree as it is read, one line a node: its kind, its classes and ids, and its text (the
    text of neighbouring text nodes joined, white space folded). The attributes Sphinx and docutils
    add of their own (sources, reference details) are left out, so the outline is the same on every
    version the package supports."""
    indent = "  " * depth
    assert isinstance(node, nodes.Element)
    marks = [f".{name}" for name in node.get("classes", [])] + [f"#{name}" for name in node.get("ids", [])]
    yield f"{indent}<{node.tagname}{' ' if marks else ''}{' '.join(marks)}>"
    text: list[str] = []
    for child in [*node.children, None]:
        if isinstance(child, nodes.Text):
            text.append(str(child))
            continue
        if "".join(text).strip():
            yield f"{indent}  {' '.join(''.join(text).split())!r}"
        text = []
        if child is not None:
            yield from outline(child, depth + 1)


def rendered(doctree: nodes.document) -> str:
    """The outline of what the ``service-readiness`` directive rendered on the page."""
    [service] = [node for node in doctree.findall(nodes.container) if "svcready-service" in node["classes"]]
    # The service's fields, then a section per consideration beside it.
    parent = service.parent
    start = parent.index(service)
    found = [
        service,
        *(node for node in parent.children[start + 1 :] if "svcready-consideration" in node["classes"]),
    ]
    return "".join("\n".join(outline(node)) + "\n" for node in found)


def test_example_docs_build_cleanly_with_W(
    tmp_path: Path, sphinx_build: Callable[..., Build], file_regression: FileRegressionFixture
) -> None:
    srcdir = tmp_path / "example-docs"
    shutil.copytree(REPO / "example-docs", srcdir, ignore=shutil.ignore_patterns("_build"))
    build = sphinx_build(srcdir, "-W")
    assert (build.code, build.warnings) == (0, [])
    # What the directive renders, in reStructuredText (credentials, course-catalog) and in MyST
    # (notifications): a change to any page is a change to its stored outline.
    for service in ("credentials", "course-catalog", "notifications"):
        doctree = pickle.loads(
            (build.outdir / ".doctrees" / "services" / service / "index.doctree").read_bytes()
        )
        file_regression.check(rendered(doctree), basename=f"doctree-{service}", extension=".txt")
    credentials = build.page("services/credentials/index.html")
    assert "20 of 20 considerations answered</strong>; ready." in credentials
    # The system and the declared dependencies come from the Backstage catalog-info.yaml beside it.
    assert "<p>learner-records</p>" in credentials
    assert (
        '<a class="reference internal" href="../notifications/index.html#svcready-notifications"'
        in credentials
    )
    assert "<span>resource:credentials-pdf-bucket</span>" in credentials
    catalogue = build.page("services/course-catalog/index.html")
    assert "(2 not applicable)" in catalogue
    assert "svcready-badge-not-applicable" in catalogue
    readiness = build.page("readiness.html")
    # Every service, then one table per team of the grouped summary (three teams), then production.
    assert readiness.count('<table class="svcready-summary') == 5
    assert readiness.count('<table class="svcready-rollup') == 1
    assert (
        '<p class="svcready-group-heading rubric" id="svcready-group-2-1">Team Aurora: 1 of 2 services ready</p>'
    ) in readiness
    # The campaign: who is done, what each other service leaves open, linked, and its burn-up.
    assert (
        '<p class="svcready-campaign-status"><strong>Game days by March</strong>: due 2027-03-01 (in 101 '
        "days); 1 of 3 services done.</p>"
    ) in readiness
    assert (
        '(<a class="reference internal" href="services/credentials/index.html#svcready-credentials-on-call-'
        'game-day" title="Credentials service"><span>Game day</span></a>)'
    ) in readiness
    assert '<tr class="row-even"><td><p>Team Cirrus</p></td>\n<td><p>1 / 1</p></td>' in readiness
    # The two charts, the two trends and the burn-up, each an image with its figures after it.
    assert (
        readiness.count('<svg xmlns="http://www.w3.org/2000/svg" class="svcready-chart-drawing" role="img"')
        == 2
    )
    assert 'href="services/notifications/index.html#svcready-notifications-monitoring"' in readiness
    assert (build.outdir / "svcready.json").is_file()
    notifications = build.page("services/notifications/index.html")
    assert "(1 waived)" in notifications
    assert "Waived until 2026-12-15, approved by Dana Ortiz (platform ops):" in notifications
    # Readiness policy, judged as of the example's fixed day (2026-11-20).
    assert '<p class="svcready-expiring"><strong>Expires in 25 days.</strong></p>' in notifications
    assert (
        '>Tier<span class="colon">:</span></dt>\n<dd class="field-even"><p class="svcready-tier">2 '
        '(Important): <span class="svcready-tier-description">Its failure hurts but can wait for working '
        "hours: asked every question.</span></p>"
    ) in notifications
    assert "Readiness level: <strong>gold</strong>." in notifications
    assert '<th class="head"><p>Level</p></th>' in readiness
    assert "<td><p>46 days ago</p></td>" in readiness
    assert "1 (1 expiring)" in readiness
    # The experimental service is shown unfinished, and the build passes: its lifecycle is not gated.
    recommendations = build.page("services/recommendations/index.html")
    assert "svcready-badge-unanswered" in recommendations
    assert "<strong>2 of 20 considerations answered</strong>; 18 unanswered: " in recommendations
    # Its summary row names the first five considerations to answer and counts the rest.
    assert (
        '<span>How the service runs</span></a> and <a class="reference internal" '
        'href="services/recommendations/index.html#svcready-recommendations" title="Course recommendations">'
        "<span>13 more</span></a>"
    ) in readiness


@pytest.mark.parametrize(
    ("builder", "page", "expected"),
    [
        ("dirhtml", "services/notifications/index.html", ["(1 waived)", "Waived until 2026-12-15"]),
        ("singlehtml", "index.html", ["(2 not applicable)", "(1 waived)", "svcready-summary"]),
        (
            "latex",
            "lumenlearningplatform.tex",
            ["Notifications service", "Waived until 2026\\sphinxhyphen{}12\\sphinxhyphen{}15"],
        ),
        ("text", "services/notifications/index.txt", ["Notifications service", "(1 waived)"]),
        ("man", "lumenlearningplatform.1", ["Notifications service", "(1 waived)"]),
        ("epub", "services/notifications/index.xhtml", ["Notifications service", "(1 waived)"]),
        ("gettext", "services.pot", ['msgid "Notifications service"', 'msgid "waived"']),
    ],
)
def test_example_docs_build_cleanly_with_every_builder(
    tmp_path: Path, sphinx_build: Callable[..., Build], builder: str, page: str, expected: list[str]
) -> None:
    srcdir = tmp_path / "example-docs"
    shutil.copytree(REPO / "example-docs", srcdir, ignore=shutil.ignore_patterns("_build"))
    build = sphinx_build(srcdir, "-W", "-d", str(tmp_path / "doctrees"), builder=builder)
    assert (build.code, build.warnings) == (0, [])
    output = (build.outdir / page).read_text(encoding="utf-8")
    for fragment in expected:
        assert fragment in output, fragment


def test_the_monorepo_example_discovers_its_services_and_federates(
    tmp_path: Path, sphinx_build: Callable[..., Build]
) -> None:
    # Both examples keep their places relative to each other, as in the repository.
    for name in ("example-docs", "example-monorepo"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("_build", "discovered"))
    learning = sphinx_build(tmp_path / "example-docs", "-W", outdir=tmp_path / "example-docs/_build/html")
    assert learning.warnings == []
    docs = tmp_path / "example-monorepo" / "docs"
    build = sphinx_build(docs, "-W", outdir=docs / "_build" / "html")
    assert (build.code, build.warnings) == (0, [])
    # No page per service is committed: discovery made them.
    assert sorted(p.name for p in (docs / "discovered").glob("*.rst")) == [
        "index.rst",
        "learning-analytics.rst",
        "media-transcoder.rst",
        "search-indexer.rst",
    ]
    assert "20 of 20 considerations answered" in build.page("discovered/search-indexer.html")
    index = build.page()
    rows = [row[:2] for row in summary_table(index)]
    assert rows == [
        ["Service", "Project"],
        ["Course catalogue service", "learning"],
        ["Credentials service", "learning"],
        ["Learning analytics pipeline", "local"],
        ["Media transcoder", "local"],
        ["Notifications service", "learning"],
        ["Course recommendations", "learning"],
        ["Course search indexer", "local"],
    ]
    # The learning platform's services link to that site's pages, which exist.
    remote = "../../../../example-docs/_build/html/services/course-catalog/index.html"
    assert f'href="{remote}#svcready-course-catalog"' in index
    assert (build.outdir / remote).resolve().is_file()
    # The discovered index lists this repository's services only.
    discovered = build.page("discovered/index.html")
    assert "Course search indexer" in discovered and "Course catalogue service" not in discovered


def test_a_licence_the_example_repository_contradicts_fails_W_at_its_line_and_its_fix_passes(
    tmp_path: Path, sphinx_build: Callable[..., Build]
) -> None:
    srcdir = tmp_path / "example-docs"
    shutil.copytree(REPO / "example-docs", srcdir, ignore=shutil.ignore_patterns("_build"))
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("show_warning_types = True\n")  # Sphinx 7.4 does not show them by default
    service = srcdir / "services" / "credentials" / "service.yaml"
    written = service.read_text(encoding="utf-8")
    service.write_text(written.replace("    name: AGPL-3.0-only\n", "    name: MIT\n"), encoding="utf-8")
    line = written.splitlines().index("    name: AGPL-3.0-only") + 1

    failed = sphinx_build(srcdir, "-W", builder="dummy")

    assert failed.code == 1
    assert failed.warnings == [
        f"{service}:{line}: WARNING: license.name is answered 'MIT', but the repository says "
        "'AGPL-3.0-only' (LICENSE:1: AGPL-3.0-only); correct the answer or the repository [svcready.evidence]"
    ]
    # The fix: the licence file, which is what the team's repository says.
    (service.parent / "LICENSE").write_text("SPDX-License-Identifier: MIT\n", encoding="utf-8")
    fixed = sphinx_build(srcdir, "-W", builder="dummy")
    assert (fixed.code, fixed.warnings) == (0, [])
