"""The ``service-readiness-campaign`` directive: one campaign's progress, and its burn-up.

``.. service-readiness-campaign:: NAME`` shows the campaign (core/campaigns.py) by name: its
deadline, how many of the services in its scope are done, and by owner which services are done
and which questions each still leaves open, linked to them. With ``:history: FILE`` (a
``svcready history`` document) it adds the burn-up: at each point, the share of the services in
scope that were done, drawn like the trend and followed by its figures. The name and the history
are checked when the page is read, and a problem is a warning at the directive, said on every
build; the progress is made when the page is written, from every page's records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from sphinx_svcready.core import portfolio
from sphinx_svcready.core.campaigns import Campaign, Candidate, Progress, burn_up, progress_of
from sphinx_svcready.core.checklist.loading import ChecklistError
from sphinx_svcready.core.formats.svg_trend import Series, line_chart
from sphinx_svcready.core.subtypes import Subtype
from sphinx_svcready.sphinx_ext import config, store
from sphinx_svcready.sphinx_ext.charts import drawn
from sphinx_svcready.sphinx_ext.history_files import history_named
from sphinx_svcready.sphinx_ext.links import service_link
from sphinx_svcready.sphinx_ext.rendering import render_error
from sphinx_svcready.sphinx_ext.scroll_region import scrolling
from sphinx_svcready.sphinx_ext.table_layout import table

_ = get_translation("sphinx_svcready")


class campaign_placeholder(nodes.General, nodes.Element):  # type: ignore[misc]
    """Stands where the campaign goes until the page is written."""


class ServiceReadinessCampaignDirective(SphinxDirective):
    """``.. service-readiness-campaign:: NAME``, optionally ``:history: FILE``."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"history": directives.unchanged_required}
    #: What each option does, for the reference (``docs/reference/directives.rst``).
    option_help: ClassVar[dict[str, str]] = {
        "history": "A history file (``svcready history``) that adds the campaign's burn-up.",
    }

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        known = config.campaigns(self.config)
        if name not in known:
            listed = (
                ", ".join(sorted(known)) or "none declared (svcready_campaigns, an extension's campaigns)"
            )
            self._problem(Subtype.REF, f"no campaign {name[:64]!r} (campaigns: {listed})")
            return render_error(f"The campaign {name[:64]!r} is not declared.")
        points: list[tuple[str, int, int]] = []
        if "history" in self.options:
            history = history_named(self, self.options["history"], self._problem)
            if history is None:
                return render_error(f"The readiness history {self.options['history']!r} is not available.")
            points = [(p.at, p.services, p.done) for p in burn_up(known[name], history)]
        # Rewritten whenever a service changes, as a summary page is.
        store.page(self.env, self.env.docname)["summary"] = True
        serial = self.env.new_serialno("svcready-campaign")
        node = campaign_placeholder(name=name, points=points, serial=serial)
        self.set_source_info(node)
        return [node]

    def _problem(self, subtype: Subtype, message: str) -> None:
        store.record_problem(self.env, self.env.docname, self.get_location(), subtype, message)


def build_campaigns(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each placeholder by its campaign."""
    for placeholder in list(doctree.findall(campaign_placeholder)):
        placeholder.replace_self(_campaign(app, docname, placeholder))


def _campaign(app: Sphinx, docname: str, placeholder: campaign_placeholder) -> list[nodes.Node]:
    campaign = config.campaigns(app.config)[placeholder["name"]]
    every = store.portfolio_index(app.env).every
    # One standing per name, the first documented (the page before a remote export) winning.
    services = {service.name: service for service in reversed(every)}
    standing = progress_of(campaign, [_candidate(service) for service in services.values()])
    found: list[nodes.Node] = [_status(app, campaign, standing)]
    if campaign.description:
        found.append(nodes.paragraph("", campaign.description, classes=["svcready-campaign-description"]))
    if standing.services:
        found.append(_owners(app, docname, standing, services))
    if placeholder["points"]:
        identifier = f"svcready-campaign-{placeholder['serial']}"
        found.extend(_burn_up(campaign, placeholder["points"], identifier))
    return found


def _candidate(service: portfolio.Documented) -> Candidate:
    overview = service.overview
    return Candidate(
        service.name,
        service.title,
        overview["owner"],
        overview["lifecycle"],
        overview["tier-id"],
        overview["open-questions"],
    )


def _status(app: Sphinx, campaign: Campaign, standing: Progress) -> nodes.paragraph:
    days = (campaign.deadline - config.today(app.config)).days
    due = campaign.deadline.isoformat()
    when = (
        _("due %(day)s (in %(days)d days)") % {"day": due, "days": days}
        if days > 1
        else _("due %(day)s (tomorrow)") % {"day": due}
        if days == 1
        else _("due today, %(day)s") % {"day": due}
        if days == 0
        else _("was due %(day)s (%(days)d days ago)") % {"day": due, "days": -days}
    )
    done = _("%(done)d of %(services)d services done") % {
        "done": standing.done,
        "services": len(standing.services),
    }
    status = nodes.paragraph(classes=["svcready-campaign-status"])
    status += nodes.strong(campaign.title, campaign.title)
    status += nodes.Text(f": {when}; {done}.")
    return status


def _owners(
    app: Sphinx, docname: str, standing: Progress, services: dict[str, portfolio.Documented]
) -> nodes.Element:
    try:
        considerations = config.checklist(app.config).considerations
        titles = {f"{c.key}.{q.key}": q.title for c in considerations for q in c.questions}
    except ChecklistError:
        titles = {}
    headers = [str(_("Owner")), str(_("Done")), str(_("Still open"))]
    rows: list[list[nodes.Node | str]] = []
    for owner, listed in standing.by_owner():
        done = [s for s in listed if s.done]
        cell = nodes.paragraph()
        for index, remaining in enumerate(s for s in listed if not s.done):
            if index:
                cell += nodes.Text("; ")
            service = services[remaining.name]
            cell += service_link(app.builder, docname, service, nodes.inline(service.title, service.title))
            cell += nodes.Text(" (")
            for number, key in enumerate(remaining.open):
                if number:
                    cell += nodes.Text(", ")
                label = titles.get(key, key)
                cell += service_link(
                    app.builder, docname, service, nodes.inline(label, label), *key.split(".")
                )
            cell += nodes.Text(")")
        rows.append([owner or str(_("No owner")), f"{len(done)} / {len(listed)}", cell])
    label = _("%(campaign)s, by owner") % {"campaign": standing.campaign.title}
    return scrolling(label, "campaign", table("svcready-campaign", headers, rows))


def _burn_up(campaign: Campaign, points: list[tuple[str, int, int]], identifier: str) -> list[nodes.Node]:
    title = _("%(campaign)s: services done over time") % {"campaign": campaign.title}
    done = str(_("Services done"))
    shares = tuple(finished / scoped if scoped else 0.0 for _at, scoped, finished in points)
    description = (
        "; ".join(
            _("%(at)s, %(done)d of %(services)d") % {"at": at, "done": finished, "services": scoped}
            for at, scoped, finished in points
        )
        + "."
    )
    svg = line_chart(
        [at for at, _scoped, _finished in points],
        [Series(done, "answered", shares)],
        title=title,
        description=description,
        identifier=identifier,
    )
    headers = [str(_("Point")), str(_("Services")), done]
    rows = [[at, str(scoped), str(finished)] for at, scoped, finished in points]
    return drawn(title, svg, headers, rows, "burn-up")
