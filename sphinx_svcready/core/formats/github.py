"""GitHub Actions workflow commands: each problem an annotation on its file and line.

``::error file=…,line=…,col=…,title=…::message``, escaped as GitHub's runner unescapes them: in
the message ``%``, carriage returns and line breaks; in a property also ``:`` and ``,``, so that
no value from a service file can end the command early or start another.
"""

from __future__ import annotations

from collections.abc import Sequence

from sphinx_svcready.core.formats.located import Located
from sphinx_svcready.core.subtypes import WARNING_TYPE

_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Located) -> str:
    properties = [f"file={escape_property(problem.path)}"]
    if problem.line:
        properties.append(f"line={problem.line}")
    if problem.column:
        properties.append(f"col={problem.column}")
    title = f"{WARNING_TYPE}.{problem.subtype}" + ("" if problem.blocking else " (not gated)")
    properties.append(f"title={escape_property(title)}")
    return f"::{_COMMANDS[problem.severity]} {','.join(properties)}::{escape_data(problem.message)}"


def workflow_commands(problems: Sequence[Located]) -> str:
    return "".join(f"{annotation(problem)}\n" for problem in problems)
