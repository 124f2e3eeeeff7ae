"""A summary table's cells, said once, then written as docutils nodes or straight as HTML.

Every builder gets the summary; the HTML builders (:data:`.html_fragment.BUILDERS`) get it as
text, which for thousands of services is seconds sooner than making and writing the nodes. The
two are byte for byte the same on the web (``tests/sphinx/test_summary_html.py`` builds both and
compares them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

from docutils import nodes
from sphinx.builders import Builder

from sphinx_svcready.core import portfolio
from sphinx_svcready.sphinx_ext.html_fragment import attribute, link, service_page, text
from sphinx_svcready.sphinx_ext.links import service_link
from sphinx_svcready.sphinx_ext.rendering import anchor
from sphinx_svcready.sphinx_ext.table_layout import table


@dataclass(frozen=True)
class Link:
    """``label`` linking the service's page, or the part of it that ``parts`` name."""

    service: portfolio.Documented
    label: str
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    """``pieces`` in an inline of ``classes``."""

    pieces: tuple[Piece, ...]
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bar:
    """The readiness bar, filled to ``step`` per cent (a multiple of ten)."""

    step: int


Piece: TypeAlias = str | Link | Span | Bar


@dataclass(frozen=True)
class Cell:
    """One paragraph of ``pieces``, of ``classes``."""

    pieces: tuple[Piece, ...] = ()
    classes: tuple[str, ...] = ()


def table_nodes(
    builder: Builder, docname: str, kind: str, headers: list[str], rows: Sequence[Sequence[Cell]]
) -> nodes.table:
    """The table as docutils nodes, for every builder."""
    made = [[_paragraph(builder, docname, cell) for cell in cells] for cells in rows]
    return table(kind, headers, made)


def table_html(
    builder: Builder, docname: str, kind: str, headers: list[str], rows: Sequence[Sequence[Cell]]
) -> str:
    """The table as the HTML writer writes :func:`table_nodes`' table."""
    parts = [f'<table class="{attribute(kind)} docutils align-default">\n<thead>\n<tr class="row-odd">']
    parts.append("\n".join(f'<th class="head"><p>{text(header)}</p></th>' for header in headers))
    parts.append("\n</tr>\n</thead>\n<tbody>\n")
    pages: dict[str, tuple[str, bool] | None] = {}
    for number, cells in enumerate(rows):
        parts.append(f'<tr class="row-{"even" if number % 2 == 0 else "odd"}">')
        parts.append("\n".join(_cell_html(builder, docname, cell, pages) for cell in cells))
        parts.append("\n</tr>\n")
    parts.append("</tbody>\n</table>\n")
    return "".join(parts)


def _paragraph(builder: Builder, docname: str, cell: Cell) -> nodes.paragraph:
    return nodes.paragraph("", "", *_nodes(builder, docname, cell.pieces), classes=list(cell.classes))


def _nodes(builder: Builder, docname: str, pieces: Sequence[Piece]) -> list[nodes.Node]:
    made: list[nodes.Node] = []
    for piece in pieces:
        if isinstance(piece, str):
            if piece:
                made.append(nodes.Text(piece))
        elif isinstance(piece, Link):
            label = nodes.inline(piece.label, piece.label)
            made.append(service_link(builder, docname, piece.service, label, *piece.parts))
        elif isinstance(piece, Span):
            made.append(
                nodes.inline("", "", *_nodes(builder, docname, piece.pieces), classes=list(piece.classes))
            )
        else:
            fill = nodes.inline("", "", classes=["svcready-bar-fill", f"svcready-bar-{piece.step}"])
            made.append(nodes.inline("", "", fill, classes=["svcready-bar"]))
    return made


def _cell_html(builder: Builder, docname: str, cell: Cell, pages: dict[str, tuple[str, bool] | None]) -> str:
    classes = f' class="{attribute(" ".join(cell.classes))}"' if cell.classes else ""
    return f"<td><p{classes}>{_html(builder, docname, cell.pieces, pages)}</p></td>"


def _html(
    builder: Builder, docname: str, pieces: Sequence[Piece], pages: dict[str, tuple[str, bool] | None]
) -> str:
    parts = []
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(text(piece))
        elif isinstance(piece, Link):
            service = piece.service
            key = f"{service.project}\0{service.name}"
            if key not in pages:
                pages[key] = service_page(builder, docname, service)
            label = f"<span>{text(piece.label)}</span>"
            parts.append(link(pages[key], anchor(service.name, *piece.parts), service.title, label))
        elif isinstance(piece, Span):
            classes = f' class="{attribute(" ".join(piece.classes))}"' if piece.classes else ""
            parts.append(f"<span{classes}>{_html(builder, docname, piece.pieces, pages)}</span>")
        else:
            parts.append(
                '<span class="svcready-bar">'
                f'<span class="svcready-bar-fill svcready-bar-{piece.step}"></span></span>'
            )
    return "".join(parts)
