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


class MentionFinder:
    """Finds any service's name or title in a text, as whole words, longest spelling first."""

    def __init__(self, services: Mapping[str, str]) -> None:
        """``services`` maps each service name to its title."""
        self._by_spelling = {
            spelling.casefold(): name
            for name, title in services.items()
            for spelling in (title, name)
            if spelling
        }
        self._pattern = _compiled(frozenset(self._by_spelling)) if self._by_spelling else None
        self._names = frozenset(services)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, service name)`` for every service named in ``text``."""
        if self._pattern is None:
            return []
        return [
            (match.start(), match.end(), self._by_spelling[match.group(0).casefold()])
            for match in self._pattern.finditer(text)
        ]

    def dependencies(self, name: str, texts: Iterable[str], declared: Iterable[str] = ()) -> list[str]:
        """The sorted names of the services other than ``name`` named in ``texts`` or ``declared``.

        ``declared`` holds service names as written, so only exact names count there.
        """
        found = {service for text in texts for _, _, service in self.find(text)}
        found.update(service for service in declared if service in self._names)
        found.discard(name)
        return sorted(found)


@functools.lru_cache(maxsize=16)
def _compiled(spellings: frozenset[str]) -> re.Pattern[str]:
    # Pages and processes of one build ask for the same services: compile the long pattern once.
    alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=lambda s: (-len(s), s)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
