"""``svcready check``: judge every service file under the paths, print the problems in the format
asked for, and exit 0 (ready), 1 (unanswered) or 2 (broken)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path

from sphinx_svcready.cli.files import SERVICE_FILENAMES, find_service_files
from sphinx_svcready.cli.output import EXIT_ERROR, EXIT_READY, EXIT_UNANSWERED, emit, error, note
from sphinx_svcready.cli.parser import default_today
from sphinx_svcready.cli.reporters import REPORTERS, summary
from sphinx_svcready.core.checklist.loading import load_checklist
from sphinx_svcready.core.evaluate import DEFAULT_PLACEHOLDERS, DEFAULT_WAIVER_WARN_DAYS, EvaluationOptions
from sphinx_svcready.core.pipeline import check_files
from sphinx_svcready.core.reading.backstage import CatalogOptions
from sphinx_svcready.core.reading.yaml_reader import DEFAULT_MAX_BYTES


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
        error(f"unknown level {', '.join(unknown)} (the checklist's levels: {known})")
        return EXIT_ERROR
    files = find_service_files(paths)
    if not files:
        names = " or ".join(SERVICE_FILENAMES)
        error(f"no {names} found in {', '.join(paths)}")
        return EXIT_ERROR
    catalog = CatalogOptions(
        beside=backstage, root=Path(source_dir) if source_dir else None, max_bytes=max_bytes
    )
    results = check_files(files, checklist, options, max_bytes, catalog)
    emit(REPORTERS[output](results, checklist, options.today or default_today()))
    note(summary(results))
    if any(result.broken for result in results):
        return EXIT_ERROR
    if any(result.unanswered for result in results):
        return EXIT_UNANSWERED
    return EXIT_READY
