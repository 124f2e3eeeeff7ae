"""``python -m sphinx_svcready``: the ``svcready`` command line, for when its script is not on PATH."""

from __future__ import annotations

from .cli import run

if __name__ == "__main__":
    run()
