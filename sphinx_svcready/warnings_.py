"""The one helper through which every Sphinx warning of the extension is sent."""

from __future__ import annotations

from sphinx.util import logging

from .catalogue import WARNING_TYPE, Subtype

logger = logging.getLogger(__name__)


def warn(subtype: Subtype | str, message: str, location: str | None = None) -> None:
    """Log ``message`` as ``svcready.<subtype>`` at ``location`` (``path:line`` or a node)."""
    logger.warning(
        message,
        type=WARNING_TYPE,
        subtype=str(subtype),
        location=location,
    )
