"""Word the YAML reader's errors for people: where to look and what to write instead.

PyYAML's own messages name parser states; these say which quote or bracket was left open (at the
line it was opened, not the end of the file), that an answer with ``: `` needs quotes, that tabs
cannot indent, and which character is not allowed.
"""

from __future__ import annotations

import yaml

from sphinx_svcready.core.model import Problem
from sphinx_svcready.core.subtypes import Subtype


def syntax_problem(error: yaml.MarkedYAMLError, text: str) -> Problem:
    """A syntax error at the line to fix, in words that say what to do."""
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


def reader_problem(error: yaml.reader.ReaderError, text: str) -> Problem:
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
