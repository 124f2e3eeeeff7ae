"""The machine-readable form of a report: one plain record per service, and the export file.

The same records are written by every docs build as ``svcready.json`` and printed by
``svcready check --format json``; ``schemas/svcready-export.schema.json`` describes them.
Everything here is deterministic so that two builds of the same input are byte-identical.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from sphinx_svcready._version import __version__
from sphinx_svcready.core.checklist.loading import Checklist
from sphinx_svcready.core.mentions import MentionFinder
from sphinx_svcready.core.model import (
    AnswerState,
    ConsiderationResult,
    Outcome,
    QuestionResult,
    ServiceReport,
    SignOff,
)
from sphinx_svcready.core.reading.entity_refs import component_names
from sphinx_svcready.core.verdict import verdict

EXPORT_FORMAT = "svcready-export"
EXPORT_VERSION = "1.5"


def service_record(
    report: ServiceReport,
    *,
    source: str,
    docname: str | None,
    name_file: Callable[[str], str] | None = None,
) -> dict[str, Any]:
    """The per-service record of the export (without ``depends-on``, which needs every service).

    ``name_file`` says how the record names another file the report read, such as its Backstage
    catalog file (a docs build: relative to its source; default: as read).
    """
    meta = report.service
    catalog = report.catalog
    judged = verdict(report)
    named = name_file or str
    leveled = bool(report.levels)
    considerations = [_consideration(c, leveled) for c in report.considerations]
    counts = {state.value: report.count(state) for state in AnswerState}
    tier = next((each for each in report.tiers if each.id == report.tier), None)
    record = {
        "name": meta.name,
        "title": meta.title,
        "summary": meta.summary,
        "owner": meta.owner,
        "lifecycle": meta.lifecycle,
        "contact": meta.contact,
        "repositories": list(meta.repositories),
        "system": meta.system,
        "tier": report.tier,
        "tier-name": tier.name if tier is not None and tier.name else None,
        "last-reviewed": meta.last_reviewed,
        "sign-off": _sign_off(meta.sign_off),
        "level": report.level,
        "dependencies": list(meta.depends_on),
        "backstage": {"source": named(catalog.source), "entity": catalog.entity} if catalog else None,
        "source": source,
        "docname": docname,
        # Set when a docs build writes the export (collector.py): it knows the output's layout.
        "url": None,
        "loaded": report.loaded,
        "ready": judged.ready,
        "reasons": [
            {**reason.as_record(), "file": named(reason.source) if reason.source else None}
            for reason in judged.reasons
        ],
        "counts": {
            "considerations": len(considerations),
            "complete": len(report.complete),
            **counts,
            "questions": sum(len(c.questions) for c in report.considerations),
            "unanswered-questions": sum(len(c.unanswered) for c in report.considerations),
            "verified": report.evidence_count(Outcome.VERIFIED),
            "contradicted": report.evidence_count(Outcome.CONTRADICTED),
        },
        "considerations": considerations,
        "mentions": [
            text
            for consideration in report.considerations
            for question in consideration.questions
            if question.links_services and question.state is AnswerState.ANSWERED
            for text in _texts(question)
        ],
    }
    if not leveled:
        # A checklist without levels: nothing in the export speaks of one.
        del record["level"]
    return record


def order(name: str, docname: str | None, source: str) -> tuple[str, str, str]:
    """Where a record goes in the export: by name, then docname, then source file."""
    return (name, docname or "", source)


def with_dependencies(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Records in a stable order, each with ``depends-on`` resolved against all the others."""
    ordered = sorted(records, key=lambda r: order(r["name"], r["docname"], r["source"]))
    finder = MentionFinder(titles(ordered))
    return [completed(record, finder) for record in ordered]


def completed(record: Mapping[str, Any], finder: MentionFinder) -> dict[str, Any]:
    """The record as exported: ``depends-on`` resolved, instead of the texts it was found in."""
    complete = {key: value for key, value in record.items() if key != "mentions"}
    complete["depends-on"] = finder.dependencies(
        record["name"], record["mentions"], component_names(record["dependencies"])
    )
    return complete


def titles(records: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """``{name: title}`` of every service (the first record wins for a duplicated name)."""
    services: dict[str, str] = {}
    for record in records:
        services.setdefault(record["name"], record["title"])
    return services


def export_document(records: Iterable[Mapping[str, Any]], checklist: Checklist) -> dict[str, Any]:
    """The whole export: format, versions and every service."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "generator": f"sphinx-svcready {__version__}",
        "checklist": checklist_identity(checklist),
        "services": with_dependencies(records),
    }


def export_text(
    records: Iterable[Mapping[str, Any]], checklist: Checklist, finder: MentionFinder
) -> Iterator[str]:
    """The text of :func:`export_document`, piece by piece, for records already in order: the
    same bytes as ``dumps(export_document(...))``, without holding every record at once (a docs
    build decodes each from the environment only to write it)."""
    document = export_document([], checklist)
    # Everything before the list of services, which comes last.
    yield dumps(document)[: -len("[]\n}\n")] + "["
    written = False
    for record in records:
        text = json.dumps(completed(record, finder), indent=2, ensure_ascii=False)
        # JSON strings never hold a raw line break, so every line can be indented as a whole.
        yield ("," if written else "") + "\n" + textwrap.indent(text, "    ")
        written = True
    yield ("\n  ]" if written else "]") + "\n}\n"


def dumps(document: Mapping[str, Any]) -> str:
    """Stable JSON text: fixed key order, two-space indent, a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def checklist_identity(checklist: Checklist) -> dict[str, Any]:
    """Which checklist the services were judged against, as the export and the facts name it."""
    identity: dict[str, Any] = {
        "id": checklist.schema_id,
        "version": checklist.version,
        "title": checklist.title,
    }
    if checklist.tiers:
        identity["tiers"] = [
            {"id": tier.id, "name": tier.name, "description": tier.description} for tier in checklist.tiers
        ]
    if checklist.levels:
        identity["levels"] = list(checklist.levels)
    return identity


def _sign_off(sign_off: SignOff | None) -> dict[str, Any] | None:
    if sign_off is None:
        return None
    return {"by": sign_off.by, "on": sign_off.on, "note": sign_off.note}


def _consideration(consideration: ConsiderationResult, leveled: bool) -> dict[str, Any]:
    record: dict[str, Any] = {
        "key": consideration.key,
        "title": consideration.title,
        "state": consideration.state.value,
        "line": consideration.line,
        "last-reviewed": consideration.last_reviewed,
        "questions": [_question(q, leveled) for q in consideration.questions],
    }
    if consideration.sign_off is not None:
        record["sign-off"] = _sign_off(consideration.sign_off)
    if consideration.not_applicable is not None:
        record["not-applicable"] = consideration.not_applicable
    return record


def _question(question: QuestionResult, leveled: bool) -> dict[str, Any]:
    record: dict[str, Any] = {
        "key": question.key,
        "state": question.state.value,
        "line": question.line,
        "required": question.required,
    }
    if leveled:
        record["level"] = question.level or None
    if question.asked_of:
        record["asked-of"] = list(question.asked_of)
    if question.required_from:
        record["required-from"] = question.required_from
    if question.state is AnswerState.NOT_APPLICABLE and question.note:
        record["reason"] = question.note
    if question.waiver is not None:
        record["waiver"] = {
            "until": question.waiver.until,
            "approved-by": question.waiver.approved_by,
            "expired": question.waiver.expired,
            "expiring": question.waiver.expiring,
        }
    if question.links:
        record["links"] = [
            {"target": link.target, "kind": link.kind, "line": link.line, "exists": link.exists}
            for link in question.links
        ]
    if question.evidence:
        record["evidence"] = [
            {
                "probe": item.probe,
                "outcome": item.outcome.value,
                "says": item.says,
                "implies": item.implies,
                "file": item.path,
                "line": item.line,
            }
            for item in question.evidence
        ]
    return record


def _texts(question: QuestionResult) -> list[str]:
    answer = question.answer
    if isinstance(answer, list):
        return [str(item) for item in answer]
    return [answer] if isinstance(answer, str) else []
