"""One memo of stemmed words for the HTML search index of the whole build, not one per page.

Sphinx's search indexer stems every word of a page, with a memo that lasts for that page alone, so
a word on every page is stemmed again on every page. A service page carries the checklist's
question texts, and at 5,000 services stemming was a fifth of the build (``benchmarks/README.md``).
A word's stem does not depend on the page, so before the first page is indexed the indexer's
stemmer is given a memo that lasts the build; the index it writes is the same, byte for byte.
"""

from __future__ import annotations

import functools

from docutils import nodes
from sphinx.application import Sphinx

#: Distinct words remembered; a site of thousands of pages has some tens of thousands.
_MEMO_SIZE = 1 << 17
_MARK = "_svcready_stems_kept"


def keep_stems(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: give the search indexer's stemmer a memo that lasts the build (once)."""
    language = getattr(getattr(app.builder, "indexer", None), "lang", None)
    if language is None or getattr(language, _MARK, False):
        return
    language.stem = functools.lru_cache(maxsize=_MEMO_SIZE)(language.stem)
    setattr(language, _MARK, True)
