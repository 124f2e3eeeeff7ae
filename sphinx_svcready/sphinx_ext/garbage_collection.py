"""Free the parse trees of the pages just read before Sphinx starts writing, then keep the garbage
collector off what lives through the writing phase.

Sphinx pickles each page's doctree after reading it and drops it; docutils nodes point at their
parents, so every dropped tree is cyclic garbage that only a full collection frees. The
directive builds its nodes without running the reStructuredText parser, so a build makes far
fewer allocations than one of hand-written pages, Python's full collections come later, and
those trees linger into the writing phase and raise its peak memory. One full collection after
a build that read pages gives that memory back; a build that read nothing skips it.

What survives that collection (the environment) lives until the end of the build, yet every
full collection while writing walks all of it again: with a few hundred pages that is about a
tenth of the whole build. So, with ``svcready_gc_freeze`` (on by default), the survivors are
frozen (``gc.freeze()``): collections skip them until the build finishes and they are unfrozen.
A serial build also keeps every doctree it read in memory until it writes the page; frozen, a
tree written would be garbage that nothing frees until the end, so the writing phase could not
reuse its memory and the peak grew by a tree per page. Those trees are let go before the freeze,
and Sphinx reads each back from its pickle when it writes the page, as it does in a parallel build. What exists before
reading starts (Sphinx, the extensions, a loaded environment) is frozen the same way, after a
collection of its own. Garbage made while reading and writing is collected as before.
"""

from __future__ import annotations

import gc
import weakref

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

_PAGES_READ: weakref.WeakKeyDictionary[BuildEnvironment, int] = weakref.WeakKeyDictionary()
#: The applications whose build froze the heap (another tool's freeze is not ours to undo).
_FROZE: weakref.WeakSet[Sphinx] = weakref.WeakSet()


def count_pages_to_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: remember whether this build reads any page; if it does, freeze
    what exists already (Sphinx, the extensions, the environment), which outlives the reading."""
    _PAGES_READ[env] = len(docnames)
    if docnames and app.config.svcready_gc_freeze:
        # Collected first, so that no garbage is frozen with the survivors.
        gc.collect()
        _freeze(app)


def _freeze(app: Sphinx) -> None:
    gc.freeze()
    _FROZE.add(app)


def collect_after_reading(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: one full collection when pages were read, then the survivors frozen; no
    pages to add to the write."""
    if _PAGES_READ.pop(env, 0):
        if app.config.svcready_gc_freeze:
            _drop_kept_doctrees(env)
        gc.collect()
        if app.config.svcready_gc_freeze:
            _freeze(app)
    return []


def _drop_kept_doctrees(env: BuildEnvironment) -> None:
    """Let Sphinx read each page's doctree back from its pickle when it writes the page, rather
    than keep every tree read in memory until then: a kept tree would be frozen with the
    survivors, and once written it would be garbage no collection frees until the build ends."""
    kept = getattr(env, "_write_doc_doctree_cache", None)
    if isinstance(kept, dict):
        kept.clear()


def unfreeze(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: hand what was frozen back to the collector (also after an error)."""
    if app in _FROZE:
        _FROZE.discard(app)
        gc.unfreeze()
