"""Find the documented services that an answer names, by name or by title.

Used for the answers the schema marks with ``x-svcready-links-services`` (which other services a
service calls): the page links each mention, the summary and the export list the dependencies,
together with the declared dependencies (``service.depends-on`` or Backstage's ``spec.dependsOn``)
that name documented services.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

#: A word as the finder sees its edges: a mention starts and ends where no such character touches it.
_WORD = re.compile(r"[\w-]+")


class MentionFinder:
    """Finds any service's name or title in a text, as whole words, longest spelling first.

    A spelling is looked up whole, at each word of the text, as the run of one, two, ... words
    that starts there (never more words than the longest spelling has), so finding costs the words
    of the text, not the words times the services: with a pattern of every spelling, a portfolio of
    thousands made every answer a scan of every name. A spelling with something else before its
    first word or after its last (".NET gateway", "Payments (legacy)") is looked up by its words,
    then the rest is compared. Only a spelling without a word at all is found by a pattern, of
    such spellings alone.
    """

    def __init__(self, services: Mapping[str, str]) -> None:
        """``services`` maps each service name to its title."""
        self._by_spelling = {
            spelling.casefold(): name
            for name, title in services.items()
            for spelling in (title, name)
            if spelling
        }
        self._whole: dict[str, str] = {}
        #: By the words of a spelling: what comes before and after them, and whose it is.
        self._edged: dict[str, list[tuple[str, str, str]]] = {}
        wordless = set()
        self._most_words = 0
        for spelling, name in self._by_spelling.items():
            words = list(_WORD.finditer(spelling))
            if not words:
                wordless.add(spelling)
                continue
            # Matched as the pattern matched it: without regard to case, letter by letter.
            lowered = spelling.lower()
            first, last = words[0].start(), words[-1].end()
            if first == 0 and last == len(spelling):
                self._whole.setdefault(lowered, name)
            else:
                core = spelling[first:last].lower()
                self._edged.setdefault(core, []).append(
                    (spelling[:first].lower(), spelling[last:].lower(), name)
                )
            self._most_words = max(self._most_words, len(words))
        self._wordless = _compiled(frozenset(wordless)) if wordless else None
        self._names = frozenset(services)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, service name)`` for every service named in ``text``, left to right, none
        overlapping another."""
        words = list(_WORD.finditer(text)) if self._most_words else []
        if not self._edged and self._wordless is None:
            return self._whole_words(text, words, skip_taken=True)
        # Each kind of spelling may start where another would: the earliest and longest of all wins.
        spans = self._whole_words(text, words, skip_taken=False) + self._edged_words(text, words)
        if self._wordless is not None:
            spans += [
                (m.start(), m.end(), self._by_spelling[m.group(0).casefold()])
                for m in self._wordless.finditer(text)
            ]
        return _merged(spans)

    def _whole_words(
        self, text: str, words: list[re.Match[str]], skip_taken: bool
    ) -> list[tuple[int, int, str]]:
        """The longest whole spelling at each word (from the end of the last one found, if
        ``skip_taken``)."""
        found: list[tuple[int, int, str]] = []
        if not self._whole:
            return found
        taken = 0
        for index, word in enumerate(words):
            start = word.start()
            if start < taken:
                continue
            for last in range(min(index + self._most_words, len(words)) - 1, index - 1, -1):
                end = words[last].end()
                name = self._whole.get(text[start:end].lower())
                if name is not None:
                    found.append((start, end, name))
                    taken = end if skip_taken else 0
                    break
        return found

    def _edged_words(self, text: str, words: list[re.Match[str]]) -> list[tuple[int, int, str]]:
        """Every spelling with something before or after its words found at a run of words."""
        found: list[tuple[int, int, str]] = []
        if not self._edged:
            return found
        for index, word in enumerate(words):
            start = word.start()
            for last in range(index, min(index + self._most_words, len(words))):
                end = words[last].end()
                for before, after, name in self._edged.get(text[start:end].lower(), ()):
                    begin, finish = start - len(before), end + len(after)
                    if (
                        begin >= 0
                        and text[begin:start].lower() == before
                        and text[end:finish].lower() == after
                        and (not before or begin == 0 or not _WORD.match(text, begin - 1))
                        and (not after or not _WORD.match(text, finish))
                    ):
                        found.append((begin, finish, name))
        return found

    def dependencies(self, name: str, texts: Iterable[str], declared: Iterable[str] = ()) -> list[str]:
        """The sorted names of the services other than ``name`` named in ``texts`` or ``declared``.

        ``declared`` holds service names as written, so only exact names count there.
        """
        found = {service for text in texts for _, _, service in self.find(text)}
        found.update(service for service in declared if service in self._names)
        found.discard(name)
        return sorted(found)


def _merged(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The mentions in order, one that overlaps an earlier (or as early and longer) one left out,
    as one pattern of every spelling would have found them."""
    kept: list[tuple[int, int, str]] = []
    for start, end, name in sorted(spans, key=lambda span: (span[0], -span[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, name))
    return kept


def _alternatives(spellings: frozenset[str]) -> str:
    return "|".join(re.escape(s) for s in sorted(spellings, key=lambda s: (-len(s), s)))


@functools.lru_cache(maxsize=16)
def _compiled(spellings: frozenset[str]) -> re.Pattern[str]:
    # Pages and processes of one build ask for the same services: compile the long pattern once.
    return re.compile(rf"(?<![\w-])(?:{_alternatives(spellings)})(?![\w-])", re.IGNORECASE)
