"""How the generated index groups a portfolio: by which field, into which groups, on which pages.

A theme renders the navigation on every page: with thousands of services in one toctree, every
page carries every service. Grouped, the index lists one page per group and each group's page its
services, so a page's navigation holds the groups and its own group's services. Past
:data:`MOST_AT_THE_TOP` groups, the index lists shelves instead (each a page holding a run of
groups in name order, about the square root of their number on each), so that the top of the
navigation, which every page shows, stays short however many groups there are. Nothing here
imports Sphinx.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from sphinx_svcready.core.stub_pages import Stub

T = TypeVar("T")

#: How the index may group services; "auto" is by system where services declare one, else by owner.
GROUPINGS = ("auto", "system", "owner", "lifecycle", "none")
#: What a group is called when its services do not declare the field.
_UNDECLARED = {"system": "No system", "owner": "No owner", "lifecycle": "No lifecycle"}
_SLUG_LENGTH = 60
#: The most groups the index lists itself; more go on shelves. A sidebar of 30 entries still
#: reads at a glance, and resolving it is a small part of writing a page.
MOST_AT_THE_TOP = 30


@dataclass(frozen=True)
class Group:
    """Services that share one value of the grouping field, and the page that lists them."""

    title: str
    #: The page's name inside the folder, such as ``by-system/payments``.
    page: str
    stubs: tuple[Stub, ...]

    @property
    def slug(self) -> str:
        """The page's name inside its group folder, such as ``payments``."""
        return self.page.rsplit("/", 1)[1]


@dataclass(frozen=True)
class Shelf:
    """A run of groups, in name order, and the page between the index and theirs, titled by the
    first and the last group's names."""

    #: The page's name inside the folder, such as ``by-system/billing--catalog``: the first and
    #: the last group's names, joined by two hyphens, which no group's name holds.
    page: str
    groups: tuple[Group, ...]

    @property
    def stubs(self) -> tuple[Stub, ...]:
        return tuple(stub for group in self.groups for stub in group.stubs)


def grouping(stubs: list[Stub], by: str) -> str | None:
    """The field the index groups ``stubs`` by, or ``None`` for one flat list: with "auto", the
    system if any service declares one, else the owner; never one group alone, which would only
    add a page between the index and the services."""
    if by == "none":
        return None
    if by == "auto":
        by = "system" if any(stub.system for stub in stubs) else "owner"
    keys = {getattr(stub, by).casefold() for stub in stubs}
    return by if len(keys) > 1 else None


def groups(stubs: list[Stub], by: str) -> list[Group]:
    """``stubs`` by their ``by`` field, the names in order and the services that declare none last;
    values that differ only in case are one group, under the spelling of its first service."""
    found: dict[str, list[Stub]] = {}
    for stub in sorted(stubs, key=lambda s: s.name):
        found.setdefault(getattr(stub, by).casefold(), []).append(stub)
    ordered = sorted(found.items(), key=lambda item: (item[0] == "", item[0]))
    made, taken = [], set()
    for key, members in ordered:
        title = getattr(members[0], by) if key else _UNDECLARED[by]
        slug = _slug(title)
        number = 1
        while slug in taken:
            number += 1
            slug = f"{_slug(title)}-{number}"
        taken.add(slug)
        made.append(Group(title, f"by-{by}/{slug}", tuple(members)))
    return made


def shelves(made: list[Group]) -> list[Shelf] | None:
    """The groups ``made`` on shelves (:func:`shelf_runs`), or ``None`` when the index can list
    them all itself."""
    runs = shelf_runs(made)
    return [_shelf(run) for run in runs] if runs else None


def shelf_runs(entries: Sequence[T]) -> list[list[T]] | None:
    """``entries`` in runs, one per shelf, or ``None`` for :data:`MOST_AT_THE_TOP` or fewer: as
    many runs as the square root of their number (rounded up), the entries shared out evenly
    between them in order, so that the index and each shelf list about as many entries."""
    if len(entries) <= MOST_AT_THE_TOP:
        return None
    count = math.ceil(math.sqrt(len(entries)))
    size, longer = divmod(len(entries), count)
    runs, start = [], 0
    for number in range(count):
        end = start + size + (1 if number < longer else 0)
        runs.append(list(entries[start:end]))
        start = end
    return runs


def _shelf(run: list[Group]) -> Shelf:
    folder = run[0].page.rsplit("/", 1)[0]
    return Shelf(f"{folder}/{run[0].slug}--{run[-1].slug}", tuple(run))


def _slug(text: str) -> str:
    """A page name for a group: its name in lower case, every run of other characters a hyphen."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:_SLUG_LENGTH].strip("-")
    return slug or "group"
