"""``svcready remind``: what falls due for each owner soon, for a scheduled job to post.

``svcready remind [PATH...] [--within DAYS]`` judges the service files under the PATHs (default:
.) with the same flags as ``svcready check`` and lists, per owner, the waivers that expire, the
reviews that go stale (with ``--review-max-age-days``), the questions required from a day
(``x-svcready-required-from``) and the checklist's campaigns a service has not finished, within
DAYS (default 30), and what is already overdue, as Markdown or JSON. Exit status 0, or 1 with
``--fail-on-due`` when anything is listed, or 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from collections.abc import Sequence
from typing import Any

from sphinx_svcready.cli import arguments, check
from sphinx_svcready.cli.files import find_service_files
from sphinx_svcready.cli.output import EXIT_READY, EXIT_UNANSWERED, emit
from sphinx_svcready.core.formats.reminders_markdown import reminders_markdown
from sphinx_svcready.core.pipeline import check_files
from sphinx_svcready.core.reminders import reminders, reminders_document
from sphinx_svcready.core.settings import Settings, default_today

DEFAULT_WITHIN_DAYS = 30


def remind(
    paths: Sequence[str],
    settings: Settings,
    *,
    within: int = DEFAULT_WITHIN_DAYS,
    output: str = "markdown",
    fail_on_due: bool = False,
) -> int:
    """``svcready remind``; returns the exit status."""
    results = check_files(find_service_files(paths or ["."]), settings)
    today = settings.evaluation.today or default_today()
    items = reminders(
        [result.report for result in results],
        today,
        within,
        settings.evaluation.review_max_age_days,
        settings.checklist().campaigns,
    )
    if output == "json":
        emit(json.dumps(reminders_document(items, today, within), indent=2, ensure_ascii=False) + "\n")
    else:
        emit(reminders_markdown(items, today, within))
    return EXIT_UNANSWERED if fail_on_due and items else EXIT_READY


def add_parser(commands: Any) -> None:
    """Declare ``svcready remind`` and its flags."""
    parser = commands.add_parser(
        "remind",
        help="what falls due soon per owner: waivers expiring, reviews going stale, deadlines",
        description=textwrap.dedent(
            """\
            List, per owner, what falls due within DAYS: waivers that expire, reviews that go
            stale (with --review-max-age-days), questions the checklist requires from a later
            day (x-svcready-required-from), the checklist's campaigns a service has not
            finished, and what is already overdue; as Markdown for a
            scheduled job to post or to open an issue with, or as JSON."""
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="service files or folders (default: .)")
    parser.add_argument(
        "--within",
        type=arguments.days,
        default=DEFAULT_WITHIN_DAYS,
        metavar="DAYS",
        help=f"list what falls due within DAYS (default {DEFAULT_WITHIN_DAYS})",
    )
    parser.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="markdown (default) or json"
    )
    parser.add_argument(
        "--fail-on-due", action="store_true", help="exit 1 when anything is listed (to fail a scheduled job)"
    )
    arguments.schema_option(parser)
    check.judging_flags(parser.add_argument_group("how answers are judged"))
    check.reading_flags(parser.add_argument_group("what is read"))
    check.evidence_flags(parser.add_argument_group("evidence from the repository"))
