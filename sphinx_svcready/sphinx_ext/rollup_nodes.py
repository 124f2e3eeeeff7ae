"""Team roll-ups as docutils nodes: the table of groups a grouped summary or matrix opens with, and
the heading each group's own table goes under."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.locale import get_translation

from sphinx_svcready.core.rollup import Group, LevelCount
from sphinx_svcready.sphinx_ext.scroll_region import scrolling
from sphinx_svcready.sphinx_ext.table_layout import table

_ = get_translation("sphinx_svcready")

#: The heading of the grouping column, by what the services are grouped by.
GROUP_HEADINGS = {
    "owner": _("Owner"),
    "lifecycle": _("Lifecycle"),
    "tier": _("Tier"),
    "system": _("System"),
}


#: What a screen reader calls a roll-up's region, by what the services are grouped by.
ROLLUP_LABELS = {
    "owner": _("Services by owner"),
    "lifecycle": _("Services by lifecycle"),
    "tier": _("Services by tier"),
    "system": _("Services by system"),
}


def group_title(group: Group, by: str) -> str:
    """The group's name, or what stands for it when its services have no value to group by."""
    if group.name:
        return group.name
    return {
        "owner": str(_("No owner")),
        "lifecycle": str(_("No lifecycle")),
        "tier": str(_("No tier")),
        "system": str(_("No system")),
    }[by]


def group_heading(group: Group, by: str, identifier: str) -> nodes.rubric:
    """``Team Aurora: 1 of 2 services ready``, as a rubric the roll-up's rows link to."""
    text = f"{group_title(group, by)}: {_services_ready(group)}"
    return nodes.rubric(text, text, ids=[identifier], classes=["svcready-group-heading"])


def rollup_table(groups: Sequence[Group], by: str, anchors: Sequence[str] | None = None) -> nodes.Element:
    """One row per group: its services, how many are ready, its levels and its most often
    unanswered considerations. With ``anchors`` (one id per group), each name links to its group."""
    leveled = any(group.levels for group in groups)
    headers = [str(GROUP_HEADINGS[by]), str(_("Services")), str(_("Ready"))]
    headers += [str(_("Levels"))] if leveled else []
    headers.append(str(_("Most often unanswered")))
    rows: list[list[nodes.Node | str]] = []
    for index, group in enumerate(groups):
        name: nodes.Node = nodes.Text(group_title(group, by))
        if anchors is not None:
            reference = nodes.reference("", "", internal=True, refid=anchors[index])
            reference += name
            name = reference
        cells: list[nodes.Node | str] = [name, str(len(group.services)), str(group.ready)]
        if leveled:
            cells.append(levels_text(group.levels))
        cells.append(_unanswered_text(group))
        rows.append(cells)
    return scrolling(str(ROLLUP_LABELS[by]), "rollup", table("svcready-rollup", headers, rows))


def levels_text(levels: Sequence[LevelCount]) -> str:
    """``silver 1, bronze 2, none 1``: the levels some service reached, highest first."""
    named = [f"{count.level or _('none')} {count.services}" for count in levels if count.services]
    return ", ".join(named) or "–"


def _services_ready(group: Group) -> str:
    return _("%(ready)d of %(services)d services ready") % {
        "services": len(group.services),
        "ready": group.ready,
    }


def _unanswered_text(group: Group) -> str:
    if not group.most_unanswered:
        return str(_("none"))
    return ", ".join(f"{item.title} ({item.services})" for item in group.most_unanswered)
