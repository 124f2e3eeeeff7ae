"""Find the documented services that an answer names, by name or by title.

Used for the answers the schema marks with ``x-svcready-links-services`` (which other services a
service calls): the page links each mention, the summary and the export list the dependencies.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping


def mention_pattern(services: Mapping[str, str]) -> re.Pattern[str] | None:
    """A pattern matching any service's name or title as whole words, longest first.

    ``services`` maps each service name to its title.
    """
    spellings = {
        spelling.casefold() for name, title in services.items() for spelling in (name, title) if spelling
    }
    return _compiled(frozenset(spellings)) if spellings else None


@functools.lru_cache(maxsize=64)
def _compiled(spellings: frozenset[str]) -> re.Pattern[str]:
    # Every page of a build asks for the same services: compile the (long) pattern once.
    alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=lambda s: (-len(s), s)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def mentions(
    text: str, services: Mapping[str, str], pattern: re.Pattern[str] | None = None
) -> list[tuple[int, int, str]]:
    """``(start, end, service name)`` for every service named in ``text``."""
    pattern = pattern if pattern is not None else mention_pattern(services)
    if pattern is None:
        return []
    by_spelling = {
        spelling.casefold(): name
        for name, title in services.items()
        for spelling in (title, name)
        if spelling
    }
    return [
        (match.start(), match.end(), by_spelling[match.group(0).casefold()])
        for match in pattern.finditer(text)
    ]


def dependencies(name: str, texts: Iterable[str], services: Mapping[str, str]) -> list[str]:
    """The sorted names of the other services named in ``texts``."""
    pattern = mention_pattern(services)
    found = {service for text in texts for _, _, service in mentions(text, services, pattern)}
    found.discard(name)
    return sorted(found)
