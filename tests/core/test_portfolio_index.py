"""The index the portfolio directives pick their services from: every field a filter asks must
match, any of its values may, case aside."""

from __future__ import annotations

from sphinx_svcready.core.portfolio import Documented
from sphinx_svcready.core.portfolio_index import Filters, PortfolioIndex


def service(
    name: str, owner: str, lifecycle: str, tier: int, system: str | None, project: str | None = None
) -> Documented:
    overview = {"owner": owner, "lifecycle": lifecycle, "tier-id": tier, "system": system}
    return Documented(name, "", name, name, {}, overview, "{}", project=project)


EVERY = [
    service("a", "Team A", "production", 1, "pay"),
    service("b", "Team B", "production", 2, "pay"),
    service("c", "team a", "deprecated", 1, None),
    service("d", "Team A", "production", 1, "search", project="shop"),
]


def names(filters: Filters) -> list[str]:
    return [s.name for s in PortfolioIndex(EVERY).select(filters)]


def test_no_filter_is_every_service_in_order() -> None:
    assert names(Filters()) == ["a", "b", "c", "d"]


def test_each_field_narrows_and_its_values_widen() -> None:
    assert names(Filters(owners=("TEAM A",))) == ["a", "c", "d"]
    assert names(Filters(owners=("team a",), lifecycles=("production",))) == ["a", "d"]
    assert names(Filters(tiers=("2", "1"), systems=("Pay",))) == ["a", "b"]
    assert names(Filters(projects=("local",))) == ["a", "b", "c"]
    assert names(Filters(projects=("shop",), owners=("Team A",))) == ["d"]
    assert names(Filters(services=("c", "b", "zzz"))) == ["b", "c"]
    assert names(Filters(owners=("Team B",), lifecycles=("deprecated",))) == []


def test_the_values_asked_name_a_table() -> None:
    assert Filters.of({"owners": ["A"], "tiers": ["1"], "other": ["x"]}).asked() == ["A", "1"]
