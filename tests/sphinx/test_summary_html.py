"""On the web the summary is written straight as HTML: the page is byte for byte the one the
docutils nodes make, for local and remote services, hostile titles, dependencies and groups."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import Build, make_project, named, replace_answer, three_services
from ..core.test_export_validation import example_export

HOSTILE = 'Delta <b onmouseover="x">API</b> & @ops'
INDEX = """\
.. service-readiness-summary::
   :dependencies:

.. service-readiness-summary::
   :group-by: owner
   :sort: unanswered
"""


def federating_project(root: Path) -> Path:
    services = three_services()
    services["delta"] = replace_answer(
        named("delta", HOSTILE, owner="Team <i>&"), "metrics", "dashboard", "TODO"
    )
    docs = make_project(root, services, INDEX)
    export = example_export()
    records = export["services"]
    records[0]["url"] = "https://payments.example/checkout.html"
    records[1]["url"] = "payments/refunds.html"
    records[2]["title"] = HOSTILE + " remote"
    (root / "payments.json").write_text(json.dumps(export), encoding="utf-8")
    with (docs / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"svcready_remote_exports = {{'payments': {str(root / 'payments.json')!r}}}\n")
    return docs


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_the_written_summary_is_the_markup_of_its_nodes(
    builder: str,
    tmp_path: Path,
    sphinx_build: Callable[..., Build],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = federating_project(tmp_path)
    written = sphinx_build(docs, builder=builder, outdir=tmp_path / "written")
    monkeypatch.setattr("sphinx_svcready.sphinx_ext.summary.BUILDERS", frozenset())
    from_nodes = sphinx_build(docs, builder=builder, outdir=tmp_path / "nodes")
    assert written.warnings == from_nodes.warnings
    page = written.page()
    assert page == from_nodes.page()
    # The page is worth comparing: both tables, every kind of cell, the hostile titles escaped.
    # One table of every service, then one per owner (local and remote owners alike).
    assert page.count('<table class="svcready-summary docutils align-default">') >= 1 + 3
    assert "Delta &lt;b onmouseover=&quot;x&quot;&gt;API&lt;/b&gt; &amp; &#64;ops" in page
    assert "<b onmouseover" not in page and "<i>" not in page
    # A remote page relative to its export is linked; an absolute address in an export never is.
    assert 'class="svcready-remote reference external" href="../payments/refunds.html#svcready-' in page
    assert "payments.example" not in page
    assert '<p class="svcready-readiness-cell"><span class="svcready-bar">' in page
    assert (
        'href="delta/index.html#svcready-delta-metrics"' in page
        or 'href="delta/#svcready-delta-metrics"' in page
    )


def test_the_written_summary_keeps_its_services_searchable(
    tmp_path: Path, sphinx_build: Callable[..., Build]
) -> None:
    docs = federating_project(tmp_path)
    build = sphinx_build(docs)
    index = (build.outdir / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index.split("Search.setIndex(", 1)[1].rstrip(");\n"))["terms"]
    # A remote service has no page here: the summary is where a search finds it.
    assert "remot" in terms or "remote" in terms
