"""The trend drawing: a single point's markers stand apart, so equal values stay visible."""

from __future__ import annotations

import re

from sphinx_svcready.core.formats.svg_trend import Series, line_chart


def marker_positions(svg: str) -> list[tuple[str, float]]:
    """Each marker's shape and the x of its centre, in drawing order (the key's markers too)."""
    found = []
    for shape, attributes in re.findall(r"<(circle|rect|polygon) ([^>]*)>", svg):
        if shape == "circle":
            found.append((shape, float(re.search(r'cx="([\d.]+)"', attributes).group(1))))
        elif shape == "rect":
            found.append((shape, float(re.search(r'(?:^| )x="([\d.]+)"', attributes).group(1)) + 3.5))
        else:
            found.append((shape, float(re.search(r'points="([\d.]+),', attributes).group(1))))
    return found


def chart(labels: list[str]) -> str:
    values = tuple(1.0 for _ in labels)
    series = [
        Series("Answered", "answered", values),
        Series("Ready", "ready", values),
        Series("Gold", "level", values),
    ]
    return line_chart(labels, series, title="t", description="d", identifier="x")


def test_the_markers_of_a_single_point_stand_side_by_side() -> None:
    plotted = marker_positions(chart(["2026-12-01"]))[:3]
    assert [shape for shape, _x in plotted] == ["circle", "rect", "polygon"]
    xs = [x for _shape, x in plotted]
    assert xs[1] - xs[0] == xs[2] - xs[1] == 14.0  # equal values, three markers, none on another


def test_the_markers_of_several_points_stand_on_their_dates() -> None:
    plotted = marker_positions(chart(["2026-11-01", "2026-12-01"]))[:6]
    xs = [x for _shape, x in plotted]
    assert xs[0] == xs[2] == xs[4] and xs[1] == xs[3] == xs[5]
