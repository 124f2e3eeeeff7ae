"""Trends from a history document (history.py): how ready the portfolio, or one service, was at
each point, and the reading of a history file, checked against its schema before anything of it
is used."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from sphinx_svcready.core.checklist.packaged import shipped_schema
from sphinx_svcready.core.reading.bounded_json import JsonError, parse_json
from sphinx_svcready.core.reading.files import FileRefused, read_regular
from sphinx_svcready.core.text import printable

#: The largest history file read.
MAX_HISTORY_BYTES = 64 * 1024 * 1024


class UnusableHistory(ValueError):
    """A history file that cannot be read, or is not a history; the message says why."""


@dataclass(frozen=True)
class TrendPoint:
    """The portfolio, or one service, at one point of the history."""

    at: str
    services: int
    ready: int
    #: Considerations answered or not applicable, of all the services' considerations.
    settled: int
    considerations: int
    #: ``{level: services}``; "" for the services below every level.
    levels: Mapping[str, int] = field(default_factory=dict)
    #: The keys of the considerations unanswered (one service's trend only).
    unanswered: tuple[str, ...] = ()

    @property
    def share(self) -> float:
        """The answered share, 0 to 1."""
        return self.settled / self.considerations if self.considerations else 0.0


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(shipped_schema("svcready-history.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def read_history(path: str | Path, max_bytes: int = MAX_HISTORY_BYTES) -> dict[str, Any]:
    """The history document in the file at ``path``, valid against its schema."""
    try:
        text = read_regular(Path(path), max_bytes, kind="history file")
    except FileRefused as error:
        raise UnusableHistory(error.reason) from None
    try:
        document = parse_json(text)
    except JsonError as error:
        raise UnusableHistory(f"is not usable: {error}") from None
    if not isinstance(document, dict) or document.get("format") != "svcready-history":
        raise UnusableHistory("is not a svcready history (its 'format' is not 'svcready-history')")
    # The first error in document order, so the message points at the first place to fix.
    errors = sorted(_validator().iter_errors(document), key=lambda e: [str(part) for part in e.absolute_path])
    if errors:
        where = "/".join(str(part) for part in errors[0].absolute_path) or "the document"
        message = printable(errors[0].message, 200)
        raise UnusableHistory(f"is not a valid history at {printable(where, 120)}: {message}")
    return document


def portfolio_trend(document: Mapping[str, Any]) -> list[TrendPoint]:
    """Every point of the history, over all its services."""
    return [_point(point["at"], point["services"]) for point in document["points"]]


def service_trend(document: Mapping[str, Any], name: str) -> list[TrendPoint]:
    """The points at which the service named ``name`` existed, over it alone."""
    trend = []
    for point in document["points"]:
        services = [service for service in point["services"] if service["name"] == name]
        if services:
            unanswered = tuple(key for service in services for key in service["unanswered"])
            trend.append(_point(point["at"], services, unanswered))
    return trend


def service_names(document: Mapping[str, Any]) -> list[str]:
    return sorted({service["name"] for point in document["points"] for service in point["services"]})


def levels(document: Mapping[str, Any]) -> tuple[str, ...]:
    """The checklist's levels, lowest first, as the history names them."""
    return tuple(document["checklist"].get("levels") or ())


def _point(at: str, services: Sequence[Mapping[str, Any]], unanswered: tuple[str, ...] = ()) -> TrendPoint:
    counts = [service["counts"] for service in services]
    return TrendPoint(
        at=at,
        services=len(services),
        ready=sum(bool(service["ready"]) for service in services),
        settled=sum(c["answered"] + c["not-applicable"] for c in counts),
        considerations=sum(c["considerations"] for c in counts),
        levels=dict(Counter(service.get("level") or "" for service in services if "level" in service)),
        unanswered=unanswered,
    )
