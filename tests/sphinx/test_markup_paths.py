"""Answers made of plain paragraphs skip the block parser: the nodes must be the parser's own.

``answer_markup.simple_paragraphs`` decides from an answer's lines alone that it is nothing but
paragraphs; those answers go through the inline parser only (or, with no markup character at
all, straight to paragraph nodes). Whatever text it accepts, the result (nodes, system messages,
refusal messages) must be exactly what the full reStructuredText parser gives.
"""

from __future__ import annotations

import os
from unittest import mock

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_svcready.sphinx_ext import answer_markup

RELAXED = settings(
    suppress_health_check=list(HealthCheck),
    deadline=None,
    max_examples=400,
    derandomize=bool(os.environ.get("CI")),
)

# Pieces that, side by side in any order, make every kind of block and inline answer_markup.
PIECES = [
    "word",
    "Capital",
    "42",
    "é",
    "’",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\n   ",
    ".",
    ",",
    ":",
    "::",
    "-",
    "- ",
    "* ",
    "+",
    "=====",
    "-----",
    "1.",
    "1. ",
    "a) ",
    "(iv) ",
    "#. ",
    ".. ",
    ">>> ",
    "| ",
    "\\",
    "_",
    "x_",
    "__",
    "*",
    "**",
    "`",
    "``",
    "``literal``",
    "*emphasis*",
    "**strong**",
    "`title`",
    ":emphasis:`role`",
    ":unknown:`role`",
    "`link <https://example.com/a>`_",
    "`bad <javascript:alert(1)>`_",
    "name_",
    "|substitution|",
    "[1]_",
    "[#]_",
    "_`target`",
    "https://example.com/path",
    "someone@example.com",
    "PEP 8",
    "\t",
]


def _page(**overrides: object) -> nodes.document:
    page_settings = get_default_settings(Parser)
    page_settings.report_level = 5
    for name, value in overrides.items():
        setattr(page_settings, name, value)
    return new_document("page.rst", page_settings)


def _rendered(result: tuple[list[nodes.Node], list[str]]) -> tuple[list[str], list[str]]:
    found, messages = result
    return [node.pformat() for node in found], messages


def _full_parse(text: str, page: nodes.document) -> tuple[list[str], list[str]]:
    with mock.patch.object(answer_markup, "simple_paragraphs", return_value=None):
        return _rendered(answer_markup.parse_answer(text, page))


@RELAXED
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join))
def test_accepted_answers_parse_exactly_as_the_parser_does(text: str) -> None:
    page = _page()
    if answer_markup.simple_paragraphs(text) is None:
        return
    assert _rendered(answer_markup.parse_answer(text, page)) == _full_parse(text, page)


@pytest.mark.parametrize(
    "text",
    [
        "Plain words only.",
        "Two lines\nof one paragraph.",
        "First paragraph.\n\nSecond paragraph.\n",
        "It uses ``PostgreSQL`` and *Redis*.",
        "See `the runbook <https://runbooks.example.com/x>`_ and https://status.example.com.",
        "Mail oncall@example.com: any time.",
        "An ``unclosed literal.",
        "A `javascript <javascript:alert(1)>`_ link.",
        "Yes. We do, at 10:30 every day.",
        "**Bold** start and a name_ reference.",
    ],
)
def test_paragraph_answers_take_the_short_path_and_match_the_parser(text: str) -> None:
    page = _page()
    assert answer_markup.simple_paragraphs(text) is not None
    assert _rendered(answer_markup.parse_answer(text, page)) == _full_parse(text, page)


@pytest.mark.parametrize(
    ("text", "block"),
    [
        ("- one\n- two", nodes.bullet_list),
        ("* one\n* two", nodes.bullet_list),
        ("1. one\n2. two", nodes.enumerated_list),
        ("a) one\nb) two", nodes.enumerated_list),
        ("Intro::\n\n    code here", nodes.literal_block),
        ("Term\n   Its definition.", nodes.definition_list),
        ("Some text.\n\n   A quoted block.", nodes.block_quote),
        ("| line one\n| line two", nodes.line_block),
        ("Intro\n\n\tTabbed.", nodes.block_quote),
    ],
)
def test_block_markup_still_goes_to_the_parser(text: str, block: type[nodes.Element]) -> None:
    assert answer_markup.simple_paragraphs(text) is None
    found, _ = answer_markup.parse_answer(text, _page())
    assert any(isinstance(node, block) for top in found for node in top.findall(block))


def test_pep_references_turn_plain_words_into_links_when_the_page_enables_them() -> None:
    found, _ = answer_markup.parse_answer("See PEP 8 for style.", _page(pep_references=True))
    assert [node["refuri"] for node in found[0].findall(nodes.reference)] == [
        "https://peps.python.org/pep-0008"
    ]


def test_paragraph_lines_and_numbers() -> None:
    assert answer_markup.simple_paragraphs("One.\nTwo.\n\n\nThree.  \n") == [(1, "One.\nTwo."), (5, "Three.")]
    assert answer_markup.simple_paragraphs("") == []
