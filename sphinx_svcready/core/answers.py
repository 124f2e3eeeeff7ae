"""What counts as an answer: a written value read as one, or the reason it is none.

A placeholder (``TODO``, ``TBD: after launch``), empty text, an empty list or a list with such an
item is no answer; the evaluator turns the reason given here into the question's note and warning.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping, Sequence
from typing import Any

from sphinx_svcready.core.model import DataPath, SignOff

DEFAULT_PLACEHOLDERS = ("TODO", "TBD", "TBC", "FIXME", "XXX", "?", "??", "???", "...", "…", "-", "N/A", "NA")
INVALID_VALUE = "invalid value"

#: A key the file does not have (as opposed to one written with no value).
MISSING: Any = object()


def placeholder_in(text: str, placeholders: Sequence[str]) -> str | None:
    """The placeholder ``text`` consists of or starts with (``TODO: ask ops``), if any."""
    folded = text.strip().casefold()
    for placeholder, candidate in _folded(
        placeholders if isinstance(placeholders, tuple) else tuple(placeholders)
    ):
        if folded == candidate:
            return placeholder
        # "TODO: ask ops" and "TBD (after launch)" are placeholders too; "Todos" is not.
        if candidate[-1].isalnum() and folded.startswith(candidate) and not folded[len(candidate)].isalnum():
            return placeholder
    return None


@functools.lru_cache(maxsize=32)
def _folded(placeholders: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each placeholder with the text it matches, worked out once per list (every answer is asked)."""
    return tuple((p, p.strip().casefold()) for p in placeholders if p.strip())


def unanswered_because(text: str, placeholders: Sequence[str]) -> str | None:
    """Why ``text`` is no answer (empty, a placeholder), or ``None`` when it is one."""
    if not text.strip():
        return "empty"
    placeholder = placeholder_in(text, placeholders)
    if placeholder is None:
        return None
    written = text.strip()
    if written.casefold() == placeholder.strip().casefold():
        return f"the placeholder '{written}' is not an answer"
    return f"the answer starts with the placeholder '{written[: len(placeholder.strip())]}'"


def read_answer(
    value: Any, path: DataPath, placeholders: Sequence[str], number_text: Mapping[DataPath, str]
) -> tuple[Any, str | None, DataPath]:
    """The answer to show, or why there is none and where (a list item, say) that is.

    ``number_text`` holds numbers as the file writes them (``1.50`` stays ``1.50``).
    """
    if value is MISSING or value is None:
        return None, "no answer", path
    if isinstance(value, bool):
        return value, None, path
    if isinstance(value, (int, float)):
        return number_text.get(path, str(value)), None, path
    if isinstance(value, str):
        why = unanswered_because(value, placeholders)
        return (None if why else value), why, path
    if isinstance(value, list):
        items = []
        for index, item in enumerate(value):
            text, why, where = read_answer(item, (*path, index), placeholders, number_text)
            if why is not None:
                return None, f"item {index + 1}: {why}", where
            items.append(str(text))
        if not items:
            return None, "an empty list", path
        return items, None, path
    return None, INVALID_VALUE, path


def date_text(value: Any) -> str | None:
    """A ``YYYY-MM-DD`` date as written, or ``None`` (a bad one is a schema error already)."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def sign_off_in(value: Any) -> SignOff | None:
    """The sign-off ``value`` records (``by`` and ``on``; a bad one is a schema error already)."""
    if not isinstance(value, Mapping):
        return None
    by, on, note = value.get("by"), date_text(value.get("on")), value.get("note")
    if not isinstance(by, str) or not by.strip() or on is None:
        return None
    return SignOff(by.strip(), on, note.strip() if isinstance(note, str) and note.strip() else None)
