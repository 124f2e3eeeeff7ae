"""Deadlines: the day from which a question must be answered (``x-svcready-required-from``).

Before that day an unanswered question is not asked yet: it is shown as required from that day
and fails nothing; within ``svcready_upcoming_warn_days`` of it, it is an ``upcoming`` warning
that names the day; from that day on it is unanswered like any other.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

#: A deadline this many days or fewer away is warned of, unless the settings say otherwise.
DEFAULT_UPCOMING_WARN_DAYS = 30


class DeadlineError(ValueError):
    """A written deadline that is not a day; the message follows the keyword's name."""


def read_required_from(written: Any) -> datetime.date:
    """The day ``written`` names (``YYYY-MM-DD``)."""
    try:
        if not isinstance(written, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", written):
            raise ValueError
        return datetime.date.fromisoformat(written)
    except ValueError:
        raise DeadlineError(f"is {str(written)[:40]!r}, not a date (YYYY-MM-DD)") from None


@dataclass(frozen=True)
class Upcoming:
    """A deadline still ahead: its day, how many days are left, and whether to warn of it."""

    day: datetime.date
    days_left: int
    warned: bool

    @property
    def words(self) -> str:
        """``required from 2027-03-01 (in 90 days)``."""
        left = "tomorrow" if self.days_left == 1 else f"in {self.days_left} days"
        return f"required from {self.day.isoformat()} ({left})"


def upcoming(day: datetime.date | None, today: datetime.date, warn_days: int) -> Upcoming | None:
    """The deadline ``day`` as seen ``today``: ``None`` when there is none or it has come."""
    if day is None or day <= today:
        return None
    left = (day - today).days
    return Upcoming(day, left, left <= warn_days)
