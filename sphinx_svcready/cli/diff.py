"""``svcready diff``: what a change does to readiness, as Markdown for a pull request or as JSON.

``svcready diff BASE HEAD`` compares two exports (``svcready.json``); ``svcready diff --git REV
[PATH...]`` judges the service files as they were at REV and as they are now, with the same flags
as ``svcready check``. Exit status 0, or 1 with ``--fail-on regression`` when a service got less
ready, or 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sphinx_svcready.cli import arguments, check
from sphinx_svcready.cli.files import find_service_files
from sphinx_svcready.cli.output import EXIT_READY, EXIT_UNANSWERED, UsageError, emit
from sphinx_svcready.core.export import EXPORT_FORMAT
from sphinx_svcready.core.formats.diff_markdown import diff_markdown
from sphinx_svcready.core.pipeline import check_files, records
from sphinx_svcready.core.readiness_diff import ReadinessDiff, compare
from sphinx_svcready.core.reading.bounded_json import UnreadableJson, read_json_file
from sphinx_svcready.core.reading.confinement import work_tree
from sphinx_svcready.core.reading.git_revision import RevisionUnavailable, write_out
from sphinx_svcready.core.settings import Settings

#: The largest export read.
MAX_EXPORT_BYTES = 64 * 1024 * 1024


def diff(
    inputs: Sequence[str],
    settings: Settings,
    *,
    revision: str | None = None,
    output: str = "markdown",
    fail_on: str | None = None,
) -> int:
    """``svcready diff``; returns the exit status."""
    if revision is None:
        if len(inputs) != 2:
            raise UsageError("give two exports, BASE and HEAD, or --git REV and the paths to judge")
        (base, base_levels), (head, head_levels) = (read_export(path) for path in inputs)
        levels = head_levels or base_levels
    else:
        base, head = judged_then_and_now(revision, inputs or ["."], settings)
        levels = settings.checklist().levels
    result = compare(base, head, levels)
    emit(diff_text(result, output))
    return EXIT_UNANSWERED if fail_on == "regression" and result.regressions else EXIT_READY


def diff_text(result: ReadinessDiff, output: str) -> str:
    if output == "json":
        return json.dumps(result.as_record(), indent=2, ensure_ascii=False) + "\n"
    return diff_markdown(result)


def read_export(path: str) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """The service records of the export at ``path``, and its checklist's levels."""
    try:
        document = read_json_file(path, MAX_EXPORT_BYTES)
    except UnreadableJson as error:
        raise UsageError(f"cannot read the export {path}: {error}") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise UsageError(f"{path} is not a svcready export (its 'format' is not {EXPORT_FORMAT!r})")
    services = document.get("services")
    if not isinstance(services, list) or not all(isinstance(s, dict) and "name" in s for s in services):
        raise UsageError(f"the export {path} has no list of services")
    checklist = document.get("checklist") if isinstance(document.get("checklist"), dict) else {}
    levels = checklist.get("levels") if isinstance(checklist, dict) else None
    return services, tuple(str(level) for level in levels) if isinstance(levels, list) else ()


def judged_then_and_now(
    revision: str, paths: Sequence[str], settings: Settings
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The records of the service files under ``paths`` at ``revision`` and in the work tree."""
    repository = work_tree(Path.cwd())
    if repository is None:
        raise UsageError("--git needs a git work tree: run svcready diff inside the repository")
    present = [path for path in paths if Path(path).exists()]
    head = records(check_files(find_service_files(present), settings)) if present else []
    with tempfile.TemporaryDirectory(prefix="svcready-diff-") as folder:
        try:
            write_out(repository, revision, Path(folder))
        except RevisionUnavailable as error:
            raise UsageError(str(error)) from None
        # The copy stands for the repository as it was: its root is a work tree too, so catalog
        # files and evidence are read from it as they are from the real one.
        (Path(folder) / ".git").mkdir(exist_ok=True)
        here = Path.cwd().resolve().relative_to(repository.resolve())
        then = [str(Path(folder) / here / path) for path in paths if (Path(folder) / here / path).exists()]
        base = records(check_files(find_service_files(then), settings)) if then else []
    return base, head


def add_parser(commands: Any) -> None:
    """Declare ``svcready diff`` and its flags."""
    parser = commands.add_parser(
        "diff",
        help="what a change does to readiness: two exports, or a git revision against the work tree",
        description=textwrap.dedent(
            """\
            Compare readiness before and after a change, per service: added or removed, ready and
            level before and after, considerations newly unanswered and newly answered, waivers
            added, expiring or expired, evidence that changed; with a one-line headline. BASE and
            HEAD are exports (svcready.json); with --git REV, the service files under the PATHs
            (default: .) are judged as they were at REV and as they are now."""
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "inputs", nargs="*", metavar="BASE HEAD | PATH", help="two exports, or with --git the paths"
    )
    parser.add_argument(
        "--git", dest="revision", metavar="REV", help="judge the service files at REV as the base"
    )
    parser.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="markdown (default) or json"
    )
    parser.add_argument("--fail-on", choices=("regression",), help="exit 1 when a service got less ready")
    arguments.schema_option(parser)
    check.judging_flags(parser.add_argument_group("how answers are judged (with --git)"))
    check.reading_flags(parser.add_argument_group("what is read (with --git)"))
    check.evidence_flags(parser.add_argument_group("evidence from the repository (with --git)"))
