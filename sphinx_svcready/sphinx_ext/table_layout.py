"""The extension's tables as docutils nodes, and how wide they are laid out where a writer needs
widths in characters."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

#: The widest a column is laid out in text output, in characters.
_WIDEST = 40


def column_widths(headers: list[str], rows: list[list[nodes.Node | str]]) -> list[int]:
    """Characters per column, for the writers that lay a table out in text (text, man).

    A column is as wide as its longest cell up to ``_WIDEST`` characters, and never narrower than
    its longest word: the text writer breaks words that do not fit, letter by letter, and in some
    Sphinx versions a one-character column never finishes. HTML and LaTeX size the columns
    themselves.
    """
    widths = []
    for column, header in enumerate(headers):
        texts = [header, *(_text(cells[column]) for cells in rows)]
        longest_word = max(len(word) for text in texts for word in [*text.split(), ""])
        widths.append(max(longest_word, min(max(len(text) for text in texts), _WIDEST)))
    return widths


def _text(cell: nodes.Node | str) -> str:
    return cell if isinstance(cell, str) else cell.astext()


def table(kind: str, headers: list[str], rows: Sequence[Sequence[nodes.Node | str]]) -> nodes.table:
    """A table of class ``kind``: a row of ``headers``, then ``rows``; a cell is text, a paragraph,
    or inline nodes (put in a paragraph)."""
    made = nodes.table(classes=[kind])
    group = nodes.tgroup(cols=len(headers))
    made += group
    group.extend(nodes.colspec(colwidth=width) for width in column_widths(headers, [list(r) for r in rows]))
    head = nodes.thead()
    head += row(headers)
    body = nodes.tbody()
    body.extend(row(cells) for cells in rows)
    group += head
    group += body
    return made


def row(cells: Sequence[nodes.Node | str]) -> nodes.row:
    made = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        if isinstance(cell, str):
            entry += nodes.paragraph("", cell)
        elif isinstance(cell, nodes.paragraph):
            entry += cell
        else:
            entry += nodes.paragraph("", "", cell)
        made += entry
    return made
