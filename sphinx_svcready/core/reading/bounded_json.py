"""Read JSON from a file or a server with its nesting bounded, so no document can exhaust the stack.

Python's JSON reader recurses once per level of nesting, and so do the validators and the code
that walk what it returns: ``[`` repeated a thousand times is enough to raise ``RecursionError``
out of a build. :func:`parse_json` measures the nesting before anything recurses and refuses a
document nested more deeply than any checklist, extension or export needs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sphinx_svcready.core.reading.files import read_regular

#: Deeper than any checklist schema (about 10 levels), extension (6) or export (8) ever is.
MAX_JSON_DEPTH = 64

# Unrolled (a run of plain characters, then escapes each followed by a run): one step per run, not
# one alternation per character, three times sooner over an export of thousands of services.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^][{}]+")
#: Braces written as brackets: only the nesting matters.
_BRACES = str.maketrans("{}", "[]")


class JsonError(ValueError):
    """The text is not JSON, or is nested too deeply to be read safely."""


class UnreadableJson(ValueError):
    """A JSON file that cannot be read (missing, too large, not a regular file) or is not JSON;
    the message says why, in words that follow the file's name."""


def read_json_file(path: str | Path, max_bytes: int) -> Any:
    """The JSON value in the file at ``path`` (at most ``max_bytes``); :class:`UnreadableJson`."""
    try:
        return parse_json(read_regular(Path(path), max_bytes))
    except OSError as error:
        raise UnreadableJson(error.strerror or str(error)) from None
    except JsonError as error:
        raise UnreadableJson(str(error)) from None


def parse_json(text: str | bytes, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """The JSON value in ``text``; :class:`JsonError` saying why not."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise JsonError("it is not UTF-8 text") from None
    if too_deep(text, max_depth):
        raise JsonError(f"it is nested more than {max_depth} levels deep")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonError(f"it is not JSON ({error.msg} at line {error.lineno})") from None
    except ValueError as error:  # a number of more digits than Python converts
        raise JsonError(f"it is not usable JSON ({error})") from None
    except RecursionError:  # a bound below MAX_JSON_DEPTH's in a very deep call stack
        raise JsonError("it is nested too deeply to be read") from None


def too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether arrays and objects nest more than ``limit`` levels deep in the JSON ``text``
    (brackets inside strings not counted); right for any text ``json.loads`` accepts.

    Each pass removes the innermost level, all at C speed, so a shallow document of any size
    costs a few passes and no Python loop over its characters.
    """
    if text.count("[") + text.count("{") <= limit:
        return False
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text)).translate(_BRACES)
    for _ in range(limit):
        shorter = brackets.replace("[]", "")
        if not shorter:
            return False
        brackets = shorter
    return True
