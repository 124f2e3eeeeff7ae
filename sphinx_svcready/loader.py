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

from .catalogue import Subtype
from .model import DataPath, Problem

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


class _Refused(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def load_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedDocument:
    """Read and parse ``path``; problems are returned in the document, never raised."""
    document = LoadedDocument(str(path))
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            document.problems.append(
                Problem(
                    Subtype.YAML.value,
                    f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes (raise it with "
                    "svcready_max_bytes in conf.py, or --max-bytes for svcready check)",
                    1,
                )
            )
            return document
        raw = Path(path).read_bytes()
    except IsADirectoryError:
        document.problems.append(Problem(Subtype.FILE.value, "is a folder, not a YAML file"))
        return document
    except OSError as error:
        document.problems.append(Problem(Subtype.FILE.value, f"cannot be read: {error.strerror}"))
        return document
    return load_bytes(raw, document)


def load_bytes(raw: bytes, document: LoadedDocument) -> LoadedDocument:
    """Parse file contents into ``document``."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        document.problems.append(Problem(Subtype.YAML.value, "is UTF-16 text; save it as UTF-8", 1))
        return document
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        document.problems.append(
            Problem(Subtype.YAML.value, "is not valid UTF-8 text; save it as UTF-8", line)
        )
        return document
    return load_text(text, document)


def load_text(text: str, document: LoadedDocument) -> LoadedDocument:
    """Parse YAML text into ``document``: data, line map and problems."""
    try:
        _Builder(document).run(text)
    except _Refused as refused:
        document.data = None
        document.problems.append(Problem(Subtype.YAML.value, refused.message, refused.line))
        return document
    except yaml.MarkedYAMLError as error:
        document.data = None
        document.problems.append(_syntax_problem(error, text))
        return document
    except yaml.reader.ReaderError as error:
        document.data = None
        document.problems.append(_reader_problem(error, text))
        return document
    except yaml.YAMLError as error:
        document.data = None
        first_line = str(error).splitlines()[0] if str(error) else "unreadable"
        document.problems.append(Problem(Subtype.YAML.value, f"YAML error: {first_line}", 1))
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


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "invalid YAML"
    context = error.context or ""
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    opened = _OPENED.get(next((kind for kind in _OPENED if kind in context), ""))
    if opened and error.context_mark is not None:
        # The end of the file, where the reader gave up, is useless: point at what was opened.
        mark = error.context_mark
        message = f"YAML syntax error: {opened}"
    elif "maximum nesting depth" in problem:
        message = "nests too deeply; a checklist never needs that"
    elif "mapping values are not allowed" in problem or "mapping keys are not allowed" in problem:
        message += (
            "; an answer that contains ': ' or starts with '?', '-' or another YAML sign must be in "
            "quotes, such as 'TODO: ask ops' or '?'"
        )
    line = mark.line + 1 if mark is not None else 1
    if "'\\t'" in problem or _tab_indented(text, line):
        message += "; YAML does not allow tabs for indentation, use spaces"
    return Problem(Subtype.YAML.value, message, line)


#: What was left open, by the reader's context message: reported where it was opened.
_OPENED = {
    "quoted scalar": "a quoted value starts here and its closing quote is missing",
    "flow sequence": "a list opened with '[' here is never closed with ']'",
    "flow mapping": "a mapping opened with '{' here is never closed with '}'",
}


def _reader_problem(error: yaml.reader.ReaderError, text: str) -> Problem:
    """A character YAML does not allow, such as a NUL byte, at its line."""
    line = text.count("\n", 0, error.position) + 1 if isinstance(error.position, int) else 1
    character = error.character
    code = f"#x{ord(character):04x}" if isinstance(character, str) else f"#x{character:04x}"
    return Problem(
        Subtype.YAML.value,
        f"holds the character {code}, which YAML does not allow "
        "(control characters are not allowed); remove it",
        line,
    )


def _tab_indented(text: str, line: int) -> bool:
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return False
    content = lines[line - 1]
    return "\t" in content[: len(content) - len(content.lstrip())]


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

    def __init__(self, document: LoadedDocument) -> None:
        self.document = document
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
                if self.documents > 1:
                    raise _Refused(
                        "holds more than one YAML document ('---'); keep one per file",
                        _line(event),
                    )
            elif isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
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
