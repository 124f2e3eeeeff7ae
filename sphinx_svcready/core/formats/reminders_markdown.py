"""Reminders (reminders.py) as Markdown: a heading, then a table per owner, every value escaped."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from sphinx_svcready.core.formats.diff_markdown import escaped
from sphinx_svcready.core.reminders import Reminder


def reminders_markdown(items: Sequence[Reminder], today: datetime.date, within: int) -> str:
    if not items:
        return f"### Readiness reminders: nothing due within {within} days of {today.isoformat()}\n"
    count = f"{len(items)} item{'s' if len(items) != 1 else ''}"
    lines = [f"### Readiness reminders: {count} due within {within} days of {today.isoformat()}"]
    owners: dict[str, list[Reminder]] = {}
    for item in items:
        owners.setdefault(item.owner, []).append(item)
    for owner, listed in owners.items():
        lines += [
            "",
            f"#### {escaped(owner) if owner else 'No owner'}",
            "",
            "| Due | Service | What |",
            "|---|---|---|",
        ]
        for item in listed:
            where = f"{item.source}:{item.line}" if item.line else item.source
            lines.append(
                f"| {item.due.isoformat()} ({_when(item.days)}) | {escaped(item.title)} "
                f"({escaped(where)}) | {escaped(item.what)} |"
            )
    return "\n".join(lines) + "\n"


def _when(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"
