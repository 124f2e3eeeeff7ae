"""When a consideration or a question applies: conditions on the service's metadata or answers.

A checklist fragment may carry ``x-svcready-applies-when``, a mapping of subjects to tests, every
one of which must hold::

    {"runtime.http": {"is": true}, "service.datastores": {"not-empty": true}}

A subject is ``service.<field>`` (a metadata field; ``service.tier`` is the service's tier, the
first declared one when it names none) or ``<consideration>.<question>`` (an answer). A test is
``is`` (equals), ``in`` (one of a list) or ``not-empty`` (a list or text with something in it).
An answer not given yet, or given as not applicable or waived, is unknown: the condition does not
rule the question out, so nothing is skipped on a guess. Nothing here imports Sphinx.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

TESTS = ("is", "in", "not-empty")
SERVICE = "service"


class ConditionError(ValueError):
    """A condition is not a mapping of subjects to one test each."""


@dataclass(frozen=True)
class Condition:
    #: ``service.<field>`` or ``<consideration>.<question>``.
    subject: str
    test: str
    value: Any = None

    @property
    def on_service(self) -> bool:
        return self.subject.startswith(SERVICE + ".")

    @property
    def words(self) -> str:
        """The condition as the page and the command say it: ``runtime.http is yes``."""
        if self.test == "not-empty":
            return f"{self.subject} is given"
        if self.test == "in":
            return f"{self.subject} is one of {', '.join(_word(item) for item in self.value)}"
        return f"{self.subject} is {_word(self.value)}"

    def names_one_of(self, fields: Collection[str], questions: Collection[str]) -> bool:
        """Whether the subject is one of the service ``fields`` or the ``questions``
        (``consideration.question``) of the checklist."""
        if self.on_service:
            return self.subject.partition(".")[2] in fields
        return self.subject in questions

    def holds(self, value: Any) -> bool:
        """Whether a known ``value`` of the subject passes the test."""
        if self.test == "not-empty":
            return bool(value.strip()) if isinstance(value, str) else bool(value)
        if self.test == "in":
            return any(_same(value, item) for item in self.value)
        return _same(value, self.value)


def read_conditions(value: Any) -> tuple[Condition, ...]:
    """The conditions of ``x-svcready-applies-when`` (in its order)."""
    if not isinstance(value, dict) or not value:
        raise ConditionError("must map each subject ('service.lifecycle', 'runtime.http') to a test")
    conditions = []
    for subject, test in value.items():
        parts = subject.split(".")
        if len(parts) != 2 or not all(parts):
            raise ConditionError(
                f"{subject!r} is not a subject: write service.<field> or <consideration>.<question>"
            )
        if not isinstance(test, dict) or len(test) != 1 or next(iter(test)) not in TESTS:
            raise ConditionError(f"{subject}: write one test, 'is', 'in' or 'not-empty'")
        name, expected = next(iter(test.items()))
        if name == "in" and (not isinstance(expected, list) or not expected):
            raise ConditionError(f"{subject}: 'in' takes a list of values")
        if name == "not-empty" and expected is not True:
            raise ConditionError(f"{subject}: write 'not-empty': true")
        conditions.append(Condition(subject, name, expected))
    return tuple(conditions)


def unmet(conditions: tuple[Condition, ...], lookup: Callable[[Condition], tuple[bool, Any]]) -> str | None:
    """Why the conditions rule a question out, or ``None`` when it applies (or may apply).

    ``lookup`` gives (known, value) of a condition's subject.
    """
    failed = []
    for condition in conditions:
        known, value = lookup(condition)
        if known and not condition.holds(value):
            failed.append(condition)
    return applies_only_when(tuple(failed)) if failed else None


def applies_only_when(conditions: tuple[Condition, ...]) -> str:
    """``applies only when runtime.http is yes and service.datastores is given``."""
    return "applies only when " + " and ".join(condition.words for condition in conditions)


def _same(value: Any, expected: Any) -> bool:
    if isinstance(value, str) and isinstance(expected, str):
        return value.strip().casefold() == expected.strip().casefold()
    return type(value) is type(expected) and value == expected


def _word(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)
