"""The one helper through which every Sphinx warning of the extension is sent."""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

from sphinx_svcready.core.subtypes import WARNING_TYPE, Subtype
from sphinx_svcready.core.text import printable

logger = logging.getLogger(__name__)


def warn(subtype: Subtype | str, message: str, location: Any = None) -> None:
    """Log ``message`` as ``svcready.<subtype>`` at ``location`` (``path:line`` or a node).

    The message and a written location are made printable here, once for every warning, so that
    no value from a service file, a catalog file or a server writes control characters into the log.
    """
    logger.warning(
        printable(message),
        type=WARNING_TYPE,
        subtype=str(subtype),
        location=printable(location) if isinstance(location, str) else location,
    )
