"""How the generated index groups a portfolio: by which field, into which groups, on which pages.

A theme renders the navigation on every page: with thousands of services in one toctree, every
page carries every service. Grouped, the index lists one page per group and each group's page its
services, so a page's navigation holds the groups and its own group's services. Nothing here
imports Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx_svcready.core.stub_pages import Stub

#: How the index may group services; "auto" is by system where services declare one, else by owner.
GROUPINGS = ("auto", "system", "owner", "lifecycle", "none")
#: What a group is called when its services do not declare the field.
_UNDECLARED = {"system": "No system", "owner": "No owner", "lifecycle": "No lifecycle"}
_SLUG_LENGTH = 60


@dataclass(frozen=True)
class Group:
    """Services that share one value of the grouping field, and the page that lists them."""

    title: str
    #: The page's name inside the folder, such as ``by-system/payments``.
    page: str
    stubs: tuple[Stub, ...]


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


def _slug(text: str) -> str:
    """A page name for a group: its name in lower case, every run of other characters a hyphen."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:_SLUG_LENGTH].strip("-")
    return slug or "group"
