"""Horizontal bar charts as SVG text: one labelled bar per row, each bar made of coloured segments.

The chart draws in the page's colours: its text is ``currentColor``, and each segment carries a
class the stylesheet fills (with a plain fill before it for readers without the stylesheet), so it
follows a light or dark theme. It is an image with a title and a description for screen readers;
the figures it draws are written beside it as a table, so nothing is told by the picture alone.
Every text in it is escaped: labels come from checklists and remote exports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

#: The drawing's width in its own units; the stylesheet scales it to the column.
WIDTH = 360
#: Font size of the labels, in the drawing's units.
FONT = 12
#: The height of one row: its label line, then its bar.
ROW = 34
BAR = 12
#: Room the figure at the end of the label line keeps for itself, in characters.
_FIGURE_CHARACTERS = 14
#: About the width of an average character at FONT, for cutting labels that would run into the figure.
_CHARACTER = 6.6


@dataclass(frozen=True)
class Segment:
    """A part of a bar: ``value`` of the bar's scale, drawn in the style ``kind`` names."""

    kind: str
    value: float
    #: What it is, in words: the tooltip a mouse shows over it.
    words: str


@dataclass(frozen=True)
class Bar:
    label: str
    segments: tuple[Segment, ...]
    #: The figure written at the end of the label line, such as "3 of 4".
    figure: str


def bar_chart(bars: Sequence[Bar], *, scale: float, title: str, description: str, identifier: str) -> str:
    """The SVG of ``bars``, each drawn against ``scale`` (the value a full-width bar stands for).

    ``identifier`` makes the ids of the title and description unique on the page.
    """
    height = max(len(bars), 1) * ROW
    title_id = f"{identifier}-title"
    description_id = f"{identifier}-description"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="svcready-chart-drawing" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-size="{FONT}" aria-labelledby={quoteattr(title_id)} '
        f"aria-describedby={quoteattr(description_id)}>",
        f"<title id={quoteattr(title_id)}>{escape(title)}</title>",
        f"<desc id={quoteattr(description_id)}>{escape(description)}</desc>",
    ]
    label_room = int((WIDTH - _FIGURE_CHARACTERS * _CHARACTER) / _CHARACTER)
    for index, bar in enumerate(bars):
        top = index * ROW
        parts.append('<g class="svcready-chart-row">')
        parts.append(
            f'<text x="0" y="{top + FONT}" fill="currentColor">{escape(_cut(bar.label, label_room))}</text>'
        )
        parts.append(
            f'<text x="{WIDTH}" y="{top + FONT}" text-anchor="end" fill="currentColor">'
            f"{escape(bar.figure)}</text>"
        )
        bar_top = top + FONT + 5
        parts.append(
            f'<rect class="svcready-chart-track" x="0" y="{bar_top}" width="{WIDTH}" height="{BAR}" '
            f'rx="2" fill="none" stroke="currentColor" stroke-opacity="0.35"/>'
        )
        left = 0.0
        for segment in bar.segments:
            if segment.value <= 0 or scale <= 0:
                continue
            width = WIDTH * segment.value / scale
            parts.append(
                f"<rect class={quoteattr('svcready-chart-' + segment.kind)} "
                f'x="{left:.2f}" y="{bar_top}" width="{width:.2f}" height="{BAR}" fill="#607d8b">'
                f"<title>{escape(segment.words)}</title></rect>"
            )
            left += width
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _cut(label: str, room: int) -> str:
    """``label``, shortened to ``room`` characters with an ellipsis; the table beside has it whole."""
    return label if len(label) <= room else label[: max(room - 1, 1)].rstrip() + "\u2026"
