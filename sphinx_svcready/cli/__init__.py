"""The ``svcready`` command: one module per command, one reporter per output format, over the core."""

from sphinx_svcready.cli.main import main, run

__all__ = ["main", "run"]
