"""Line charts over time as SVG text: shares from 0 to 100% at evenly spaced points, one line per
series, each with markers of its own shape so that no series is told by colour alone.

Like the bar chart (svg_chart.py), it draws in the page's text colour, fills by classes the
stylesheet colours, carries a title and a description for screen readers, and escapes every text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH = 360
HEIGHT = 200
FONT = 11
#: Room for the axis labels: left of the plot (the percentages) and under it (the dates).
_LEFT = 34
_BOTTOM = 34
_TOP = 8
_RIGHT = 8
#: The marker each series gets, in order: circle, square, triangle.
_MARKERS = ("circle", "square", "triangle")


@dataclass(frozen=True)
class Series:
    name: str
    #: The style the stylesheet gives its line and markers.
    kind: str
    #: One share (0 to 1) per point; ``None`` where the series has no value.
    values: tuple[float | None, ...]


#: How far apart the series' markers stand when a trend has a single point.
_SINGLE_POINT_GAP = 14.0


def line_chart(
    labels: Sequence[str], series: Sequence[Series], *, title: str, description: str, identifier: str
) -> str:
    """The SVG of ``series`` over the points ``labels`` name (oldest first)."""
    plot_width = WIDTH - _LEFT - _RIGHT
    plot_height = HEIGHT - _TOP - _BOTTOM
    steps = max(len(labels) - 1, 1)

    def x(index: int) -> float:
        return _LEFT + (plot_width * index / steps if len(labels) > 1 else plot_width / 2)

    def y(share: float) -> float:
        return _TOP + plot_height * (1 - min(max(share, 0.0), 1.0))

    title_id, description_id = f"{identifier}-title", f"{identifier}-description"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="svcready-chart-drawing svcready-trend-drawing" '
        f'role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" font-size="{FONT}" '
        f"aria-labelledby={quoteattr(title_id)} aria-describedby={quoteattr(description_id)}>",
        f"<title id={quoteattr(title_id)}>{escape(title)}</title>",
        f"<desc id={quoteattr(description_id)}>{escape(description)}</desc>",
    ]
    for share in (0.0, 0.5, 1.0):
        parts.append(
            f'<line x1="{_LEFT}" x2="{WIDTH - _RIGHT}" y1="{y(share):.1f}" y2="{y(share):.1f}" '
            f'stroke="currentColor" stroke-opacity="{0.5 if share == 0 else 0.2}"/>'
        )
        parts.append(
            f'<text x="{_LEFT - 4}" y="{y(share) + FONT / 3:.1f}" text-anchor="end" fill="currentColor">'
            f"{int(share * 100)}%</text>"
        )
    for index in _labelled(len(labels)):
        first, last = index == 0 and len(labels) > 1, index == len(labels) - 1
        anchor = "start" if first else "end" if last else "middle"
        parts.append(
            f'<text x="{x(index):.1f}" y="{HEIGHT - _BOTTOM + FONT + 6}" text-anchor="{anchor}" '
            f'fill="currentColor">{escape(labels[index][:10])}</text>'
        )
    for number, line in enumerate(series):
        marker = _MARKERS[number % len(_MARKERS)]
        kind = quoteattr(f"svcready-trend-{line.kind}")
        # A single point has no line to tell the series apart: each series' marker stands a little
        # to the side of the others', so markers of equal values do not hide one another.
        beside = (number - (len(series) - 1) / 2) * _SINGLE_POINT_GAP if len(labels) == 1 else 0.0
        points = [(x(i) + beside, y(v)) for i, v in enumerate(line.values) if v is not None]
        parts.append(f"<g class={kind}>")
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="currentColor" stroke-width="2"/>')
        for (px, py), (index, value) in zip(
            points, [(i, v) for i, v in enumerate(line.values) if v is not None], strict=True
        ):
            words = f"{line.name}, {labels[index]}: {round(value * 100)}%"
            parts.append(_marker(marker, px, py, words))
        parts.append("</g>")
    # The key: each series' marker and name, under the dates.
    key_y = HEIGHT - 6
    left = float(_LEFT)
    for number, line in enumerate(series):
        marker = _MARKERS[number % len(_MARKERS)]
        parts.append(
            f"<g class={quoteattr(f'svcready-trend-{line.kind}')}>"
            f"{_marker(marker, left + 4, key_y - FONT / 3, line.name)}</g>"
        )
        parts.append(f'<text x="{left + 12:.1f}" y="{key_y}" fill="currentColor">{escape(line.name)}</text>')
        left += 20 + len(line.name) * FONT * 0.55
    parts.append("</svg>")
    return "".join(parts)


def _labelled(count: int) -> list[int]:
    """Which points get a date under them: the first, the last, and one between when there is room."""
    if count <= 0:
        return []
    if count <= 2:
        return list(range(count))
    return [0, (count - 1) // 2, count - 1]


def _marker(shape: str, x: float, y: float, words: str) -> str:
    hover = f"<title>{escape(words)}</title>"
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="currentColor">{hover}</circle>'
    if shape == "square":
        return (
            f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="currentColor">'
            f"{hover}</rect>"
        )
    return (
        f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y + 3.5:.1f} {x - 4.5:.1f},{y + 3.5:.1f}" '
        f'fill="currentColor">{hover}</polygon>'
    )
