"""The ``service:`` block of a file read as the service's metadata, with its unanswered fields.

Name, title, owner and the rest come from here; a field written as a placeholder counts as not
written (and is a problem), and a file with no usable name is named after its folder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sphinx_svcready.core.answers import date_text, sign_off_in, unanswered_because
from sphinx_svcready.core.checklist.tiers import Tier, is_tier_id
from sphinx_svcready.core.model import DataPath, Problem, ServiceMeta
from sphinx_svcready.core.reading.entity_refs import full_ref
from sphinx_svcready.core.reading.yaml_reader import LoadedDocument
from sphinx_svcready.core.subtypes import Subtype

#: Metadata written as free text: a placeholder there is as unanswered as in a question.
_METADATA_TEXTS = ("title", "summary", "owner", "contact", "system")

#: Makes a problem located at a data path (in the file, or where a merged value came from).
Locate = Callable[[Subtype, str, DataPath], Problem]


def read_service(
    value: Any,
    document: LoadedDocument,
    placeholders: Sequence[str],
    locate: Locate,
    tiers: Sequence[Tier] = (),
) -> tuple[ServiceMeta, list[Problem]]:
    """The metadata ``value`` (the ``service:`` mapping) gives, and a problem per placeholder in it.

    ``tiers`` are the checklist's declared tiers: ``service.tier`` must name one of them.
    """
    meta = value if isinstance(value, dict) else {}
    problems = []

    def text(key: str) -> str | None:
        item = meta.get(key)
        if isinstance(item, str) and unanswered_because(item, placeholders) is not None:
            return None
        return str(item) if isinstance(item, (str, int, float)) and not isinstance(item, bool) else None

    for key in _METADATA_TEXTS:
        written = meta.get(key)
        why = unanswered_because(written, placeholders) if isinstance(written, str) else None
        if why is not None:
            problems.append(
                locate(Subtype.UNANSWERED, f"service.{key} is unanswered ({why})", ("service", key))
            )
    name = text("name") or fallback_name(document.path)
    written = meta.get("tier")
    # A bad tier is a schema error already; the service is then asked everything.
    known = [each.id for each in tiers]
    tier = (
        written
        if is_tier_id(written) and (written in known or (not known and isinstance(written, int)))
        else None
    )
    repositories = meta.get("repositories")
    summary_origin = document.origin_of(("service", "summary"))
    service = ServiceMeta(
        name=name,
        title=text("title") or name,
        summary=text("summary"),
        owner=text("owner"),
        lifecycle=text("lifecycle"),
        contact=text("contact"),
        system=text("system"),
        depends_on=declared_refs(meta.get("depends-on")),
        summary_line=summary_origin.line if summary_origin else document.lines.get(("service", "summary")),
        summary_source=summary_origin.source if summary_origin else None,
        tier=tier,
        last_reviewed=date_text(meta.get("last-reviewed")),
        sign_off=sign_off_in(meta.get("sign-off")),
        repositories=tuple(r for r in repositories if isinstance(r, str))
        if isinstance(repositories, list)
        else (),
    )
    return service, problems


def declared_refs(value: Any) -> tuple[str, ...]:
    """Declared dependencies as full entity refs, each once; what is not a ref is left out."""
    items = value if isinstance(value, list) else []
    refs = (full_ref(item) for item in items if isinstance(item, str))
    return tuple(dict.fromkeys(ref for ref in refs if ref is not None))


def fallback_name(path: str) -> str:
    """The name of a service whose file gives none: its folder's."""
    parent = Path(path).resolve().parent.name
    return parent or Path(path).stem
