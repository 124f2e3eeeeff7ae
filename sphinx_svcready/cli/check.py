"""``svcready check``: judge every service file under the paths, print the problems in the format
asked for, and exit 0 (ready), 1 (unanswered) or 2 (broken)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sphinx_svcready.cli.files import SERVICE_FILENAMES, find_service_files
from sphinx_svcready.cli.output import EXIT_ERROR, EXIT_READY, EXIT_UNANSWERED, emit, error, note
from sphinx_svcready.cli.reporters import REPORTERS, summary
from sphinx_svcready.core.pipeline import check_files
from sphinx_svcready.core.settings import Settings, default_today, unknown_levels


def check(
    paths: Sequence[str], settings: Settings, *, output: str = "text", source_dir: str | None = None
) -> int:
    """``svcready check``: judge every service file under ``paths``; returns the exit status."""
    checklist = settings.checklist()
    unknown = unknown_levels(dict(settings.evaluation.required_levels), checklist)
    if unknown:
        known = ", ".join(checklist.levels) or "none"
        error(f"unknown level {', '.join(unknown)} (the checklist's levels: {known})")
        return EXIT_ERROR
    files = find_service_files(paths)
    if not files:
        names = " or ".join(SERVICE_FILENAMES)
        error(f"no {names} found in {', '.join(paths)}")
        return EXIT_ERROR
    results = check_files(files, settings, source_dir=Path(source_dir) if source_dir else None)
    emit(REPORTERS[output](results, checklist, settings.evaluation.today or default_today()))
    note(summary(results))
    if any(result.broken for result in results):
        return EXIT_ERROR
    if any(result.unanswered for result in results):
        return EXIT_UNANSWERED
    return EXIT_READY
