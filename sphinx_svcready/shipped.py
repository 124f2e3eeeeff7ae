"""Where the JSON Schemas that ship with the package are: in the installed package, or beside it
in a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_schema(filename: str) -> Path:
    """The path of ``filename`` among the shipped schemas (``schemas/`` of the repository)."""
    shipped = resources.files("sphinx_svcready") / "schemas" / filename
    if shipped.is_file():
        return Path(str(shipped))
    # An editable install or a plain checkout: the package sits beside the repository's schemas/.
    return Path(__file__).resolve().parent.parent / "schemas" / filename
