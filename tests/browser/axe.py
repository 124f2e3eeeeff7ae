"""Run axe-core on the extension's markup and the code blocks of a page, and word its findings for a
failure message."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

#: The WCAG 2.x A and AA rules, and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

#: Findings at these impacts fail the test; the others are reported in the artefacts only.
FAILING = {"serious", "critical"}

#: Text colours of a theme that are below 4.5:1 on its own background wherever the theme uses them:
#: sphinx-rtd-theme's link blue and inline-literal red, and two colours of alabaster's Pygments
#: style on its code blocks' background (#faf3e8). They reach what axe checks only as the theme's
#: styling of links and literals in answers, and of the example's code blocks, so they are the
#: theme's to fix; the tests check that the theme's own content (code blocks included) has the same
#: findings, so a theme that fixes them fails there.
THEME_COLOURS = {
    "sphinx_rtd_theme": {"#2980b9": "links", "#e74c3c": "inline literals"},
    "alabaster": {"#4e9a06": "strings in code blocks", "#888888": "console output in code blocks"},
}

# What axe checks: the outermost elements with a class starting "svcready" (the service's header,
# its considerations, the summaries, the matrix) and the page's code blocks (Pygments' div.highlight
# and any other pre, which scroll when their lines are long), each with everything inside it. With
# ``theirs``, the rest of the page: the theme's content, which the example's code blocks are part of,
# styled by the theme's Pygments style (so the theme's own colours are found in them).
_RUN = """async ([tags, theirs]) => {
  const selector = '[class^="svcready"], [class*=" svcready"]' + (theirs ? '' : ', div.highlight, pre');
  const marked = Array.from(document.querySelectorAll(selector));
  const ours = marked.filter((element) => !marked.some((other) => other !== element && other.contains(element)));
  // axe given nothing to include checks the whole page: a page with none of ours has nothing to check.
  if (!theirs && ours.length === 0) return {checked: 0, violations: []};
  const context = theirs ? {exclude: ours} : {include: ours};
  const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
  const results = await axe.run(context, options);
  return {checked: ours.length, violations: results.violations};
}"""


def check(page: Page, axe_source: str, *, theirs: bool = False) -> tuple[int, list[dict[str, Any]]]:
    """axe's violations in the extension's markup and the code blocks of the open page (with
    ``theirs``, in the rest of the page, code blocks included), and how many outermost elements of
    what it checked the page has."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    outcome: dict[str, Any] = page.evaluate(_RUN, [TAGS, theirs])
    return outcome["checked"], outcome["violations"]


def colour(node: dict[str, Any]) -> str | None:
    """The text colour a color-contrast finding is about."""
    for check in node["any"]:
        if check["id"] == "color-contrast" and check.get("data"):
            found: str | None = check["data"].get("fgColor")
            return found
    return None


def failing(violations: list[dict[str, Any]], theme: str) -> list[dict[str, Any]]:
    """The serious and critical findings, less contrast findings about ``theme``'s own colours."""
    excused = THEME_COLOURS.get(theme, {})
    kept = []
    for violation in violations:
        if violation["impact"] not in FAILING:
            continue
        nodes = violation["nodes"]
        if violation["id"] == "color-contrast":
            nodes = [node for node in nodes if colour(node) not in excused]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept


def describe(violations: list[dict[str, Any]]) -> str:
    """One block per rule: its id, impact and help, then each element and what is wrong with it."""
    blocks = []
    for violation in violations:
        lines = [f"{violation['id']} ({violation['impact']}): {violation['help']}"]
        for node in violation["nodes"][:10]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"  {' '.join(node['target'])}: {summary}")
        if len(violation["nodes"]) > 10:
            lines.append(f"  ... and {len(violation['nodes']) - 10} more")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)
