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
    thousands made every answer a scan of every name. A spelling that does not start and end with
    a word (".NET gateway") is found by such a pattern, of those spellings alone.
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
        elsewhere = set()
        self._most_words = 0
        for spelling, name in self._by_spelling.items():
            words = _WORD.findall(spelling)
            if words and spelling.startswith(words[0]) and spelling.endswith(words[-1]):
                # Matched as the pattern matched it: without regard to case, letter by letter.
                self._whole.setdefault(spelling.lower(), name)
                self._most_words = max(self._most_words, len(words))
            else:
                elsewhere.add(spelling)
        self._elsewhere = _compiled(frozenset(elsewhere)) if elsewhere else None
        self._names = frozenset(services)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, service name)`` for every service named in ``text``, left to right, none
        overlapping another."""
        found: list[tuple[int, int, str]] = []
        if self._whole:
            words = list(_WORD.finditer(text))
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
                        taken = end
                        break
        if self._elsewhere is not None:
            spans = [
                (m.start(), m.end(), self._by_spelling[m.group(0).casefold()])
                for m in self._elsewhere.finditer(text)
            ]
            found = _merged(found, spans)
        return found

    def dependencies(self, name: str, texts: Iterable[str], declared: Iterable[str] = ()) -> list[str]:
        """The sorted names of the services other than ``name`` named in ``texts`` or ``declared``.

        ``declared`` holds service names as written, so only exact names count there.
        """
        found = {service for text in texts for _, _, service in self.find(text)}
        found.update(service for service in declared if service in self._names)
        found.discard(name)
        return sorted(found)


def _merged(
    first: list[tuple[int, int, str]], second: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Both lists of mentions in order, one that overlaps an earlier (or as early and longer) one
    left out, as one pattern of every spelling would have found them."""
    kept: list[tuple[int, int, str]] = []
    for start, end, name in sorted(first + second, key=lambda span: (span[0], -span[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, name))
    return kept


def _alternatives(spellings: frozenset[str]) -> str:
    return "|".join(re.escape(s) for s in sorted(spellings, key=lambda s: (-len(s), s)))


@functools.lru_cache(maxsize=16)
def _compiled(spellings: frozenset[str]) -> re.Pattern[str]:
    # Pages and processes of one build ask for the same services: compile the long pattern once.
    return re.compile(rf"(?<![\w-])(?:{_alternatives(spellings)})(?![\w-])", re.IGNORECASE)
