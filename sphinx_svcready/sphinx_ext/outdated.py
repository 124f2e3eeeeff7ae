"""Pages to read again although their files did not change: a waiver, a review date or a deadline
that has moved on since, a Backstage catalog file that has appeared beside a service file, or a
folder the evidence probes listed that has changed (``env-get-outdated``)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_svcready.core.policy import WaiverTiming, is_stale, waiver_timing
from sphinx_svcready.sphinx_ext import config
from sphinx_svcready.sphinx_ext.store import pages


def outdated_by_waivers(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose waivers expired, came close to expiring or moved closer since they were read
    (or went back, with the date option)."""
    today = config.today(app.config)
    warn_days = app.config.svcready_waiver_warn_days
    return sorted(
        docname
        for docname, data in pages(env).items()
        if any(
            WaiverTiming(expired, shown)
            != waiver_timing(datetime.date.fromisoformat(until), today, warn_days)
            for entry in data["services"]
            for until, expired, shown in entry["waivers"]
        )
    )


def outdated_by_deadlines(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages with a deadline still ahead when they were read: they say how many days are left,
    and warn as it comes close, so they are read again on any later day (and when it passes)."""
    today = config.today(app.config)
    return sorted(
        docname
        for docname, data in pages(env).items()
        if any(
            (datetime.date.fromisoformat(day) - today).days != days_left
            for entry in data["services"]
            for day, days_left in entry.get("deadlines", [])
        )
    )


def outdated_by_reviews(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages with a review that has gone stale (or fresh again, with the date option) since they were read."""
    today, limit = config.today(app.config), app.config.svcready_review_max_age_days
    return sorted(
        docname
        for docname, data in pages(env).items()
        if any(
            is_stale(date, today, limit) != stale
            for entry in data["services"]
            for date, stale in entry["reviews"]
        )
    )


def outdated_by_catalogs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose service file had no ``catalog-info.yaml`` beside it when read, and now has one.

    Sphinx re-reads a page on every build while a file it depends on is missing, so a file that
    may never exist is watched here instead of noted as a dependency.
    """
    return sorted(
        docname
        for docname, data in pages(env).items()
        if any(os.path.lexists(path) for entry in data["services"] for path in entry.get("watch", ()))
    )


def outdated_by_folders(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose evidence probes listed a folder that has changed since (a licence file added or
    removed). Sphinx's dependencies are files only, so folders are watched here."""
    return sorted(
        docname
        for docname, data in pages(env).items()
        if any(
            _modified(path) != stamp for entry in data["services"] for path, stamp in entry.get("folders", ())
        )
    )


def _modified(path: str) -> int | None:
    try:
        return Path(path).stat().st_mtime_ns
    except OSError:
        return None
