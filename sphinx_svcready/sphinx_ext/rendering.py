"""Turn a :class:`ServiceReport` into standard docutils nodes for the page.

Only standard nodes are produced (container, field list, paragraph, section, definition list,
classifier), tagged with ``svcready-*`` classes for the HTML stylesheet, so every builder gives a
readable result. Answer text goes through :func:`markup.parse_answer` and nowhere else.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from docutils import nodes
from sphinx.locale import get_translation

from sphinx_svcready.core.model import (
    AnswerState,
    ConsiderationResult,
    QuestionResult,
    ServiceReport,
    Waiver,
)
from sphinx_svcready.core.reading.entity_refs import short_ref
from sphinx_svcready.core.subtypes import Subtype
from sphinx_svcready.core.verdict import verdict
from sphinx_svcready.sphinx_ext.answer_markup import is_safe_link
from sphinx_svcready.sphinx_ext.checklist_nodes import (
    asked_of,
    consideration_sign_off,
    sign_off_text,
    tier_text,
)
from sphinx_svcready.sphinx_ext.evidence_nodes import (
    WebAddress,
    evidence_badge,
    evidence_lines,
    evidence_links,
)

_ = get_translation("sphinx_svcready")

#: Parses one answer's reStructuredText into nodes (and reports refused markup itself).
AnswerParser = Callable[[str, "int | None"], list[nodes.Node]]
#: Parses a question or description of the checklist (inline markup) into nodes.
TextParser = Callable[[str], list[nodes.Node]]


def _plain(text: str) -> list[nodes.Node]:
    return [nodes.paragraph(text, text)]


#: Marks answers whose text names other services; roles.py links those names when writing.
MENTIONS_CLASS = "svcready-mentions"
#: Marks a declared dependency that may be a documented service (its name is the node's
#: ``svcready-target``); roles.py links it when writing, if it is documented.
DEPENDENCY_CLASS = "svcready-dependency"

STATE_LABELS = {
    AnswerState.ANSWERED: _("answered"),
    AnswerState.NOT_APPLICABLE: _("not applicable"),
    AnswerState.WAIVED: _("waived"),
    AnswerState.UNANSWERED: _("unanswered"),
}


def anchor(service: str, *parts: str) -> str:
    """The stable HTML id of a service, a consideration or a question."""
    return "-".join(_slug(part) for part in ("svcready", service, *parts))


@functools.lru_cache(maxsize=4096)
def _slug(part: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-")


# Made once: every node would otherwise hold its own copies of these strings.
_CONSIDERATION_CLASSES = {
    state: ["svcready-consideration", f"svcready-state-{state.value}"] for state in AnswerState
}
_BADGE_CLASSES = {state: ["svcready-badge", f"svcready-badge-{state.value}"] for state in AnswerState}


def render_report(
    report: ServiceReport,
    parse: AnswerParser,
    parse_summary: AnswerParser | None = None,
    web_address: WebAddress | None = None,
    describe: TextParser = _plain,
) -> list[nodes.Node]:
    """The header, the readiness line and one section per consideration.

    ``parse_summary`` parses the summary when it may come from another file (a catalog file);
    ``describe`` parses the checklist's own texts.
    """
    name = report.service.name
    header = nodes.container(classes=["svcready", "svcready-service"], ids=[anchor(name)])
    header += _metadata(report)
    if report.service.summary:
        summary = nodes.container(classes=["svcready-summary"])
        summary.extend((parse_summary or parse)(report.service.summary, report.service.summary_line))
        header += summary
    if not report.loaded:
        header += nodes.paragraph(
            "",
            _(
                "The readiness of this service cannot be shown: its file could not be read. "
                "The build warnings say why."
            ),
            classes=["svcready-error"],
        )
        return [header]
    header += _readiness_line(report)
    if report.levels:
        header += _level_line(report)
    return [
        header,
        *(_consideration(report, c, parse, web_address, describe) for c in report.considerations),
    ]


def render_error(message: str) -> list[nodes.Node]:
    """What stands on the page when the directive cannot read its file."""
    return [nodes.paragraph("", message, classes=["svcready", "svcready-error"])]


def _metadata(report: ServiceReport) -> nodes.field_list:
    meta = report.service
    fields = nodes.field_list(classes=["svcready-meta"])
    rows: list[tuple[str, nodes.Node | str | None]] = [
        (_("Service"), nodes.literal("", meta.name)),
        (_("Owner"), meta.owner),
        (_("Lifecycle"), meta.lifecycle),
        (_("Tier"), tier_text(report)),
        (_("Last reviewed"), meta.last_reviewed),
        (_("Signed off"), sign_off_text(meta.sign_off) if meta.sign_off else None),
        (_("System"), meta.system),
        (_("Contact"), meta.contact),
    ]
    links = [
        url
        for url in meta.repositories
        if url.lower().startswith(("http://", "https://")) and is_safe_link(url)
    ]
    if links:
        paragraph = nodes.paragraph()
        for index, url in enumerate(links):
            if index:
                paragraph += nodes.Text(", ")
            paragraph += nodes.reference("", url, refuri=url)
        rows.append((_("Repositories"), paragraph))
    catalog_links = [
        (title, url) for title, url in (report.catalog.links if report.catalog else ()) if is_safe_link(url)
    ]
    if catalog_links:
        # The Backstage Component's own links: its dashboards, runbooks and docs.
        paragraph = nodes.paragraph(classes=["svcready-catalog-links"])
        for index, (title, url) in enumerate(catalog_links):
            if index:
                paragraph += nodes.Text(", ")
            paragraph += nodes.reference("", title, refuri=url)
        rows.append((_("Links"), paragraph))
    if meta.depends_on or any(q.links_services for c in report.considerations for q in c.questions):
        rows.append((_("Depends on"), _dependencies(meta.name, meta.depends_on)))
    for label, value in rows:
        if value is None:
            continue
        body = (
            value
            if isinstance(value, nodes.paragraph)
            else nodes.paragraph("", "", value if isinstance(value, nodes.Node) else nodes.Text(value))
        )
        fields += nodes.field("", nodes.field_name("", label), nodes.field_body("", body))
    return fields


def _dependencies(name: str, refs: tuple[str, ...]) -> nodes.paragraph:
    """What the service depends on, filled in when every service is known (references.py): the
    documented services it declares or its answers name, as the summary lists them, then the
    declared refs that are no documented service. Until then, the declared refs as written."""
    paragraph = nodes.paragraph(classes=[DEPENDENCY_CLASS])
    paragraph["svcready-service"] = name
    paragraph["svcready-declared"] = list(refs)
    paragraph += nodes.Text(", ".join(short_ref(ref) for ref in refs))
    return paragraph


def _readiness_line(report: ServiceReport) -> nodes.paragraph:
    total = len(report.considerations)
    missing = report.incomplete
    done = total - len(missing)
    state = AnswerState.UNANSWERED if missing else AnswerState.ANSWERED
    line = nodes.paragraph(classes=["svcready-readiness", f"svcready-state-{state.value}"])
    line += nodes.strong(
        "", _("%(done)d of %(total)d considerations answered") % {"done": done, "total": total}
    )
    extras = [
        text % {"count": report.count(state_)}
        for text, state_ in (
            (_("%(count)d not applicable"), AnswerState.NOT_APPLICABLE),
            (_("%(count)d waived"), AnswerState.WAIVED),
        )
        if report.count(state_)
    ]
    if extras:
        line += nodes.Text(" (" + ", ".join(extras) + ")")
    if not missing:
        judged = verdict(report)
        if judged.ready:
            line += nodes.Text(_("; ready."))
            return line
        # Everything is answered, yet something else keeps the service from being ready.
        line["classes"].append("svcready-not-ready")
        words = dict.fromkeys(str(_reason_words(reason.subtype)) for reason in judged.reasons)
        line += nodes.Text(_("; not ready: %(reasons)s.") % {"reasons": "; ".join(words)})
        return line
    line += nodes.Text(_("; %(count)d unanswered: ") % {"count": len(missing)})
    for index, consideration in enumerate(missing):
        if index:
            line += nodes.Text(", ")
        line += nodes.reference(
            "", consideration.title, refid=anchor(report.service.name, consideration.key), internal=True
        )
    line += nodes.Text(".")
    return line


def _reason_words(subtype: str) -> str:
    """A reason a service is not ready, in the words of the readiness line."""
    words = {
        Subtype.EVIDENCE.value: _("the repository contradicts an answer"),
        Subtype.LEVEL.value: _("below the level its lifecycle requires"),
        Subtype.STALE.value: _("its review is out of date"),
        Subtype.SIGN_OFF.value: _("it needs a sign-off"),
        Subtype.WAIVER_EXPIRED.value: _("a waiver has expired"),
    }
    return words.get(subtype, _("the file has problems (see the build's warnings)"))


def _level_line(report: ServiceReport) -> nodes.paragraph:
    """The level reached, and the considerations that stand between the service and the next."""
    level = report.level
    line = nodes.paragraph(classes=["svcready-level", f"svcready-level-{level or 'none'}"])
    line += nodes.Text(_("Readiness level: "))
    line += nodes.strong("", level if level is not None else _("none yet"))
    reached = report.levels.index(level) + 1 if level is not None else 0
    if reached == len(report.levels):
        line += nodes.Text(".")
        return line
    following = report.levels[reached]
    gaps = list({c.key: c for c, _question in report.unanswered_at(following)}.values())
    line += nodes.Text(_("; %(level)s needs: ") % {"level": following})
    for index, consideration in enumerate(gaps):
        if index:
            line += nodes.Text(", ")
        line += nodes.reference(
            "", consideration.title, refid=anchor(report.service.name, consideration.key), internal=True
        )
    line += nodes.Text(".")
    return line


def _consideration(
    report: ServiceReport,
    consideration: ConsiderationResult,
    parse: AnswerParser,
    web_address: WebAddress | None,
    describe: TextParser,
) -> nodes.section:
    service = report.service.name
    state = consideration.state
    section = nodes.section(
        ids=[anchor(service, consideration.key)], classes=list(_CONSIDERATION_CLASSES[state])
    )
    section += nodes.title(consideration.title, consideration.title)
    if consideration.description:
        for block in describe(consideration.description):
            if isinstance(block, nodes.Element):
                block["classes"].append("svcready-description")
            section += block
    if consideration.sign_off is not None:
        section += consideration_sign_off(consideration.sign_off)
    if consideration.not_applicable is not None:
        section += _marker(_("Not applicable: "), consideration.not_applicable, consideration.line, parse)
    if consideration.waiver is not None:
        section += _waiver(consideration.waiver, consideration.line, parse)
    # "simple": furo and sphinx-rtd-theme style every other classed <dl> as an API description.
    questions = nodes.definition_list(classes=["svcready-questions", "simple"])
    for question in consideration.questions:
        questions += _question(report, consideration, question, parse, web_address, describe)
    section += questions
    return section


def _question(
    report: ServiceReport,
    consideration: ConsiderationResult,
    question: QuestionResult,
    parse: AnswerParser,
    web_address: WebAddress | None,
    describe: TextParser,
) -> nodes.definition_list_item:
    service = report.service.name
    state = question.state
    item = nodes.definition_list_item()
    # HTML writes no tag for the item itself, so the anchor goes on the term. The state is on the
    # badge only: Sphinx turns every term into XML for its debug log, and each attribute on the
    # term makes that slower. Raw sources are given so that Sphinx need not rebuild them.
    item += nodes.term(question.title, question.title, ids=[anchor(service, consideration.key, question.key)])
    if question.required_from is not None:
        # Not asked yet: its own badge, never "not applicable", which it is only until that day.
        label = _("required from %(day)s") % {"day": question.required_from}
        item += nodes.classifier(label, label, classes=["svcready-badge", "svcready-badge-upcoming"])
    else:
        label = STATE_LABELS[state]
        item += nodes.classifier(label, label, classes=list(_BADGE_CLASSES[state]))
    badge = evidence_badge(question)
    if badge is not None:
        item += badge
    body = nodes.definition()
    for block in describe(question.question):
        if isinstance(block, nodes.Element):
            block["classes"].append("svcready-question-text")
        body += block
    if question.asked_of:
        body += asked_of(question.asked_of, report)
    answer = _answer(consideration, question, parse)
    if question.links_services and question.state is AnswerState.ANSWERED:
        for node in answer:
            if isinstance(node, nodes.Element):
                node["classes"].append(MENTIONS_CLASS)
                node["svcready-service"] = service
    body.extend(answer)
    body.extend(evidence_lines(question))
    if question.links:
        body += evidence_links(question, web_address)
    item += body
    return item


def _answer(
    consideration: ConsiderationResult, question: QuestionResult, parse: AnswerParser
) -> list[nodes.Node]:
    inherited = question.line is None or question.line == consideration.line
    if question.state is AnswerState.ANSWERED:
        answer = question.answer
        if isinstance(answer, bool):
            return [nodes.paragraph("", _("Yes") if answer else _("No"), classes=["svcready-answer"])]
        if isinstance(answer, list):
            items = nodes.bullet_list(classes=["svcready-answer"])
            for text in answer:
                items += nodes.list_item("", *parse(text, question.line))
            return [items]
        return [_as_answer(node) for node in parse(str(answer), question.line)]
    if question.required_from is not None:
        days = question.required_in_days or 0
        text = (
            _("Required from %(day)s (tomorrow); not answered yet.")
            if days == 1
            else _("Required from %(day)s (in %(days)d days); not answered yet.")
        ) % {"day": question.required_from, "days": days}
        return [nodes.paragraph("", text, classes=["svcready-upcoming"])]
    if question.state is AnswerState.NOT_APPLICABLE:
        if (
            consideration.not_applicable is not None
            and question.note == consideration.not_applicable
            and inherited
        ):
            return []
        return [_marker(_("Not applicable: "), question.note or "", question.line, parse)]
    if question.state is AnswerState.WAIVED and question.waiver is not None:
        if question.waiver == consideration.waiver and inherited:
            return []
        return [_waiver(question.waiver, question.line, parse)]
    note = question.note or _("no answer")
    return [nodes.paragraph("", _("Unanswered: %(why)s.") % {"why": note}, classes=["svcready-missing"])]


def _as_answer(node: nodes.Node) -> nodes.Element:
    """An answer's block, marked as answer text for the stylesheet."""
    block = node if isinstance(node, nodes.Element) else nodes.paragraph("", "", node)
    block["classes"].append("svcready-answer")
    return block


def _marker(label: str, text: str, line: int | None, parse: AnswerParser) -> nodes.Element:
    box = nodes.container(classes=["svcready-marker"])
    parsed = parse(text, line)
    if parsed and isinstance(parsed[0], nodes.paragraph):
        parsed[0].insert(0, nodes.strong("", label))
    else:
        box += nodes.paragraph("", "", nodes.strong("", label))
    box.extend(parsed)
    return box


def _waiver(waiver: Waiver, line: int | None, parse: AnswerParser) -> nodes.Element:
    label = _("Waived until %(until)s, approved by %(who)s: ") % {
        "until": waiver.until,
        "who": waiver.approved_by,
    }
    box = _marker(label, waiver.reason, line, parse)
    box["classes"].append("svcready-waiver")
    if waiver.days_left is not None:
        soon = (
            _("Expires today.")
            if waiver.days_left == 0
            else _("Expires in %(days)d days.") % {"days": waiver.days_left}
            if waiver.days_left > 1
            else _("Expires tomorrow.")
        )
        box["classes"].append("svcready-waiver-expiring")
        box += nodes.paragraph("", "", nodes.strong("", soon), classes=["svcready-expiring"])
    return box
