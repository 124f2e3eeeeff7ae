"""The text of a new ``service.yaml``, generated from the checklist schema (``svcready init``).

Every consideration and question of the schema, in its order, each with its text as a comment
and ``TODO`` as the answer, so that ``svcready check`` asks every question of a fresh file.
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata

from sphinx_svcready.core.checklist.loading import Checklist

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
#: Words some YAML readers take for booleans or null; keys spelt like this are quoted.
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
_WIDTH = 100


def service_name(text: str) -> str:
    """``text`` in the form a service name must have: lowercase letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return name or "service"


def template(checklist: Checklist, *, name: str, schema_ref: str) -> str:
    """The text of a new service file: every consideration and question, every answer TODO."""
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        "#",
        "# The production-readiness checklist of this service. Every question is in one of four states:",
        "#   answered        write the answer in place of TODO",
        "#   not applicable  not-applicable: <reason>",
        "#   waived          waived: {reason: ..., approved-by: ..., until: YYYY-MM-DD}",
        "#   unanswered      anything left as TODO (or empty) counts as unanswered",
        "# 'not-applicable' and 'waived' go in place of an answer, or in place of all the questions",
        "# of a consideration. Check the file with: svcready check <this file>",
        "",
        "service:",
        f"  name: {_scalar(name)}",
        f"  title: {_quoted(name.replace('-', ' ').capitalize())}",
        "  summary: TODO",
        "  owner: TODO",
        "  lifecycle: development",
        "  # 1 = critical (asked every question) .. 3 = internal tool (not asked load tests and the like)",
        "  tier: 1",
        "",
        "considerations:",
    ]
    for number, consideration in enumerate(checklist.considerations):
        if number:
            lines.append("")
        lines.extend(_comment(consideration.title, "  "))
        if consideration.description:
            lines.extend(_comment(consideration.description, "  "))
        lines.append(f"  {_key(consideration.key)}:")
        for question in consideration.questions:
            lines.extend(_comment(question.text, "    "))
            lines.append(f"    {_key(question.key)}: TODO")
    return "\n".join(lines) + "\n"


def _comment(text: str, indent: str) -> list[str]:
    width = max(_WIDTH - len(indent) - 2, 40)
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width=width, break_on_hyphens=False)]


def _key(key: str) -> str:
    if _PLAIN_KEY.match(key) and key.lower() not in _RESERVED:
        return key
    return _quoted(key)


def _scalar(text: str) -> str:
    # Names such as "2024" or "no" would be read as a number or a boolean by some readers.
    if re.fullmatch(r"[a-z][a-z0-9-]*", text) and text not in _RESERVED:
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)
