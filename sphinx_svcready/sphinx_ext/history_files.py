"""A history file named by a directive (a trend's, a campaign's): found relative to the page, or
``/``-rooted at the source, read only within the source directory, noted as the page's
dependency, and checked against the history schema; every problem is said through ``problem``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.util.docutils import SphinxDirective

from sphinx_svcready.core.subtypes import Subtype
from sphinx_svcready.core.trend import UnusableHistory, read_history


def history_named(
    directive: SphinxDirective, argument: str, problem: Callable[[Subtype, str], None]
) -> dict[str, Any] | None:
    """The history document ``argument`` names, or ``None`` after a problem."""
    env = directive.env
    srcdir = Path(env.srcdir).resolve()
    base = srcdir if argument.startswith("/") else Path(env.doc2path(env.docname)).parent
    resolved = (base / argument.lstrip("/")).resolve()
    if not resolved.is_relative_to(srcdir) and not directive.config.svcready_allow_outside_srcdir:
        problem(
            Subtype.FILE,
            f"the history {argument!r} is outside the documentation source directory and is not read; "
            "move it under the source directory or set svcready_allow_outside_srcdir = True",
        )
        return None
    # Noted even when it is missing or damaged, so that fixing it rebuilds the page.
    env.note_dependency(str(resolved))
    try:
        return read_history(resolved)
    except UnusableHistory as error:
        problem(Subtype.FILE, f"the history {argument!r} {error}")
        return None
