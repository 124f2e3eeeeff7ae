"""The garbage-collector handling of sphinx-svcready, alone, as a Sphinx extension.

The benchmark builds the hand-written project a second time with it, so that the report can say
how much of svcready's lead over hand-written pages comes from this handling (which any project
could copy) and how much from making the pages without parsing reStructuredText.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from sphinx_svcready.sphinx_ext import garbage_collection


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("svcready_gc_freeze", True, "", types=(bool,))
    app.connect("env-before-read-docs", garbage_collection.count_pages_to_read)
    app.connect("env-updated", garbage_collection.collect_after_reading)
    app.connect("build-finished", garbage_collection.unfreeze, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
