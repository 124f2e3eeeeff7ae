"""What the commands' flags accept, and the flags several commands share: each value is checked by
the same function the docs build uses for its setting (core/settings.py)."""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable
from typing import Any

from sphinx_svcready.core.settings import expect_bytes, expect_date, expect_days


def schema_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--schema",
        metavar="FILE",
        help="the checklist schema to use (default: the packaged one, see 'svcready schema')",
    )
    extend_option(parser)


def extend_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--extend",
        action="append",
        default=[],
        metavar="FILE",
        help="an organisation's checklist extension to apply (repeatable, in order)",
    )


def date(text: str) -> datetime.date:
    expected = expect_date(text)
    if expected:
        raise argparse.ArgumentTypeError(f"{text!r} is not {expected}")
    return datetime.date.fromisoformat(text)


def texts(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def lifecycle_level(text: str) -> tuple[str, str]:
    lifecycle, equals, level = text.partition("=")
    if not equals or not lifecycle.strip() or not level.strip():
        raise argparse.ArgumentTypeError(f"expected LIFECYCLE=LEVEL, such as production=silver, not {text!r}")
    return lifecycle.strip(), level.strip()


def _whole(text: str, expect: Callable[[Any], str | None]) -> int:
    """``text`` as the whole number ``expect`` accepts, or the argparse error in the core's words."""
    try:
        value: Any = int(text, 10)
    except ValueError:
        value = text
    expected = expect(value)
    if expected:
        raise argparse.ArgumentTypeError(f"{text!r} is not {expected}")
    assert isinstance(value, int)
    return value


def days(text: str) -> int:
    return _whole(text, expect_days)


def byte_count(text: str) -> int:
    return _whole(text, expect_bytes)
