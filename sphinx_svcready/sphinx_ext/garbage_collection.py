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
What exists before reading starts (Sphinx, the extensions, a loaded environment) is frozen the
same way, after a collection of its own. Garbage made while reading and writing is collected as
before.

A serial build also keeps every doctree it reads in memory until it writes the page, and the
pickled bytes of every doctree it reads back: about half of its peak memory, walked by every full
collection while reading, and, frozen, garbage that nothing would free once its page is written.
With the same option those caches keep nothing, and each page's doctree is read back from its
pickle when it is written, as in a parallel build. At 300 services that halves the peak memory
and takes about as long (``benchmarks/README.md``).
"""

from __future__ import annotations

import gc
import weakref
from typing import Any

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
        _keep_no_doctrees(env)
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
        gc.collect()
        if app.config.svcready_gc_freeze:
            _freeze(app)
    return []


class _KeepsNothing(dict[str, Any]):
    """In place of one of Sphinx's doctree caches: whatever is put in is not kept."""

    def __setitem__(self, key: str, value: Any) -> None:
        pass


#: The environment's caches of the doctrees read (objects) and read back (pickled bytes).
_DOCTREE_CACHES = ("_write_doc_doctree_cache", "_pickled_doctree_cache")


def _keep_no_doctrees(env: BuildEnvironment) -> None:
    """Let each page's doctree be read back from its pickle when it is needed, not kept."""
    for name in _DOCTREE_CACHES:
        # Private to Sphinx: where a version has no such dict, there is nothing to do.
        if isinstance(getattr(env, name, None), dict):
            setattr(env, name, _KeepsNothing())


#: While reading and writing, what has survived since the last freeze is frozen again every
#: this many pages.
REFREEZE_PAGES = 100
_PAGES_SEEN: weakref.WeakKeyDictionary[Sphinx, int] = weakref.WeakKeyDictionary()


def refreeze_while_reading(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: as :func:`refreeze_while_writing`, before a page is read (the page read
    before it is garbage by then, so nothing of it is frozen)."""
    _refreeze(app)


def refreeze_while_writing(app: Sphinx, doctree: object, docname: str) -> None:
    """``doctree-resolved``: every :data:`REFREEZE_PAGES` pages, collect and freeze again what
    the build has made to last since the last freeze (the environment's entries, the search
    index's words), so that the collections that free each page's doctree walk only what is new,
    not all that came before (which made them grow with the square of the pages). The page being
    written is frozen with it: one doctree in a hundred kept until the build ends."""
    _refreeze(app)


def _refreeze(app: Sphinx) -> None:
    if app not in _FROZE:
        return
    _PAGES_SEEN[app] = _PAGES_SEEN.get(app, 0) + 1
    if _PAGES_SEEN[app] % REFREEZE_PAGES == 0:
        gc.collect()
        gc.freeze()


def unfreeze(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: hand what was frozen back to the collector (also after an error)."""
    if app in _FROZE:
        _FROZE.discard(app)
        gc.unfreeze()
