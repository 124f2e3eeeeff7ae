"""sphinx-svcready's memo of stemmed words for the search index, alone, as a Sphinx extension.

With ``frozen.py`` it gives the hand-written project the two things svcready does for the whole
build (the garbage-collector handling and one memo of stems), so that the report can tell their
share of svcready's lead from the directive's own.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from sphinx_svcready.sphinx_ext import search_stems


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", search_stems.keep_stems)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
