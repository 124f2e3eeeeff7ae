"""sphinx-svcready: a service's production-readiness checklist as living Sphinx documentation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_svcready._version import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Bumped whenever the records kept in the Sphinx environment change shape.
ENV_VERSION = 8


def setup(app: Sphinx) -> ExtensionMetadata:
    """Sphinx entry point."""
    from sphinx_svcready.sphinx_ext.wiring import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        # Records are plain data merged after each parallel read (tests/sphinx/test_gating.py proves it).
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
