"""The ``service-readiness-matrix`` directive: services by considerations, one cell each.

Each cell says a consideration's state for one service and links to that section of the
service's page. On the web the state is a symbol (drawn by the stylesheet, hidden from screen
readers) over the word, which screen readers read and the eye does not need; the cell's tint is a
third cue, never the only one. Other builders number the columns and write the state's letter
(A, N, W, U), with a legend of both.
The table scrolls inside its own region, its first column held in place. Filters and sort keys
are the summary's; like the summary, the matrix is built when its page is written, from every
page's records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from sphinx_svcready.core import portfolio, rollup
from sphinx_svcready.core.checklist.loading import ChecklistError
from sphinx_svcready.core.model import AnswerState
from sphinx_svcready.sphinx_ext import config, store
from sphinx_svcready.sphinx_ext.html_fragment import BUILDERS, html_fragment
from sphinx_svcready.sphinx_ext.links import service_link
from sphinx_svcready.sphinx_ext.matrix_html import grid_html
from sphinx_svcready.sphinx_ext.portfolio_view import (
    FILTER_HELP,
    FILTER_SPEC,
    GROUP_BY_HELP,
    SORT_HELP,
    SORTS,
    chosen_services,
    empty_message,
    filter_attributes,
    region_label,
    tables_of,
)
from sphinx_svcready.sphinx_ext.rendering import STATE_LABELS
from sphinx_svcready.sphinx_ext.scroll_region import scrolling
from sphinx_svcready.sphinx_ext.table_layout import column_widths

_ = get_translation("sphinx_svcready")

#: The letter each state is written as where a symbol may not print (LaTeX, text, man).
LETTERS = {
    AnswerState.ANSWERED: "A",
    AnswerState.NOT_APPLICABLE: "N",
    AnswerState.WAIVED: "W",
    AnswerState.UNANSWERED: "U",
}


class matrix_placeholder(nodes.General, nodes.Element):  # type: ignore[misc]
    """Stands where the matrix goes until the page is written."""


class ServiceReadinessMatrixDirective(SphinxDirective):
    """``.. service-readiness-matrix::``: the summary's filters, ``:sort:`` and ``:group-by:``."""

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **FILTER_SPEC,
        "sort": lambda argument: directives.choice(argument, tuple(SORTS)),
        "group-by": lambda argument: directives.choice(argument, rollup.GROUP_KEYS),
    }
    #: What each option does, for the reference (``docs/reference/directives.rst``).
    option_help: ClassVar[dict[str, str]] = {**FILTER_HELP, "sort": SORT_HELP, "group-by": GROUP_BY_HELP}

    def run(self) -> list[nodes.Node]:
        # Rewritten whenever a service changes, as a summary page is.
        store.page(self.env, self.env.docname)["summary"] = True
        node = matrix_placeholder(
            **filter_attributes(self.options),
            sort=self.options.get("sort", "name"),
            group_by=self.options.get("group-by"),
            serial=self.env.new_serialno("svcready-group"),
        )
        self.set_source_info(node)
        return [node]


def build_matrices(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each placeholder by its matrix."""
    for placeholder in list(doctree.findall(matrix_placeholder)):
        placeholder.replace_self(_matrix(app, docname, placeholder))


def consideration_columns(app: Sphinx, chosen: list[portfolio.Documented]) -> list[tuple[str, str]]:
    """(key, title) of each consideration: the checklist's, then any a remote service adds."""
    try:
        columns = {c.key: c.title for c in config.checklist(app.config).considerations}
    except ChecklistError:
        columns = {}
    for service in chosen:
        for key, title in service.considerations.items():
            columns.setdefault(key, title)
    return list(columns.items())


def _matrix(app: Sphinx, docname: str, placeholder: matrix_placeholder) -> list[nodes.Node]:
    documented, chosen = chosen_services(app, placeholder)
    if not chosen:
        return [empty_message(documented, str(_("No service matches the filter of this matrix.")))]
    columns = consideration_columns(app, chosen)
    web = app.builder.format == "html"
    label = region_label(placeholder, matrix=True)
    found = tables_of(
        app, placeholder, chosen, label, lambda services, named: _grid(app, docname, services, columns, named)
    )
    found.append(_legend(web))
    if not web:
        found.append(_column_key(columns))
    return found


def _grid(
    app: Sphinx,
    docname: str,
    services: Sequence[portfolio.Documented],
    columns: list[tuple[str, str]],
    label: str,
) -> nodes.Element:
    """The table of ``services`` by ``columns``, in its scrolling region."""
    if app.builder.name in BUILDERS:
        labels = {state: str(word) for state, word in STATE_LABELS.items()}
        made = grid_html(app.builder, docname, services, columns, labels, str(_("Service")))
        return scrolling(label, "matrix", html_fragment(html=made))
    web = app.builder.format == "html"
    # Off the web, the columns are numbered: 20 titles across would not fit a page or a terminal.
    headers = [
        str(_("Service")),
        *(title if web else str(number) for number, (_key, title) in enumerate(columns, 1)),
    ]
    rows: list[list[nodes.Node | str]] = []
    for service in services:
        name = nodes.inline(service.title, service.title)
        rows.append(
            [
                service_link(app.builder, docname, service, name),
                *(_cell(app, docname, service, key, web) for key, _title in columns),
            ]
        )
    table = nodes.table(classes=["svcready-matrix"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    group.extend(nodes.colspec(colwidth=width) for width in column_widths(headers, rows))
    head = nodes.thead()
    header = nodes.row()
    header.extend(_entry(text) for text in headers)
    head += header
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        row.extend(_entry(cell, stub=index == 0) for index, cell in enumerate(cells))
        body += row
    group += head
    group += body
    return scrolling(label, "matrix", table)


def _column_key(columns: list[tuple[str, str]]) -> nodes.paragraph:
    key = nodes.paragraph(classes=["svcready-matrix-columns"])
    key += nodes.Text(
        "; ".join(f"{number}: {title}" for number, (_key, title) in enumerate(columns, 1)) + "."
    )
    return key


def _entry(content: nodes.Node | str, stub: bool = False) -> nodes.entry:
    entry = nodes.entry(classes=["stub"] if stub else [])
    entry += nodes.paragraph("", "", nodes.Text(content) if isinstance(content, str) else content)
    return entry


def _cell(app: Sphinx, docname: str, service: portfolio.Documented, key: str, web: bool) -> nodes.Node:
    written = service.overview.get("states", {}).get(key)
    if written is None:
        return nodes.inline("", "–", classes=["svcready-matrix-absent"])
    state = AnswerState(written)
    word = str(STATE_LABELS[state])
    if web:
        label = nodes.inline(
            "",
            "",
            nodes.inline(word, word, classes=["svcready-visually-hidden"]),
            classes=["svcready-matrix-cell", f"svcready-matrix-{state.value}"],
        )
    else:
        label = nodes.inline(LETTERS[state], LETTERS[state], classes=[f"svcready-matrix-{state.value}"])
    return service_link(app.builder, docname, service, label, key)


def _legend(web: bool) -> nodes.paragraph:
    legend = nodes.paragraph(classes=["svcready-matrix-legend"])
    for index, state in enumerate(AnswerState):
        if index:
            legend += nodes.Text("; ")
        word = str(STATE_LABELS[state])
        if web:
            legend += nodes.inline("", "", classes=["svcready-matrix-cell", f"svcready-matrix-{state.value}"])
            legend += nodes.Text(f" {word}")
        else:
            legend += nodes.Text(f"{LETTERS[state]}: {word}")
    legend += nodes.Text(". ")
    legend += nodes.Text(str(_("Each cell links to that consideration on the service's page.")))
    return legend
