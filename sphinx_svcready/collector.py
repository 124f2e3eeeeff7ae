"""Per-document records in the Sphinx environment, and the warnings replayed from them.

Records are plain dicts and tuples keyed by docname (never docutils nodes), purged when a page
goes and merged after a parallel read. Warnings are emitted from the records once per build, in
docname order, so a build that re-reads nothing still fails on an unanswered question.
"""

from __future__ import annotations

import datetime
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import config
from .catalogue import Subtype
from .model import AnswerState, Problem, ServiceReport
from .warnings_ import warn

logger = logging.getLogger(__name__)

#: (subtype, message, location)
ProblemRecord = tuple[str, str, str]
_FAILING = {Subtype.UNANSWERED.value, Subtype.WAIVER_EXPIRED.value}


def records(env: BuildEnvironment) -> dict[str, list[dict[str, Any]]]:
    """The records of every page: ``{docname: [record, ...]}``."""
    if not hasattr(env, "svcready_records"):
        env.svcready_records = {}  # type: ignore[attr-defined]
    return env.svcready_records  # type: ignore[attr-defined, no-any-return]


def record(env: BuildEnvironment, docname: str, report: ServiceReport, problems: list[Problem]) -> None:
    """Keep what the build must remember about one rendered ``service.yaml``."""
    waivers = {
        (waiver.until, waiver.expired)
        for consideration in report.considerations
        for waiver in (consideration.waiver, *(q.waiver for q in consideration.questions))
        if waiver is not None
    }
    records(env).setdefault(docname, []).append(
        {
            "source": report.source,
            "name": report.service.name,
            "problems": [
                (p.subtype, p.message, _location(report.source, p.line))
                for p in sorted(problems, key=lambda p: p.line or 0)
            ],
            "waivers": sorted(waivers),
            "unanswered": sum(
                1 for c in report.considerations for q in c.questions if q.state is AnswerState.UNANSWERED
            ),
        }
    )


def record_problems(env: BuildEnvironment, docname: str, problems: list[ProblemRecord]) -> None:
    """Keep problems of a directive that has no readable file behind it."""
    records(env).setdefault(docname, []).append(
        {"source": None, "name": None, "problems": problems, "waivers": [], "unanswered": 0}
    )


def _location(source: str, line: int | None) -> str:
    return f"{source}:{line}" if line else f"{source}:"


# -- environment events -----------------------------------------------------------------------


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    records(env).pop(docname, None)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    mine, theirs = records(env), records(other)
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def outdated_by_waivers(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose waivers expired (or were un-expired by the date option) since they were read."""
    today = config.today(app.config)
    return sorted(
        docname
        for docname, entries in records(env).items()
        if any(
            (datetime.date.fromisoformat(until) < today) != expired
            for entry in entries
            for until, expired in entry["waivers"]
        )
    )


def emit_warnings(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: every recorded problem, whether or not its page was read this time."""
    for docname in sorted(records(env)):
        for entry in records(env)[docname]:
            for subtype, message, location in entry["problems"]:
                warn(subtype, message, location)


def fail_if_unanswered(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: honour ``svcready_fail_on_unanswered``."""
    if exception is not None or not app.config.svcready_fail_on_unanswered:
        return
    failing = [
        problem
        for entries in records(app.env).values()
        for entry in entries
        for problem in entry["problems"]
        if problem[0] in _FAILING
    ]
    if failing:
        logger.error(
            "svcready: %d unanswered question(s) or expired waiver(s); failing the build "
            "because svcready_fail_on_unanswered = True",
            len(failing),
        )
        app.statuscode = 1
