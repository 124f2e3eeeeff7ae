"""What the portfolio directives share: their filters, the services those choose, their order, and
the tables they make of them, one per group with ``:group-by:``.

The summary, the matrix, the charts and the campaigns all pick their services here, from the
index the domain makes once per build (:class:`~sphinx_svcready.core.portfolio_index.PortfolioIndex`),
so they agree on which services a filter means and none of them scans the portfolio.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.locale import get_translation

from sphinx_svcready.core import portfolio, rollup
from sphinx_svcready.core.checklist.loading import ChecklistError
from sphinx_svcready.core.portfolio_index import Filters
from sphinx_svcready.sphinx_ext import config, store
from sphinx_svcready.sphinx_ext.rollup_nodes import group_heading, group_title, rollup_table

_ = get_translation("sphinx_svcready")


def answered_share(service: portfolio.Documented) -> float:
    """How much of the service is answered, from 0 to 1: what the summary's bar shows."""
    counts = service.overview["counts"]
    return counts["complete"] / counts["considerations"] if counts["considerations"] else 0.0


SORTS: dict[str, Callable[[portfolio.Documented], Any]] = {
    "name": lambda s: s.name,
    "owner": lambda s: ((s.overview["owner"] or "").casefold(), s.name),
    "lifecycle": lambda s: (s.overview["lifecycle"] or "", s.name),
    "readiness": lambda s: (answered_share(s), s.name),
    "level": lambda s: (s.overview["rank"], answered_share(s), s.name),
    "unanswered": lambda s: (-s.overview["counts"]["unanswered"], s.name),
}

#: Each filter option and the placeholder attribute (a :class:`Filters` field) it fills.
FILTER_OPTIONS = {
    "owner": "owners",
    "lifecycle": "lifecycles",
    "tier": "tiers",
    "system": "systems",
    "projects": "projects",
    "services": "services",
}

#: What each filter option chooses, for the reference (``docs/reference/directives.rst``).
FILTER_HELP = {
    "owner": "Only the services of these owners (comma-separated, in any case).",
    "lifecycle": "Only the services in these lifecycles.",
    "tier": "Only the services of these tiers (each tier's id).",
    "system": "Only the services of these systems (``service.system``, or Backstage's ``spec.system``).",
    "projects": (
        "Only the services of these docs projects: ``local`` is this one, the others are the names "
        "in ``svcready_remote_exports``."
    ),
    "services": "Only these services, by name.",
}
SORT_HELP = (
    "The order of the rows: ``name`` (the default), ``owner``, ``lifecycle``, ``readiness`` (least "
    "ready first), ``level`` (lowest first) or ``unanswered`` (most first)."
)
GROUP_BY_HELP = "A roll-up per ``owner``, ``lifecycle``, ``tier`` or ``system``, then each group's own table."

#: The option spec of the filters, for a directive's ``option_spec``.
FILTER_SPEC: dict[str, Callable[[str], Any]] = {option: directives.unchanged for option in FILTER_OPTIONS}


def names(argument: str | None) -> list[str]:
    """The comma-separated values of an option, stripped."""
    return [part.strip() for part in (argument or "").split(",") if part.strip()]


def filter_attributes(options: dict[str, Any]) -> dict[str, list[str]]:
    """The placeholder attributes a directive's filter options give."""
    return {field: names(options.get(option)) for option, field in FILTER_OPTIONS.items()}


def filters(placeholder: nodes.Element) -> Filters:
    """The filters a placeholder holds (one pickled before a filter existed asks nothing of it)."""
    return Filters.of({field: placeholder.get(field) or [] for field in FILTER_OPTIONS.values()})


def chosen_services(app: Sphinx, placeholder: nodes.Element) -> tuple[bool, list[portfolio.Documented]]:
    """Whether any service is documented at all, and those the placeholder's filters choose, in its
    order: what a summary, a matrix or a chart shows."""
    index = store.portfolio_index(app.env)
    chosen = index.select(filters(placeholder))
    chosen.sort(key=SORTS[placeholder.get("sort") or "name"])
    return bool(index.every), chosen


def empty_message(documented: bool, filtered: str) -> nodes.paragraph:
    """``filtered`` when services are documented but the filter chose none of them."""
    message = filtered if documented else str(_("No service is documented yet."))
    return nodes.paragraph("", message, classes=["svcready-summary-empty"])


def levels_of(app: Sphinx) -> tuple[str, ...]:
    """The checklist's readiness levels, lowest first; none when the checklist cannot be read."""
    try:
        return config.checklist(app.config).levels
    except ChecklistError:
        return ()


def group_anchors(placeholder: nodes.Element, groups: Sequence[rollup.Group]) -> list[str]:
    """One id per group, unique on the page: the placeholder's serial number tells apart two grouped
    tables on one page."""
    return [f"svcready-group-{placeholder['serial']}-{index}" for index in range(1, len(groups) + 1)]


def linked_anchors(app: Sphinx, anchors: list[str]) -> list[str] | None:
    """The anchors a roll-up's names link to, on the web; LaTeX labels no rubric, so its links would
    point nowhere, and the groups follow the roll-up closely on paper anyway."""
    return anchors if app.builder.format == "html" else None


def tables_of(
    app: Sphinx,
    placeholder: nodes.Element,
    chosen: Sequence[portfolio.Documented],
    label: str,
    make: Callable[[Sequence[portfolio.Documented], str], nodes.Node],
) -> list[nodes.Node]:
    """The table ``make`` makes of the services (named ``label``), or with ``:group-by:`` the
    roll-up, then under each group's heading the table of its services."""
    by = placeholder.get("group_by")
    if not by:
        return [make(chosen, label)]
    groups = rollup.grouped(chosen, by, levels_of(app))
    anchors = group_anchors(placeholder, groups)
    parts: list[nodes.Node] = [rollup_table(groups, by, linked_anchors(app, anchors))]
    for group, anchor in zip(groups, anchors, strict=True):
        parts.append(group_heading(group, by, anchor))
        parts.append(make(group.services, f"{label}: {group_title(group, by)}"))
    return parts


def region_label(placeholder: nodes.Element, matrix: bool = False) -> str:
    """What a screen reader calls a summary's or matrix's scrolling region: a page may have several,
    and each needs a name of its own, so the name says the filter."""
    asked = filters(placeholder)
    chosen = dataclasses.replace(asked, services=()).asked()
    if asked.services:
        chosen.append(_("%(count)d named services") % {"count": len(asked.services)})
    if matrix:
        if not chosen:
            return str(_("Readiness of every service, by consideration"))
        return _("Readiness of the services of %(filter)s, by consideration") % {"filter": ", ".join(chosen)}
    if not chosen:
        return str(_("Readiness of every service"))
    return _("Readiness of the services of %(filter)s") % {"filter": ", ".join(chosen)}
