"""The service tiers a checklist declares: how critical a service is, and so what it is asked.

A checklist lists its tiers, most critical first, in ``x-svcready-service-tiers``: an id each
(what ``service.tier`` says: a number or a word), a name and a description. A question's
``x-svcready-tiers`` names the tiers that must answer it. A service that names no tier is of
the first. A checklist that declares none takes any positive whole number, unnamed, as before.
Nothing here imports Sphinx.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: What ``service.tier`` holds: a declared tier's id.
TierId = int | str


class TierError(ValueError):
    """The tiers are not declared as a list of distinct ids with names, or a tier list names
    a tier that is not declared."""


@dataclass(frozen=True)
class Tier:
    id: TierId
    name: str
    description: str = ""

    @property
    def label(self) -> str:
        """``Tier A (Business critical)``, or ``Tier 2`` for an unnamed tier."""
        return f"Tier {self.words[5:]}"

    @property
    def words(self) -> str:
        """``tier A (Business critical)``, as a sentence says it."""
        return f"tier {self.id} ({self.name})" if self.name else f"tier {self.id}"


def is_tier_id(value: Any) -> bool:
    """A value that can name a tier: a whole number of 1 or more, or a word."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value > 0
    return isinstance(value, str) and bool(value.strip()) and len(value) <= 64


def read_tiers(value: Any) -> tuple[Tier, ...]:
    """The declared tiers (``x-svcready-service-tiers``), most critical first."""
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        raise TierError("must be a list of tiers, most critical first")
    tiers = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or not is_tier_id(item.get("id")):
            raise TierError(f"item {index + 1} needs an 'id': a whole number of 1 or more, or a word")
        name, description = item.get("name", ""), item.get("description", "")
        if not isinstance(name, str) or not isinstance(description, str):
            raise TierError(f"item {index + 1}: 'name' and 'description' must be text")
        tiers.append(Tier(item["id"], name.strip(), description.strip()))
    ids = [tier.id for tier in tiers]
    if len(set(ids)) != len(ids):
        raise TierError("names a tier id twice")
    return tuple(tiers)


def read_tier_list(value: Any, declared: Sequence[Tier]) -> tuple[TierId, ...]:
    """A question's or consideration's ``x-svcready-tiers``: declared ids, in the declared order."""
    if not isinstance(value, list) or not value or not all(is_tier_id(item) for item in value):
        raise TierError("must be a list of tier ids, such as [1, 2]")
    if not declared:
        if not all(isinstance(item, int) for item in value):
            raise TierError("must be a list of tier numbers (1, 2, ...): the checklist names no tiers")
        return tuple(sorted(set(value)))
    known = [tier.id for tier in declared]
    unknown = [item for item in value if item not in known]
    if unknown:
        raise TierError(
            f"names {', '.join(map(repr, unknown))}, not one of the declared tiers "
            f"{', '.join(map(repr, known))}"
        )
    return tuple(tier for tier in known if tier in value)


def default_tier(declared: Sequence[Tier]) -> TierId:
    """The tier of a service that names none: the most critical one, asked everything."""
    return declared[0].id if declared else 1


def tier_named(tier: TierId, declared: Sequence[Tier]) -> Tier:
    """The declared tier ``tier``, or an unnamed one."""
    for each in declared:
        if each.id == tier:
            return each
    return Tier(tier, "")
