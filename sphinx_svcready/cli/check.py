"""``svcready check``: judge every service file under the paths, print the problems in the format
asked for, and exit 0 (ready), 1 (unanswered) or 2 (broken)."""

from __future__ import annotations

import argparse
import os
import textwrap
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from sphinx_svcready.cli import arguments
from sphinx_svcready.cli.files import SERVICE_FILENAMES, find_service_files
from sphinx_svcready.cli.output import EXIT_ERROR, EXIT_READY, EXIT_UNANSWERED, emit, error, note
from sphinx_svcready.cli.reporters import REPORTERS, summary
from sphinx_svcready.core.answers import DEFAULT_PLACEHOLDERS
from sphinx_svcready.core.checklist.deadlines import DEFAULT_UPCOMING_WARN_DAYS
from sphinx_svcready.core.evaluation_options import DEFAULT_WAIVER_WARN_DAYS, EvaluationOptions
from sphinx_svcready.core.evidence.location import ROOTS, WORK_TREE
from sphinx_svcready.core.pipeline import POOL_THRESHOLD, check_files
from sphinx_svcready.core.reading.yaml_reader import DEFAULT_MAX_BYTES
from sphinx_svcready.core.settings import (
    Settings,
    default_today,
    lifecycles,
    unknown_levels,
    unknown_lifecycles,
)
from sphinx_svcready.core.validation_cache import ValidationCache, cache_home, default_folder


def check(
    paths: Sequence[str],
    settings: Settings,
    *,
    output: str = "text",
    source_dir: str | None = None,
    jobs: int = 1,
    cache: bool = False,
) -> int:
    """``svcready check``: judge every service file under ``paths``, in ``jobs`` processes; with
    ``cache``, taking the report on a file unchanged since an earlier run from the cache and
    skipping the validation of content found valid before; returns the exit status."""
    if cache:
        remembered = ValidationCache(default_folder())
        settings = replace(settings, evaluation=replace(settings.evaluation, validation_cache=remembered))
    checklist = settings.checklist()
    unknown = unknown_levels(dict(settings.evaluation.required_levels), checklist)
    if unknown:
        known = ", ".join(checklist.levels) or "none"
        error(f"unknown level {', '.join(unknown)} (the checklist's levels: {known})")
        return EXIT_ERROR
    misspelt = unknown_lifecycles(settings.evaluation.gate, checklist)
    if misspelt:
        known = ", ".join(lifecycles(checklist))
        error(f"--gate {', '.join(misspelt)} is no lifecycle of the checklist ({known})")
        return EXIT_ERROR
    files = find_service_files(paths)
    if not files:
        names = " or ".join(SERVICE_FILENAMES)
        error(f"no {names} found in {', '.join(paths)}")
        return EXIT_ERROR
    results = check_files(
        files,
        settings,
        source_dir=Path(source_dir) if source_dir else None,
        jobs=jobs,
        cache_home=cache_home() if cache else None,
    )
    emit(REPORTERS[output](results, checklist, settings.evaluation.today or default_today()))
    note(summary(results))
    if any(result.broken for result in results):
        return EXIT_ERROR
    if any(result.unanswered for result in results):
        return EXIT_UNANSWERED
    return EXIT_READY


def add_parser(commands: Any) -> None:
    """Declare ``svcready check`` and its flags."""
    check_parser = commands.add_parser(
        "check",
        help="check service.yaml files; exit 0 when every question is answered",
        description=textwrap.dedent(
            """\
            Check service.yaml files against the checklist, with the same rules as the docs build.
            Each problem is printed on stdout as FILE:LINE: SUBTYPE: MESSAGE, with the subtypes of
            the docs build's warnings (svcready.SUBTYPE); a summary goes to stderr."""
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=textwrap.dedent(
            """\
            Folders are searched recursively for service.yaml and service.yml, skipping hidden
            folders, _build, node_modules, venv, .venv and .tox.

            exit status:
              0  every question of every file is answered, not applicable or waived
              1  a question is unanswered, a waiver has expired, a review or sign-off is stale or
                 missing, a level is not reached or the repository contradicts an answer, for a
                 service whose lifecycle is gated (--gate; by default every lifecycle)
              2  a file is unreadable or invalid, a Backstage catalog file it uses is unusable
                 or disagrees with it, the schema cannot be loaded, or bad usage
            """
        ),
    )
    check_parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="a service file, or a folder to search for them"
    )
    arguments.schema_option(check_parser)
    check_parser.add_argument(
        "--format",
        choices=tuple(REPORTERS),
        default="text",
        help=(
            "text: one line per problem (default); json: the svcready.json export of every file; "
            "facts: the Backstage Tech Insights facts of every service; sarif: SARIF 2.1.0 for code "
            "scanning; github: GitHub Actions annotations; gitlab: a GitLab Code Quality report; "
            "junit: JUnit XML, a test case per service"
        ),
    )
    judging_flags(check_parser.add_argument_group("how answers are judged"))
    reading_flags(check_parser.add_argument_group("what is read"))
    evidence_flags(check_parser.add_argument_group("evidence from the repository"))
    speed = check_parser.add_argument_group("speed")
    speed.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=usable_cores(),
        metavar="N",
        help="check files in N processes (default: every core this process may use, "
        f"{usable_cores()} here); fewer than {POOL_THRESHOLD} files are checked in one; the output is "
        "the same, in the same order",
    )
    speed.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="judge every file afresh: by default the report on a file that has not changed since an "
        "earlier run with the same settings and day (nor have its catalog file and the files its "
        "evidence read) is reused, and content found valid before is not validated again (both "
        "remembered in $SVCREADY_CACHE_DIR, else $XDG_CACHE_HOME/svcready or ~/.cache/svcready)",
    )


def usable_cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not offered on every platform
        return os.cpu_count() or 1


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number, 1 or more, not {text[:20]!r}")
    return value


def judging_flags(group: Any, *, dated: bool = True) -> None:
    """The flags that say how answers are judged; ``dated``: with ``--today`` (a history judges
    each version as of its own day)."""
    group.add_argument(
        "--placeholders",
        type=arguments.texts,
        metavar="TEXT,TEXT",
        help=(
            "answers that count as unanswered, comma-separated, replacing the default list "
            f"({','.join(DEFAULT_PLACEHOLDERS)})"
        ),
    )
    if dated:
        group.add_argument(
            "--today",
            type=arguments.date,
            metavar="YYYY-MM-DD",
            help="the date waivers are judged against (default: SOURCE_DATE_EPOCH if set, else today)",
        )
    group.add_argument(
        "--waiver-warn-days",
        type=arguments.days,
        default=DEFAULT_WAIVER_WARN_DAYS,
        metavar="DAYS",
        help=f"flag waivers this close to their date in the JSON output (default {DEFAULT_WAIVER_WARN_DAYS})",
    )
    group.add_argument(
        "--upcoming-warn-days",
        type=arguments.days,
        default=DEFAULT_UPCOMING_WARN_DAYS,
        metavar="DAYS",
        help=(
            "warn of an unanswered question required from a day this close (x-svcready-required-from; "
            f"default {DEFAULT_UPCOMING_WARN_DAYS})"
        ),
    )
    group.add_argument(
        "--review-max-age-days",
        type=arguments.days,
        metavar="DAYS",
        help="a last-reviewed date older than this, or none, is a stale problem (default: no limit)",
    )
    group.add_argument(
        "--required-level",
        type=arguments.lifecycle_level,
        action="append",
        default=[],
        metavar="LIFECYCLE=LEVEL",
        help="the readiness level services of a lifecycle must reach, e.g. production=silver (repeatable)",
    )
    group.add_argument(
        "--gate",
        action="append",
        metavar="LIFECYCLE",
        help=(
            "a lifecycle whose services fail the check when not ready (repeatable; as svcready_gate); "
            "the problems of other lifecycles are printed as not gated and exit 0. Default: every lifecycle"
        ),
    )


def evidence_flags(group: Any) -> None:
    group.add_argument(
        "--no-evidence",
        dest="evidence",
        action="store_false",
        help="do not check answers against the repository (as svcready_evidence = False)",
    )
    group.add_argument(
        "--evidence-root",
        choices=ROOTS,
        default=WORK_TREE,
        help=(
            "the folder evidence probes read: the git work tree holding the service file (default; "
            "outside one, no probe runs) or the service file's own folder (as svcready_evidence_root)"
        ),
    )


def reading_flags(group: Any, *, confined: bool = True) -> None:
    """The flags that say what is read; ``confined``: with ``--source-dir`` (a history confines
    each version's catalog file to the version's own folder)."""
    group.add_argument(
        "--max-bytes",
        type=arguments.byte_count,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"largest file read, in bytes (default: {DEFAULT_MAX_BYTES})",
    )
    group.add_argument(
        "--no-backstage",
        dest="backstage",
        action="store_false",
        help=(
            "do not read a catalog-info.yaml beside a service file that names no catalog file "
            "(as svcready_backstage = False)"
        ),
    )
    if confined:
        group.add_argument(
            "--source-dir",
            metavar="DIR",
            help=(
                "refuse Backstage catalog files outside DIR (default: outside the git work tree that "
                "holds the service file, as the docs build does for its source; with no work tree, read "
                "them anywhere)"
            ),
        )


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings ``svcready check``'s flags give: the same object a docs build makes from conf.py."""
    placeholders = DEFAULT_PLACEHOLDERS if args.placeholders is None else args.placeholders
    return Settings(
        schema=Path(args.schema) if args.schema else None,
        extensions=tuple(Path(extension) for extension in args.extend),
        evaluation=EvaluationOptions(
            placeholders=tuple(placeholders),
            today=getattr(args, "today", None) or default_today(),
            required_levels=tuple(sorted(args.required_level)),
            waiver_warn_days=args.waiver_warn_days,
            review_max_age_days=args.review_max_age_days,
            upcoming_warn_days=args.upcoming_warn_days,
            gate=None if args.gate is None else tuple(args.gate),
        ),
        max_bytes=args.max_bytes,
        backstage=args.backstage,
        # Commands without evidence flags (history) run no probe.
        evidence=getattr(args, "evidence", False),
        evidence_root=getattr(args, "evidence_root", WORK_TREE),
    )
