"""Compare what the probes found with what the file answers, question by question.

For a yes/no question a probe says which answer a finding implies (``found``) and which its
absence implies (``missing``); an answer that differs is contradicted, one that agrees is
verified. For a text question a value found (a licence identifier) must appear in the answer, and
a file found (a runbook) verifies it. A contradicted answer is a ``svcready.evidence`` problem at
the answer's line and keeps the service from being ready; an unanswered question a probe could
answer gets the suggestion in its warning. Findings are kept for as long as nothing they looked
at changes, so the services of one repository share them.
"""

from __future__ import annotations

import dataclasses
import re
from collections import OrderedDict
from pathlib import Path

from sphinx_svcready.core.checklist.loading import Checklist, Question
from sphinx_svcready.core.evidence.findings import Finding, annotation_finding, run_probe
from sphinx_svcready.core.evidence.links import check_paths
from sphinx_svcready.core.evidence.probes import Probe
from sphinx_svcready.core.evidence.repository import Repository
from sphinx_svcready.core.model import (
    AnswerState,
    Evidence,
    Outcome,
    Problem,
    QuestionResult,
    ServiceReport,
)
from sphinx_svcready.core.subtypes import Subtype

_CACHE_SIZE = 4096
_cache: OrderedDict[tuple[str, ...], tuple[Finding, tuple[tuple[str, int], ...]]] = OrderedDict()


def check_evidence(
    report: ServiceReport, checklist: Checklist, root: Path | None, ignored: tuple[Path, ...] = ()
) -> ServiceReport:
    """``report`` with every probe of ``checklist`` run against ``root`` (never looking into the
    ``ignored`` folders) and judged. With no repository (``None``), only the probes of the Backstage
    catalog file run."""
    repository = Repository(root, ignored) if root is not None else None
    questions = {(c.key, q.key): q for c in checklist.considerations for q in c.questions}
    problems = list(report.problems)
    looked_at: set[str] = set()
    considerations = []
    for consideration in report.considerations:
        results = []
        for result in consideration.questions:
            question = questions.get((consideration.key, result.key))
            if question is None or not question.probes:
                results.append(result)
                continue
            label = f"{consideration.key}.{result.key}"
            evidence = []
            for probe in question.probes:
                if probe.kind == "annotation":
                    finding = annotation_finding(probe, report.catalog)
                elif repository is None:
                    continue
                else:
                    finding = cached_finding(probe, repository)
                looked_at.update(finding.looked_at)
                evidence.append(_judge(probe, finding, question, result))
                if finding.problem:
                    message = f"{label}: evidence not checked: {finding.problem}"
                    unusable = Problem(Subtype.EVIDENCE.value, message, result.line)
                    if unusable not in problems:  # two probes may read the same file
                        problems.append(unusable)
            contradicting = [item for item in evidence if item.outcome is Outcome.CONTRADICTED]
            if contradicting:
                problems.append(
                    Problem(Subtype.EVIDENCE.value, _contradiction(label, result, contradicting), result.line)
                )
            if result.state is AnswerState.UNANSWERED:
                problems = _with_suggestion(problems, label, result, evidence)
            results.append(dataclasses.replace(result, evidence=tuple(evidence)))
        considerations.append(dataclasses.replace(consideration, questions=tuple(results)))
    linked, missing, looked = (
        check_paths(tuple(considerations), repository) if repository else (tuple(considerations), [], set())
    )
    return dataclasses.replace(
        report,
        considerations=linked,
        problems=tuple(sorted([*problems, *missing], key=lambda p: p.order)),
        repository=str(repository.root) if repository else None,
        evidence_files=tuple(sorted(looked_at | looked)),
    )


def cached_finding(probe: Probe, repository: Repository) -> Finding:
    """The probe's finding, run again only when something it looked at has changed."""
    key = (str(repository.root), probe.identity, *sorted(repository.ignored))
    kept = _cache.get(key)
    if kept is not None and _stamps(kept[0].looked_at) == kept[1]:
        _cache.move_to_end(key)
        return kept[0]
    finding = run_probe(probe, repository)
    _cache[key] = (finding, _stamps(finding.looked_at))
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return finding


def _stamps(paths: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    stamps = []
    for path in paths:
        try:
            stamps.append((path, Path(path).stat().st_mtime_ns))
        except OSError:
            stamps.append((path, -1))
    return tuple(stamps)


def _judge(probe: Probe, finding: Finding, question: Question, result: QuestionResult) -> Evidence:
    def evidence(outcome: Outcome, implies: str | bool | None = None) -> Evidence:
        return Evidence(probe.kind, outcome, finding.says, implies, finding.path, finding.line)

    if not finding.ran or (finding.problem and not finding.found):
        return evidence(Outcome.NONE)
    if result.state in (AnswerState.NOT_APPLICABLE, AnswerState.WAIVED):
        return evidence(Outcome.NONE)
    if question.yes_no:
        implied = probe.found if finding.found else probe.missing
        if implied is None:
            return evidence(Outcome.NONE)
        if result.state is AnswerState.UNANSWERED:
            return evidence(Outcome.SUGGESTS, implied)
        if not isinstance(result.answer, bool):
            return evidence(Outcome.NONE)
        return evidence(Outcome.VERIFIED if result.answer is implied else Outcome.CONTRADICTED, implied)
    if not finding.found:
        return evidence(Outcome.NONE)
    # A file or an annotation that is there verifies the answer; a value must appear in it.
    if finding.value is None or probe.kind in ("file", "annotation"):
        return evidence(Outcome.NONE if result.state is AnswerState.UNANSWERED else Outcome.VERIFIED)
    if result.state is AnswerState.UNANSWERED:
        return evidence(Outcome.SUGGESTS, finding.value)
    answer = " ".join(result.answer) if isinstance(result.answer, list) else str(result.answer)
    wanted = _folded(finding.value)
    if not wanted:
        return evidence(Outcome.NONE)
    return evidence(Outcome.VERIFIED if wanted in _folded(answer) else Outcome.CONTRADICTED, finding.value)


def _folded(text: str) -> str:
    """Letters and digits only, case folded: "Apache-2.0" and "apache 2.0" agree."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def _said(answer: str | bool | list[str] | None) -> str:
    if isinstance(answer, bool):
        return "yes" if answer else "no"
    if isinstance(answer, list):
        return repr(", ".join(answer))
    return repr(answer)


def _contradiction(label: str, result: QuestionResult, contradicting: list[Evidence]) -> str:
    found = "; ".join(item.says for item in contradicting)
    return (
        f"{label} is answered {_said(result.answer)}, but the repository says "
        f"{_said(contradicting[0].implies)} ({found}); correct the answer or the repository"
    )


def _with_suggestion(
    problems: list[Problem], label: str, result: QuestionResult, evidence: list[Evidence]
) -> list[Problem]:
    """The question's unanswered warning with what the repository suggests, if it suggests."""
    suggestion = next((item for item in evidence if item.outcome is Outcome.SUGGESTS), None)
    if suggestion is None:
        return problems
    hint = f"; the repository suggests {_said(suggestion.implies)} ({suggestion.says})"
    changed = []
    added = False
    for problem in problems:
        if (
            not added
            and problem.subtype == Subtype.UNANSWERED.value
            and problem.line == result.line
            and problem.message.startswith(f"{label} is unanswered")
        ):
            problem = dataclasses.replace(problem, message=problem.message + hint)
            added = True
        changed.append(problem)
    return changed
