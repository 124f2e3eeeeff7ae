"""The ``svcready_*`` options, declared once: name, default, what a change rebuilds, help, check.

The README's option table is tested against :data:`OPTIONS`; ``config.py`` registers them and
checks each value at ``config-inited``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sphinx_svcready.core.answers import DEFAULT_PLACEHOLDERS
from sphinx_svcready.core.campaigns import CampaignError, read_campaigns
from sphinx_svcready.core.checklist.deadlines import DEFAULT_UPCOMING_WARN_DAYS
from sphinx_svcready.core.evaluation_options import DEFAULT_WAIVER_WARN_DAYS
from sphinx_svcready.core.evidence.location import WORK_TREE
from sphinx_svcready.core.page_groups import GROUPINGS
from sphinx_svcready.core.portfolio_index import LOCAL_PROJECT
from sphinx_svcready.core.reading.yaml_reader import DEFAULT_MAX_BYTES
from sphinx_svcready.core.remote.exports import DEFAULT_REMOTE_MAX_SERVICES
from sphinx_svcready.core.settings import (
    expect_bytes,
    expect_date,
    expect_days,
    expect_evidence_root,
    expect_levels_by_lifecycle,
    expect_texts,
)


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    #: What Sphinx rebuilds when the value changes ("env": every page re-read; "html": every HTML
    #: page written again; "": nothing).
    rebuild: Literal["", "env", "html"]
    types: tuple[type, ...]
    help: str
    #: Says what is wrong with a value; by default, only its type is checked.
    check: Callable[[Any], str | None] | None = None

    def problem(self, value: Any) -> str | None:
        """What is wrong with ``value`` for this option ("must be ..."), or ``None``."""
        if self.check is not None:
            return self.check(value)
        return None if isinstance(value, self.types) else f"must be {_type_names(self.types)}"


def _campaigns(value: Any) -> str | None:
    try:
        read_campaigns(value, "svcready_campaigns")
    except CampaignError as error:
        return f"is not usable ({error})"
    return None


def _must(expect: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    """The check of a setting, in the words of conf.py: "must be <what the core expects>"."""

    def check(value: Any) -> str | None:
        expected = expect(value)
        return None if expected is None else f"must be {expected}"

    return check


_positive = _must(expect_bytes)
_not_negative = _must(expect_days)
_levels_by_lifecycle = _must(expect_levels_by_lifecycle)
_texts = _must(expect_texts)


def _count(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return None
    return "must be a positive whole number"


def _gate(value: Any) -> str | None:
    expected = None if value is None else expect_texts(value)
    return None if expected is None else f"must be None or {expected} (lifecycles)"


def _days_or_none(value: Any) -> str | None:
    return None if value is None else _not_negative(value)


def _date_or_none(value: Any) -> str | None:
    expected = None if value is None else expect_date(value)
    return None if expected is None else f"must be None or {expected}"


def _export_name(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value and not Path(value).is_absolute() and ".." not in Path(value).parts:
        return None
    return "must be None or a file name inside the output directory"


#: How a remote project is named: it becomes a file name in the cache and a summary filter.
REMOTE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
DEFAULT_REMOTE_TIMEOUT = 10
DEFAULT_REMOTE_MAX_BYTES = 32 * 1024 * 1024


def _remote_exports(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be a dict of project name to the address or path of its svcready.json"
    for name, where in value.items():
        if not isinstance(name, str) or not REMOTE_NAME.match(name) or name == LOCAL_PROJECT:
            return (
                f"has the project name {name!r} (names are letters, digits, '.', '_' and '-', "
                f"and not {LOCAL_PROJECT!r})"
            )
        # A location alone, or the pair (the site's address, the export's location).
        pair = isinstance(where, (list, tuple)) and len(where) == 2
        parts = [where] if isinstance(where, str) else list(where) if pair else []
        if not parts or not all(isinstance(part, str) and part for part in parts):
            return (
                f"gives {name!r} the location {where!r} (a location is the http(s) address or the "
                "path of a svcready.json, or a pair: the site's address, then its svcready.json's)"
            )
    return None


def _globs(value: Any) -> str | None:
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        return "must be a list of glob patterns"
    for pattern in value:
        if not pattern.strip() or Path(pattern).is_absolute() or pattern.startswith(("/", "\\")):
            return f"has the pattern {pattern!r}; a pattern is relative, such as 'services/*/service.yaml'"
        if ".." in Path(pattern).parts:
            return (
                f"has the pattern {pattern!r}, which climbs out with '..'; set svcready_discover_root "
                "to the folder the patterns start from instead"
            )
    return None


def _repository_url(value: Any) -> str | None:
    if value is None or (
        isinstance(value, str) and value.startswith(("https://", "http://")) and "{path}" in value
    ):
        return None
    return "must be None or an http(s) address with {path} in it"


def _seconds(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return None
    return "must be a positive number of seconds"


OPTIONS: tuple[Option, ...] = (
    Option(
        "svcready_schema",
        None,
        "env",
        (str, type(None)),
        "Path (relative to ``conf.py``) of the checklist schema; ``None`` uses the packaged one. "
        "An organisation with its own checklist points this at its own schema and gets its own "
        "pages and warnings with no code change.",
    ),
    Option(
        "svcready_schema_extensions",
        [],
        "env",
        (list, tuple),
        "Paths (relative to ``conf.py``) of the organisation's checklist extensions, applied in "
        "order: considerations and questions to add, ones to drop, tiers and levels to change "
        "(format: ``schemas/svcready-extension.schema.json``).",
        _texts,
    ),
    Option(
        "svcready_discover",
        [],
        "env",
        (list, tuple),
        "Glob patterns (such as ``services/*/service.yaml``) of service files that get a generated "
        "page each, plus an index with the summary; relative to the source directory, or to "
        "``svcready_discover_root``, and never leading out of it.",
        _globs,
    ),
    Option(
        "svcready_discover_root",
        None,
        "env",
        (str, type(None)),
        "Folder (relative to ``conf.py``) the ``svcready_discover`` globs start from, such as a "
        "monorepo's root; the pages may read the service files under it even outside the source.",
    ),
    Option(
        "svcready_discover_dir",
        "discovered",
        "env",
        (str,),
        "Folder, inside the source directory, of the pages ``svcready_discover`` makes; put "
        "``<folder>/index`` in a toctree.",
        _export_name,
    ),
    Option(
        "svcready_discover_group_by",
        "auto",
        "",
        (str,),
        "How the discovered index groups services, one page per group: ``system``, ``owner``, "
        "``lifecycle``, ``none`` (one flat list) or ``auto`` (by system where services declare one, "
        "else by owner). A theme renders the navigation on every page; grouping keeps it small. Past "
        "30 groups, the index lists shelves of groups (each a page for a run of them) instead.",
        lambda value: None if value in GROUPINGS else f"must be one of {', '.join(map(repr, GROUPINGS))}",
    ),
    Option(
        "svcready_placeholders",
        list(DEFAULT_PLACEHOLDERS),
        "env",
        (list, tuple),
        "Answers that count as unanswered, matched without case, alone or at the start "
        "(``TODO: ask ops``). Empty answers always count.",
        _texts,
    ),
    Option(
        "svcready_fail_on_unanswered",
        False,
        "",
        (bool,),
        "Exit non-zero when any question is unanswered or any waiver has expired, even without "
        "``-W`` (counted even when those warnings are suppressed).",
    ),
    Option(
        "svcready_today",
        None,
        "",
        (str, type(None)),
        "The date (``YYYY-MM-DD``) waivers are judged against; default ``SOURCE_DATE_EPOCH`` "
        "if set, else the day of the build.",
        _date_or_none,
    ),
    Option(
        "svcready_waiver_warn_days",
        DEFAULT_WAIVER_WARN_DAYS,
        "env",
        (int,),
        "A waiver this many days or fewer before its ``until`` date is flagged on its page and in "
        'the summary ("Expires in 12 days."); ``0`` flags it only on its last day.',
        _not_negative,
    ),
    Option(
        "svcready_upcoming_warn_days",
        DEFAULT_UPCOMING_WARN_DAYS,
        "env",
        (int,),
        "An unanswered question the checklist requires only from a later day "
        "(``x-svcready-required-from``) is a ``svcready.upcoming`` warning this many days or fewer "
        "before that day; before then it is shown as required from that day and warns of nothing.",
        _not_negative,
    ),
    Option(
        "svcready_review_max_age_days",
        None,
        "env",
        (int, type(None)),
        "The most days a service's ``last-reviewed`` date (or a consideration's own) may lie in the "
        "past; an older review, or none, is a ``svcready.stale`` warning. ``None``: no limit.",
        _days_or_none,
    ),
    Option(
        "svcready_campaigns",
        {},
        "env",
        (dict,),
        "Campaigns: ``{name: {title, questions, deadline, owners, lifecycles, tiers}}``, a named "
        "set of questions (``consideration.question``, or a consideration's key) every service in "
        "the scope (none: every service) should answer by the deadline (``YYYY-MM-DD``); the "
        "``service-readiness-campaign`` directive shows one's progress and ``svcready remind`` its "
        "deadline. Added to the checklist's own (an extension's ``campaigns``), replacing one of "
        "the same name.",
        _campaigns,
    ),
    Option(
        "svcready_gate",
        None,
        "env",
        (list, tuple, type(None)),
        "The lifecycles whose services fail the build when they are not ready (unanswered questions, "
        "expired waivers, a level not reached, a stale review, a missing sign-off, a contradicted "
        'answer), such as ``["production", "deprecated"]``. A service of another lifecycle '
        "is shown as it is, every badge and count, and its problems are logged as messages, not "
        "warnings, so ``-W`` passes. ``None``: every lifecycle is gated. Broken files always fail.",
        _gate,
    ),
    Option(
        "svcready_required_level",
        {},
        "env",
        (dict,),
        "The readiness level a service of each lifecycle must reach, such as "
        '``{"production": "silver"}``; a service below it is a ``svcready.level`` warning naming '
        "the questions that keep it there.",
        _levels_by_lifecycle,
    ),
    Option(
        "svcready_max_bytes",
        DEFAULT_MAX_BYTES,
        "env",
        (int,),
        "Largest ``service.yaml`` read, in bytes; a larger file is a ``svcready.yaml`` warning.",
        _positive,
    ),
    Option(
        "svcready_remote_exports",
        {},
        "",
        (dict,),
        "Other docs projects whose services join this one's summary and ``:service:`` links: "
        '``{"payments": "https://docs.example.com/payments/svcready.json"}``. A value is the '
        "address of a project's export, or its path relative to ``conf.py``, or a pair (the "
        "site's address, the export's address or path).",
        _remote_exports,
    ),
    Option(
        "svcready_remote_timeout",
        DEFAULT_REMOTE_TIMEOUT,
        "",
        (int, float),
        "Seconds the whole fetch of a remote export may take, from connecting to its last byte; "
        "after that the last good copy is used.",
        _seconds,
    ),
    Option(
        "svcready_remote_max_bytes",
        DEFAULT_REMOTE_MAX_BYTES,
        "",
        (int,),
        "Largest remote export read, in bytes; a larger one is a ``svcready.remote`` warning.",
        _positive,
    ),
    Option(
        "svcready_remote_max_services",
        DEFAULT_REMOTE_MAX_SERVICES,
        "",
        (int,),
        "Most services one remote export may hold; an export with more is a ``svcready.remote`` "
        "warning and its last good copy (if it holds no more) is used.",
        _count,
    ),
    Option(
        "svcready_gc_freeze",
        True,
        "",
        (bool,),
        "Before reading and after it, move what the build keeps out of the garbage collector's way "
        "(``gc.freeze()``, undone when the build ends), so that collections do not walk it again "
        "and again, and keep no doctree in memory between reading and writing its page (each is read "
        "back from its pickle, as in a parallel build): about half the peak memory (see "
        "Performance). ``False`` leaves the collector and Sphinx's caches alone.",
    ),
    Option(
        "svcready_collapse_navigation",
        False,
        "html",
        (bool,),
        "Draw the navigation tree of every HTML page collapsed, whatever the theme asks for: the "
        "branches that lead to the page, each with its siblings, and nothing below the others. A "
        "theme that draws the whole tree on every page (furo) otherwise makes each page of a "
        "portfolio of thousands of services link every other, and the build grow with the square "
        "of their number (see Lay out a large portfolio).",
    ),
    Option(
        "svcready_export",
        "svcready.json",
        "",
        (str, type(None)),
        "File name, in the output directory, of the JSON export of every service; ``None`` writes none.",
        _export_name,
    ),
    Option(
        "svcready_export_facts",
        None,
        "",
        (str, type(None)),
        "File name, in the output directory, of the readiness facts of every service for "
        "Backstage Tech Insights; ``None`` writes none.",
        _export_name,
    ),
    Option(
        "svcready_sarif",
        None,
        "",
        (str, type(None)),
        "File name, in the output directory, of a SARIF 2.1.0 log of the build's svcready warnings "
        "(paths relative to the git work tree holding the source), for code scanning; ``None`` "
        "writes none.",
        _export_name,
    ),
    Option(
        "svcready_allow_outside_srcdir",
        False,
        "env",
        (bool,),
        "Allow the directive to read files outside the documentation source directory "
        "(by ``..`` or through a symlink), ``service.yaml`` and Backstage catalog files alike.",
    ),
    Option(
        "svcready_backstage",
        True,
        "env",
        (bool,),
        "Read the Backstage ``catalog-info.yaml`` beside a ``service.yaml`` that names no catalog "
        "file with ``catalog-info``; ``False`` reads only the catalog files named.",
    ),
    Option(
        "svcready_evidence",
        True,
        "env",
        (bool,),
        "Check answers against the service's repository with the checklist's evidence probes "
        "(``x-svcready-evidence``); ``False`` trusts every answer as written.",
    ),
    Option(
        "svcready_evidence_root",
        WORK_TREE,
        "env",
        (str,),
        'Which folder is a service\'s repository for its evidence probes: ``"work-tree"``, the git '
        "work tree that holds its ``service.yaml`` (outside one, no probe runs), or "
        "``\"service-folder\"``, the ``service.yaml``'s own folder (a monorepo's services).",
        _must(expect_evidence_root),
    ),
    Option(
        "svcready_repository_url",
        None,
        "env",
        (str, type(None)),
        "The web address of a file in the repository, with ``{path}`` for its path in the git work "
        'tree, such as ``"https://github.com/org/repo/blob/main/{path}"``: the paths a '
        "``service.yaml`` gives as evidence link there. ``None`` uses ``html_context``'s "
        "``github_user``, ``github_repo`` and ``github_version`` (or ``gitlab_*``), if set.",
        _repository_url,
    ),
)


def _type_names(types: tuple[type, ...]) -> str:
    names = {
        bool: "True or False",
        int: "a whole number",
        str: "a string",
        list: "a list",
        type(None): "None",
    }
    return " or ".join(dict.fromkeys(names.get(t, t.__name__) for t in types if t is not tuple))
