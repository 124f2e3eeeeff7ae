"""Roll-ups and the SVG bar chart, on records made here: grouping, levels, the most often
unanswered considerations, and text from hostile exports escaped in the drawing."""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

import pytest

from sphinx_svcready.core import rollup
from sphinx_svcready.core.formats.svg_chart import Bar, Segment, bar_chart
from sphinx_svcready.core.model import AnswerState
from sphinx_svcready.core.portfolio import Documented

LEVELS = ("bronze", "silver", "gold")


def service(name: str, owner: str | None, level: str | None, ready: bool, **states: str) -> Documented:
    overview: dict[str, Any] = {
        "owner": owner,
        "level": level,
        "leveled": True,
        "ready": ready,
        "states": states,
        "unanswered": [(key, key.title()) for key, state in states.items() if state == "unanswered"],
    }
    return Documented(name, "", name, name.title(), {k: k.title() for k in states}, overview, "{}")


PORTFOLIO = [
    service("a", "Team Ledger", "gold", True, logging="answered", metrics="answered"),
    service("b", "team ledger", None, False, logging="unanswered", metrics="unanswered"),
    service("c", None, "bronze", False, logging="answered", metrics="unanswered"),
    service("d", "Books", "platinum", False, logging="waived", metrics="not-applicable"),
]


def test_groups_are_in_name_order_and_the_services_without_a_value_come_last() -> None:
    groups = rollup.grouped(PORTFOLIO, "owner", LEVELS)
    # "team ledger" is Team Ledger, as the summary's :owner: filter takes it.
    assert [(g.name, [s.name for s in g.services], g.ready) for g in groups] == [
        ("Books", ["d"], 0),
        ("Team Ledger", ["a", "b"], 1),
        ("", ["c"], 0),
    ]
    assert [(item.key, item.services) for item in groups[1].most_unanswered] == [
        ("logging", 1),
        ("metrics", 1),
    ]


def test_levels_are_counted_highest_first_with_unknown_levels_after_the_checklists() -> None:
    counts = rollup.level_distribution(PORTFOLIO, LEVELS)
    assert [(c.level, c.services) for c in counts] == [
        ("gold", 1),
        ("silver", 0),
        ("bronze", 1),
        ("platinum", 1),
        ("", 1),
    ]
    unleveled = [Documented("x", "", "x", "X", {}, {"leveled": False}, "{}")]
    assert rollup.level_distribution(unleveled, LEVELS) == []


def test_the_most_often_unanswered_come_first_and_ties_keep_page_order() -> None:
    found = rollup.most_unanswered(PORTFOLIO)
    assert [(item.key, item.services) for item in found] == [("metrics", 2), ("logging", 1)]
    assert [item.key for item in rollup.most_unanswered(PORTFOLIO, limit=1)] == ["metrics"]


def test_shares_count_each_state_of_each_consideration() -> None:
    shares = rollup.consideration_shares(PORTFOLIO, [("logging", "Logging"), ("absent", "Absent")])
    logging, absent = shares
    assert logging.states == {
        AnswerState.ANSWERED: 2,
        AnswerState.NOT_APPLICABLE: 0,
        AnswerState.WAIVED: 1,
        AnswerState.UNANSWERED: 1,
    }
    assert (logging.asked, logging.settled) == (4, 2)
    assert absent.asked == 0


def test_grouping_by_an_unknown_field_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot group by 'colour'"):
        rollup.grouped(PORTFOLIO, "colour", LEVELS)


def test_the_chart_escapes_every_text_and_is_well_formed_svg() -> None:
    hostile = '<script>alert("x")</script>&'
    bars = [
        Bar(hostile, (Segment("answered", 2, hostile), Segment('x" onload="y', 1, "w")), "2 of 3"),
        Bar("A label far too long to fit beside its figure in the drawing at all", (), "0 of 3"),
    ]
    svg = bar_chart(bars, scale=3, title=hostile, description=hostile, identifier='c"1')
    assert "<script" not in svg and 'onload="y"' not in svg
    root = ElementTree.fromstring(svg)
    namespace = "{http://www.w3.org/2000/svg}"
    assert root.get("aria-labelledby") == 'c"1-title'
    assert root.find(f"{namespace}title").text == hostile  # type: ignore[union-attr]
    texts = [element.text for element in root.iter(f"{namespace}text")]
    assert texts[0] == hostile
    # A label that would run into its figure is cut, with an ellipsis.
    assert texts[2] is not None and texts[2].endswith("\u2026") and len(texts[2]) < 45
    widths = [
        float(rect.get("width", 0))
        for rect in root.iter(f"{namespace}rect")
        if rect.find(f"{namespace}title") is not None
    ]
    assert widths == [240.0, 120.0]
    assert re.search(r'viewBox="0 0 360 68"', svg)
