"""The options one evaluation judges with: placeholders, the day, required levels, review age, gate."""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from dataclasses import dataclass

from sphinx_svcready.core.answers import DEFAULT_PLACEHOLDERS
from sphinx_svcready.core.checklist.deadlines import DEFAULT_UPCOMING_WARN_DAYS
from sphinx_svcready.core.validation_cache import ValidationCache

DEFAULT_WAIVER_WARN_DAYS = 30


@dataclass(frozen=True)
class EvaluationOptions:
    placeholders: Sequence[str] = DEFAULT_PLACEHOLDERS
    #: The date waivers are judged against.
    today: datetime.date | None = None
    #: (lifecycle, level) pairs: the readiness level a service of that lifecycle must reach.
    required_levels: tuple[tuple[str, str], ...] = ()
    #: A waiver this many days or fewer from its ``until`` date is flagged as expiring.
    waiver_warn_days: int = DEFAULT_WAIVER_WARN_DAYS
    #: A review (``last-reviewed``) or sign-off older than this many days is stale; ``None``: no limit.
    review_max_age_days: int | None = None
    #: The lifecycles whose services fail a build or the command when not ready; ``None``: all.
    gate: tuple[str, ...] | None = None
    #: An unanswered question required from a day this close (``x-svcready-required-from``) is warned of.
    upcoming_warn_days: int = DEFAULT_UPCOMING_WARN_DAYS
    #: Content found valid before, whose validation is skipped (validation_cache.py); ``None``: none.
    validation_cache: ValidationCache | None = None


def epoch_date() -> datetime.date | None:
    """The UTC date of ``SOURCE_DATE_EPOCH`` (reproducible builds), if it is set and usable."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    try:
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
