"""Free the parse trees of the pages just read before Sphinx starts writing.

Sphinx pickles each page's doctree after reading it and drops it; docutils nodes point at their
parents, so every dropped tree is cyclic garbage that only a full collection frees. The
directive builds its nodes without running the reStructuredText parser, so a build makes far
fewer allocations than one of hand-written pages, Python's full collections come later, and
those trees linger into the writing phase and raise its peak memory. One full collection after
a build that read pages gives that memory back; a build that read nothing skips it.
"""

from __future__ import annotations

import gc
import weakref

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

_PAGES_READ: weakref.WeakKeyDictionary[BuildEnvironment, int] = weakref.WeakKeyDictionary()


def count_pages_to_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: remember whether this build reads any page."""
    _PAGES_READ[env] = len(docnames)


def collect_after_reading(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: one full collection when pages were read; no pages to add to the write."""
    if _PAGES_READ.pop(env, 0):
        gc.collect()
    return []
