"""Where the JSON Schemas that ship with the package are: ``sphinx_svcready/schemas/``, as package data."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_schema(filename: str) -> Path:
    """The path of ``filename`` among the packaged schemas (the repository's ``schemas/`` links to them)."""
    return Path(str(resources.files("sphinx_svcready") / "schemas" / filename))
