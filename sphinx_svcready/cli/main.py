"""The entry point of ``svcready``: parse the arguments, run one command, turn every failure into
one line and exit status 2."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from sphinx_svcready.cli import check as check_command
from sphinx_svcready.cli import diff as diff_command
from sphinx_svcready.cli import generate as generate_command
from sphinx_svcready.cli import history as history_command
from sphinx_svcready.cli import init as init_command
from sphinx_svcready.cli import remind as remind_command
from sphinx_svcready.cli import schema as schema_command
from sphinx_svcready.cli.output import EXIT_ERROR, PROG, UsageError, error, silence_stdout
from sphinx_svcready.cli.parser import build_parser
from sphinx_svcready.core.checklist.loading import ChecklistError
from sphinx_svcready.core.text import printable


def run() -> None:
    """Console-script entry point."""
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        return stop.code if isinstance(stop.code, int) else EXIT_ERROR
    try:
        if args.command == "check":
            return check_command.check(
                args.paths,
                check_command.settings_from(args),
                output=args.format,
                source_dir=args.source_dir,
                jobs=args.jobs,
                cache=args.cache,
            )
        if args.command == "init":
            return init_command.init(
                args.path,
                name=args.name,
                force=args.force,
                schema=args.schema,
                extensions=args.extend,
                schema_ref=args.schema_ref,
            )
        if args.command == "diff":
            return diff_command.diff(
                args.inputs,
                check_command.settings_from(args),
                revision=args.revision,
                output=args.format,
                fail_on=args.fail_on,
            )
        if args.command == "history":
            return history_command.history(
                args.paths,
                check_command.settings_from(args),
                every=args.every,
                since=args.since,
                until=args.until,
                revision=args.revision,
                allow_shallow=args.allow_shallow,
                output=args.output,
                checklist_from=args.checklist_from,
            )
        if args.command == "remind":
            return remind_command.remind(
                args.paths,
                check_command.settings_from(args),
                within=args.within,
                output=args.format,
                fail_on_due=args.fail_on_due,
            )
        if args.command == "generate":
            return generate_command.generate(
                args.outdir, args.paths, force=args.force, group_by=args.group_by
            )
        return schema_command.schema(print_text=args.print, extensions=args.extend)
    except (UsageError, ChecklistError) as problem:
        error(str(problem))
        return EXIT_ERROR
    except Exception as failure:
        # Exit status 1 means "unanswered": a failure of the command's own is 2, in one line.
        what = printable(str(failure), 300) or "no message"
        print(f"{PROG}: internal error: {type(failure).__name__}: {what}", file=sys.stderr)
        return EXIT_ERROR
