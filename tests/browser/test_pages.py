"""example-docs in a real browser, in every look and at 375 and 1,280 px: what a reader sees, where
links go, that every page fits its window and its theme's content column, and what axe finds."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, FloatRect, Locator, Page

from ..conftest import REPO
from . import axe, layout
from .conftest import CHOICES, CONTENT, GAPS, LOOKS, SPHINX_OWN, Look, Sites, example_pages, open_page

SERVICE_PAGE = "services/notifications/index.html"
SUMMARY_PAGE = "readiness.html"

#: Where each state's badge can be seen: the variant of example-docs, the page and its label.
BADGES = {
    "answered": ("example", SERVICE_PAGE, "answered"),
    "waived": ("example", SERVICE_PAGE, "waived"),
    "not-applicable": ("example", "services/course-catalog/index.html", "not applicable"),
    "unanswered": ("gaps", SERVICE_PAGE, "unanswered"),
}

#: The pages checked for fit and by axe: every page of example-docs, and the two the "gaps" copy
#: changes (a readiness line with links, and a summary whose "To answer" cells list them).
PAGES = [("example", path) for path in example_pages()] + [("gaps", SERVICE_PAGE), ("gaps", SUMMARY_PAGE)]


def visit(page: Page, sites: Sites, look: Look, variant: str, path: str) -> None:
    page.goto(sites.url(look.theme, variant, path))
    page.wait_for_load_state("load")
    if look.choice:
        shown = page.evaluate(CHOICES[look.theme][1])
        assert shown == look.choice, f"{look.theme} did not take the stored choice {look.choice!r}: {shown!r}"


def in_viewport(element: Locator) -> dict[str, Any]:
    """The element's box, the viewport's size, and the element a reader sees at the box's top left."""
    box: dict[str, Any] = element.evaluate(
        """(element) => {
          const rect = element.getBoundingClientRect();
          const x = Math.min(rect.left + 4, window.innerWidth - 1);
          const y = Math.min(rect.top + 4, window.innerHeight - 1);
          const seen = document.elementFromPoint(x, y);
          return {top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right,
                  width: rect.width, height: rect.height,
                  viewportWidth: window.innerWidth, viewportHeight: window.innerHeight,
                  seen: seen === null ? null : seen.outerHTML.slice(0, 120),
                  uncovered: seen !== null && (element === seen || element.contains(seen))};
        }"""
    )
    return box


def settle(page: Page) -> None:
    """Wait until the page stops scrolling: furo and sphinx-rtd-theme scroll to anchors smoothly."""
    page.evaluate(
        """() => new Promise((resolve) => {
          let last = NaN, still = 0, frames = 0;
          const tick = () => {
            still = window.scrollY === last ? still + 1 : 0;
            last = window.scrollY;
            if (still >= 5 || ++frames > 600) { resolve(); } else { requestAnimationFrame(tick); }
          };
          requestAnimationFrame(tick);
        })"""
    )


def heading_text(heading: Locator) -> str:
    """A heading's words, without the theme's permalink sign."""
    text: str = heading.evaluate(
        """(h) => Array.from(h.childNodes)
            .filter((node) => !(node.classList && node.classList.contains('headerlink')))
            .map((node) => node.textContent).join('').trim()"""
    )
    return text


def assert_on_screen(element: Locator, what: str) -> None:
    box = in_viewport(element)
    assert box["width"] > 0 and box["height"] > 0, f"{what} has no size: {box}"
    # A pixel of slack: scrolling to an anchor may land a fraction of a pixel past its top.
    assert -1 <= box["top"] < box["viewportHeight"] - box["height"] + 1, f"{what} is off screen: {box}"
    assert box["left"] >= -1 and box["right"] <= box["viewportWidth"] + 1, f"{what} is cut off: {box}"
    assert box["uncovered"], f"{what} is hidden under {box['seen']}: {box}"


@pytest.mark.parametrize("state", list(BADGES))
def test_state_badges_are_visible_and_say_their_state(
    page: Page, sites: Sites, look: Look, state: str
) -> None:
    variant, path, label = BADGES[state]
    visit(page, sites, look, variant, path)
    badges = page.locator(f".svcready-badge-{state}")
    assert badges.count() > 0, f"no {state} badge on {path}"
    badge = badges.first
    badge.scroll_into_view_if_needed()
    assert badge.is_visible()
    assert_on_screen(badge, f"the first {state} badge")
    assert badge.inner_text().strip() == label
    # Every badge says its state in words, so no state is told by colour alone.
    words = page.locator(".svcready-badge").evaluate_all(
        "(badges) => badges.map((b) => [b.className, b.innerText.trim()])"
    )
    # The evidence badges beside them (verified, contradicted) say theirs too.
    # A question asked only from a later day says from which day instead.
    labels = {key: re.escape(text) for key, (_, _, text) in BADGES.items()} | {
        "verified": "verified",
        "contradicted": "contradicted",
        "upcoming": r"required from \d{4}-\d{2}-\d{2}",
    }
    wrong = [
        (cls, text)
        for cls, text in words
        if not re.fullmatch(labels.get(cls.split("svcready-badge-")[1].split()[0], "(?!)"), text)
    ]
    assert not wrong, f"badges whose words are not their state's: {wrong[:5]}"


def test_summary_table_shows_one_row_per_service(page: Page, sites: Sites, look: Look) -> None:
    visit(page, sites, look, "example", SUMMARY_PAGE)
    export = json.loads((sites.build(look.theme, "example") / "svcready.json").read_text(encoding="utf-8"))
    services = sorted(export["services"], key=lambda service: service["name"])
    assert len(services) == len(list((REPO / "example-docs" / "services").glob("*/service.yaml")))
    table = page.locator("table.svcready-summary").first
    table.scroll_into_view_if_needed()
    assert table.is_visible()
    headers = [header.strip() for header in table.locator("thead th").all_inner_texts()]
    assert headers[:6] == ["Service", "Owner", "Lifecycle", "Tier", "Level", "Answered"]
    rows = table.locator("tbody tr")
    assert rows.count() == len(services)
    # The first summary is sorted by name; each row names its service and says how far along it is.
    for row, service in zip(rows.all(), services, strict=True):
        row.scroll_into_view_if_needed()
        assert row.is_visible()
        cells = row.locator("td")
        assert cells.first.inner_text().strip() == service["title"]
        counts = service["counts"]
        figures = row.locator(".svcready-readiness-cell")
        assert figures.inner_text().strip() == f"{counts['complete']}/{counts['considerations']}"
        # On a phone the table scrolls in its region: the reader scrolls it to the service's
        # name, then to its figures.
        cells.first.scroll_into_view_if_needed()
        assert_on_screen(cells.first, f"the row of {service['title']}")
        figures.scroll_into_view_if_needed()
        assert_on_screen(figures, f"the figures of {service['title']}")


def test_readiness_line_links_scroll_to_their_consideration(page: Page, sites: Sites, look: Look) -> None:
    visit(page, sites, look, "gaps", SERVICE_PAGE)
    line = page.locator("p.svcready-readiness")
    assert "17 of 20 considerations answered" in line.inner_text()
    links = line.locator("a")
    assert links.all_inner_texts() == list(GAPS.values())
    for index, title in enumerate(GAPS.values()):
        page.evaluate("() => window.scrollTo({top: 0, behavior: 'instant'})")
        link = links.nth(index)
        href = link.get_attribute("href") or ""
        fragment = href.partition("#")[2]
        assert fragment, f"the link to {title} has no fragment: {href!r}"
        link.click()
        page.wait_for_function("(fragment) => location.hash === '#' + fragment", arg=fragment)
        settle(page)
        target = page.locator(":target")
        assert target.get_attribute("id") == fragment
        heading = target.locator("h2").first
        assert heading_text(heading) == title
        assert_on_screen(heading, f"the {title} heading after clicking its link")


def test_summary_links_open_the_consideration_to_answer(page: Page, sites: Sites, look: Look) -> None:
    visit(page, sites, look, "gaps", SUMMARY_PAGE)
    rows = page.locator("table.svcready-summary").first.locator("tbody tr")
    row = rows.filter(has=page.locator("td:first-child", has_text="Notifications service"))
    assert row.count() == 1
    headers = [
        text.strip()
        for text in page.locator("table.svcready-summary").first.locator("thead th").all_inner_texts()
    ]
    links = row.locator("td").nth(headers.index("To answer")).locator("a")
    assert links.all_inner_texts() == list(GAPS.values())
    link = links.last
    fragment = (link.get_attribute("href") or "").partition("#")[2]
    link.click()
    page.wait_for_url(f"**/{SERVICE_PAGE}#{fragment}")
    page.wait_for_load_state("load")
    settle(page)
    target = page.locator(":target")
    assert target.get_attribute("id") == fragment
    assert heading_text(target.locator("h2").first) == "Testing"
    assert_on_screen(target.locator("h2").first, "the Testing heading after following the summary link")


def test_the_build_writes_no_page_the_checks_leave_out(sites: Sites) -> None:
    """The pages PAGES lists are all the build writes, but Sphinx's own (SPHINX_OWN)."""
    for theme in CONTENT:
        output = sites.build(theme, "example")
        written = {
            path.relative_to(output).as_posix()
            for path in output.rglob("*.html")
            if path.relative_to(output).parts[0] not in {"_static", "_sources", "_images"}
        }
        checked = {path for variant, path in PAGES if variant == "example"}
        assert written - SPHINX_OWN == checked, (
            f"{theme}: pages written but not checked: {written - SPHINX_OWN - checked}"
        )


@pytest.mark.parametrize(("variant", "path"), PAGES, ids=[f"{v}-{p}" for v, p in PAGES])
def test_page_fits_and_axe_finds_no_serious_problem(
    page: Page,
    sites: Sites,
    look: Look,
    width: int,
    axe_source: str,
    artefacts: Path,
    variant: str,
    path: str,
) -> None:
    """In one visit: the page fits its window and the extension's markup its content column (what
    must be wider scrolls in a focusable, named region), and axe finds nothing serious in the
    extension's markup or the page's code blocks."""
    visit(page, sites, look, variant, path)
    where = f"{variant}/{path}, {look.name}, {width} px"
    layout.open_disclosures(page)
    problems = layout.problems(page, CONTENT[look.theme])
    checked, violations = axe.check(page, axe_source)
    source = (sites.build(look.theme, variant) / path).read_text(encoding="utf-8")
    if 'class="svcready' in source or "<pre" in source:
        assert checked > 0, f"axe found none of the extension's markup or code blocks on {where}"
    name = f"axe-{look.name}-{width}-{variant}-{path.replace('/', '-').removesuffix('.html')}.json"
    (artefacts / name).write_text(json.dumps(violations, indent=1), encoding="utf-8")
    serious = axe.failing(violations, look.theme)
    report = [f"does not fit: {problem}" for problem in problems]
    if serious:
        report.append(f"axe:\n{axe.describe(serious)}")
    assert not report, f"{where}:\n" + "\n".join(report)


#: Pages with the theme's own content that the excused colours are about: links and literals in
#: the summary page's prose, and the getting-started page's code blocks.
THEIRS_PAGES = [SUMMARY_PAGE, "getting-started.html"]


@pytest.mark.parametrize("theme", list(axe.THEME_COLOURS))
def test_excused_colours_are_the_themes_own(
    browser: Browser, sites: Sites, axe_source: str, theme: str
) -> None:
    """Each colour axe.failing excuses fails contrast in the theme's own content too, outside the
    extension's markup: the theme's links, literals and code blocks in the example's pages."""
    look = next(look for look in LOOKS if look.theme == theme)
    found = set()
    for path in THEIRS_PAGES:
        tab = open_page(browser, look)
        try:
            visit(tab, sites, look, "example", path)
            _, violations = axe.check(tab, axe_source, theirs=True)
        finally:
            tab.context.close()
        found |= {
            axe.colour(node)
            for violation in violations
            if violation["id"] == "color-contrast"
            for node in violation["nodes"]
        }
    excused = axe.THEME_COLOURS[theme]
    missing = {colour: what for colour, what in excused.items() if colour not in found}
    assert not missing, f"{theme}'s own content meets contrast with {missing}: stop excusing them"


#: The looks the README's pictures of the summary and the matrix are taken in, light and dark.
TABLE_CROP_LOOKS = {"furo-light", "furo-dark"}

#: The width the README's pictures are taken at.
CROP_WIDTH = 1280

#: Lets a scroll region show all of its table for a picture: the summary and the matrix are wider
#: than any theme's column, so a crop of the region as it scrolls would show a table cut off. What
#: is fixed to the window (furo's table of contents, off screen to the right at 1,280 px) is hidden:
#: a full-page capture of the wider page would draw it over the table. A pixel placed past the
#: table's right edge widens the page, so that the picture's margin there is not cut off.
_UNSCROLL = """(region) => {
  region.style.overflow = 'visible';
  region.style.maxWidth = 'none';
  for (const element of document.body.querySelectorAll('*')) {
    if (getComputedStyle(element).position === 'fixed') element.style.visibility = 'hidden';
  }
  const right = region.querySelector('table').getBoundingClientRect().right + window.scrollX;
  const spacer = document.createElement('div');
  spacer.style.cssText = `position: absolute; top: 0; left: ${Math.ceil(right) + 32}px; width: 1px; height: 1px;`;
  document.body.appendChild(spacer);
}"""


def test_screenshots(browser: Browser, sites: Sites, look: Look, width: int, artefacts: Path) -> None:
    """Full-page screenshots of a service page and the summary; at 1,280 px the README's crops: the
    top of a service page and one consideration in every state, in every look, and in furo light
    and dark the readiness page's first summary and its matrix, each whole, and its trend."""
    pages = [
        ("example", SERVICE_PAGE),
        ("gaps", SERVICE_PAGE),
        ("example", SUMMARY_PAGE),
        ("gaps", SUMMARY_PAGE),
    ]
    crops = artefacts / "crops"
    crops.mkdir(exist_ok=True)
    shots = []
    for variant, path in pages:
        tab = open_page(browser, look, width)
        try:
            visit(tab, sites, look, variant, path)
            stem = f"{look.name}-{width}-{variant}-{path.replace('/', '-').removesuffix('.html')}"
            shots.append(artefacts / f"{stem}.png")
            tab.screenshot(path=shots[-1], full_page=True)
            if width != CROP_WIDTH:
                continue
            if variant == "gaps" and path == SERVICE_PAGE:
                # The README's pictures: the top of the page, and one consideration in every state.
                first = tab.locator("section.svcready-consideration").first
                # The page's own title: sphinx-book-theme has other h1s, hidden, before it.
                title = tab.locator(CONTENT[look.theme]).locator("h1").first
                top = _crop(tab, title, first)
                shots.append(crops / f"service-page-{look.name}.png")
                tab.screenshot(path=shots[-1], full_page=True, clip=top)
                testing = tab.locator("section#svcready-notifications-testing")
                shots.append(crops / f"service-states-{look.name}.png")
                tab.screenshot(path=shots[-1], full_page=True, clip=_crop(tab, testing, testing))
            if variant == "example" and path == SUMMARY_PAGE and look.name in TABLE_CROP_LOOKS:
                # Each table with the line under it: the summary's note on its counts, the
                # matrix's legend of its symbols.
                summary = tab.locator(".svcready-portfolio").first
                for name, region, under in [
                    (
                        "summary",
                        summary.locator(".svcready-summary-region"),
                        summary.locator(".svcready-unit-note"),
                    ),
                    (
                        "matrix",
                        tab.locator(".svcready-matrix-region").first,
                        tab.locator(".svcready-matrix-legend").first,
                    ),
                ]:
                    region.evaluate(_UNSCROLL)
                    shots.append(crops / f"{name}-{look.name}.png")
                    clip = _crop(tab, region.locator("table"), under, margin=8)
                    tab.screenshot(path=shots[-1], full_page=True, clip=clip)
                # The portfolio's trend, from its caption to the drawing's key.
                trend = tab.locator("figure.svcready-chart-trend").first
                caption = tab.locator("p.svcready-chart-caption", has_text="The portfolio over time")
                shots.append(crops / f"trend-{look.name}.png")
                drawing = trend.locator("svg")
                tab.screenshot(path=shots[-1], full_page=True, clip=_crop(tab, caption, drawing, margin=8))
        finally:
            tab.context.close()
    assert all(shot.stat().st_size > 0 for shot in shots)


def _crop(page: Page, first: Locator, last: Locator, margin: float = 16) -> FloatRect:
    """The part of the page from ``first``'s top to ``last``'s bottom, ``margin`` pixels around it."""
    top = first.bounding_box()
    end = last.bounding_box()
    assert top is not None and end is not None
    scroll: float = page.evaluate("() => window.scrollY")
    left = max(min(top["x"], end["x"]) - margin, 0)
    right = max(top["x"] + top["width"], end["x"] + end["width"]) + margin
    return {
        "x": left,
        "y": max(top["y"] + scroll - margin, 0),
        "width": right - left,
        "height": end["y"] + end["height"] - top["y"] + 2 * margin,
    }
