"""The ``svcready`` command: check ``service.yaml`` files, start a new one, find the schema.

``svcready check`` reads and judges every file with the same core as the Sphinx directive
(``loader``, ``schema``, ``evaluate``, ``export``), so the command line and the docs build never
disagree: the same problems with the same subtypes and lines, and with ``--format json`` the same
per-service records as the build's ``svcready.json``. It is meant for pre-commit hooks and CI jobs
that should not need a whole docs build. ``svcready init`` writes a new ``service.yaml`` from the
checklist schema, every question left as ``TODO``; ``svcready schema`` says where the packaged
schema is. Nothing here imports Sphinx or docutils.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .backstage import CatalogOptions
from .checking import (
    SERVICE_FILENAMES,
    check_files,
    export,
    facts,
    find_service_files,
    problem_lines,
    summary,
)
from .evaluate import DEFAULT_PLACEHOLDERS, DEFAULT_WAIVER_WARN_DAYS, EvaluationOptions, epoch_date
from .generate import Stub, index_text, page_text, prepare_folder, read_stub, write
from .loader import DEFAULT_MAX_BYTES
from .safetext import printable
from .schema import ChecklistError, load_checklist, packaged_schema_path
from .template import service_name, template

PROG = "svcready"

EXIT_READY = 0
EXIT_UNANSWERED = 1
EXIT_ERROR = 2

_NAME = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class UsageError(Exception):
    """Bad input that is reported as one line on stderr with exit status 2."""


# -- entry points --------------------------------------------------------------------------------


def run() -> None:
    """Console-script entry point."""
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    sys.exit(code)


def _emit(text: str) -> None:
    """Write to stdout; a reader that stops early (``| head``) changes nothing else."""
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        _silence_stdout()


def _silence_stdout() -> None:
    # What the Python documentation recommends for SIGPIPE: send the rest of the output nowhere.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (a test's capture)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        return stop.code if isinstance(stop.code, int) else EXIT_ERROR
    try:
        if args.command == "check":
            return check(
                args.paths,
                schema=args.schema,
                extensions=args.extend,
                output=args.format,
                placeholders=args.placeholders,
                today=args.today,
                required_levels=tuple(args.required_level),
                waiver_warn_days=args.waiver_warn_days,
                review_max_age_days=args.review_max_age_days,
                max_bytes=args.max_bytes,
                backstage=args.backstage,
                source_dir=args.source_dir,
            )
        if args.command == "init":
            return init(
                args.path,
                name=args.name,
                force=args.force,
                schema=args.schema,
                extensions=args.extend,
                schema_ref=args.schema_ref,
            )
        if args.command == "generate":
            return generate_command(args.outdir, args.paths, force=args.force)
        return schema_command(print_text=args.print, extensions=args.extend)
    except (UsageError, ChecklistError) as error:
        _error(str(error))
        return EXIT_ERROR
    except Exception as error:
        # Exit status 1 means "unanswered": a failure of the command's own is 2, in one line.
        what = printable(str(error), 300) or "no message"
        print(f"{PROG}: internal error: {type(error).__name__}: {what}", file=sys.stderr)
        return EXIT_ERROR


def _error(message: str) -> None:
    """One line on stderr, made printable: it may quote a file's or a folder's name."""
    print(printable(f"{PROG}: error: {message}"), file=sys.stderr)


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
            "refuse Backstage catalog files outside DIR, as the docs build does outside its source "
            "directory (default: read them anywhere)"
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
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _texts(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _lifecycle_level(text: str) -> tuple[str, str]:
    lifecycle, equals, level = text.partition("=")
    if not equals or not lifecycle.strip() or not level.strip():
        raise argparse.ArgumentTypeError(f"expected LIFECYCLE=LEVEL, such as production=silver, not {text!r}")
    return lifecycle.strip(), level.strip()


def _not_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of days, 0 or more, not {text!r}")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text, 10)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number of bytes")
    return value


def default_today() -> datetime.date:
    """The docs build's rule (``svcready_today`` unset): ``SOURCE_DATE_EPOCH``'s date, else today."""
    return epoch_date() or datetime.date.today()


# -- check ---------------------------------------------------------------------------------------


def check(
    paths: Sequence[str],
    *,
    schema: str | None = None,
    extensions: Sequence[str] = (),
    output: str = "text",
    placeholders: Sequence[str] | None = None,
    today: datetime.date | None = None,
    required_levels: Sequence[tuple[str, str]] = (),
    waiver_warn_days: int = DEFAULT_WAIVER_WARN_DAYS,
    review_max_age_days: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    backstage: bool = True,
    source_dir: str | None = None,
) -> int:
    """``svcready check``: judge every service file under ``paths``; returns the exit status."""
    checklist = load_checklist(schema, extensions)
    options = EvaluationOptions(
        placeholders=tuple(DEFAULT_PLACEHOLDERS if placeholders is None else placeholders),
        today=today or default_today(),
        required_levels=tuple(sorted(required_levels)),
        waiver_warn_days=waiver_warn_days,
        review_max_age_days=review_max_age_days,
    )
    unknown = sorted({level for _, level in required_levels} - set(checklist.levels))
    if unknown:
        known = ", ".join(checklist.levels) or "none"
        print(
            f"{PROG}: error: unknown level {', '.join(unknown)} (the checklist's levels: {known})",
            file=sys.stderr,
        )
        return EXIT_ERROR
    files = find_service_files(paths)
    if not files:
        names = " or ".join(SERVICE_FILENAMES)
        _error(f"no {names} found in {', '.join(paths)}")
        return EXIT_ERROR
    catalog = CatalogOptions(
        beside=backstage, root=Path(source_dir) if source_dir else None, max_bytes=max_bytes
    )
    results = check_files(files, checklist, options, max_bytes, catalog)
    if output == "json":
        _emit(export(results, checklist))
    elif output == "facts":
        _emit(facts(results, checklist, options.today or default_today()))
    else:
        _emit("".join(f"{line}\n" for line in problem_lines(results)))
    print(summary(results), file=sys.stderr)
    if any(result.broken for result in results):
        return EXIT_ERROR
    if any(result.unanswered for result in results):
        return EXIT_UNANSWERED
    return EXIT_READY


# -- init ----------------------------------------------------------------------------------------


def init(
    path: str,
    *,
    name: str | None = None,
    force: bool = False,
    schema: str | None = None,
    extensions: Sequence[str] = (),
    schema_ref: str | None = None,
) -> int:
    """``svcready init``: write a new service file with every question to answer."""
    checklist = load_checklist(schema, extensions)
    target = Path(path)
    if _is_folder(path):
        target = target / SERVICE_FILENAMES[0]
    folder = target.parent
    if name is None:
        name = service_name(folder.resolve().name)
    elif not _NAME.match(name):
        raise UsageError(
            f"--name {name!r} is not a service name: use lowercase letters, digits and hyphens, "
            f"such as {service_name(name)!r}"
        )
    if schema_ref is None:
        schema_ref = _relative_ref(Path(schema) if schema else packaged_schema_path(), folder)
    text = template(checklist, name=name, schema_ref=schema_ref)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with target.open("w" if force else "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise UsageError(f"{target} already exists; use --force to overwrite it") from None
    except OSError as error:
        raise UsageError(f"cannot write {target}: {error.strerror or error}") from None
    print(f"wrote {target}", file=sys.stderr)
    return EXIT_READY


def _is_folder(path: str) -> bool:
    """An existing folder, or a new path written as one (a final ``/``, no ``.yaml``/``.yml``)."""
    target = Path(path)
    if target.is_dir():
        return True
    if target.exists():
        return False
    return path.endswith(("/", os.sep)) or target.suffix.lower() not in (".yaml", ".yml")


def _relative_ref(schema: Path, folder: Path) -> str:
    try:
        return Path(os.path.relpath(schema.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return schema.resolve().as_posix()


# -- generate ------------------------------------------------------------------------------------


def generate_command(outdir: str, paths: Sequence[str], *, force: bool = False) -> int:
    """``svcready generate``: stub pages for every service file; returns the exit status."""
    stubs: list[Stub] = []
    problems = []
    for path in find_service_files(paths):
        found = read_stub(Path(path))
        if isinstance(found, str):
            problems.append(f"{path}: {found}")
        else:
            stubs.append(found)
    names: dict[str, Stub] = {}
    for stub in stubs:
        if stub.name in names:
            problems.append(
                f"{stub.source}: service '{stub.name}' is also defined in {names[stub.name].source}"
            )
        names.setdefault(stub.name, stub)
    if problems or not stubs:
        for problem in problems or [f"no {' or '.join(SERVICE_FILENAMES)} found in {', '.join(paths)}"]:
            _error(problem)
        return EXIT_ERROR
    folder = Path(outdir)
    unusable = prepare_folder(folder)
    if unusable:
        raise UsageError(f"OUTDIR {outdir} {unusable}")
    outcomes = [write(folder / f"{stub.name}.rst", page_text(stub, folder), force=force) for stub in stubs]
    outcomes.append(write(folder / "index.rst", index_text(stubs), force=force))
    for outcome in outcomes:
        if outcome.action == "refused":
            print(
                printable(f"{PROG}: error: {outcome.path} {outcome.reason}; it is left as it is"),
                file=sys.stderr,
            )
        else:
            _emit(f"{outcome.action}: {outcome.path}\n")
    if any(outcome.action == "refused" for outcome in outcomes):
        return EXIT_ERROR
    held = [o for o in outcomes if o.action in ("edited", "out of date")]
    for outcome in held:
        why = (
            "was edited by hand and is not overwritten; move your changes out of it or delete it"
            if outcome.action == "edited"
            else "is out of date; run again with --force to rewrite it"
        )
        print(f"{PROG}: {outcome.path} {why}", file=sys.stderr)
    return EXIT_UNANSWERED if held else EXIT_READY


# -- schema --------------------------------------------------------------------------------------


def schema_command(*, print_text: bool = False, extensions: Sequence[str] = ()) -> int:
    """``svcready schema``: the packaged schema's path, or its text; with extensions applied, the
    text of the schema they make (for editors: save it and point the modeline at it)."""
    path = packaged_schema_path()
    if extensions:
        merged = json.dumps(load_checklist(None, extensions).schema, indent=2, ensure_ascii=False)
        _emit(merged + "\n")
        return EXIT_READY
    if not print_text:
        _emit(f"{path}\n")
        return EXIT_READY
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the schema {path}: {error}") from None
    _emit(text if text.endswith("\n") else text + "\n")
    return EXIT_READY
