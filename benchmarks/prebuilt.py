"""Benchmark helper: a Sphinx extension that puts already-parsed pages into a build.

``.. prebuilt::`` replaces itself with the children of the pickled doctree that the hand-written
project's build saved for the same page. A project made of such pages does everything a Sphinx
build does (transforms, toctrees, search index, HTML) except parsing, so its build time is the
floor that no way of producing these pages can go below.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

FOLDER = "_prebuilt"


class PrebuiltDirective(SphinxDirective):
    """The parsed page, as the hand-written project's build left it."""

    def run(self) -> list[nodes.Node]:
        path = Path(self.env.srcdir) / FOLDER / f"{self.env.docname}.doctree"
        with path.open("rb") as stream:
            # Only ever the doctrees this benchmark's own build just wrote.
            doctree = pickle.load(stream)
        children: list[nodes.Node] = list(doctree.children)
        for child in children:
            child.parent = None
        return children


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("prebuilt", PrebuiltDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
