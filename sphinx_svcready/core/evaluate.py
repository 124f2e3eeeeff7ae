"""Decide the state of every question of the checklist for one loaded document.

This is where the four states are defined: answered, not applicable (with a reason), waived
(reason, approver, an unexpired date) and unanswered (missing, empty, a placeholder, an invalid
value, an expired waiver). Every unanswered question yields a problem with its line.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from sphinx_svcready.core.answers import (
    INVALID_VALUE,
    MISSING,
    date_text,
    read_answer,
    sign_off_in,
    unanswered_because,
)
from sphinx_svcready.core.checklist.conditions import Condition, unmet
from sphinx_svcready.core.checklist.deadlines import Upcoming, upcoming
from sphinx_svcready.core.checklist.loading import Checklist, Consideration, Question
from sphinx_svcready.core.checklist.tiers import TierId, default_tier, tier_named
from sphinx_svcready.core.evaluation_options import EvaluationOptions
from sphinx_svcready.core.evidence.links import KEY as LINKS_KEY
from sphinx_svcready.core.evidence.links import read_links, unknown_questions
from sphinx_svcready.core.markers import not_applicable, unanswered_marker, waived
from sphinx_svcready.core.model import (
    AnswerState,
    ConsiderationResult,
    DataPath,
    Problem,
    QuestionResult,
    ServiceMeta,
    ServiceReport,
)
from sphinx_svcready.core.policy import (
    level_problems,
    reached_level,
    review_problems,
    sign_off_problems,
)
from sphinx_svcready.core.reading.yaml_reader import LoadedDocument
from sphinx_svcready.core.schema_validation import CONSIDERATIONS as _CONSIDERATIONS
from sphinx_svcready.core.schema_validation import schema_problems
from sphinx_svcready.core.service_metadata import fallback_name, read_service
from sphinx_svcready.core.subtypes import Subtype

_INVALID = object()


def evaluate(document: LoadedDocument, checklist: Checklist, options: EvaluationOptions) -> ServiceReport:
    """Validate ``document`` against ``checklist`` and decide every question's state."""
    return _Evaluation(document, checklist, options).run()


class _Evaluation:
    def __init__(self, document: LoadedDocument, checklist: Checklist, options: EvaluationOptions) -> None:
        self.document = document
        self.checklist = checklist
        self.placeholders = tuple(options.placeholders)
        self.today = options.today or datetime.date.today()
        self.required_levels = dict(options.required_levels)
        self.waiver_warn_days = options.waiver_warn_days
        self.review_max_age_days = options.review_max_age_days
        self.upcoming_warn_days = options.upcoming_warn_days
        self.cache = options.validation_cache
        self.problems: list[Problem] = list(document.problems)
        #: The service's tier, from its metadata; the most critical (asked everything) until it is read.
        self.tier: TierId = default_tier(checklist.tiers)
        #: Set while judging a question the tier does not ask: its gaps are not warned.
        self.quiet = False
        self.invalid: list[DataPath] = []

    def run(self) -> ServiceReport:
        data = self.document.data
        if not isinstance(data, dict):
            return ServiceReport(
                source=self.document.path,
                service=ServiceMeta(
                    name=fallback_name(self.document.path), title=fallback_name(self.document.path)
                ),
                considerations=(),
                problems=tuple(self.problems),
                loaded=False,
            )
        self._validate(data)
        service, unanswered = read_service(
            data.get("service"), self.document, self.placeholders, self._located, self.checklist.tiers
        )
        self.problems.extend(unanswered)
        if service.tier is not None:
            self.tier = service.tier
        answers = data.get(_CONSIDERATIONS)
        if isinstance(answers, dict):
            values = [answers.get(c.key, MISSING) for c in self.checklist.considerations]
        elif answers is None:
            values = [MISSING] * len(self.checklist.considerations)
        else:
            # Already reported as invalid: one warning, not one per consideration.
            values = [_INVALID] * len(self.checklist.considerations)
        considerations = tuple(
            self._consideration(consideration, value)
            for consideration, value in zip(self.checklist.considerations, values, strict=True)
        )
        level = reached_level(self.checklist.levels, considerations)
        wanted = self.required_levels.get(service.lifecycle or "")
        policy = self.checklist.sign_off
        for subtype, message, path in [
            *level_problems(service, level, wanted, self.checklist.levels, considerations),
            *review_problems(service, considerations, self.today, self.review_max_age_days),
            *sign_off_problems(
                service, self.tier, level, considerations, policy, self.today, self.review_max_age_days
            ),
        ]:
            self.problems.append(self._located(subtype, message, path))
        return ServiceReport(
            source=self.document.path,
            service=service,
            considerations=considerations,
            problems=tuple(sorted(self.problems, key=lambda p: p.order)),
            catalog=self.document.catalog,
            raw=data,
            levels=self.checklist.levels,
            level=level,
            tiers=self.checklist.tiers,
            tier=self.tier,
        )

    # -- validation ------------------------------------------------------------------------

    def _validate(self, data: dict[str, Any]) -> None:
        for problem in schema_problems(data, self.checklist, self.placeholders, self.cache):
            # A value taken from the Backstage entity is wrong there, not in this file.
            self.problems.append(
                self._located(Subtype.INVALID, problem.message, problem.path, Subtype.BACKSTAGE)
            )
            if not problem.extra:
                self.invalid.append(problem.path)

    def _located(
        self, subtype: Subtype, message: str, path: DataPath, merged_subtype: Subtype | None = None
    ) -> Problem:
        """A problem at ``path``: in this file, or where a merged value was read from."""
        origin = self.document.origin_of(path)
        if origin is None:
            return Problem(subtype.value, message, self.document.line_of(path))
        return Problem(
            (merged_subtype or subtype).value,
            f"{message} (read from {origin.label})",
            origin.line,
            origin.source,
        )

    def _invalid_within(self, path: DataPath) -> bool:
        """A schema error at ``path`` or anywhere inside it."""
        return any(bad[: len(path)] == path for bad in self.invalid)

    def _invalid_at(self, path: DataPath) -> bool:
        """A schema error at ``path`` itself or at one of the mappings holding it."""
        return any(path[: len(bad)] == bad for bad in self.invalid)

    # -- considerations --------------------------------------------------------------------

    def _consideration(self, consideration: Consideration, value: Any) -> ConsiderationResult:
        result = self._judge_consideration(consideration, value)
        outside = unmet(consideration.conditions, self._subject)
        if (
            outside is not None
            and result.not_applicable is None
            and all(q.state is AnswerState.NOT_APPLICABLE for q in result.questions)
        ):
            # The checklist's condition rules the whole consideration out: say so once, for all.
            result = _replace(result, not_applicable=outside)
        return result

    def _judge_consideration(self, consideration: Consideration, value: Any) -> ConsiderationResult:
        path: DataPath = (_CONSIDERATIONS, consideration.key)
        line = self.document.line_of(path)
        result = ConsiderationResult(
            key=consideration.key,
            title=consideration.title,
            description=consideration.description,
            line=line,
            questions=(),
        )
        if value is _INVALID or (self._invalid_at(path) and value is not MISSING):
            return _replace(result, questions=self._all(consideration, AnswerState.UNANSWERED, INVALID_VALUE))
        if value is MISSING or value is None or value == {}:
            asked = [q.key for q in consideration.questions if self._not_asked(q) is None]
            for question in consideration.questions:
                self._warn_upcoming(consideration, question, line)
            if asked:
                self._warn_unanswered(
                    line,
                    f"consideration {consideration.key} ({consideration.title}) is unanswered: "
                    f"no answer to any of its questions ({', '.join(asked)}); "
                    "answer them or write 'not-applicable: <reason>' for the whole consideration",
                )
            return _replace(result, questions=self._all(consideration, AnswerState.UNANSWERED, "no answer"))
        if not isinstance(value, dict):
            return _replace(result, questions=self._all(consideration, AnswerState.UNANSWERED, INVALID_VALUE))

        default = self._consideration_marker(consideration, value, path)
        questions = tuple(
            self._question(consideration, question, value.get(question.key, MISSING), default)
            for question in consideration.questions
        )
        links = value.get(LINKS_KEY)
        if isinstance(links, dict) and not self._invalid_within((*path, LINKS_KEY)):
            keys = tuple(q.key for q in consideration.questions)
            self.problems.extend(unknown_questions(links, keys, self.document, (*path, LINKS_KEY)))
            questions = tuple(
                dataclasses.replace(
                    q, links=read_links(links.get(q.key), self.document, (*path, LINKS_KEY, q.key))
                )
                for q in questions
            )
        marker_reason = default.note if default and default.state is AnswerState.NOT_APPLICABLE else None
        marker_waiver = default.waiver if default else None
        return _replace(
            result,
            questions=questions,
            not_applicable=marker_reason,
            waiver=marker_waiver,
            last_reviewed=date_text(value.get("last-reviewed")),
            sign_off=sign_off_in(value.get("sign-off")),
        )

    def _not_asked(self, question: Question) -> str | None:
        """Why this service is not asked ``question`` (its tier, a condition, or a deadline still
        ahead), or ``None``."""
        if not question.required_for(self.tier):
            return f"not asked of {tier_named(self.tier, self.checklist.tiers).words} services"
        unmet_condition = unmet(question.conditions, self._subject)
        if unmet_condition is not None:
            return unmet_condition
        ahead = self._ahead(question)
        return ahead.words if ahead is not None else None

    def _ahead(self, question: Question) -> Upcoming | None:
        return upcoming(question.required_from, self.today, self.upcoming_warn_days)

    def _warn_upcoming(self, consideration: Consideration, question: Question, line: int | None) -> None:
        """An ``upcoming`` problem for an unanswered question whose deadline is close; only for a
        question the service is otherwise asked (its tier, its conditions)."""
        ahead = self._ahead(question)
        if ahead is None or not ahead.warned or not question.required_for(self.tier):
            return
        if unmet(question.conditions, self._subject) is not None:
            return
        self.problems.append(
            Problem(
                Subtype.UPCOMING.value,
                f"{consideration.key}.{question.key} is {ahead.words} and is not answered yet: "
                f"{question.plain}",
                line,
            )
        )

    def _subject(self, condition: Condition) -> tuple[bool, Any]:
        """Whether the subject of ``condition`` is known for this service, and its value."""
        data = self.document.data if isinstance(self.document.data, dict) else {}
        first, _, second = condition.subject.partition(".")
        if condition.on_service:
            if second == "tier":
                return True, self.tier
            meta = data.get("service")
            value = meta.get(second) if isinstance(meta, dict) else None
            if isinstance(value, str) and unanswered_because(value, self.placeholders) is not None:
                return False, None
            return True, value
        answers = data.get(_CONSIDERATIONS)
        written = answers.get(first) if isinstance(answers, dict) else None
        value = written.get(second, MISSING) if isinstance(written, dict) else MISSING
        path: DataPath = (_CONSIDERATIONS, first, second)
        if value is MISSING or isinstance(value, dict) or self._invalid_within(path):
            return False, None
        answer, why, _where = read_answer(value, path, self.placeholders, self.document.number_text)
        return (False, None) if why is not None else (True, answer)

    def _consideration_marker(
        self, consideration: Consideration, value: dict[str, Any], path: DataPath
    ) -> QuestionResult | None:
        """The state a consideration-wide marker gives to the questions it does not answer."""
        if "not-applicable" in value and "waived" in value:
            self.problems.append(
                Problem(
                    Subtype.INVALID.value,
                    f"{'.'.join(map(str, path))}: write either 'not-applicable' or 'waived', not both",
                    self.document.line_of((*path, "waived")),
                )
            )
            return unanswered_marker("both not-applicable and waived")
        label = f"consideration {consideration.key} ({consideration.title})"
        if "not-applicable" in value:
            return self._not_applicable(value["not-applicable"], (*path, "not-applicable"), label)
        if "waived" in value:
            return self._waived(value["waived"], (*path, "waived"), label)
        return None

    def _all(self, consideration: Consideration, state: AnswerState, note: str) -> tuple[QuestionResult, ...]:
        return tuple(self._each(consideration, q, state, note) for q in consideration.questions)

    def _each(
        self, consideration: Consideration, question: Question, state: AnswerState, note: str
    ) -> QuestionResult:
        why_not = self._not_asked(question)
        judged = QuestionResult(
            question.key,
            question.title,
            question.text,
            state,
            self.document.line_of((_CONSIDERATIONS, consideration.key, question.key)),
            note=note,
            required=why_not is None,
            level=question.level,
            asked_of=question.tiers,
        )
        if why_not is not None and state is AnswerState.UNANSWERED and note != INVALID_VALUE:
            return self._not_applicable_here(judged, question, why_not)
        return judged

    def _not_applicable_here(
        self, result: QuestionResult, question: Question, why_not: str
    ) -> QuestionResult:
        """An unanswered ``result`` the service is not asked (its tier, a condition, a deadline
        ahead): not applicable, for that reason."""
        ahead = self._ahead(question)
        return dataclasses.replace(
            result,
            state=AnswerState.NOT_APPLICABLE,
            note=why_not,
            waiver=None,
            **_deadline(ahead if ahead is not None and why_not == ahead.words else None),
        )

    # -- questions -------------------------------------------------------------------------

    def _question(
        self, consideration: Consideration, question: Question, value: Any, default: QuestionResult | None
    ) -> QuestionResult:
        why_not = self._not_asked(question)
        self.quiet = why_not is not None
        try:
            judged = self._judge(consideration, question, value, default, required=why_not is None)
        finally:
            self.quiet = False
        if judged.state is AnswerState.UNANSWERED and judged.note != INVALID_VALUE:
            self._warn_upcoming(consideration, question, judged.line)
            if why_not is not None:
                return self._not_applicable_here(judged, question, why_not)
        return judged

    def _judge(
        self,
        consideration: Consideration,
        question: Question,
        value: Any,
        default: QuestionResult | None,
        *,
        required: bool,
    ) -> QuestionResult:
        path: DataPath = (_CONSIDERATIONS, consideration.key, question.key)
        line = self.document.line_of(path)
        label = f"{consideration.key}.{question.key}"

        def result(state: AnswerState, **extra: Any) -> QuestionResult:
            return QuestionResult(
                question.key,
                question.title,
                question.text,
                state,
                line,
                links_services=question.links_services,
                required=required,
                level=question.level,
                asked_of=question.tiers,
                **extra,
            )

        if value is MISSING and default is not None:
            return result(default.state, note=default.note, waiver=default.waiver)
        if self._invalid_within(path):
            return result(AnswerState.UNANSWERED, note=INVALID_VALUE)
        if isinstance(value, dict):
            if "not-applicable" in value:
                marker = self._not_applicable(value["not-applicable"], (*path, "not-applicable"), label)
            else:
                marker = self._waived(value.get("waived"), (*path, "waived"), label)
            return result(marker.state, note=marker.note, waiver=marker.waiver)
        answer, why, where = read_answer(value, path, self.placeholders, self.document.number_text)
        if why is not None:
            self._warn_unanswered(
                self.document.line_of(where), f"{label} is unanswered ({why}): {question.plain}"
            )
            return result(AnswerState.UNANSWERED, note=why)
        return result(AnswerState.ANSWERED, answer=answer)

    # -- markers (markers.py) ----------------------------------------------------------------

    def _not_applicable(self, reason: Any, path: DataPath, label: str) -> QuestionResult:
        result, problems = not_applicable(reason, label, self.document.line_of(path), self.placeholders)
        self._add(problems)
        return result

    def _waived(self, waiver: Any, path: DataPath, label: str) -> QuestionResult:
        if not isinstance(waiver, dict) or self._invalid_within(path):
            return unanswered_marker("invalid waiver")
        result, problems = waived(
            waiver,
            label,
            lambda *keys: self.document.line_of((*path, *keys)),
            self.placeholders,
            self.today,
            self.waiver_warn_days,
        )
        self._add(problems)
        return result

    def _add(self, problems: list[Problem]) -> None:
        """Keep the markers' problems; not the unanswered ones of a question the service is not asked."""
        self.problems.extend(
            p for p in problems if not (self.quiet and p.subtype == Subtype.UNANSWERED.value)
        )

    def _warn_unanswered(self, line: int | None, message: str) -> None:
        if not self.quiet:
            self.problems.append(Problem(Subtype.UNANSWERED.value, message, line))


def _deadline(ahead: Upcoming | None) -> dict[str, Any]:
    """The fields of a question result that say its deadline is still ahead."""
    if ahead is None:
        return {}
    return {"required_from": ahead.day.isoformat(), "required_in_days": ahead.days_left}


def _replace(result: ConsiderationResult, **changes: Any) -> ConsiderationResult:
    return dataclasses.replace(result, **changes)
