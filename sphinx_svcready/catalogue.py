"""The catalogue of warning subtypes: every problem the tool reports has exactly one of these.

Sphinx shows them as ``[svcready.<subtype>]`` and users silence them with
``suppress_warnings = ["svcready.<subtype>"]``; the command line prints the same names.
"""

from __future__ import annotations

import enum

WARNING_TYPE = "svcready"


class Subtype(enum.StrEnum):
    """Warning subtypes, each with the one-line description used in the README."""

    description: str

    def __new__(cls, value: str, description: str) -> Subtype:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    UNANSWERED = (
        "unanswered",
        "A question has no answer: missing, empty, a placeholder such as TODO, "
        "or marked not-applicable without a reason.",
    )
    WAIVER_EXPIRED = (
        "waiver-expired",
        "A waiver's ``until`` date has passed; the question counts as unanswered again.",
    )
    INVALID = (
        "invalid",
        "The file does not match the schema: an unknown key (with a did-you-mean), "
        "a wrong type, a missing required field, a bad date.",
    )
    YAML = (
        "yaml",
        "The file is not usable YAML: a syntax error, bad encoding, a duplicate key, "
        "a forbidden tag, too large or too deeply nested.",
    )
    FILE = (
        "file",
        "The file named by the directive is missing, unreadable, a folder, "
        "or outside the documentation source.",
    )
    MARKUP = (
        "markup",
        "An answer uses reStructuredText that is not allowed inside answers "
        "(directives, unknown roles, unsafe links); it is shown as plain text.",
    )
    CONFIG = (
        "config",
        "A ``svcready_*`` option in ``conf.py`` has a bad value; the default is used instead.",
    )
