"""Read a service's Backstage Component entity and merge its metadata into the service file's data.

A ``service.yaml`` names its Backstage catalog file with ``service.catalog-info`` (relative to its
own folder), or the file sits beside it as ``catalog-info.yaml``. The Component entity gives the
name, title, summary, owner, lifecycle, system and declared dependencies; each fills a key the
``service.yaml`` leaves out, before the data is validated, so a required key may come from either
file. A key written in both with different values is a problem, and the ``service.yaml`` wins.
The catalog file is read with the same safe, bounded reader as the ``service.yaml``; every problem
with it is a ``backstage`` problem and never stops the service from being judged. Nothing here
imports Sphinx.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx_svcready.core.model import CatalogLink, Origin, Problem
from sphinx_svcready.core.reading.entity_refs import DEFAULT_NAMESPACE, PART, full_ref, short_ref
from sphinx_svcready.core.reading.yaml_reader import DEFAULT_MAX_BYTES, LoadedDocument, load_stream
from sphinx_svcready.core.subtypes import Subtype
from sphinx_svcready.core.validation_messages import kind_of

CATALOG_FILENAME = "catalog-info.yaml"
#: The key of the ``service`` mapping that names the catalog file.
POINTER = "catalog-info"
API_VERSION_PREFIX = "backstage.io/"

_SERVICE = "service"
_BACKSTAGE = Subtype.BACKSTAGE.value
_SHOWN_LENGTH = 60


@dataclass(frozen=True)
class CatalogOptions:
    """How catalog files are found and read."""

    #: Read ``catalog-info.yaml`` beside a ``service.yaml`` that names no catalog file.
    beside: bool = True
    #: Catalog files outside this folder are refused; ``None`` allows any.
    root: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class CatalogUse:
    """Which files the result depends on, so that a docs build can rebuild when they change."""

    #: The catalog file read, or named and missing.
    read: str | None = None
    #: The ``catalog-info.yaml`` looked for beside the service file and not there.
    absent: str | None = None


@dataclass(frozen=True)
class _Field:
    """One value of the entity and the key of the ``service`` mapping it fills."""

    key: str
    section: str
    name: str
    #: The entity kind an entity ref in this field stands for when it names none.
    ref_kind: str | None = None
    #: A name, compared without case or punctuation: "Team Aurora" is ``group:team-aurora``.
    identifier: bool = False

    @property
    def label(self) -> str:
        return f"{self.section}.{self.name}"


_FIELDS = (
    _Field("name", "metadata", "name", identifier=True),
    _Field("title", "metadata", "title"),
    _Field("summary", "metadata", "description"),
    _Field("owner", "spec", "owner", "group", identifier=True),
    _Field("lifecycle", "spec", "lifecycle"),
    _Field("system", "spec", "system", "system", identifier=True),
    _Field("depends-on", "spec", "dependsOn", "component"),
)


# -- reading and merging ----------------------------------------------------------------------


def apply_catalog(document: LoadedDocument, options: CatalogOptions) -> CatalogUse:
    """Merge the Backstage Component of ``document``'s catalog file into its ``service`` mapping.

    Problems are added to ``document``; values taken from the catalog are recorded in
    ``document.origins`` so that a problem with one of them is located in the catalog file.
    """
    use = CatalogUse()
    data = document.data
    if not isinstance(data, dict):
        return use
    service = data.get(_SERVICE) if _SERVICE in data else {}
    if not isinstance(service, dict):
        return use  # the schema check reports it
    explicit = POINTER in service
    if explicit:
        pointer = service[POINTER]
        if not isinstance(pointer, str) or not pointer.strip():
            return use  # the schema check reports it
        written = pointer.strip()
    elif options.beside:
        written = CATALOG_FILENAME
    else:
        return use
    reader = _Reader(document, written, explicit)
    if not reader.allowed(options, use):
        return use
    entity = reader.entity(options, use, service.get("name"))
    if entity is None:
        return use
    namespace = _namespace(_section(entity.data, "metadata").get("namespace"))
    merged = False
    for field, value, line in reader.values(entity, namespace):
        merged = _merge(document, service, field, value, line, reader) or merged
    if merged and _SERVICE not in data:
        data[_SERVICE] = service
    name = (_text(_section(entity.data, "metadata").get("name")) or "").strip()
    ref = f"component:{namespace.casefold()}/{name}" if PART.fullmatch(name) else None
    links, annotations, lines = _links_and_annotations(entity)
    document.catalog = CatalogLink(reader.shown, ref, links, annotations, lines)
    return use


#: At most this many links and annotations are kept from one entity, each value this long.
_MAX_ITEMS = 100
_MAX_TEXT = 500


def _links_and_annotations(
    entity: LoadedDocument,
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], tuple[tuple[str, int | None], ...]]:
    """The entity's http(s) links (title, address) and its text annotations, bounded."""
    metadata = _section(entity.data, "metadata")
    links = []
    raw_links = metadata.get("links")
    for item in raw_links[:_MAX_ITEMS] if isinstance(raw_links, list) else []:
        if not isinstance(item, dict):
            continue
        url, title = item.get("url"), item.get("title")
        if isinstance(url, str) and url.strip().lower().startswith(("https://", "http://")):
            address = url.strip()[:_MAX_TEXT]
            shown = title.strip()[:_MAX_TEXT] if isinstance(title, str) and title.strip() else address
            links.append((shown, address))
    raw = metadata.get("annotations")
    annotations = [
        (key[:_MAX_TEXT], value.strip()[:_MAX_TEXT])
        for key, value in (list(raw.items())[:_MAX_ITEMS] if isinstance(raw, dict) else [])
        if isinstance(key, str) and isinstance(value, str) and value.strip()
    ]
    lines = tuple((key, entity.line_of(("metadata", "annotations", key))) for key, _ in annotations)
    return tuple(links), tuple(annotations), lines


class _Reader:
    """Finds, reads and picks apart one catalog file, adding its problems to ``document``."""

    def __init__(self, document: LoadedDocument, written: str, explicit: bool) -> None:
        self.document = document
        self.written = written
        self.explicit = explicit
        self.path = Path(document.path).parent / written
        self.shown = os.path.normpath(self.path)

    def problem(self, message: str, line: int | None) -> None:
        """A problem inside the catalog file."""
        self.document.problems.append(Problem(_BACKSTAGE, message, line, self.shown))

    def unusable(self, message: str) -> None:
        """A problem with the file as a whole: at the key that names it, else at the file's start."""
        if self.explicit:
            self.document.problems.append(
                Problem(
                    _BACKSTAGE,
                    f"service.{POINTER} '{self.written}' {message}",
                    self.document.line_of((_SERVICE, POINTER)),
                )
            )
        else:
            self.problem(message, 1)

    def allowed(self, options: CatalogOptions, use: CatalogUse) -> bool:
        try:
            if not self.explicit and not os.path.lexists(self.path):
                use.absent = self.shown
                return False
            if options.root is not None and not self.path.resolve().is_relative_to(options.root.resolve()):
                self.unusable(
                    f"is outside {options.root}, the folder catalog files are read from (the git work "
                    "tree of the docs, else the docs source), and is not read "
                    "(svcready_allow_outside_srcdir = True allows it)"
                )
                return False
        except (OSError, ValueError, RuntimeError) as error:  # a name the system refuses, a loop
            self.unusable(f"cannot be read: {error}")
            return False
        return True

    def entity(self, options: CatalogOptions, use: CatalogUse, wanted: Any) -> LoadedDocument | None:
        use.read = self.shown
        try:
            # The loader refuses pipes and devices, as it does for service files.
            stream = load_stream(self.path, options.max_bytes)
        except (OSError, ValueError) as error:
            self.unusable(f"cannot be read: {error}")
            return None
        for problem in stream.problems:
            if problem.subtype == Subtype.FILE.value:
                self.unusable(problem.message)
            else:
                self.problem(problem.message, problem.line)
        for document in stream.documents:
            for problem in document.problems:
                self.problem(problem.message, problem.line)
        if stream.problems:
            return None
        return self._choose(stream.documents, wanted)

    def _choose(self, documents: list[LoadedDocument], wanted: Any) -> LoadedDocument | None:
        entities = [d for d in documents if _is_entity(d.data)]
        components = [d for d in entities if d.data["kind"].casefold() == "component"]
        if len(components) == 1:
            return components[0]
        if not components:
            if not entities:
                line = next((d.lines.get(()) for d in documents if d.data is not None), 1)
                self.problem(
                    "holds no Backstage entity (a document with 'apiVersion: backstage.io/v1alpha1' "
                    "and 'kind: Component')",
                    line,
                )
            else:
                kinds = ", ".join(sorted({d.data["kind"] for d in entities}))
                what = "a Backstage entity" if len(entities) == 1 else "Backstage entities"
                self.problem(
                    f"holds {what} of kind {kinds} and no Component; only a Component's metadata is read",
                    entities[0].lines.get(("kind",)),
                )
            return None
        names = [_text(_section(d.data, "metadata").get("name")) or "?" for d in components]
        if isinstance(wanted, str):
            for document, name in zip(components, names, strict=True):
                if name == wanted:
                    return document
            why = f"none is named '{wanted}', the service.name"
        else:
            why = "set service.name to the name of the one to read"
        self.problem(
            f"holds {len(components)} Component entities ({', '.join(names)}) and {why}; none is read",
            components[0].lines.get(("kind",)),
        )
        return None

    def values(self, entity: LoadedDocument, namespace: str) -> list[tuple[_Field, Any, int | None]]:
        """Every usable value of the entity, converted to what the ``service`` mapping holds."""
        found: list[tuple[_Field, Any, int | None]] = []
        sections_checked: set[str] = set()
        for field in _FIELDS:
            section = entity.data.get(field.section)
            if not isinstance(section, dict):
                if section is not None and field.section not in sections_checked:
                    self.problem(
                        f"{field.section} should be a mapping, not {kind_of(section)}; it is not read",
                        entity.lines.get((field.section,)),
                    )
                sections_checked.add(field.section)
                continue
            value = section.get(field.name)
            line = entity.line_of((field.section, field.name))
            if value is None:
                continue
            if field.key == "depends-on":
                refs = self._refs(entity, field, value, namespace)
                if refs:
                    found.append((field, refs, line))
                continue
            if not isinstance(value, str):
                self.problem(f"{field.label} should be text, not {kind_of(value)}; it is not read", line)
                continue
            text = value.strip()
            if field.ref_kind is not None:
                text = short_ref(text, field.ref_kind)
            if text:
                found.append((field, text, line))
        return found

    def _refs(self, entity: LoadedDocument, field: _Field, value: Any, namespace: str) -> list[str]:
        if not isinstance(value, list):
            self.problem(
                f"{field.label} should be a list of entity refs, not {kind_of(value)}; it is not read",
                entity.line_of((field.section, field.name)),
            )
            return []
        refs: list[str] = []
        for index, item in enumerate(value):
            ref = full_ref(item, namespace=namespace) if isinstance(item, str) else None
            if ref is None:
                self.problem(
                    f"{field.label}[{index}] is not an entity ref such as 'component:billing' "
                    f"or 'resource:default/ledger-db'; it is not read",
                    entity.line_of((field.section, field.name, index)),
                )
            elif ref not in refs:
                refs.append(ref)
        return refs


def _merge(
    document: LoadedDocument,
    service: dict[str, Any],
    field: _Field,
    value: Any,
    line: int | None,
    reader: _Reader,
) -> bool:
    """Fill ``field`` from the catalog, or compare it with what the service file says."""
    path = (_SERVICE, field.key)
    ours = service.get(field.key)
    if ours is None:
        service[field.key] = value
        document.origins[path] = Origin(reader.shown, line, field.label)
        return True
    if _differs(field, ours, value):
        where = f"{reader.written}:{line}" if line else reader.written
        document.problems.append(
            Problem(
                _BACKSTAGE,
                f"service.{field.key} {_shown(ours)} differs from {field.label} {_shown(value)} in "
                f"{where}; the value in {Path(document.path).name} is used",
                document.line_of(path),
            )
        )
    return False


def _differs(field: _Field, ours: Any, theirs: Any) -> bool:
    if field.key == "depends-on":
        if not isinstance(ours, list) or not all(isinstance(item, str) for item in ours):
            return False  # the schema check reports it
        written = {full_ref(item) for item in ours}
        return None not in written and written != set(theirs)
    if not isinstance(ours, str):
        return False  # the schema check reports it
    if field.ref_kind is not None:
        ours = short_ref(ours.strip(), field.ref_kind)
    if field.identifier:
        return _folded(ours) != _folded(str(theirs))
    return " ".join(ours.split()) != " ".join(str(theirs).split())


def _folded(name: str) -> str:
    """A name without case, and with every run of spaces and punctuation as one hyphen."""
    return "-".join(re.findall(r"[^\W_]+", name.casefold()))


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(short_ref(str(item)) for item in value) + "]"
    text = " ".join(str(value).split())
    if len(text) > _SHOWN_LENGTH:
        text = text[: _SHOWN_LENGTH - 1] + "…"
    return f"'{text}'"


def _is_entity(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("apiVersion"), str)
        and data["apiVersion"].startswith(API_VERSION_PREFIX)
        and isinstance(data.get("kind"), str)
    )


def _section(data: Any, name: str) -> dict[str, Any]:
    section = data.get(name) if isinstance(data, dict) else None
    return section if isinstance(section, dict) else {}


def _namespace(value: Any) -> str:
    text = value.strip() if isinstance(value, str) else ""
    return text if PART.fullmatch(text) else DEFAULT_NAMESPACE


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
