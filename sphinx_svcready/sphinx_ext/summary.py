"""The ``service-readiness-summary`` directive: one table of every service in the project.

The directive leaves a placeholder and notes that its page holds a summary; the table is built
when the page is written, from every page's records, so it is complete even though pages are read
one at a time (or in parallel). store.py rewrites summary pages whenever a service changes.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from sphinx_svcready.core import portfolio, rollup
from sphinx_svcready.core.checklist.loading import ChecklistError
from sphinx_svcready.core.policy import review_age
from sphinx_svcready.core.portfolio_index import LOCAL_PROJECT
from sphinx_svcready.sphinx_ext import config, store
from sphinx_svcready.sphinx_ext.html_fragment import BUILDERS, html_fragment
from sphinx_svcready.sphinx_ext.portfolio_view import (
    FILTER_HELP,
    FILTER_SPEC,
    GROUP_BY_HELP,
    SORT_HELP,
    SORTS,
    answered_share,
    chosen_services,
    empty_message,
    filter_attributes,
    region_label,
    tables_of,
)
from sphinx_svcready.sphinx_ext.scroll_region import scrolling
from sphinx_svcready.sphinx_ext.summary_cells import (
    Bar,
    Cell,
    Link,
    Piece,
    Span,
    table_html,
    table_nodes,
)

_ = get_translation("sphinx_svcready")


class summary_placeholder(nodes.General, nodes.Element):  # type: ignore[misc]
    """Stands where the summary table goes until the page is written."""


class ServiceReadinessSummaryDirective(SphinxDirective):
    """``.. service-readiness-summary::``: filter by ``:owner:``, ``:lifecycle:``, ``:tier:``,
    ``:system:``, ``:projects:`` and ``:services:``; order by ``:sort:``; roll up by ``:group-by:``."""

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **FILTER_SPEC,
        "sort": lambda argument: directives.choice(argument, tuple(SORTS)),
        "dependencies": directives.flag,
        "group-by": lambda argument: directives.choice(argument, rollup.GROUP_KEYS),
    }
    #: What each option does, for the reference (``docs/reference/directives.rst``).
    option_help: ClassVar[dict[str, str]] = {
        **FILTER_HELP,
        "sort": SORT_HELP,
        "dependencies": 'Adds a "Depends on" column: the documented services each one calls.',
        "group-by": GROUP_BY_HELP,
    }

    def run(self) -> list[nodes.Node]:
        store.page(self.env, self.env.docname)["summary"] = True
        node = summary_placeholder(
            **filter_attributes(self.options),
            sort=self.options.get("sort", "name"),
            dependencies="dependencies" in self.options,
            group_by=self.options.get("group-by"),
            serial=self.env.new_serialno("svcready-group"),
        )
        self.set_source_info(node)
        return [node]


def build_summaries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each placeholder by its table."""
    for placeholder in list(doctree.findall(summary_placeholder)):
        placeholder.replace_self(_summary(app, docname, placeholder))


def skip(translator: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Writers never meet a placeholder that was not replaced; if one did, it writes nothing."""
    raise nodes.SkipNode


def _summary(app: Sphinx, docname: str, placeholder: summary_placeholder) -> nodes.Element:
    documented, chosen = chosen_services(app, placeholder)
    if not chosen:
        return empty_message(documented, str(_("No service matches the filter of this summary.")))
    by = placeholder.get("group_by")
    columns = _Columns.of(app, chosen, placeholder["dependencies"], by)
    label = region_label(placeholder)
    parts = tables_of(
        app,
        placeholder,
        chosen,
        label,
        lambda services, named: _region(named, columns.table(app, docname, services)),
    )
    # Every count is of considerations, the waivers expiring soon among them too.
    note = str(_("Answered, N/A, Waived and Unanswered count considerations."))
    if columns.evidenced:
        note += " " + str(_("Evidence counts answers the repository verified or contradicted."))
    parts.append(nodes.paragraph("", note, classes=["svcready-unit-note"]))
    parts.extend(_tier_legend(app) if columns.tiered else [])
    return nodes.container("", *parts, classes=["svcready-portfolio"])


def _region(label: str, made: nodes.table) -> nodes.Element:
    return scrolling(label, "summary", made)


@dataclass(frozen=True)
class _Columns:
    """Which of the optional columns a summary shows: only those some chosen service fills, and not
    the one its groups are made by."""

    federated: bool
    owner: bool
    lifecycle: bool
    tiered: bool
    leveled: bool
    reviewed: bool
    evidenced: bool
    dependencies: bool
    today: datetime.date

    @classmethod
    def of(
        cls, app: Sphinx, chosen: list[portfolio.Documented], dependencies: bool, by: str | None
    ) -> _Columns:
        return cls(
            federated=any(service.project is not None for service in chosen),
            owner=by != "owner",
            lifecycle=by != "lifecycle",
            # A tier column only says something when the services are not all of one tier.
            tiered=by != "tier" and len({service.overview.get("tier") for service in chosen}) > 1,
            leveled=any(service.overview["leveled"] for service in chosen),
            reviewed=any(service.overview["last-reviewed"] for service in chosen),
            evidenced=any(_evidence_counts(service) != (0, 0) for service in chosen),
            dependencies=dependencies,
            today=config.today(app.config),
        )

    def headers(self) -> list[str]:
        labels = [_("Service")]
        labels += [_("Project")] if self.federated else []
        labels += [_("Owner")] if self.owner else []
        labels += [_("Lifecycle")] if self.lifecycle else []
        labels += [_("Tier")] if self.tiered else []
        labels += [_("Level")] if self.leveled else []
        labels += [_("Answered"), _("N/A"), _("Waived"), _("Unanswered"), _("To answer")]
        labels += [_("Reviewed")] if self.reviewed else []
        labels += [_("Evidence")] if self.evidenced else []
        labels += [_("Depends on")] if self.dependencies else []
        return [str(label) for label in labels]

    def table(self, app: Sphinx, docname: str, chosen: Sequence[portfolio.Documented]) -> nodes.Element:
        """The table of ``chosen``: written as HTML text for the HTML builders, else as nodes."""
        headers, rows = self.headers(), [self.row(app, service) for service in chosen]
        if app.builder.name in BUILDERS:
            made = table_html(app.builder, docname, "svcready-summary", headers, rows)
            # What a search should find on a summary: its services (a remote one has no page here).
            titles = " ".join(service.title for service in chosen)
            return html_fragment("", nodes.Text(titles), html=made)
        return table_nodes(app.builder, docname, "svcready-summary", headers, rows)

    def row(self, app: Sphinx, service: portfolio.Documented) -> list[Cell]:
        counts = service.overview["counts"]
        cells = [
            Cell((Link(service, service.title),)),
            *([Cell((service.project or LOCAL_PROJECT,))] if self.federated else []),
            *([Cell((service.overview["owner"] or "",))] if self.owner else []),
            *([Cell((service.overview["lifecycle"] or "",))] if self.lifecycle else []),
            *([Cell((service.overview.get("tier") or "",))] if self.tiered else []),
            *([Cell((service.overview["level"] or str(_("none")),))] if self.leveled else []),
            _readiness(service),
            Cell((str(counts["not-applicable"]),)),
            Cell((_waived(service),)),
            Cell((str(counts["unanswered"]),)),
            _missing(service),
            *([Cell((_reviewed(service, self.today),))] if self.reviewed else []),
            *([_evidence(service)] if self.evidenced else []),
        ]
        if self.dependencies:
            services = store.services(app.env)
            names = store.mention_finder(app.env).dependencies(
                service.name, service.overview["mentions"], service.overview["declared"]
            )
            cells.append(_joined([Link(services[name], services[name].title) for name in names]))
        return cells


def _tier_legend(app: Sphinx) -> list[nodes.Node]:
    """What each of the checklist's tiers means, under a summary with a Tier column."""
    try:
        tiers = config.settings(app.config).checklist().tiers
    except ChecklistError:
        return []
    described = [tier for tier in tiers if tier.description]
    if not described:
        return []
    legend = nodes.paragraph(classes=["svcready-tier-legend"])
    legend += nodes.strong("", _("Tiers: "))
    for index, tier in enumerate(described):
        named = f"{tier.id} ({tier.name})" if tier.name else str(tier.id)
        sentence = tier.description if tier.description.endswith((".", "!", "?")) else tier.description + "."
        legend += nodes.Text((" " if index else "") + f"{named}: {sentence}")
    return [legend]


def _readiness(service: portfolio.Documented) -> Cell:
    counts = service.overview["counts"]
    # Ten steps are enough for the eye; the numbers beside the bar carry the exact value.
    step = int(answered_share(service) * 10) * 10
    return Cell(
        (Bar(step), f" {counts['complete']}/{counts['considerations']}"), classes=("svcready-readiness-cell",)
    )


def _reviewed(service: portfolio.Documented, today: datetime.date) -> str:
    age = review_age(service.overview["last-reviewed"], today)
    if age is None:
        return str(_("never"))
    if age <= 1:
        return str(_("today") if age <= 0 else _("yesterday"))
    return _("%(days)d days ago") % {"days": age}


def _evidence_counts(service: portfolio.Documented) -> tuple[int, int]:
    counts = service.overview["counts"]
    # Exports written before evidence existed (format 1.2) have neither count.
    return counts.get("verified", 0), counts.get("contradicted", 0)


def _evidence(service: portfolio.Documented) -> Cell:
    verified, contradicted = _evidence_counts(service)
    pieces: list[Piece] = []
    if verified:
        pieces.append(_("%(count)d verified") % {"count": verified})
    if contradicted:
        if verified:
            pieces.append(", ")
        pieces.append(
            Span(
                (_("%(count)d contradicted") % {"count": contradicted},), ("svcready-evidence-contradicted",)
            )
        )
    return Cell((Span(tuple(pieces)),))


def _waived(service: portfolio.Documented) -> str:
    count = str(service.overview["counts"]["waived"])
    expiring = service.overview["expiring"]
    return count + (" " + _("(%(count)d expiring)") % {"count": expiring} if expiring else "")


#: The most unanswered considerations a summary row names; the rest are counted, linking the page.
_MISSING_SHOWN = 5


def _missing(service: portfolio.Documented) -> Cell:
    unanswered = service.overview["unanswered"]
    shown = unanswered if len(unanswered) <= _MISSING_SHOWN + 1 else unanswered[:_MISSING_SHOWN]
    links = [Link(service, title, (key,)) for key, title in shown]
    if len(shown) == len(unanswered):
        return _joined(links)
    more = str(_("%(count)d more") % {"count": len(unanswered) - len(shown)})
    return Cell((*_joined(links).pieces, str(_(" and ")), Link(service, more)))


def _joined(links: list[Link]) -> Cell:
    pieces: list[Piece] = []
    for index, made in enumerate(links):
        if index:
            pieces.append(", ")
        pieces.append(made)
    return Cell(tuple(pieces))
