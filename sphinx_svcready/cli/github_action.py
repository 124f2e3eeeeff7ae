"""What the GitHub Action (``action.yml``) runs: the check with annotations, a SARIF file for code
scanning, and on a pull request the readiness diff against its base in the job summary.

It reads what GitHub gives a step: the action's inputs as ``INPUT_*`` variables (``action.yml``
passes them), ``GITHUB_EVENT_PATH`` (the pull request's base commit), ``GITHUB_BASE_REF``,
``GITHUB_STEP_SUMMARY`` and ``GITHUB_OUTPUT``. It judges the files once and writes every output
from that judgement. Exit status as ``svcready check``'s, or 1 with ``fail-on-regression`` when
a service got less ready.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from sphinx_svcready.cli import check as check_command
from sphinx_svcready.cli.diff import judged_then_and_now
from sphinx_svcready.cli.files import find_service_files
from sphinx_svcready.cli.output import EXIT_ERROR, EXIT_READY, EXIT_UNANSWERED, UsageError, emit, error
from sphinx_svcready.cli.parser import build_parser
from sphinx_svcready.cli.reporters import review, summary
from sphinx_svcready.core.formats.diff_markdown import diff_markdown, escaped
from sphinx_svcready.core.pipeline import check_files
from sphinx_svcready.core.readiness_diff import compare
from sphinx_svcready.core.reading.bounded_json import JsonError, parse_json
from sphinx_svcready.core.reading.files import read_regular
from sphinx_svcready.core.settings import Settings, default_today

_EVENT_BYTES = 16 * 1024 * 1024


def _input(environ: Mapping[str, str], name: str, default: str = "") -> str:
    return environ.get(f"INPUT_{name.upper().replace('-', '_')}", default).strip() or default


def _settings(environ: Mapping[str, str]) -> tuple[list[str], Settings]:
    """The paths and the settings the inputs give, through ``svcready check``'s own flags."""
    paths = shlex.split(_input(environ, "paths", "."))
    argv = ["check", *paths]
    for extension in shlex.split(_input(environ, "extend")):
        argv += ["--extend", extension]
    for lifecycle in shlex.split(_input(environ, "gate")):
        argv += ["--gate", lifecycle]
    argv += shlex.split(_input(environ, "args"))
    try:
        args = build_parser().parse_args(argv)
    except SystemExit:
        raise UsageError(f"the action's inputs are not valid flags: {' '.join(argv[1:])}") from None
    return args.paths, check_command.settings_from(args)


def base_commit(environ: Mapping[str, str]) -> str | None:
    """The pull request's base: its commit from the event, else ``origin/<GITHUB_BASE_REF>``."""
    event_path = environ.get("GITHUB_EVENT_PATH")
    if event_path:
        try:
            event = parse_json(read_regular(Path(event_path), _EVENT_BYTES))
        except (OSError, JsonError):
            event = None
        pull = event.get("pull_request") if isinstance(event, dict) else None
        base = pull.get("base") if isinstance(pull, dict) else None
        sha = base.get("sha") if isinstance(base, dict) else None
        if isinstance(sha, str) and sha.isalnum():
            return sha
    ref = environ.get("GITHUB_BASE_REF", "").strip()
    return f"origin/{ref}" if ref else None


def _fetch(revision: str) -> None:
    """Fetch the base when the checkout lacks it (actions/checkout fetches one commit by default)."""
    present = subprocess.run(
        ["git", "cat-file", "-e", f"{revision}^{{commit}}"], capture_output=True, check=False, timeout=60
    )
    if present.returncode != 0 and not revision.startswith("origin/"):
        subprocess.run(
            ["git", "fetch", "--no-tags", "--depth=1", "origin", revision],
            capture_output=True,
            check=False,
            timeout=300,
        )


def run(environ: Mapping[str, str]) -> int:
    """The action's step; returns its exit status."""
    try:
        paths, settings = _settings(environ)
    except UsageError as problem:
        error(str(problem))
        return EXIT_ERROR
    checklist = settings.checklist()
    results = check_files(find_service_files(paths), settings)
    today = settings.evaluation.today or default_today()
    emit(review.github(results, checklist, today))
    sarif = _input(environ, "sarif", "svcready.sarif")
    Path(sarif).write_text(review.sarif(results, checklist, today), encoding="utf-8")
    said = summary(results)
    lines = [f"## svcready: {escaped(said)}", ""]
    regressions = 0
    base = base_commit(environ)
    if base is not None:
        try:
            _fetch(base)
            before, after = judged_then_and_now(base, paths, settings)
            result = compare(before, after, checklist.levels)
            regressions = result.regressions
            lines.append(diff_markdown(result))
        except (UsageError, OSError, subprocess.SubprocessError) as problem:
            lines.append(f"The readiness diff against the base could not be made: {escaped(str(problem))}")
    _append(environ.get("GITHUB_STEP_SUMMARY"), "\n".join(lines) + "\n")
    ready = not any(result.broken or result.unanswered for result in results)
    _append(
        environ.get("GITHUB_OUTPUT"),
        f"ready={'true' if ready else 'false'}\nsarif={sarif}\nregressions={regressions}\n",
    )
    if any(result.broken for result in results):
        return EXIT_ERROR
    if any(result.unanswered for result in results):
        return EXIT_UNANSWERED
    fail = _input(environ, "fail-on-regression", "false").lower() == "true"
    return EXIT_UNANSWERED if fail and regressions else EXIT_READY


def _append(path: str | None, text: str) -> None:
    if path:
        with Path(path).open("a", encoding="utf-8") as handle:
            handle.write(text)


def main() -> None:
    sys.exit(run(os.environ))


if __name__ == "__main__":
    main()
