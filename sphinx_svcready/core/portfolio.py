"""Every service documented in the project, from the per-page records: lookups and cross-checks.

Plain data in, plain data out: the summary table, the ``:service:`` role, the dependency links and
the duplicate warnings all ask this module, so they agree on which page documents which service.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sphinx_svcready.core.campaigns import open_questions
from sphinx_svcready.core.reading.entity_refs import component_names
from sphinx_svcready.core.text import printable, quoted

#: ``{docname: page data}`` as kept in the Sphinx environment (see collector.py).
Pages = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class Documented:
    """One service as documented on one page.

    The export record is kept encoded and decoded only for the export: hundreds of services'
    records as nested dicts would cost the build far more memory than they are worth; the summary
    and the links read the small fields beside it. A page of this project keeps its record
    compressed (a quarter of the size, in memory and in the pickled environment). A remote export's
    service keeps none: this build shows it but never exports it, and encoding thousands of
    records again at every build would cost more than reading them.
    """

    docname: str
    location: str
    name: str
    title: str
    #: ``{consideration key: title}`` in checklist order.
    considerations: Mapping[str, str]
    #: What the summary table shows: owner, lifecycle, counts, mentions, the names of declared
    #: dependencies, unanswered considerations.
    overview: Mapping[str, Any]
    #: The record as JSON text, or that text compressed (see :func:`packed`); ``None`` for a
    #: remote export's service.
    encoded: str | bytes | None
    #: The service file, as the export names it.
    source: str = ""
    #: For a service of another docs project (see remote.py): its name in ``svcready_remote_exports``.
    project: str | None = None
    #: For a service of another docs project: the address of its page, if it has one.
    url: str | None = None

    @property
    def record(self) -> dict[str, Any]:
        encoded = self._kept()
        text = zlib.decompress(encoded) if isinstance(encoded, bytes) else encoded
        decoded: dict[str, Any] = json.loads(text)
        return decoded

    @property
    def fingerprint(self) -> str:
        """Changes whenever the record does: what digests of this project's services are made from."""
        encoded = self._kept()
        return hashlib.sha256(encoded if isinstance(encoded, bytes) else encoded.encode()).hexdigest()

    def _kept(self) -> str | bytes:
        if self.encoded is None:
            raise ValueError(f"service {self.name!r} of the remote export {self.project!r} keeps no record")
        return self.encoded


def packed(record: Mapping[str, Any]) -> bytes:
    """A record as the environment keeps it for a page of this project: compressed JSON text."""
    # The fastest level: the records are alike and compress well at any level.
    return zlib.compress(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def entry(record: Mapping[str, Any], location: str, levels: Sequence[str] = ()) -> dict[str, Any]:
    """What the summary, the matrix and the links read of one service's export record (see
    :class:`Documented`), without the record itself."""
    return {
        "location": location,
        "source": record["source"],
        "name": record["name"],
        "title": record["title"],
        "considerations": {c["key"]: c["title"] for c in record["considerations"]},
        "overview": {
            "owner": record["owner"],
            "lifecycle": record["lifecycle"],
            # "A (Business critical)": remote exports before version 1.4 name no tier's name.
            "tier": f"{record['tier']} ({record['tier-name']})"
            if record.get("tier-name")
            else str(record["tier"]),
            "tier-id": record["tier"],
            "level": record.get("level"),
            "ready": bool(record.get("ready")),
            "system": record.get("system"),
            "last-reviewed": record["last-reviewed"],
            # 0 below the lowest of the checklist's ``levels``, then 1, 2, ...: the summary sorts by it.
            "rank": levels.index(record["level"]) + 1 if record.get("level") in levels else 0,
            "leveled": any(q.get("level") for c in record["considerations"] for q in c["questions"]),
            "counts": record["counts"],
            # Waived considerations whose waiver is close to its date: the summary flags them, in
            # the same unit as the count of waived considerations beside it.
            "expiring": sum(
                c["state"] == "waived"
                and any((q.get("waiver") or {}).get("expiring") for q in c["questions"])
                for c in record["considerations"]
            ),
            # A remote export's record holds its dependencies worked out, not the texts they came from.
            "mentions": record.get("mentions", []),
            "declared": component_names(record["dependencies"]) + record.get("depends-on", []),
            "unanswered": [
                (c["key"], c["title"]) for c in record["considerations"] if c["state"] == "unanswered"
            ],
            # Each consideration's state, for the matrix.
            "states": {c["key"]: c["state"] for c in record["considerations"]},
            # What a campaign counts as still open, so no page decodes the record for it.
            "open-questions": list(open_questions(record)),
        },
    }


def local_entry(record: Mapping[str, Any], location: str, levels: Sequence[str] = ()) -> dict[str, Any]:
    """:func:`entry` for a page of this project, with its record :func:`packed`."""
    return {**entry(record, location, levels), "record": packed(record)}


def documented(pages: Pages) -> list[Documented]:
    """Every documented service, in docname order (then order on the page)."""
    return [
        Documented(
            docname,
            item["location"],
            item["name"],
            item["title"],
            item["considerations"],
            item["overview"],
            item["record"],
            item["source"],
        )
        for docname in sorted(pages)
        for item in pages[docname]["services"]
        if item["record"] is not None
    ]


def index(pages: Pages) -> dict[str, Documented]:
    """Services by name; where a name is documented twice, the first in docname order wins."""
    found: dict[str, Documented] = {}
    for service in documented(pages):
        found.setdefault(service.name, service)
    return found


def duplicates(pages: Pages) -> list[tuple[Documented, Documented]]:
    """``(again, first)`` for every service documented more than once."""
    first: dict[str, Documented] = {}
    pairs = []
    for service in documented(pages):
        if service.name in first:
            pairs.append((service, first[service.name]))
        else:
            first[service.name] = service
    return pairs


#: The most documented names an unknown reference's warning lists.
MAX_SUGGESTIONS = 5


def split_target(target: str) -> tuple[str, str | None]:
    """``credentials#monitoring`` -> ``("credentials", "monitoring")``."""
    name, _, consideration = target.strip().partition("#")
    return name.strip(), consideration.strip() or None


def reference_problem(
    target: str, services: Mapping[str, Documented], written: str | None = None
) -> str | None:
    """Why ``:service:`target``` cannot be resolved, or ``None`` when it can; ``written`` is the
    reference as the page has it (MyST writes ``{service}`target```)."""
    name, consideration = split_target(target)
    shown = written or f":service:`{target}`"
    service = services.get(name)
    if service is None:
        return f"unknown service '{name}' in {shown}{_did_you_mean(name, list(services))}"
    if consideration is not None and service.considerations.get(consideration) is None:
        keys = list(service.considerations)
        return (
            f"service '{name}' has no consideration '{consideration}' in {shown}"
            f"{_did_you_mean(consideration, keys)}"
        )
    return None


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f" (did you mean {quoted(close[0], 80)}?)"
    if not choices:
        return "; no service is documented yet"
    listed = ", ".join(printable(choice, 80) for choice in sorted(choices)[:MAX_SUGGESTIONS])
    more = len(choices) - MAX_SUGGESTIONS
    return f"; documented: {listed}" + (f" and {more:,} more" if more > 0 else "")
