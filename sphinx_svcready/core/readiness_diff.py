"""What a change does to readiness: two sets of export records compared, service by service.

The base and the head are records as the export writes them (``svcready.json``, or the files of a
git revision judged again). For each service: added or removed, ready and level before and after,
the considerations newly unanswered and newly answered, waivers added, now expiring or expired,
and answers whose evidence changed. A service is *less ready* when it stopped being ready, its
level fell, a consideration became unanswered or the repository newly contradicts an answer; it
is *more ready* when it got better in one of those ways and worse in none. Everything is in a
fixed order, so the same two inputs give the same bytes. Nothing here imports Sphinx.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

DIFF_FORMAT = "svcready-diff"
DIFF_VERSION = "1.0"

LESS, MORE, SAME = "less", "more", "same"
ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class ServiceChange:
    name: str
    title: str
    #: ``added``, ``removed`` or ``changed`` (only services that changed are listed).
    status: str
    #: ``less``, ``more`` or ``same`` ready (``same`` for an added or removed service).
    direction: str
    ready_before: bool | None
    ready_after: bool | None
    level_before: str | None = None
    level_after: str | None = None
    #: (key, title) of the considerations newly unanswered, and newly answered.
    newly_unanswered: tuple[tuple[str, str], ...] = ()
    newly_answered: tuple[tuple[str, str], ...] = ()
    #: ``consideration.question until YYYY-MM-DD`` of the waivers added, now expiring, now expired.
    waivers_added: tuple[str, ...] = ()
    waivers_expiring: tuple[str, ...] = ()
    waivers_expired: tuple[str, ...] = ()
    #: ``consideration.question: verified → contradicted`` for each answer whose evidence changed.
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReadinessDiff:
    changes: tuple[ServiceChange, ...]
    levels: tuple[str, ...] = field(default=())

    def count(self, *, direction: str | None = None, status: str | None = None) -> int:
        return sum(
            1
            for change in self.changes
            if (direction is None or change.direction == direction)
            and (status is None or change.status == status)
        )

    @property
    def regressions(self) -> int:
        return self.count(direction=LESS)

    @property
    def headline(self) -> str:
        """``2 services less ready, 1 more ready, 1 added``, or that nothing changed."""
        counts = [
            (self.count(direction=LESS), "less ready"),
            (self.count(direction=MORE), "more ready"),
            (self.count(status=ADDED), "added"),
            (self.count(status=REMOVED), "removed"),
        ]
        said = [(count, what) for count, what in counts if count]
        if not said:
            return "No service changed its readiness"
        # Only the first part names the unit: "2 services less ready, 1 more ready".
        first, *rest = said
        unit = "service" if first[0] == 1 else "services"
        return ", ".join([f"{first[0]} {unit} {first[1]}", *(f"{count} {what}" for count, what in rest)])

    def as_record(self) -> dict[str, Any]:
        return {
            "format": DIFF_FORMAT,
            "version": DIFF_VERSION,
            "headline": self.headline,
            "regressions": self.regressions,
            "services": [asdict(change) for change in self.changes],
        }


def compare(
    base: Iterable[Mapping[str, Any]], head: Iterable[Mapping[str, Any]], levels: Sequence[str] = ()
) -> ReadinessDiff:
    """How readiness changed from the ``base`` records to the ``head`` records, by service name;
    ``levels`` (lowest first) tells a level that fell from one that rose."""
    before, after = _by_name(base), _by_name(head)
    changes = []
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old is None and new is not None:
            changes.append(_edge(new, ADDED, None, new.get("ready")))
        elif new is None and old is not None:
            changes.append(_edge(old, REMOVED, old.get("ready"), None))
        elif old is not None and new is not None:
            change = _changed(old, new, tuple(levels))
            if change is not None:
                changes.append(change)
    return ReadinessDiff(tuple(changes), tuple(levels))


def _by_name(records: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    found: dict[str, Mapping[str, Any]] = {}
    for record in records:
        found.setdefault(str(record.get("name")), record)
    return found


def _edge(record: Mapping[str, Any], status: str, ready_before: Any, ready_after: Any) -> ServiceChange:
    return ServiceChange(
        name=str(record.get("name")),
        title=str(record.get("title") or record.get("name")),
        status=status,
        direction=SAME,
        ready_before=ready_before,
        ready_after=ready_after,
        level_before=record.get("level") if status == REMOVED else None,
        level_after=record.get("level") if status == ADDED else None,
    )


def _states(record: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    return {
        str(c["key"]): (str(c.get("title", c["key"])), str(c.get("state")))
        for c in record.get("considerations", [])
    }


def _questions(record: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {
        f"{c['key']}.{q['key']}": q for c in record.get("considerations", []) for q in c.get("questions", [])
    }


def _outcome(question: Mapping[str, Any] | None) -> str | None:
    outcomes = {item.get("outcome") for item in (question or {}).get("evidence", [])}
    for outcome in ("contradicted", "verified"):
        if outcome in outcomes:
            return outcome
    return None


def _changed(old: Mapping[str, Any], new: Mapping[str, Any], levels: tuple[str, ...]) -> ServiceChange | None:
    before, after = _states(old), _states(new)
    newly_unanswered = tuple(
        (key, title)
        for key, (title, state) in after.items()
        if state == "unanswered" and before.get(key, ("", ""))[1] != "unanswered"
    )
    newly_answered = tuple(
        (key, title)
        for key, (title, state) in after.items()
        if state != "unanswered" and before.get(key, ("", ""))[1] == "unanswered"
    )
    old_questions, new_questions = _questions(old), _questions(new)
    added, expiring, expired, evidence = [], [], [], []
    for key, question in new_questions.items():
        waiver, was = question.get("waiver"), (old_questions.get(key) or {}).get("waiver")
        if waiver:
            said = f"{key} until {waiver.get('until')}"
            if not was:
                added.append(said)
            if waiver.get("expiring") and not (was or {}).get("expiring"):
                expiring.append(said)
            if waiver.get("expired") and not (was or {}).get("expired"):
                expired.append(said)
        outcome, previous = _outcome(question), _outcome(old_questions.get(key))
        if outcome != previous:
            evidence.append(f"{key}: {previous or 'none'} → {outcome or 'none'}")
    level_before, level_after = old.get("level"), new.get("level")
    fell = rose = False
    if level_before != level_after and levels:
        rank_before = levels.index(level_before) + 1 if level_before in levels else 0
        rank_after = levels.index(level_after) + 1 if level_after in levels else 0
        fell, rose = rank_after < rank_before, rank_after > rank_before
    ready_before, ready_after = old.get("ready"), new.get("ready")
    newly_contradicted = any(item.endswith("→ contradicted") for item in evidence)
    resolved = any(item.split(": ", 1)[1].startswith("contradicted") for item in evidence)
    worse = (ready_before and not ready_after) or fell or bool(newly_unanswered) or newly_contradicted
    better = (ready_after and not ready_before) or rose or bool(newly_answered) or resolved
    change = ServiceChange(
        name=str(new.get("name")),
        title=str(new.get("title") or new.get("name")),
        status=CHANGED,
        direction=LESS if worse else MORE if better else SAME,
        ready_before=ready_before,
        ready_after=ready_after,
        level_before=level_before,
        level_after=level_after,
        newly_unanswered=newly_unanswered,
        newly_answered=newly_answered,
        waivers_added=tuple(added),
        waivers_expiring=tuple(expiring),
        waivers_expired=tuple(expired),
        evidence=tuple(evidence),
    )
    quiet = (
        ready_before == ready_after
        and level_before == level_after
        and not (newly_unanswered or newly_answered or added or expiring or expired or evidence)
    )
    return None if quiet else change
