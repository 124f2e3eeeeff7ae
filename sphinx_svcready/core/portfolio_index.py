"""Every documented service indexed once by the fields a summary filters on, so that each summary,
matrix, chart or campaign picks its services by lookup instead of scanning the whole portfolio.

A portfolio of thousands of services with dozens of filtered summaries would otherwise cost
services times directives; here it costs one pass to index, then the size of what each filter
picks. Values match without regard to case, as the summary's filters always have. Plain data in,
plain data out; nothing here imports Sphinx.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields

from sphinx_svcready.core.portfolio import Documented

#: What a project's own services are called in a ``:projects:`` filter.
LOCAL_PROJECT = "local"


@dataclass(frozen=True)
class Filters:
    """What one directive asks for: each field a list of values, any of which may match; an empty
    field asks nothing of it. A service must match every field that asks something."""

    owners: tuple[str, ...] = ()
    lifecycles: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    systems: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    services: tuple[str, ...] = ()

    @classmethod
    def of(cls, values: Mapping[str, Iterable[str]]) -> Filters:
        """The filters held in ``values`` (a placeholder node's attributes, say); fields it lacks
        ask nothing."""
        return cls(**{f.name: tuple(values.get(f.name) or ()) for f in fields(cls)})

    def asked(self) -> list[str]:
        """Every value asked for, in field order: what a table's name says it shows."""
        return [value for f in fields(self) for value in getattr(self, f.name)]


def _keys(service: Documented) -> dict[str, str]:
    overview = service.overview
    return {
        "owners": overview.get("owner") or "",
        "lifecycles": overview.get("lifecycle") or "",
        "tiers": str(overview["tier-id"]),
        "systems": overview.get("system") or "",
        "projects": service.project or LOCAL_PROJECT,
        "services": service.name,
    }


class PortfolioIndex:
    """``every`` service (in the order given) and, per filter field, the positions of the services
    holding each value."""

    def __init__(self, every: Sequence[Documented]) -> None:
        self.every = tuple(every)
        self._positions: dict[str, dict[str, list[int]]] = {f.name: {} for f in fields(Filters)}
        for position, service in enumerate(self.every):
            for field_name, value in _keys(service).items():
                self._positions[field_name].setdefault(value.casefold(), []).append(position)

    def select(self, filters: Filters) -> list[Documented]:
        """The services every asked field matches, in the index's order."""
        chosen: set[int] | None = None
        for f in fields(Filters):
            wanted = getattr(filters, f.name)
            if not wanted:
                continue
            held = self._positions[f.name]
            found = {position for value in wanted for position in held.get(value.casefold(), ())}
            chosen = found if chosen is None else chosen & found
            if not chosen:
                return []
        if chosen is None:
            return list(self.every)
        return [self.every[position] for position in sorted(chosen)]
