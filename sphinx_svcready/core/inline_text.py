"""reStructuredText inline markup as plain text, for places that cannot show markup.

A checklist's descriptions may carry inline markup (links, literals, emphasis, ``:doc:`` and
``:ref:``); a page renders it (``sphinx_ext/answer_markup.py``), while warnings, ``svcready
check`` and the comments ``svcready init`` writes show what a reader would read: the link's
text with its address, the literal's letters, the role's title. Nothing here imports docutils.
"""

from __future__ import annotations

import re

# `text <https://example.com>`_ or __: the text, and the address when it is one.
_NAMED_LINK = re.compile(r"`([^`<]+?)\s*<([^`>]+)>`__?")
# :role:`title <target>` and :role:`target`.
_ROLE_WITH_TITLE = re.compile(r":[A-Za-z][\w:+.-]*:`([^`<]+?)\s*<[^`>]*>`")
_ROLE = re.compile(r":[A-Za-z][\w:+.-]*:`([^`]+)`")
_LITERAL = re.compile(r"``(.+?)``")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_INTERPRETED = re.compile(r"`([^`]+)`_{0,2}")
_WORD_REFERENCE = re.compile(r"\b([\w-]+)__?(?!\w)")


def _link(match: re.Match[str]) -> str:
    text, target = match.group(1), match.group(2).strip()
    if re.match(r"^(https?|mailto):", target) and target != text:
        return f"{text} ({target})"
    return text


def plain_text(markup: str) -> str:
    """``markup`` as a reader would read it: ``See `the guide <https://x.org>`_`` becomes
    ``See the guide (https://x.org)``."""
    text = _NAMED_LINK.sub(_link, markup)
    text = _ROLE_WITH_TITLE.sub(r"\1", text)
    text = _ROLE.sub(r"\1", text)
    text = _LITERAL.sub(r"\1", text)
    text = _STRONG.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\1", text)
    text = _INTERPRETED.sub(r"\1", text)
    text = _WORD_REFERENCE.sub(r"\1", text)
    return re.sub(r"\\(.)", r"\1", text)
