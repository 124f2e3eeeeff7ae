"""Result objects shared by the core, the Sphinx directive and the command line.

Everything here is plain data: it can be pickled into the Sphinx environment, compared in tests
and turned into JSON without knowing where it came from.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from sphinx_svcready.core.checklist.tiers import Tier, TierId

#: A location inside a loaded document: mapping keys and list indexes from the root.
DataPath = tuple[str | int, ...]


class AnswerState(enum.StrEnum):
    """The four states every question is in."""

    ANSWERED = "answered"
    NOT_APPLICABLE = "not-applicable"
    WAIVED = "waived"
    UNANSWERED = "unanswered"

    @property
    def label(self) -> str:
        """The words shown to readers."""
        return self.value.replace("-", " ")


@dataclass(frozen=True)
class Problem:
    """One thing a user must fix, located at a line of the file (or of the directive)."""

    subtype: str
    message: str
    line: int | None = None
    #: The file the line is in, when it is not the ``service.yaml`` (a Backstage catalog file).
    source: str | None = None
    #: False when the service's lifecycle is not gated (``svcready_gate``): the problem is shown
    #: and keeps the service from being ready, but does not fail the build or the command.
    blocking: bool = True

    @property
    def order(self) -> tuple[str, int]:
        """Problems of the ``service.yaml`` first, then those of other files, each by line."""
        return (self.source or "", self.line or 0)


@dataclass(frozen=True)
class Origin:
    """Where a value that was not written in the ``service.yaml`` was read from."""

    source: str
    line: int | None
    #: The value's name in that file, such as ``spec.owner``.
    label: str


@dataclass(frozen=True)
class CatalogLink:
    """The Backstage catalog file a service's metadata was read from, and its entity."""

    source: str
    #: The Component's entity ref, ``component:<namespace>/<name>``, when it has a name.
    entity: str | None
    #: The Component's ``metadata.links``: (title, http(s) address) pairs, in its order.
    links: tuple[tuple[str, str], ...] = ()
    #: The Component's ``metadata.annotations`` whose values are text: (key, value) pairs.
    annotations: tuple[tuple[str, str], ...] = ()
    #: Where each annotation is written in the catalog file.
    annotation_lines: tuple[tuple[str, int | None], ...] = ()


@dataclass(frozen=True)
class Waiver:
    """Permission to leave a question unanswered until a date."""

    reason: str
    approved_by: str
    until: str
    expired: bool = False
    #: Days left to ``until`` when it is that close (``svcready_waiver_warn_days``): pages flag
    #: it. ``None`` when it is further off, or expired.
    days_left: int | None = None

    @property
    def expiring(self) -> bool:
        return self.days_left is not None


@dataclass(frozen=True)
class SignOff:
    """Someone other than the team reviewed the answers: who, on which day, and what."""

    by: str
    on: str
    note: str | None = None


class Outcome(enum.StrEnum):
    """What one evidence probe says about one answer."""

    VERIFIED = "verified"
    CONTRADICTED = "contradicted"
    #: The question is unanswered and the probe found what would answer it.
    SUGGESTS = "suggests"
    #: The probe found nothing that bears on the answer.
    NONE = "none"


@dataclass(frozen=True)
class Evidence:
    """One probe's result for one question, as every output shows it."""

    #: The probe's kind (``file``, ``match``, ``value``).
    probe: str
    outcome: Outcome
    #: What was found ("LICENSE"), or what was looked for and not found, in words.
    says: str
    #: The answer the finding implies (a yes/no, or the value found), when it implies one.
    implies: str | bool | None = None
    #: Where in the repository, as a repository-relative path and a line.
    path: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class EvidenceLink:
    """A link a team gives as evidence for an answer: a dashboard, a runbook, a load-test report."""

    target: str
    #: ``url`` (an http(s) address) or ``path`` (a file in the service's repository).
    kind: str
    line: int | None = None
    #: For a path: whether it exists in the repository (``None``: no repository was looked in).
    exists: bool | None = None


@dataclass(frozen=True)
class QuestionResult:
    """The state of one question and what was written for it."""

    key: str
    title: str
    question: str
    state: AnswerState
    line: int | None
    #: The answer as written: text, a list of texts, or a yes/no boolean.
    answer: str | bool | list[str] | None = None
    #: The answer names other services, to be linked (from the schema).
    links_services: bool = False
    #: Why it is not applicable, or why it counts as unanswered.
    note: str | None = None
    waiver: Waiver | None = None
    #: False when the service's tier is not asked this question (it is then not applicable).
    required: bool = True
    #: The readiness level the question counts towards ("" when the checklist has no levels).
    level: str = ""
    #: What the checklist's evidence probes found in the service's repository.
    evidence: tuple[Evidence, ...] = ()
    #: The links the file gives as evidence for the answer (the consideration's ``evidence``).
    links: tuple[EvidenceLink, ...] = ()
    #: The tiers the checklist asks it of; empty: every tier.
    asked_of: tuple[TierId, ...] = ()
    #: The day it must be answered from (``YYYY-MM-DD``), while that day is still ahead; it is
    #: then not applicable, with the deadline as the reason.
    required_from: str | None = None
    #: Days from the day judged to ``required_from``.
    required_in_days: int | None = None

    @property
    def evidence_outcome(self) -> Outcome | None:
        """Contradicted if any probe contradicts the answer, else verified if any verifies it."""
        outcomes = {item.outcome for item in self.evidence}
        for outcome in (Outcome.CONTRADICTED, Outcome.VERIFIED, Outcome.SUGGESTS):
            if outcome in outcomes:
                return outcome
        return None


@dataclass(frozen=True)
class ConsiderationResult:
    """One consideration of the checklist with the states of its questions."""

    key: str
    title: str
    description: str
    line: int | None
    questions: tuple[QuestionResult, ...]
    #: Set when the whole consideration is marked not applicable.
    not_applicable: str | None = None
    #: Set when the whole consideration is waived.
    waiver: Waiver | None = None
    #: When this consideration was last reviewed on its own (``YYYY-MM-DD``), if it says.
    last_reviewed: str | None = None
    #: Its own sign-off, when it was reviewed by someone other than the team.
    sign_off: SignOff | None = None

    @property
    def state(self) -> AnswerState:
        """Unanswered if any question is; waived if any is; not applicable if all are."""
        states = {question.state for question in self.questions}
        if AnswerState.UNANSWERED in states:
            return AnswerState.UNANSWERED
        if AnswerState.WAIVED in states:
            return AnswerState.WAIVED
        if states == {AnswerState.NOT_APPLICABLE}:
            return AnswerState.NOT_APPLICABLE
        return AnswerState.ANSWERED

    @property
    def unanswered(self) -> tuple[QuestionResult, ...]:
        return tuple(q for q in self.questions if q.state is AnswerState.UNANSWERED)


@dataclass(frozen=True)
class ServiceMeta:
    """Who and what the service is, from its ``service:`` mapping."""

    name: str
    title: str
    summary: str | None = None
    owner: str | None = None
    lifecycle: str | None = None
    contact: str | None = None
    repositories: tuple[str, ...] = ()
    #: The larger system the service is part of (Backstage's ``spec.system``).
    system: str | None = None
    #: Declared dependencies as full entity refs, such as ``component:default/billing``.
    depends_on: tuple[str, ...] = ()
    #: Where ``summary`` was written, for problems with its markup.
    summary_line: int | None = None
    #: The file ``summary`` was read from when it is not the ``service.yaml``.
    summary_source: str | None = None
    #: When the team last checked every answer (``YYYY-MM-DD``), if it says.
    last_reviewed: str | None = None
    #: How critical the service is, as written: one of the checklist's tiers; ``None`` (not
    #: written, or not a declared tier) counts as the first, most critical one.
    tier: TierId | None = None
    #: Who signed off the service's answers, and when.
    sign_off: SignOff | None = None


@dataclass(frozen=True)
class ServiceReport:
    """Everything known about one ``service.yaml``: metadata, states and problems."""

    source: str
    service: ServiceMeta
    considerations: tuple[ConsiderationResult, ...]
    problems: tuple[Problem, ...] = ()
    #: False when the file could not be read or parsed at all.
    loaded: bool = True
    #: The Backstage catalog file whose Component supplied metadata, if any.
    catalog: CatalogLink | None = None
    #: The checklist's readiness levels, lowest first, and the highest the service has reached
    #: (every question of it and of the levels below answered, not applicable or waived).
    levels: tuple[str, ...] = ()
    level: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    #: The Backstage catalog file read (or named and missing): the report depends on it.
    catalog_read: str | None = None
    #: The ``catalog-info.yaml`` looked for beside the service file and not there: a build reads
    #: the page again once it appears.
    catalog_absent: str | None = None
    #: The folder evidence probes read (``None``: no repository, so no probe ran).
    repository: str | None = None
    #: Every file and folder the probes looked at: a build reads the page again when one changes.
    evidence_files: tuple[str, ...] = ()
    #: The checklist's declared tiers, and the one the service is judged as.
    tiers: tuple[Tier, ...] = ()
    tier: TierId = 1

    @property
    def tier_label(self) -> str:
        """``Tier A (Business critical)``: the tier the service is judged as, with its name."""
        for tier in self.tiers:
            if tier.id == self.tier:
                return tier.label
        return Tier(self.tier, "").label

    @property
    def complete(self) -> tuple[ConsiderationResult, ...]:
        return tuple(c for c in self.considerations if c.state is not AnswerState.UNANSWERED)

    @property
    def incomplete(self) -> tuple[ConsiderationResult, ...]:
        return tuple(c for c in self.considerations if c.state is AnswerState.UNANSWERED)

    def evidence_count(self, outcome: Outcome) -> int:
        """How many answers the repository's evidence left with ``outcome``."""
        return sum(1 for c in self.considerations for q in c.questions if q.evidence_outcome is outcome)

    def count(self, state: AnswerState) -> int:
        """How many considerations are in ``state``."""
        return sum(1 for c in self.considerations if c.state is state)

    def unanswered_at(self, level: str) -> tuple[tuple[ConsiderationResult, QuestionResult], ...]:
        """The unanswered questions that keep the service below ``level``."""
        if level not in self.levels:
            return ()
        upto = set(self.levels[: self.levels.index(level) + 1])
        return tuple(
            (consideration, question)
            for consideration in self.considerations
            for question in consideration.unanswered
            if question.level in upto
        )
