"""Read a ``service.yaml`` into plain data plus the line of every key and list item.

The file is read with a safe, bounded YAML reader built on PyYAML's event stream: no tag ever
constructs an object, anchors and aliases are counted so an alias bomb cannot blow up, nesting is
limited without recursion, and duplicate keys are reported instead of silently dropped. Scalars
follow the YAML 1.2 core schema (only ``true``/``false`` are booleans; dates stay text), so
``no`` is the word "no" and ``2027-03-01`` is the text ``2027-03-01``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sphinx_svcready.core.model import CatalogLink, DataPath, Origin, Problem
from sphinx_svcready.core.reading.files import FileRefused, read_regular
from sphinx_svcready.core.reading.yaml_messages import reader_problem, syntax_problem
from sphinx_svcready.core.subtypes import Subtype

DEFAULT_MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
#: Values, counting those repeated through aliases: an answered checklist has a few hundred, so
#: this refuses alias bombs and machine-made files early, keeping every read well under a second.
MAX_VALUES = 10_000

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}


@dataclass
class LoadedDocument:
    """The data of one file and where each part of it was written."""

    path: str
    data: Any = None
    lines: dict[DataPath, int] = field(default_factory=dict)
    #: The source text of scalars that YAML read as numbers, so ``1.10`` is shown as written.
    number_text: dict[DataPath, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Values merged in from another file (a Backstage catalog file), by where they now are.
    origins: dict[DataPath, Origin] = field(default_factory=dict)
    catalog: CatalogLink | None = None

    @property
    def ok(self) -> bool:
        """True when the file could be read into a mapping."""
        return isinstance(self.data, dict)

    def line_of(self, path: DataPath) -> int | None:
        """The line of ``path``, or of its nearest written ancestor."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None

    def origin_of(self, path: DataPath) -> Origin | None:
        """Where ``path`` was read from, when it (or a value holding it) came from another file."""
        for end in range(len(path), 0, -1):
            origin = self.origins.get(path[:end])
            if origin is not None:
                return origin
        return None


class _Refused(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def load_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedDocument:
    """Read and parse ``path``; problems are returned in the document, never raised."""
    document = LoadedDocument(str(path))
    raw = _read(path, max_bytes, document.problems)
    return document if raw is None else load_bytes(raw, document)


def load_bytes(raw: bytes, document: LoadedDocument) -> LoadedDocument:
    """Parse file contents into ``document``."""
    text = _decode(raw, document.problems)
    return document if text is None else load_text(text, document)


def load_text(text: str, document: LoadedDocument) -> LoadedDocument:
    """Parse YAML text into ``document``: data, line map and problems."""
    problem = _parse(_Builder(document), text)
    if problem is not None:
        document.data = None
        document.problems.append(problem)
        return document
    if document.data is None:
        document.problems.append(
            Problem(Subtype.YAML.value, "is empty; it needs a 'service:' mapping at least", 1)
        )
    elif not isinstance(document.data, dict):
        kind = _kind(document.data)
        document.problems.append(
            Problem(
                Subtype.YAML.value,
                f"must be a mapping with 'service:' and 'considerations:' at the top, not {kind}",
                document.lines.get((), 1),
            )
        )
        document.data = None
    return document


@dataclass
class LoadedStream:
    """Every document of a file that may hold several (separated by ``---``)."""

    path: str
    documents: list[LoadedDocument] = field(default_factory=list)
    #: Problems that stopped the whole file from being read.
    problems: list[Problem] = field(default_factory=list)


def load_stream(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedStream:
    """Read and parse every document of ``path`` with the same rules and bounds as :func:`load_file`.

    The bounds hold for the file as a whole; a problem inside one document (a duplicate key) stays
    with that document, a problem that stops the reader leaves no documents at all.
    """
    stream = LoadedStream(str(path))
    raw = _read(path, max_bytes, stream.problems)
    text = None if raw is None else _decode(raw, stream.problems)
    if text is None:
        return stream
    builder = _Builder(LoadedDocument(stream.path), multiple=True)
    problem = _parse(builder, text)
    if problem is not None:
        stream.problems.append(problem)
        return stream
    stream.documents = builder.finished
    return stream


def _read(path: str | Path, max_bytes: int, problems: list[Problem]) -> bytes | None:
    try:
        return read_regular(path, max_bytes, kind="YAML file")
    except FileRefused as refused:
        if refused.size is None:
            problems.append(Problem(Subtype.FILE.value, refused.reason))
        else:
            problems.append(
                Problem(
                    Subtype.YAML.value,
                    f"file is {refused.size:,} bytes, over the limit of {max_bytes:,} bytes (raise it "
                    "with svcready_max_bytes in conf.py, or --max-bytes for svcready check)",
                    1,
                )
            )
    return None


def _decode(raw: bytes, problems: list[Problem]) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(Subtype.YAML.value, "is UTF-16 text; save it as UTF-8", 1))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        problems.append(Problem(Subtype.YAML.value, "is not valid UTF-8 text; save it as UTF-8", line))
        return None


def _parse(builder: _Builder, text: str) -> Problem | None:
    """Run ``builder`` over ``text``; the problem that stopped it, if any."""
    try:
        builder.run(text)
    except _Refused as refused:
        return Problem(Subtype.YAML.value, refused.message, refused.line)
    except yaml.MarkedYAMLError as error:
        return syntax_problem(error, text)
    except yaml.reader.ReaderError as error:
        return reader_problem(error, text)
    except yaml.YAMLError as error:
        first_line = str(error).splitlines()[0] if str(error) else "unreadable"
        return Problem(Subtype.YAML.value, f"YAML error: {first_line}", 1)
    return None


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return "a single value"


def _line(event: yaml.Event) -> int:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 1


class _Builder:
    """Builds plain data from YAML events with an explicit stack instead of recursion."""

    def __init__(self, document: LoadedDocument, multiple: bool = False) -> None:
        self.document = document
        #: Read every document of the stream instead of refusing a second one.
        self.multiple = multiple
        self.finished: list[LoadedDocument] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.values = 0
        # Each frame: [container, path, pending key (mappings), key line, anchor, size, key lines]
        self.stack: list[_Frame] = []
        self.documents = 0

    def run(self, text: str) -> None:
        root_set = False
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1 and not self.multiple:
                    raise _Refused(
                        "holds more than one YAML document ('---'); keep one per file",
                        _line(event),
                    )
                if self.documents > 1:
                    # Anchors belong to their document; the count of values goes on for the file.
                    self.document = LoadedDocument(self.document.path)
                    self.anchors = {}
                    root_set = False
            elif isinstance(event, yaml.DocumentEndEvent):
                self.finished.append(self.document)
            elif isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent)):
                continue
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self._check_tag(event)
                if len(self.stack) >= MAX_DEPTH:
                    raise _Refused(
                        f"nests deeper than {MAX_DEPTH} levels; a checklist never needs that",
                        _line(event),
                    )
                if self.stack and self.stack[-1].is_mapping and self.stack[-1].key is None:
                    raise _Refused("a key must be plain text, not a list or a mapping", _line(event))
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                path = self._child_path(event)
                self.stack.append(_Frame(container, path, event.anchor, _line(event)))
                self._count(1, event)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = self.stack.pop()
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.container, frame.size)
                if self.stack:
                    self.stack[-1].size += frame.size
                self._place(frame.container, frame.line, frame.path)
                if not self.stack:
                    root_set = True
            elif isinstance(event, yaml.ScalarEvent):
                if self.stack and self.stack[-1].is_mapping and self.stack[-1].key is None:
                    self._take_key(event)
                    continue
                path = self._child_path(event)
                self._check_tag(event)
                value = self._scalar(event, path)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                self._count(1, event)
                self._place(value, _line(event), path)
                if not self.stack:
                    root_set = True
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in self.anchors:
                    raise _Refused(f"alias '*{event.anchor}' has no anchor before it", _line(event))
                if self.stack and self.stack[-1].is_mapping and self.stack[-1].key is None:
                    raise _Refused("an alias cannot be used as a key", _line(event))
                value, size = self.anchors[event.anchor]
                self._count(size, event)
                path = self._child_path(event)
                self._place(value, _line(event), path)
                if not self.stack:
                    root_set = True
        if not root_set:
            self.document.data = None

    def _count(self, size: int, event: yaml.Event) -> None:
        self.values += size
        if self.stack:
            self.stack[-1].size += size
        if self.values > MAX_VALUES:
            raise _Refused(
                f"holds more than {MAX_VALUES:,} values (counting those repeated through aliases); "
                "a checklist needs far fewer: is this the right file?",
                _line(event),
            )

    def _check_tag(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag is None or tag == "!":
            return
        if tag not in _ALLOWED_TAGS:
            written = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
            raise _Refused(
                f"uses the tag '{written}', which is not allowed; write plain YAML values instead",
                _line(event),
            )

    def _child_path(self, event: yaml.Event) -> DataPath:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if frame.is_mapping:
            assert frame.key is not None
            return (*frame.path, frame.key)
        return (*frame.path, len(frame.container))

    def _take_key(self, event: yaml.ScalarEvent) -> None:
        frame = self.stack[-1]
        self._check_tag(event)
        key = event.value
        line = _line(event)
        earlier = frame.key_lines.get(key)
        if earlier is not None:
            self.document.problems.append(
                Problem(
                    Subtype.YAML.value,
                    f"duplicate key '{key}' (first written at line {earlier}); "
                    "the later value is used, remove one of them",
                    line,
                )
            )
        frame.key_lines[key] = line
        frame.key = key
        self.document.lines[(*frame.path, key)] = line

    def _place(self, value: Any, line: int, path: DataPath) -> None:
        if not self.stack:
            self.document.data = value
            self.document.lines.setdefault((), line)
            return
        frame = self.stack[-1]
        if frame.is_mapping:
            frame.container[frame.key] = value
            frame.key = None
        else:
            self.document.lines.setdefault(path, line)
            frame.container.append(value)

    def _scalar(self, event: yaml.ScalarEvent, path: DataPath) -> Any:
        text = event.value
        tag = event.tag
        plain = event.implicit[0] and not event.style
        if tag in (None, "!") and not plain:
            return text
        kind = tag[len(_CORE) :] if tag and tag.startswith(_CORE) else None
        if kind == "str":
            return text
        if (kind in (None, "null")) and _NULL.match(text):
            return None
        if kind in (None, "bool") and text in _BOOL:
            return _BOOL[text]
        if kind in (None, "int") and _INT.match(text):
            self.document.number_text[path] = text
            return int(text, 0) if text[:2] in ("0o", "0x") else int(text, 10)
        if kind in (None, "float") and _FLOAT.match(text):
            self.document.number_text[path] = text
            return float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))
        if kind is None:
            return text
        raise _Refused(f"'{text}' is not a valid {kind}", _line(event))


class _Frame:
    __slots__ = ("anchor", "container", "key", "key_lines", "line", "path", "size")

    def __init__(self, container: Any, path: DataPath, anchor: str | None, line: int) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.line = line
        self.key: str | None = None
        self.size = 0
        self.key_lines: dict[str, int] = {}

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.container, dict)
