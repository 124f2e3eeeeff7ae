"""Which services a checklist wants signed off by someone other than their team.

``x-svcready-sign-off`` in a checklist (``sign-off`` in an extension) names the tiers whose
services, and the levels whose services, need a ``service.sign-off``, and the considerations
that need a sign-off of their own (``considerations.<key>.sign-off``) from those same
services. Nothing here imports Sphinx.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sphinx_svcready.core.checklist.tiers import TierId, is_tier_id


class SignOffError(ValueError):
    """The sign-off policy is not shaped as tiers, levels and considerations."""


@dataclass(frozen=True)
class SignOffPolicy:
    tiers: tuple[TierId, ...] = ()
    levels: tuple[str, ...] = ()
    considerations: tuple[str, ...] = ()

    def wanted(self, tier: TierId, level: str | None) -> bool:
        """Whether a service of ``tier`` at ``level`` must be signed off."""
        return tier in self.tiers or (level is not None and level in self.levels)

    @property
    def words(self) -> str:
        """Who must be signed off, as a warning says it."""
        parts = [f"tier {tier}" for tier in self.tiers] + [f"level {level}" for level in self.levels]
        return " and ".join(parts) + " services"


def read_sign_off(value: Any) -> SignOffPolicy | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not set(value) <= {"tiers", "levels", "considerations"}:
        raise SignOffError("must be a mapping with 'tiers', 'levels' and 'considerations'")
    tiers, levels, keys = value.get("tiers", []), value.get("levels", []), value.get("considerations", [])
    if not isinstance(tiers, list) or not all(is_tier_id(tier) for tier in tiers):
        raise SignOffError("'tiers' must be a list of tier ids")
    for name, items in (("levels", levels), ("considerations", keys)):
        if not isinstance(items, list) or not all(isinstance(item, str) and item for item in items):
            raise SignOffError(f"'{name}' must be a list of names")
    if not tiers and not levels:
        raise SignOffError("names no tier and no level, so no service would need a sign-off")
    return SignOffPolicy(tuple(tiers), tuple(levels), tuple(keys))
