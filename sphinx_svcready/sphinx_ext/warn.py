"""The one helper through which every Sphinx warning of the extension is sent, and its twin for
the problems of services whose lifecycle ``svcready_gate`` does not gate."""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

from sphinx_svcready.core.subtypes import WARNING_TYPE, Subtype
from sphinx_svcready.core.text import printable

logger = logging.getLogger(__name__)

#: Every problem said in this build, (subtype, message, location, blocking), in the order said:
#: what ``svcready_sarif`` writes (sarif_output.py empties it when a build starts).
SAID: list[tuple[str, str, Any, bool]] = []


def warn(subtype: Subtype | str, message: str, location: Any = None) -> None:
    """Log ``message`` as ``svcready.<subtype>`` at ``location`` (``path:line`` or a node).

    The message and a written location are made printable here, once for every warning, so that
    no value from a service file, a catalog file or a server writes control characters into the log.
    """
    SAID.append((str(subtype), message, location, True))
    logger.warning(
        printable(message),
        type=WARNING_TYPE,
        subtype=str(subtype),
        location=printable(location) if isinstance(location, str) else location,
    )


def shown(subtype: Subtype | str, message: str, location: Any = None) -> None:
    """Log a problem that does not fail the build (its service's lifecycle is not gated) as an
    ordinary message, with its place and subtype, so the log still says what to answer."""
    SAID.append((str(subtype), message, location, False))
    logger.info(
        printable(f"{message} [{WARNING_TYPE}.{subtype}, not gated]"),
        location=printable(location) if isinstance(location, str) else location,
    )
