"""Roll-ups of the portfolio: services grouped by owner, lifecycle, tier or system, and the figures
the charts draw: how many services reached each level, and how often each consideration is answered.

Plain data in, plain data out, from the records the summary reads (:class:`portfolio.Documented`),
so the summary, the matrix and the charts count the same services the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sphinx_svcready.core.model import AnswerState
from sphinx_svcready.core.portfolio import Documented

#: What a summary or matrix may group by: the overview field of each.
GROUP_KEYS = ("owner", "lifecycle", "tier", "system")

#: How many of a group's most often unanswered considerations its roll-up names.
MOST_UNANSWERED = 3


@dataclass(frozen=True)
class LevelCount:
    """How many services reached ``level``; ``level`` is "" for those below the lowest."""

    level: str
    services: int


@dataclass(frozen=True)
class Unanswered:
    """A consideration and how many of a group's services leave it unanswered."""

    key: str
    title: str
    services: int


@dataclass(frozen=True)
class Group:
    """The services that share one value of the grouping field ("" when they have none)."""

    name: str
    services: tuple[Documented, ...]
    ready: int
    #: Highest level first, then the services below every level; empty when no service is leveled.
    levels: tuple[LevelCount, ...]
    most_unanswered: tuple[Unanswered, ...]


@dataclass(frozen=True)
class ConsiderationShare:
    """One consideration across services: how many are in each state, and how many have it at all."""

    key: str
    title: str
    states: dict[AnswerState, int]

    @property
    def asked(self) -> int:
        return sum(self.states.values())

    @property
    def settled(self) -> int:
        """Answered or not applicable: the answers that need nothing more."""
        return self.states[AnswerState.ANSWERED] + self.states[AnswerState.NOT_APPLICABLE]


def group_name(service: Documented, key: str) -> str:
    value = service.overview.get(key)
    return str(value) if value else ""


def grouped(services: Sequence[Documented], key: str, levels: Sequence[str]) -> list[Group]:
    """``services`` by their ``key`` field, in the order of the names, the services with no value
    last; within a group, services keep the order they came in. Names that differ only in case are
    one group, as the summary's filters take them, under the spelling met first."""
    if key not in GROUP_KEYS:
        raise ValueError(f"cannot group by {key!r}: choose one of {', '.join(GROUP_KEYS)}")
    members: dict[str, list[Documented]] = {}
    spelling: dict[str, str] = {}
    for service in services:
        name = group_name(service, key)
        members.setdefault(name.casefold(), []).append(service)
        spelling.setdefault(name.casefold(), name)
    folded = sorted(members, key=lambda name: (name == "", name))
    return [_group(spelling[name], members[name], levels) for name in folded]


def _group(name: str, services: list[Documented], levels: Sequence[str]) -> Group:
    return Group(
        name=name,
        services=tuple(services),
        ready=sum(bool(service.overview.get("ready")) for service in services),
        levels=tuple(level_distribution(services, levels)),
        most_unanswered=tuple(most_unanswered(services)),
    )


def level_distribution(services: Sequence[Documented], levels: Sequence[str]) -> list[LevelCount]:
    """How many services reached each level, highest first, then how many reached none; empty when
    none of the services is judged by levels. A level a remote project names but this checklist
    does not comes after the checklist's."""
    leveled = [service for service in services if service.overview.get("leveled")]
    if not leveled:
        return []
    reached = Counter(service.overview.get("level") or "" for service in leveled)
    known = list(reversed(levels))
    others = sorted(level for level in reached if level and level not in levels)
    return [LevelCount(level, reached[level]) for level in [*known, *others, ""]]


def most_unanswered(services: Sequence[Documented], limit: int = MOST_UNANSWERED) -> list[Unanswered]:
    """The considerations the most services leave unanswered, most first; ties in the order the
    services' pages list them."""
    counts: Counter[str] = Counter()
    titles: dict[str, str] = {}
    for service in services:
        for key, title in service.overview.get("unanswered", []):
            counts[key] += 1
            titles.setdefault(key, title)
    order = {key: index for index, key in enumerate(titles)}
    ranked = sorted(counts, key=lambda key: (-counts[key], order[key]))
    return [Unanswered(key, titles[key], counts[key]) for key in ranked[:limit]]


def consideration_shares(
    services: Sequence[Documented], columns: Sequence[tuple[str, str]]
) -> list[ConsiderationShare]:
    """For each ``(key, title)`` of ``columns``: how many of ``services`` have it in each state.
    A service that does not have the consideration (a remote project's other checklist) is not
    counted for it."""
    shares = []
    for key, title in columns:
        states = dict.fromkeys(AnswerState, 0)
        for service in services:
            written = service.overview.get("states", {}).get(key)
            if written is not None:
                states[AnswerState(written)] += 1
        shares.append(ConsiderationShare(key, title, states))
    return shares
