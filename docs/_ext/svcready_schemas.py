"""Publishes the packaged JSON Schemas with the site, each at the path its ``$id`` names.

Editors and validators fetch a ``service.yaml``'s schema from the address ``svcready init`` writes
in it (``# yaml-language-server: $schema=...``), and exports, facts and history files name theirs
the same way. Each schema's ``$id`` is an address on the documentation site; this puts the schema
there, relative to the site's root, in every HTML build of the docs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sphinx.application import Sphinx

import sphinx_svcready

SCHEMAS = Path(sphinx_svcready.__file__).parent / "schemas"


def published_path(schema: Path) -> str:
    """Where ``schema`` goes in the site: its ``$id``'s path, such as
    ``schemas/service-readiness/1.0/service-readiness.schema.json``."""
    identifier = json.loads(schema.read_text(encoding="utf-8"))["$id"]
    path = urlsplit(identifier).path.lstrip("/")
    if not path.startswith("schemas/") or ".." in path.split("/"):
        raise ValueError(f"{schema.name}: $id {identifier!r} names no path under schemas/")
    return path


def publish(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for schema in sorted(SCHEMAS.glob("*.schema.json")):
        target = Path(app.outdir) / published_path(schema)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(schema, target)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", publish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
