"""How wide the extension's tables are laid out where a writer needs widths in characters."""

from __future__ import annotations

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
