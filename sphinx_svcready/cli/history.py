"""``svcready history``: readiness over time, from the service files' past versions in git.

``svcready history [PATH...]`` follows the service files under the PATHs (default: .) through the
first-parent history of HEAD, judges each version with the same flags as ``svcready check`` as of
its own day, and writes a history document (``schemas/svcready-history.schema.json``) per commit,
day or week. Exit status 0, or 2 for bad input, no repository, or a shallow clone.
"""

from __future__ import annotations

import argparse
import datetime
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sphinx_svcready.cli import arguments, check
from sphinx_svcready.cli.output import EXIT_READY, UsageError, emit
from sphinx_svcready.core.export import dumps
from sphinx_svcready.core.history import CHECKLIST_FROM, EVERY, ShallowHistory, history_document
from sphinx_svcready.core.reading.confinement import work_tree
from sphinx_svcready.core.reading.git_revision import RevisionUnavailable
from sphinx_svcready.core.settings import Settings


def history(
    paths: Sequence[str],
    settings: Settings,
    *,
    every: str = "week",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    revision: str = "HEAD",
    allow_shallow: bool = False,
    output: str | None = None,
    checklist_from: str = "now",
) -> int:
    """``svcready history``; returns the exit status."""
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    repository = work_tree(Path.cwd())
    if repository is None:
        raise UsageError("svcready history reads git: run it inside the repository")
    inside = [_in_repository(path, repository) for path in paths or ["."]]
    try:
        document = history_document(
            repository,
            inside,
            settings,
            every=every,
            since=since,
            until=until,
            revision=revision,
            allow_shallow=allow_shallow,
            checklist_from=checklist_from,
        )
    except (RevisionUnavailable, ShallowHistory) as error:
        raise UsageError(str(error)) from None
    text = dumps(document)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        emit(text)
    return EXIT_READY


def _in_repository(path: str, repository: Path) -> str:
    """``path`` (from the current folder) as git names it, from the repository's root."""
    resolved = (Path.cwd() / path).resolve()
    try:
        return resolved.relative_to(repository.resolve()).as_posix() or "."
    except ValueError:
        raise UsageError(f"{path} is outside the repository {repository}") from None


def add_parser(commands: Any) -> None:
    """Declare ``svcready history`` and its flags."""
    parser = commands.add_parser(
        "history",
        help="readiness over time: the service files' past versions in git, judged, as JSON",
        description=textwrap.dedent(
            """\
            Follow the service files under the PATHs (default: .) through the first-parent
            history of HEAD (or --revision) and judge every version as of its own day, with
            today's flags and checklist (or with --checklist then, the checklist files as each
            point's commit held them); write, per commit, day or week, each service's counts
            per state, level, verdict and unanswered considerations, as JSON. The same file
            content is judged once. Evidence probes are not run: they would read today's
            repository. A shallow clone is refused unless --allow-shallow."""
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="service files or folders (default: .)")
    parser.add_argument(
        "--every", choices=EVERY, default="week", help="one point per commit, day or week (default: week)"
    )
    parser.add_argument("--since", type=arguments.date, metavar="YYYY-MM-DD", help="the first day")
    parser.add_argument("--until", type=arguments.date, metavar="YYYY-MM-DD", help="the last day")
    parser.add_argument(
        "--revision", default="HEAD", metavar="REV", help="the history up to REV (default: HEAD)"
    )
    parser.add_argument(
        "--allow-shallow",
        action="store_true",
        help="write the history a shallow clone holds (the document says it is shallow)",
    )
    parser.add_argument(
        "--checklist",
        dest="checklist_from",
        choices=CHECKLIST_FROM,
        default="now",
        help=(
            "judge every point against today's checklist (now, the default), or against the schema "
            "and extension files in the repository as each point's commit held them (then)"
        ),
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the history to FILE, not stdout")
    arguments.schema_option(parser)
    check.judging_flags(parser.add_argument_group("how answers are judged"), dated=False)
    check.reading_flags(parser.add_argument_group("what is read"), confined=False)
