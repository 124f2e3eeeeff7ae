"""A readiness diff as Markdown, for a pull request comment or a CI job summary.

A heading with the headline, then one table row per service that changed. Every value that comes
from a service file (titles, waiver dates, keys) is escaped, so that no file can write a link, an
image, HTML or a table cell of its own into the comment.
"""

from __future__ import annotations

import re

from sphinx_svcready.core.readiness_diff import ADDED, LESS, MORE, REMOVED, ReadinessDiff, ServiceChange

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escaped(text: str) -> str:
    """``text`` as literal Markdown: HTML's characters as entities, Markdown's behind a backslash,
    one line."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else "yes" if value else "no"


def _ready(change: ServiceChange) -> str:
    before, after = _yes_no(change.ready_before), _yes_no(change.ready_after)
    if change.status == ADDED:
        return after
    if change.status == REMOVED:
        return before
    return before if before == after else f"{before} → **{after}**"


def _level(change: ServiceChange) -> str:
    before, after = change.level_before, change.level_after
    if change.status in (ADDED, REMOVED) or before == after:
        shown = after if change.status != REMOVED else before
        return escaped(shown) if shown else "—"
    return f"{escaped(before or 'none')} → **{escaped(after or 'none')}**"


def _what(change: ServiceChange) -> str:
    if change.status == ADDED:
        return "added"
    if change.status == REMOVED:
        return "removed"
    said = []
    for label, items in (
        ("newly unanswered", [title for _key, title in change.newly_unanswered]),
        ("newly answered", [title for _key, title in change.newly_answered]),
        ("waiver added", list(change.waivers_added)),
        ("waiver expiring", list(change.waivers_expiring)),
        ("waiver expired", list(change.waivers_expired)),
        ("evidence", list(change.evidence)),
    ):
        if items:
            said.append(f"{label}: " + ", ".join(escaped(item) for item in items))
    return "; ".join(said) or "—"


_ARROWS = {LESS: "⬇️ ", MORE: "⬆️ "}


def diff_markdown(diff: ReadinessDiff) -> str:
    """The Markdown of ``diff``."""
    lines = [f"### Readiness: {diff.headline}", ""]
    if not diff.changes:
        return "\n".join(lines)
    lines += ["| Service | Ready | Level | What changed |", "|---|---|---|---|"]
    for change in diff.changes:
        arrow = _ARROWS.get(change.direction, "")
        lines.append(
            f"| {arrow}{escaped(change.title)} | {_ready(change)} | {_level(change)} | {_what(change)} |"
        )
    return "\n".join(lines) + "\n"
