"""Team roll-ups and charts, in real builds of tests/roots/test-portfolio's rollups page (alpha:
Team Ledger, production, gold and ready; beta: Team Books, production, bronze,
metrics and testing open; gamma: Team Ledger, development, bronze, logging open), on the web and in
text."""

from __future__ import annotations

import re

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_svcready.core.checklist.loading import load_checklist

PORTFOLIO = pytest.mark.sphinx("html", testroot="portfolio", shared_result="portfolio-html")
PORTFOLIO_TEXT = pytest.mark.sphinx("text", testroot="portfolio", shared_result="portfolio-text")
CHECKLIST = load_checklist()


def words(html: str) -> str:
    """The text of some markup, tags dropped and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def rows(table: str) -> list[list[str]]:
    body = table.split("<tbody>", 1)[1]
    return [
        [words(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.DOTALL)
    ]


@PORTFOLIO
def test_a_grouped_summary_opens_with_a_line_per_team_then_each_teams_table(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "rollups.html").read_text(encoding="utf-8")
    rollup, *_ = re.findall(r'<table class="svcready-rollup[^"]*">.*?</table>', html, re.DOTALL)
    headers = re.findall(r'<th class="head"><p>([^<]*)</p></th>', rollup)
    assert headers == ["Owner", "Services", "Ready", "Levels", "Most often unanswered"]
    assert rows(rollup) == [
        ["Team Books", "1", "0", "bronze 1", "Metrics (1), Testing (1)"],
        ["Team Ledger", "2", "1", "gold 1, bronze 1", "Logging (1)"],
    ]
    # Each team's name links to its heading, under which its own table follows, without the
    # Owner column that every row of it would repeat.
    assert '<a class="reference internal" href="#svcready-group-0-1">Team Books</a>' in rollup
    ledger = html.split('<p class="svcready-group-heading rubric" id="svcready-group-0-2">', 1)[1]
    assert ledger.startswith("Team Ledger: 1 of 2 services ready</p>")
    table = re.search(r'<table class="svcready-summary[^"]*">.*?</table>', ledger, re.DOTALL)
    assert table is not None
    summary_headers = re.findall(r'<th class="head"><p>([^<]*)</p></th>', table.group(0))
    assert summary_headers[:3] == ["Service", "Lifecycle", "Level"] and "Owner" not in summary_headers
    assert [row[0] for row in rows(table.group(0))] == ["Alpha API", "Gamma jobs"]
    # Every table scrolls in a region of its own name.
    assert (
        '<div class="svcready-scroll svcready-rollup-region" role="region" aria-label="Services by owner" '
        'tabindex="0">'
    ) in html
    assert 'aria-label="Readiness of every service: Team Ledger" tabindex="0">' in html


@PORTFOLIO
def test_a_grouped_matrix_has_its_roll_up_and_a_grid_per_group(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "rollups.html").read_text(encoding="utf-8")
    # The page's second grouped table counts its anchors on from the first.
    _, by_lifecycle = re.findall(r'<table class="svcready-rollup[^"]*">.*?</table>', html, re.DOTALL)
    assert rows(by_lifecycle) == [
        ["development", "1", "0", "bronze 1", "Logging (1)"],
        ["production", "2", "1", "gold 1, bronze 1", "Metrics (1), Testing (1)"],
    ]
    assert '<a class="reference internal" href="#svcready-group-1-2">production</a>' in by_lifecycle
    production = html.split('id="svcready-group-1-2">', 1)[1]
    assert production.startswith("production: 1 of 2 services ready</p>")
    grid = re.search(r'<table class="svcready-matrix[^"]*">.*?</table>', production, re.DOTALL)
    assert grid is not None
    assert [row[0] for row in rows(grid.group(0))] == ["Alpha API", "Beta ledger"]
    assert 'aria-label="Readiness of every service, by consideration: production"' in html


@PORTFOLIO
def test_charts_are_drawn_with_their_figures_as_a_table_beside(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "rollups.html").read_text(encoding="utf-8")
    levels, answered = re.findall(r'<figure class="svcready-chart .*?</figure>', html, re.DOTALL)
    # An image with a title and a description that says every figure.
    assert (
        '<svg xmlns="http://www.w3.org/2000/svg" class="svcready-chart-drawing" role="img" '
        'viewBox="0 0 360 136"'
    ) in levels
    assert '<title id="svcready-chart-0-title">Readiness levels reached</title>' in levels
    assert (
        "How many of the 3 services reached each level: gold 1 of 3; silver 0 of 3; bronze 2 of 3; "
        "none 0 of 3.</desc>"
    ) in levels
    # Bronze's bar is two thirds of the track, and says so to a mouse.
    assert (
        '<rect class="svcready-chart-level" x="0.00" y="85" width="240.00" height="12" fill="#607d8b">'
        "<title>bronze: 2 of 3 services</title></rect>"
    ) in levels
    figures = levels.split(
        '<details class="svcready-chart-figures"><summary>The figures as a table</summary>'
    )[1]
    assert rows(figures) == [["gold", "1"], ["silver", "0"], ["bronze", "2"], ["none", "0"]]
    # Team Ledger's two services: gamma leaves logging open and has no email.
    answered_rows = {row[0]: row[1:] for row in rows(answered.split("<details", 1)[1])}
    assert list(answered_rows) == [c.title for c in CHECKLIST.considerations]
    assert answered_rows["Logging"] == ["1", "0", "0", "1"]
    assert answered_rows["Email"] == ["1", "1", "0", "0"]
    assert (
        '>Logging</text><text x="360" y="284" text-anchor="end" fill="currentColor">1 of 2</text>' in answered
    )
    assert "<title>Email: 1 not applicable</title>" in answered
    # A filter no service passes says so instead of drawing an empty chart.
    assert "No service matches the filter of this chart." in html


@PORTFOLIO_TEXT
def test_other_builders_write_roll_ups_and_the_charts_figures_as_tables(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "rollups.txt").read_text(encoding="utf-8")
    assert "<svg" not in text and "The figures as a table" not in text
    assert "| Team Ledger | 2        | 1     | gold 1, bronze 1 | Logging (1)              |" in text
    assert "-[ Team Books: 0 of 1 services ready ]-" in text
    assert "**Readiness levels reached**" in text
    assert "| bronze | 2        |" in text
    assert "| Logging                         | 1        | 0              | 0      | 1          |" in text
