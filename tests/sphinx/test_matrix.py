"""The readiness matrix: services by considerations, in real builds of tests/roots/test-portfolio
(alpha: all answered; beta: metrics missing, a load test TODO; gamma: logging TBD, email not
applicable), on the web and as letters in text."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_svcready.core.checklist.loading import load_checklist
from sphinx_svcready.core.model import AnswerState
from sphinx_svcready.core.portfolio import Documented
from sphinx_svcready.sphinx_ext.matrix_html import grid_html

PORTFOLIO = pytest.mark.sphinx("html", testroot="portfolio", shared_result="portfolio-html")
PORTFOLIO_TEXT = pytest.mark.sphinx("text", testroot="portfolio", shared_result="portfolio-text")
CHECKLIST = load_checklist()


def tables(html: str) -> list[str]:
    return re.findall(r'<table class="svcready-matrix[^"]*">.*?</table>', html, re.DOTALL)


def cells(table: str) -> list[list[str]]:
    """Each body row: the service's name, then the hidden word of each cell."""
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[1], re.DOTALL):
        name = re.sub(r"<[^>]+>", "", re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)[0]).strip()
        words = re.findall(r'<span class="svcready-visually-hidden">([^<]*)</span>', row)
        rows.append([name, *words])
    return rows


@PORTFOLIO
def test_a_cell_per_consideration_with_its_word_and_a_link_to_its_section(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "matrix.html").read_text(encoding="utf-8")
    every, ledger = tables(html)
    headers = re.findall(r"<th class=\"head[^\"]*\"><p>([^<]*)</p></th>", every)
    assert headers == ["Service", *(c.title for c in CHECKLIST.considerations)]
    states = {row[0]: row[1:] for row in cells(every)}
    assert list(states) == ["Alpha API", "Beta ledger", "Gamma jobs"]
    keys = [c.key for c in CHECKLIST.considerations]
    assert set(states["Alpha API"]) == {"answered"}
    beta = dict(zip(keys, states["Beta ledger"], strict=True))
    assert (beta["metrics"], beta["testing"], beta["purpose"]) == ("unanswered", "unanswered", "answered")
    gamma = dict(zip(keys, states["Gamma jobs"], strict=True))
    assert (gamma["logging"], gamma["email"]) == ("unanswered", "not applicable")
    # Each cell links to its consideration on the service's page.
    assert (
        '<a class="reference internal" href="beta/index.html#svcready-beta-metrics" title="Beta ledger">'
        '<span class="svcready-matrix-cell svcready-matrix-unanswered"><span class="svcready-visually-hidden">'
        "unanswered</span></span></a>"
    ) in every
    # The table scrolls in a labelled region keyboard users can focus.
    assert (
        '<div class="svcready-scroll svcready-matrix-region" role="region" aria-label="Readiness of every '
        'service, by consideration" tabindex="0">\n<table class="svcready-matrix'
    ) in html
    # Filtered and sorted as the summary is: Team Ledger's services, most unanswered first.
    assert [row[0] for row in cells(ledger)] == ["Gamma jobs", "Alpha API"]
    assert (
        '<p class="svcready-matrix-legend"><span class="svcready-matrix-cell svcready-matrix-answered"></span> '
        "answered; "
    ) in html
    assert "unanswered. Each cell links to that consideration on the service's page.</p>" in html


@PORTFOLIO_TEXT
def test_text_output_writes_each_state_as_a_letter_with_a_legend(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "matrix.txt").read_text(encoding="utf-8")
    assert "A: answered; N: not applicable; W: waived; U: unanswered." in text
    key = "; ".join(f"{number}: {c.title}" for number, c in enumerate(CHECKLIST.considerations, 1))
    assert " ".join(key.split()) in " ".join(text.split())
    beta = next(line for line in text.splitlines() if "Beta ledger" in line)
    letters = re.findall(r"\|\s*([ANWU])\s*", beta)
    assert len(letters) == len(CHECKLIST.considerations) and letters.count("U") == 2


def test_the_html_grid_escapes_every_text_and_links_remote_pages() -> None:
    class Pages:
        def get_relative_uri(self, source: str, target: str) -> str:
            return f"{target}.html"

        def get_target_uri(self, docname: str) -> str:
            return f"{docname}.html"

    hostile = '<img src=x onerror=alert(1)> "&'
    overview: dict[str, Any] = {"states": {"logging": "unanswered"}}
    services = [
        Documented("svc", "", "alpha", hostile, {}, overview, "{}"),
        Documented("", "", "beta", "Beta", {}, overview, "{}", project="payments", url="payments/beta.html"),
        Documented("", "", "gamma", "Gamma", {}, overview, "{}", project="payments"),
    ]
    labels = {state: state.value for state in AnswerState}
    html = grid_html(Pages(), "index", services, [("logging", hostile)], labels, "Service")  # type: ignore[arg-type]
    assert "<img" not in html and 'onerror=alert(1)> "' not in html
    # Escaped as the HTML writer escapes a text.
    assert '<th class="head"><p>&lt;img src=x onerror=alert(1)&gt; &quot;&amp;</p></th>' in html
    assert 'title="&lt;img src=x onerror=alert(1)&gt; &quot;&amp;"' in html
    assert (
        '<a class="svcready-remote reference external" href="payments/beta.html#svcready-beta-logging" '
        'title="Beta">'
    ) in html
    # A remote service with no page address is its name and its states, unlinked.
    assert '<td class="stub"><p><span>Gamma</span></p></td>' in html
