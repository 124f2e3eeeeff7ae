"""Finding the services an answer names: whole words, the longest spelling first, none overlapping,
found by first word, and always what one pattern of every spelling finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_svcready.core.mentions import MentionFinder


def one_pattern(services: dict[str, str], text: str) -> list[tuple[int, int, str]]:
    """What a single alternation of every spelling finds: the way the finder is defined."""
    by_spelling = {s.casefold(): name for name, title in services.items() for s in (title, name) if s}
    if not by_spelling:
        return []
    alternatives = "|".join(re.escape(s) for s in sorted(by_spelling, key=lambda s: (-len(s), s)))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    return [(m.start(), m.end(), by_spelling[m.group(0).casefold()]) for m in pattern.finditer(text)]


def test_names_and_titles_are_found_as_whole_words_longest_first() -> None:
    finder = MentionFinder(
        {"alpha": "Alpha API", "alpha-api": "", "beta": "Beta ledger", "gamma": "The Gamma jobs"}
    )
    text = "Calls Alpha API, alpha-api and alphabet; the gamma jobs (via beta-ledger) and Beta Ledger."
    assert [(text[s:e], name) for s, e, name in finder.find(text)] == [
        ("Alpha API", "alpha"),
        ("alpha-api", "alpha-api"),
        ("the gamma jobs", "gamma"),
        ("Beta Ledger", "beta"),
    ]
    assert finder.dependencies("beta", [text]) == ["alpha", "alpha-api", "gamma"]


def test_a_spelling_that_does_not_start_with_a_word_is_found_too() -> None:
    finder = MentionFinder({"dotnet": ".NET gateway", "net": "net"})
    text = "the .NET gateway, and net."
    assert finder.find(text) == one_pattern({"dotnet": ".NET gateway", "net": "net"}, text)
    assert [name for _s, _e, name in finder.find(text)] == ["dotnet", "net"]


WORDS = st.sampled_from(["alpha", "Alpha", "beta", "api", "x-1", "Ledger", "ÉCOLE", "école", "gamma", "jobs"])
SPELLING = st.one_of(
    st.tuples(st.sampled_from([" ", "-", ", ", "  "]), st.lists(WORDS, min_size=1, max_size=3)).map(
        lambda parts: parts[0].join(parts[1])
    ),
    # Something before the first word or after the last; no word at all.
    st.sampled_from([".NET gateway", "(beta)", "alpha.", "-x", "alpha (x-1)", "((api)).", "()", ".."]),
)
TEXT = st.lists(
    st.one_of(WORDS, st.sampled_from([" ", "  ", ", ", "-", "(", ")", "((", ".", "_", "9"])), max_size=30
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(
    services=st.dictionaries(st.sampled_from(["alpha", "beta", "x-1", "api", "svc"]), SPELLING, max_size=5),
    text=TEXT,
)
def test_the_finder_finds_what_one_pattern_of_every_spelling_finds(
    services: dict[str, str], text: str
) -> None:
    assert MentionFinder(services).find(text) == one_pattern(services, text)
