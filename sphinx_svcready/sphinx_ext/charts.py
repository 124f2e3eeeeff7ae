"""The ``service-readiness-chart`` directive: the portfolio drawn, ``levels`` or ``answered``.

``levels`` draws how many of the chosen services reached each readiness level; ``answered``, for
each consideration, how many answered it (or marked it not applicable), waived it, or left it open.
On the web the chart is an SVG the extension draws (core/formats/svg_chart.py), followed by its
figures as a table a reader can open; every other builder writes the table alone. Filters are the
summary's; like the summary, the chart is made when its page is written, from every page's records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from sphinx_svcready.core import portfolio, rollup
from sphinx_svcready.core.formats.svg_chart import Bar, Segment, bar_chart
from sphinx_svcready.core.model import AnswerState
from sphinx_svcready.sphinx_ext import store
from sphinx_svcready.sphinx_ext.matrix import consideration_columns
from sphinx_svcready.sphinx_ext.portfolio_view import (
    FILTER_HELP,
    FILTER_SPEC,
    chosen_services,
    empty_message,
    filter_attributes,
    levels_of,
)
from sphinx_svcready.sphinx_ext.rendering import STATE_LABELS
from sphinx_svcready.sphinx_ext.scroll_region import scrolling
from sphinx_svcready.sphinx_ext.table_layout import table

_ = get_translation("sphinx_svcready")

KINDS = ("levels", "answered")


class chart_placeholder(nodes.General, nodes.Element):  # type: ignore[misc]
    """Stands where the chart goes until the page is written."""


class chart(nodes.General, nodes.Element):  # type: ignore[misc]
    """An SVG drawing (``svg``) over its figures, which are the node's children (a table).

    The web shows the drawing, then the table in a disclosure labelled ``figures_label``; other
    builders write the table alone.
    """


class ServiceReadinessChartDirective(SphinxDirective):
    """``.. service-readiness-chart:: levels|answered``: the summary's filters."""

    has_content = False
    required_arguments = 1
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = dict(FILTER_SPEC)
    #: What each option does, for the reference (``docs/reference/directives.rst``).
    option_help: ClassVar[dict[str, str]] = dict(FILTER_HELP)

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0].strip()
        if kind not in KINDS:
            raise self.error(
                f'unknown chart "{kind[:40]}": the service-readiness-chart directive draws '
                f"{' or '.join(KINDS)}"
            )
        # Rewritten whenever a service changes, as a summary page is.
        store.page(self.env, self.env.docname)["summary"] = True
        node = chart_placeholder(
            kind=kind,
            **filter_attributes(self.options),
            serial=self.env.new_serialno("svcready-chart"),
        )
        self.set_source_info(node)
        return [node]


def build_charts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each placeholder by its chart."""
    for placeholder in list(doctree.findall(chart_placeholder)):
        placeholder.replace_self(_chart(app, placeholder))


def _chart(app: Sphinx, placeholder: chart_placeholder) -> list[nodes.Node]:
    documented, chosen = chosen_services(app, placeholder)
    if not chosen:
        return [empty_message(documented, str(_("No service matches the filter of this chart.")))]
    identifier = f"svcready-chart-{placeholder['serial']}"
    if placeholder["kind"] == "levels":
        return _levels(app, chosen, identifier)
    return _answered(app, chosen, identifier)


def _levels(app: Sphinx, chosen: list[portfolio.Documented], identifier: str) -> list[nodes.Node]:
    counts = rollup.level_distribution(chosen, levels_of(app))
    if not counts:
        text = str(_("None of these services is judged by readiness levels."))
        return [nodes.paragraph("", text, classes=["svcready-summary-empty"])]
    total = len(chosen)
    title = str(_("Readiness levels reached"))
    bars = []
    for count in counts:
        name = count.level or str(_("none"))
        figure = _("%(count)d of %(total)d") % {"count": count.services, "total": total}
        words = _("%(level)s: %(count)d of %(total)d services") % {
            "level": name,
            "count": count.services,
            "total": total,
        }
        bars.append(Bar(name, (Segment("level", count.services, words),), figure))
    description = _("How many of the %(total)d services reached each level: %(figures)s.") % {
        "total": total,
        "figures": "; ".join(f"{bar.label} {bar.figure}" for bar in bars),
    }
    headers = [str(_("Level")), str(_("Services"))]
    rows: list[list[str]] = [
        [bar.label, str(count.services)] for bar, count in zip(bars, counts, strict=True)
    ]
    svg = bar_chart(bars, scale=total, title=title, description=description, identifier=identifier)
    return drawn(title, svg, headers, rows, "levels")


def _answered(app: Sphinx, chosen: list[portfolio.Documented], identifier: str) -> list[nodes.Node]:
    shares = rollup.consideration_shares(chosen, consideration_columns(app, chosen))
    total = len(chosen)
    title = str(_("Answered share per consideration"))
    bars = []
    for share in shares:
        segments = tuple(
            Segment(
                state.value,
                share.states[state],
                _("%(consideration)s: %(count)d %(state)s")
                % {"consideration": share.title, "count": share.states[state], "state": STATE_LABELS[state]},
            )
            for state in AnswerState
        )
        figure = _("%(count)d of %(total)d") % {"count": share.settled, "total": share.asked}
        bars.append(Bar(share.title, segments, figure))
    description = _(
        "For each consideration, how many of the %(total)d services answered it or marked it not "
        "applicable (the figure at the end of its line); the bar shows answered, not applicable, "
        "waived and unanswered, in that order, and the table after the chart gives each count."
    ) % {"total": total}
    headers = [str(_("Consideration")), *(str(STATE_LABELS[state]).capitalize() for state in AnswerState)]
    rows = [[share.title, *(str(share.states[state]) for state in AnswerState)] for share in shares]
    svg = bar_chart(bars, scale=total, title=title, description=description, identifier=identifier)
    return drawn(title, svg, headers, rows, "answered")


def drawn(
    title: str, svg: str, headers: list[str], rows: Sequence[Sequence[str]], kind: str
) -> list[nodes.Node]:
    """The caption, then the drawing over its figures, which scroll in a region of their own on a
    narrow screen."""
    caption = nodes.paragraph("", "", nodes.strong(title, title), classes=["svcready-chart-caption"])
    drawn = chart(svg=svg, figures_label=str(_("The figures as a table")), classes=[f"svcready-chart-{kind}"])
    label = _("The figures of %(chart)s") % {"chart": title}
    drawn += scrolling(label, "chart", table("svcready-chart-table", headers, rows))
    return [caption, drawn]


def visit_chart_html(translator: HTML5Translator, node: chart) -> None:
    classes = " ".join(["svcready-chart", *node["classes"]])
    label = translator.encode(node["figures_label"])
    # The drawing is made by svg_chart.bar_chart, which escapes every text it writes.
    translator.body.append(f'<figure class="{classes}">\n{node["svg"]}\n')
    translator.body.append(f'<details class="svcready-chart-figures"><summary>{label}</summary>\n')


def depart_chart_html(translator: HTML5Translator, node: chart) -> None:
    translator.body.append("</details>\n</figure>\n")


def visit_chart_other(translator: nodes.NodeVisitor, node: chart) -> None:
    """Elsewhere only the figures are written: the table, the node's child."""


def depart_chart_other(translator: nodes.NodeVisitor, node: chart) -> None:
    pass
