"""Run axe-core on the extension's markup in a page and word its findings for a failure message."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

#: The WCAG 2.x A and AA rules, and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

#: Findings at these impacts fail the test; the others are reported in the artefacts only.
FAILING = {"serious", "critical"}

#: Text colours of a theme that are below 4.5:1 on its own background wherever the theme uses them:
#: sphinx-rtd-theme's link blue and inline-literal red. They reach the extension's markup only as
#: the theme's styling of links and literals in answers, so they are the theme's to fix; the tests
#: check that the theme's own content has the same findings, so a theme that fixes them fails there.
THEME_COLOURS = {"sphinx_rtd_theme": {"#2980b9": "links", "#e74c3c": "inline literals"}}

# The outermost elements with a class starting "svcready" (the service's header, its
# considerations, the summary tables): axe checks them and everything inside them.
_EXTENSION_MARKUP = """() => {
  const marked = Array.from(document.querySelectorAll('[class^="svcready"], [class*=" svcready"]'));
  return marked.filter((element) => !marked.some((other) => other !== element && other.contains(element)));
}"""

# Either the extension's markup, or everything but it (the theme's own content).
_RUN = (
    """async ([tags, theirs]) => {
  const ours = ("""
    + _EXTENSION_MARKUP
    + """)();
  const context = theirs ? {exclude: ours} : {include: ours};
  const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
  const results = await axe.run(context, options);
  return {checked: ours.length, violations: results.violations};
}"""
)


def check(page: Page, axe_source: str, *, theirs: bool = False) -> tuple[int, list[dict[str, Any]]]:
    """axe's violations in the extension's markup of the open page (with ``theirs``, in the rest of
    the page), and how many elements of the extension's markup the page has."""
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
