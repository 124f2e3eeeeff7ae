"""The catalogue of warning subtypes: every problem the tool reports has exactly one of these.

Sphinx shows them as ``[svcready.<subtype>]`` and users silence them with
``suppress_warnings = ["svcready.<subtype>"]``; the command line prints the same names.
"""

from __future__ import annotations

import enum

WARNING_TYPE = "svcready"


class Subtype(enum.StrEnum):
    """Warning subtypes; :data:`DESCRIPTIONS` says when each is used (the README's table)."""

    UNANSWERED = "unanswered"
    WAIVER_EXPIRED = "waiver-expired"
    UPCOMING = "upcoming"
    LEVEL = "level"
    STALE = "stale"
    SIGN_OFF = "sign-off"
    EVIDENCE = "evidence"
    INVALID = "invalid"
    YAML = "yaml"
    FILE = "file"
    MARKUP = "markup"
    DUPLICATE = "duplicate"
    REF = "ref"
    CONFIG = "config"
    BACKSTAGE = "backstage"
    REMOTE = "remote"

    @property
    def description(self) -> str:
        return DESCRIPTIONS[self]


DESCRIPTIONS: dict[Subtype, str] = {
    Subtype.UNANSWERED: (
        "A question has no answer: missing, empty, a placeholder such as TODO, "
        "or marked not-applicable without a reason."
    ),
    Subtype.WAIVER_EXPIRED: (
        "A waiver's ``until`` date has passed; the question counts as unanswered again."
    ),
    Subtype.UPCOMING: (
        "A question the checklist requires only from a later day (``x-svcready-required-from``) is "
        "still unanswered and that day is ``svcready_upcoming_warn_days`` or fewer away. It does not "
        "make the service less ready, which it will be from that day."
    ),
    Subtype.LEVEL: (
        "A service has not reached the readiness level ``svcready_required_level`` asks of its "
        "lifecycle; the warning names the questions that keep it below."
    ),
    Subtype.STALE: (
        "A service (or a consideration reviewed on its own) was last reviewed longer ago than "
        "``svcready_review_max_age_days`` allows, or has no ``last-reviewed`` date at all."
    ),
    Subtype.SIGN_OFF: (
        "The checklist requires a sign-off (``sign-off`` in its extension) for the service's tier or "
        "level, or for a consideration, and there is none, or it is older than "
        "``svcready_review_max_age_days`` allows."
    ),
    Subtype.EVIDENCE: (
        "The service's repository contradicts an answer (``license.included: true`` with no licence "
        "file), or a file an evidence probe names cannot be used (too large, binary, malformed)."
    ),
    Subtype.INVALID: (
        "The file does not match the schema: an unknown key (with a did-you-mean), "
        "a wrong type, a missing required field, a bad date."
    ),
    Subtype.YAML: (
        "The file is not usable YAML: a syntax error, bad encoding, a duplicate key, "
        "a forbidden tag, too large or too deeply nested."
    ),
    Subtype.FILE: (
        "The file named by the directive is missing, unreadable, a folder, a pipe or a device, or "
        "outside the documentation source; a file discovery finds leads out of its root or has a name "
        "that cannot name a page; a generated page's place holds something else; a trend's or a "
        "campaign's history file is missing, outside the source, or not a valid history."
    ),
    Subtype.MARKUP: (
        "An answer uses reStructuredText that is not allowed inside answers "
        "(directives, unknown roles, unsafe links); it is shown as plain text."
    ),
    Subtype.DUPLICATE: (
        "Two pages document a service of the same name (links and the summary use the first), "
        "two files ``svcready_discover`` finds do (the second gets no page), or a remote export "
        "holds a service documented here or in another remote export (the first is used)."
    ),
    Subtype.REF: (
        "A ``:service:`` reference names a service (or a consideration of it) that no page documents, "
        "a trend asks for a service its history does not have, or a campaign directive names no "
        "declared campaign."
    ),
    Subtype.CONFIG: (
        "A ``svcready_*`` option in ``conf.py`` has a bad value (the default is used instead), or the "
        "checklist (``svcready_schema`` and its extensions) cannot be loaded (one warning, at the file "
        "and line to fix; no service is judged)."
    ),
    Subtype.BACKSTAGE: (
        "A Backstage catalog file cannot be used (missing, outside the source, not YAML, no Component "
        "entity, a field of the wrong type) or one of its values differs from the ``service.yaml``'s."
    ),
    Subtype.REMOTE: (
        "A remote export of ``svcready_remote_exports`` cannot be used this time (unreachable, too "
        "slow, too large, not an export); the last good copy is used, or its services are left out."
    ),
}


#: Problems said of a service that do not make it less ready: a deadline still ahead.
ADVISORY = frozenset({Subtype.UPCOMING.value})

#: Problems that mean a service is not ready: they fail ``svcready check`` (exit status 1) and
#: ``svcready_fail_on_unanswered`` even when their warnings are suppressed, for the lifecycles
#: ``svcready_gate`` gates (every lifecycle by default).
NOT_READY = frozenset(
    {
        Subtype.UNANSWERED.value,
        Subtype.WAIVER_EXPIRED.value,
        Subtype.LEVEL.value,
        Subtype.STALE.value,
        Subtype.SIGN_OFF.value,
        Subtype.EVIDENCE.value,
    }
)
