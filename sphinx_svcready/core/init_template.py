"""The text of a new ``service.yaml``, generated from the checklist schema (``svcready init``).

Every consideration and question of the schema, in its order, each with its text (as plain
text), the tiers it is asked of and when it applies as a comment and ``TODO`` as the answer, so
that ``svcready check`` asks every question of a fresh file. The checklist's tiers are listed
with their names and descriptions above ``tier:``.
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata

from sphinx_svcready.core.checklist.conditions import Condition, applies_only_when
from sphinx_svcready.core.checklist.loading import Checklist, Question
from sphinx_svcready.core.checklist.tiers import default_tier, tier_named
from sphinx_svcready.core.inline_text import plain_text

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
#: Words some YAML readers take for booleans or null; keys spelt like this are quoted.
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
_WIDTH = 100
#: The service fields the template writes, and the packaged optional ones it leaves out.
_WRITTEN_FIELDS = frozenset({"name", "title", "summary", "owner", "lifecycle", "tier"})
_OPTIONAL_FIELDS = frozenset(
    {
        "last-reviewed",
        "sign-off",
        "repositories",
        "source-folder",
        "contact",
        "system",
        "depends-on",
        "catalog-info",
    }
)


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
        *_tier_lines(checklist),
        *_sign_off_lines(checklist),
        *_added_field_lines(checklist),
        "",
        "considerations:",
    ]
    for number, consideration in enumerate(checklist.considerations):
        if number:
            lines.append("")
        lines.extend(_comment(consideration.title, "  "))
        if consideration.description:
            lines.extend(_comment(consideration.plain_description, "  "))
        if consideration.conditions:
            lines.extend(_comment(_when(consideration.conditions), "  "))
        lines.append(f"  {_key(consideration.key)}:")
        for question in consideration.questions:
            lines.extend(_comment(_question_comment(checklist, question, consideration.conditions), "    "))
            lines.append(f"    {_key(question.key)}: TODO")
    return "\n".join(lines) + "\n"


def _tier_lines(checklist: Checklist) -> list[str]:
    """The checklist's tiers as a comment, most critical first, then ``tier:`` set to the first."""
    lines = ["  # How critical the service is, which decides what it is asked:"]
    if checklist.tiers:
        for tier in checklist.tiers:
            text = f"{tier.id} = {tier.name or 'tier ' + str(tier.id)}"
            wrapped = textwrap.wrap(
                f"{text}: {tier.description}" if tier.description else text,
                width=_WIDTH - 8,
                break_on_hyphens=False,
            )
            lines.append(f"  #   {wrapped[0]}")
            lines.extend(f"  #       {line}" for line in wrapped[1:])
    else:
        lines.append("  #   1 is the most critical and is asked every question")
    first = default_tier(checklist.tiers)
    return [*lines, f"  tier: {_scalar(first) if isinstance(first, str) else first}"]


def _added_field_lines(checklist: Checklist) -> list[str]:
    """A commented line for each service field the checklist adds (an extension's ``service-fields``)."""
    service = checklist.schema.get("$defs", {}).get("service", {}).get("properties", {})
    lines = []
    for key, field in service.items():
        if key in _WRITTEN_FIELDS or key in _OPTIONAL_FIELDS or not isinstance(field, dict):
            continue
        lines.extend(_comment(plain_text(str(field.get("description", key))), "  "))
        lines.append(f"  # {_key(key)}: TODO")
    return lines


def _sign_off_lines(checklist: Checklist) -> list[str]:
    policy = checklist.sign_off
    if policy is None:
        return []
    words = policy.words[0].upper() + policy.words[1:]
    return [
        *_comment(f"{words} must be signed off by someone other than their team:", "  "),
        "  # sign-off: {by: TODO, on: YYYY-MM-DD, note: architecture review}",
    ]


def _question_comment(checklist: Checklist, question: Question, inherited: tuple[Condition, ...]) -> str:
    comment = question.plain
    if question.yes_no:
        comment += " (Answer true or false.)"
    if question.tiers:
        tiers = " and ".join(str(tier_named(tier, checklist.tiers).id) for tier in question.tiers)
        comment += f" (Asked of tier {tiers} services.)"
    own = tuple(condition for condition in question.conditions if condition not in inherited)
    if own:
        comment += f" ({_when(own)}.)"
    return comment


def _when(conditions: tuple[Condition, ...]) -> str:
    """``Applies only when runtime.http is yes``."""
    said = applies_only_when(conditions)
    return said[0].upper() + said[1:]


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
