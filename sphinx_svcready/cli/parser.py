"""The argument parser of ``svcready`` and its commands: every flag, its help and its check."""

from __future__ import annotations

import argparse
import datetime
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx_svcready._version import __version__
from sphinx_svcready.cli.output import PROG
from sphinx_svcready.core.evaluate import DEFAULT_PLACEHOLDERS, DEFAULT_WAIVER_WARN_DAYS, EvaluationOptions
from sphinx_svcready.core.reading.yaml_reader import DEFAULT_MAX_BYTES
from sphinx_svcready.core.settings import Settings, default_today, expect_bytes, expect_date, expect_days


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``svcready`` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Check service.yaml production-readiness checklists with the same rules as the "
            "sphinx-svcready docs build, and start new ones."
        ),
        epilog="Run 'svcready COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="version", version=f"sphinx-svcready {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

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
              1  a question is unanswered or a waiver has expired
              2  a file is unreadable or invalid, a Backstage catalog file it uses is unusable
                 or disagrees with it, the schema cannot be loaded, or bad usage
            """
        ),
    )
    check_parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="a service file, or a folder to search for them"
    )
    _schema_option(check_parser)
    check_parser.add_argument(
        "--format",
        choices=("text", "json", "facts"),
        default="text",
        help=(
            "text: one line per problem (default); json: the svcready.json export of every file; "
            "facts: the Backstage Tech Insights facts of every service"
        ),
    )
    check_parser.add_argument(
        "--placeholders",
        type=_texts,
        metavar="TEXT,TEXT",
        help=(
            "answers that count as unanswered, comma-separated, replacing the default list "
            f"({','.join(DEFAULT_PLACEHOLDERS)})"
        ),
    )
    check_parser.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date waivers are judged against (default: SOURCE_DATE_EPOCH if set, else today)",
    )
    check_parser.add_argument(
        "--waiver-warn-days",
        type=_not_negative,
        default=DEFAULT_WAIVER_WARN_DAYS,
        metavar="DAYS",
        help=f"flag waivers this close to their date in the JSON output (default {DEFAULT_WAIVER_WARN_DAYS})",
    )
    check_parser.add_argument(
        "--review-max-age-days",
        type=_not_negative,
        metavar="DAYS",
        help="a last-reviewed date older than this, or none, is a stale problem (default: no limit)",
    )
    check_parser.add_argument(
        "--required-level",
        type=_lifecycle_level,
        action="append",
        default=[],
        metavar="LIFECYCLE=LEVEL",
        help="the readiness level services of a lifecycle must reach, e.g. production=silver (repeatable)",
    )
    check_parser.add_argument(
        "--max-bytes",
        type=_positive,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"largest file read, in bytes (default: {DEFAULT_MAX_BYTES})",
    )
    check_parser.add_argument(
        "--no-backstage",
        dest="backstage",
        action="store_false",
        help=(
            "do not read a catalog-info.yaml beside a service file that names no catalog file "
            "(as svcready_backstage = False)"
        ),
    )
    check_parser.add_argument(
        "--source-dir",
        metavar="DIR",
        help=(
            "refuse Backstage catalog files outside DIR (default: outside the git work tree that "
            "holds the service file, as the docs build does for its source; with no work tree, read "
            "them anywhere)"
        ),
    )

    init_parser = commands.add_parser(
        "init",
        help="write a new service.yaml with every question of the checklist to answer",
        description=(
            "Write a new service.yaml generated from the checklist schema: every consideration "
            "and question, each with its text as a comment and TODO as the answer."
        ),
    )
    init_parser.add_argument(
        "path",
        nargs="?",
        default="service.yaml",
        metavar="PATH",
        help=(
            "the file to write, or a folder to write service.yaml in (created if need be); "
            "default: ./service.yaml"
        ),
    )
    init_parser.add_argument(
        "--name",
        help="the service's name: lowercase letters, digits and hyphens (default: from the folder's name)",
    )
    init_parser.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    _schema_option(init_parser)
    init_parser.add_argument(
        "--schema-ref",
        metavar="REF",
        help=(
            "what the yaml-language-server comment points editors at, such as a URL "
            "(default: the schema's path relative to the new file)"
        ),
    )

    generate_parser = commands.add_parser(
        "generate",
        help="write a stub page per service file, and an index, for docs that commit them",
        description=(
            "Write OUTDIR/<name>.rst for each service file found under the PATHs (its title and the "
            "service-readiness directive) and OUTDIR/index.rst (the summary and a toctree). Pages that "
            "exist are left alone unless --force; a page a person edited is never overwritten."
        ),
    )
    generate_parser.add_argument("outdir", metavar="OUTDIR", help="the folder of the pages, inside the docs")
    generate_parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="service files or folders to search"
    )
    generate_parser.add_argument(
        "--force",
        action="store_true",
        help="rewrite generated pages that are out of date (never edited ones)",
    )

    schema_parser = commands.add_parser(
        "schema",
        help="print the path of the packaged checklist schema",
        description="Print the path of the checklist schema that ships with sphinx-svcready.",
    )
    schema_parser.add_argument("--print", action="store_true", help="print the schema's JSON instead")
    _extend_option(schema_parser)
    return parser


def _schema_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--schema",
        metavar="FILE",
        help="the checklist schema to use (default: the packaged one, see 'svcready schema')",
    )
    _extend_option(parser)


def _extend_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--extend",
        action="append",
        default=[],
        metavar="FILE",
        help="an organisation's checklist extension to apply (repeatable, in order)",
    )


def _date(text: str) -> datetime.date:
    expected = expect_date(text)
    if expected:
        raise argparse.ArgumentTypeError(f"{text!r} is not {expected}")
    return datetime.date.fromisoformat(text)


def _texts(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _lifecycle_level(text: str) -> tuple[str, str]:
    lifecycle, equals, level = text.partition("=")
    if not equals or not lifecycle.strip() or not level.strip():
        raise argparse.ArgumentTypeError(f"expected LIFECYCLE=LEVEL, such as production=silver, not {text!r}")
    return lifecycle.strip(), level.strip()


def _whole(text: str, expect: Callable[[Any], str | None]) -> int:
    """``text`` as the whole number ``expect`` accepts, or the argparse error in the core's words."""
    try:
        value: Any = int(text, 10)
    except ValueError:
        value = text
    expected = expect(value)
    if expected:
        raise argparse.ArgumentTypeError(f"{text!r} is not {expected}")
    assert isinstance(value, int)
    return value


def _not_negative(text: str) -> int:
    return _whole(text, expect_days)


def _positive(text: str) -> int:
    return _whole(text, expect_bytes)


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings ``svcready check``'s flags give: the same object a docs build makes from conf.py."""
    placeholders = DEFAULT_PLACEHOLDERS if args.placeholders is None else args.placeholders
    return Settings(
        schema=Path(args.schema) if args.schema else None,
        extensions=tuple(Path(extension) for extension in args.extend),
        evaluation=EvaluationOptions(
            placeholders=tuple(placeholders),
            today=args.today or default_today(),
            required_levels=tuple(sorted(args.required_level)),
            waiver_warn_days=args.waiver_warn_days,
            review_max_age_days=args.review_max_age_days,
        ),
        max_bytes=args.max_bytes,
        backstage=args.backstage,
    )
