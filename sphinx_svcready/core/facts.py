"""Readiness facts for Backstage Tech Insights: one set of facts per service's catalog entity.

Each item has the shape of what a Tech Insights fact retriever returns (the entity, its facts and
a timestamp), so a small retriever can fetch the file a docs build publishes and hand the items
on; ``schema`` is the fact schema such a retriever declares. The items are made from the export
records (export.py), so the facts and ``svcready.json`` never disagree. The timestamp is the day
the waivers were judged on, at midnight UTC: two builds of the same input on the same day write
the same bytes. ``schemas/svcready-facts.schema.json`` describes the file.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from sphinx_svcready._version import __version__
from sphinx_svcready.core.checklist.loading import Checklist
from sphinx_svcready.core.export import checklist_identity
from sphinx_svcready.core.reading.entity_refs import DEFAULT_NAMESPACE, full_ref, parse_ref

FACTS_FORMAT = "svcready-facts"
FACTS_VERSION = "1.2"

#: Each fact with its Tech Insights type and what it says.
FACT_SCHEMA: dict[str, dict[str, str]] = {
    "svcready_ready": {
        "type": "boolean",
        "description": (
            "The service is ready, as svcready.json and the docs build say: read, valid, nothing "
            "unanswered, no expired waiver, its review and sign-off neither stale nor missing, no "
            "answer contradicted by its repository and its required level reached."
        ),
    },
    "svcready_considerations": {
        "type": "integer",
        "description": "Considerations of the checklist.",
    },
    "svcready_answered": {"type": "integer", "description": "Considerations answered."},
    "svcready_not_applicable": {
        "type": "integer",
        "description": "Considerations in which every question is not applicable.",
    },
    "svcready_waived": {
        "type": "integer",
        "description": "Considerations with a waived question and no unanswered one.",
    },
    "svcready_unanswered": {
        "type": "integer",
        "description": "Considerations with at least one unanswered question or expired waiver.",
    },
    "svcready_unanswered_questions": {
        "type": "integer",
        "description": "Questions unanswered, including those with an expired waiver.",
    },
    "svcready_verified": {
        "type": "integer",
        "description": "Answers the service's repository confirmed (evidence probes).",
    },
    "svcready_contradicted": {
        "type": "integer",
        "description": "Answers the service's repository contradicts; any makes the service not ready.",
    },
    "svcready_contradicted_questions": {
        "type": "set",
        "description": "The questions (consideration.question) whose answers the repository contradicts.",
    },
    "svcready_unanswered_considerations": {
        "type": "set",
        "description": "The keys of the unanswered considerations, in checklist order.",
    },
}


def fact_schema(checklist: Checklist) -> dict[str, dict[str, str]]:
    """The fact schema, in the words of ``checklist``: one without levels speaks of none."""
    if checklist.levels:
        return FACT_SCHEMA
    ready = dict(FACT_SCHEMA["svcready_ready"])
    ready["description"] = ready["description"].replace(" and its required level reached", "")
    return {**FACT_SCHEMA, "svcready_ready": ready}


def timestamp(day: datetime.date) -> str:
    """``2026-11-26`` -> ``2026-11-26T00:00:00Z``."""
    return f"{day.isoformat()}T00:00:00Z"


def entity_ref(record: Mapping[str, Any]) -> str:
    """The Backstage entity the record's facts are about: the Component its catalog file holds,
    else ``component:default/<name>``."""
    backstage = record.get("backstage")
    if isinstance(backstage, Mapping) and backstage.get("entity"):
        return str(backstage["entity"])
    return full_ref(record["name"]) or f"component:{DEFAULT_NAMESPACE}/{record['name']}"


def facts_document(
    records: Iterable[Mapping[str, Any]], checklist: Checklist, day: datetime.date
) -> dict[str, Any]:
    """The facts of every service, one item per entity (the first record of an entity wins)."""
    when = timestamp(day)
    items: dict[str, dict[str, Any]] = {}
    for record in sorted(records, key=lambda r: (r["name"], r["docname"] or "", r["source"])):
        ref = entity_ref(record)
        if ref not in items:
            items[ref] = _item(record, ref, when)
    return {
        "format": FACTS_FORMAT,
        "version": FACTS_VERSION,
        "generator": f"sphinx-svcready {__version__}",
        "checklist": checklist_identity(checklist),
        "timestamp": when,
        "schema": fact_schema(checklist),
        "items": [items[ref] for ref in sorted(items)],
    }


def _item(record: Mapping[str, Any], ref: str, when: str) -> dict[str, Any]:
    kind, namespace, name = parse_ref(ref) or ("component", DEFAULT_NAMESPACE, record["name"])
    counts = record["counts"]
    return {
        "entity": {"namespace": namespace, "kind": kind, "name": name},
        "entityRef": ref,
        "timestamp": when,
        "facts": {
            "svcready_ready": record["ready"],
            "svcready_considerations": counts["considerations"],
            "svcready_answered": counts["answered"],
            "svcready_not_applicable": counts["not-applicable"],
            "svcready_waived": counts["waived"],
            "svcready_unanswered": counts["unanswered"],
            "svcready_unanswered_questions": counts["unanswered-questions"],
            "svcready_verified": counts.get("verified", 0),
            "svcready_contradicted": counts.get("contradicted", 0),
            "svcready_contradicted_questions": [
                f"{c['key']}.{q['key']}"
                for c in record["considerations"]
                for q in c["questions"]
                if any(item["outcome"] == "contradicted" for item in q.get("evidence", ()))
            ],
            "svcready_unanswered_considerations": [
                c["key"] for c in record["considerations"] if c["state"] == "unanswered"
            ],
        },
    }
