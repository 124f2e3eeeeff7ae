"""The date rules of readiness policy, shared by the evaluation and the build's re-read decisions.

A waiver has expired once its ``until`` day has passed; it is expiring (and pages say in how many
days) from ``warn_days`` days before that day to the day itself. A review is stale once it is
more than ``max_age`` days old. Nothing here imports Sphinx.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class WaiverTiming:
    expired: bool
    #: Days left while the waiver is expiring; ``None`` when it is not (far off, or expired).
    shown_days: int | None


def waiver_timing(until: datetime.date, today: datetime.date, warn_days: int) -> WaiverTiming:
    """Whether a waiver ending on ``until`` has expired on ``today``, or how soon it will."""
    days_left = (until - today).days
    return WaiverTiming(days_left < 0, days_left if 0 <= days_left <= warn_days else None)


def review_age(reviewed: str | None, today: datetime.date) -> int | None:
    """Days since ``reviewed`` (a ``YYYY-MM-DD`` date), or ``None`` when it is missing or not a date."""
    if not reviewed:
        return None
    try:
        return (today - datetime.date.fromisoformat(reviewed)).days
    except ValueError:
        return None


def is_stale(reviewed: str | None, today: datetime.date, max_age: int | None) -> bool:
    """A review older than ``max_age`` days, or none at all, when a maximum age is set."""
    if max_age is None:
        return False
    age = review_age(reviewed, today)
    return age is None or age > max_age
