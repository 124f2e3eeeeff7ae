"""The reStructuredText a person would write by hand for the same page the directive renders.

Generated from the same evaluated report, so the two projects hold the same words: the service
header, the readiness line, and per consideration its title, description, questions, state labels
and answers. Also the Jinja template that makes ``sphinxcontrib-datatemplates`` write that same
reStructuredText from the raw YAML.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

from sphinx_svcready.core.checklist.loading import Checklist
from sphinx_svcready.core.checklist.tiers import Tier, TierId, tier_named
from sphinx_svcready.core.model import AnswerState, QuestionResult, ServiceReport


def page(report: ServiceReport) -> str:
    """A whole page: title, header, readiness line and one section per consideration."""
    meta = report.service
    lines = [meta.title, "=" * len(meta.title), ""]
    lines += [f":Service: ``{meta.name}``", f":Owner: {meta.owner}", f":Lifecycle: {meta.lifecycle}"]
    if meta.tier is not None:
        tier = tier_named(meta.tier, report.tiers)
        named = f"{tier.id} ({tier.name})" if tier.name else str(tier.id)
        lines.append(f":Tier: {named}: {tier.description}" if tier.description else f":Tier: {named}")
    if meta.last_reviewed:
        lines.append(f":Last reviewed: {meta.last_reviewed}")
    if meta.contact:
        lines.append(f":Contact: {meta.contact}")
    if meta.repositories:
        lines.append(f":Repositories: {', '.join(meta.repositories)}")
    lines += ["", meta.summary or "", "", _readiness(report), ""]
    if report.levels:
        lines += [_level(report), ""]
    for consideration in report.considerations:
        lines += [consideration.title, "-" * len(consideration.title), "", consideration.description, ""]
        if consideration.not_applicable is not None:
            lines += [f"**Not applicable:** {consideration.not_applicable}", ""]
        for question in consideration.questions:
            lines += [f"{question.title} : {question.state.label}", f"   {question.question}", ""]
            if question.asked_of:
                lines += [f"   {_asked(report.tiers, question.asked_of)}", ""]
            body = _answer(question, consideration.not_applicable)
            if body:
                lines += [textwrap.indent(body, "   "), ""]
            if question.links:
                lines += [f"   **Evidence:** {', '.join(link.target for link in question.links)}", ""]
    return "\n".join(lines) + "\n"


def _readiness(report: ServiceReport) -> str:
    total = len(report.considerations)
    done = len(report.complete)
    extras = [
        f"{report.count(state)} {label}"
        for state, label in ((AnswerState.NOT_APPLICABLE, "not applicable"), (AnswerState.WAIVED, "waived"))
        if report.count(state)
    ]
    line = f"**{done} of {total} considerations answered**" + (f" ({', '.join(extras)})" if extras else "")
    return line + "; ready."


def _level(report: ServiceReport) -> str:
    line = f"Readiness level: **{report.level or 'none yet'}**"
    reached = report.levels.index(report.level) + 1 if report.level is not None else 0
    if reached == len(report.levels):
        return line + "."
    following = report.levels[reached]
    gaps = {c.key: c.title for c, _question in report.unanswered_at(following)}
    return line + f"; {following} needs: {', '.join(gaps.values())}."


def _answer(question: QuestionResult, consideration_reason: str | None) -> str:
    if question.state is AnswerState.NOT_APPLICABLE:
        return "" if question.note == consideration_reason else f"**Not applicable:** {question.note}"
    if question.state is AnswerState.WAIVED and question.waiver is not None:
        waiver = question.waiver
        return f"**Waived until {waiver.until}, approved by {waiver.approved_by}:** {waiver.reason}"
    answer = question.answer
    if isinstance(answer, bool):
        return "Yes" if answer else "No"
    if isinstance(answer, list):
        return "\n".join(f"- {item}" for item in answer)
    return str(answer)


def datatemplate(checklist: Checklist) -> str:
    """A Jinja template for ``.. datatemplate:yaml::`` that writes :func:`page`'s text from raw data."""
    considerations = [
        {
            "key": c.key,
            "title": c.title,
            "description": c.description,
            "questions": [
                {"key": q.key, "title": q.title, "text": q.text, "asked_of": _asked(checklist.tiers, q.tiers)}
                for q in c.questions
            ],
        }
        for c in checklist.considerations
    ]
    tiers = {
        str(tier.id): f"{tier.id} ({tier.name}): {tier.description}" if tier.description else str(tier.id)
        for tier in checklist.tiers
    }
    template = (Path(__file__).parent / "service.rst.jinja").read_text(encoding="utf-8")
    template = template.replace("TOP_LEVEL", repr(checklist.levels[-1] if checklist.levels else ""), 1)
    template = template.replace("TIERS", repr(tiers), 1)
    return template.replace("CHECKLIST", repr(considerations), 1)


def _asked(declared: Sequence[Tier], tiers: tuple[TierId, ...]) -> str:
    """The "Asked of ..." sentence of a question kept for some tiers; "" for one every tier is asked."""
    if not tiers:
        return ""
    words = [tier_named(tier, declared).words for tier in tiers]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"Asked of {listed} services."
