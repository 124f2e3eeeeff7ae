"""``python -m sphinx_svcready``: the ``svcready`` command line, for when its script is not on PATH."""

from __future__ import annotations

from sphinx_svcready.cli import run

if __name__ == "__main__":
    run()
