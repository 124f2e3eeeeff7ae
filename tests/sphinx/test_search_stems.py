"""The search index stems each word once per build: the same index, byte for byte, from fewer
calls of the stemmer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.search.en import SearchEnglish

from ..conftest import Build, make_project, three_services


def counted_build(
    root: Path, name: str, sphinx_build: Callable[..., Build], monkeypatch: pytest.MonkeyPatch
) -> tuple[bytes, int]:
    """The search index of one build of the three services, and how often a word was stemmed."""
    calls = 0
    original = SearchEnglish.stem

    def stem(self: SearchEnglish, word: str) -> str:
        nonlocal calls
        calls += 1
        return original(self, word)

    monkeypatch.setattr(SearchEnglish, "stem", stem)
    build = sphinx_build(make_project(root, three_services()), outdir=root / name)
    assert build.code == 0
    monkeypatch.setattr(SearchEnglish, "stem", original)
    return (build.outdir / "searchindex.js").read_bytes(), calls


def test_each_word_is_stemmed_once_per_build_and_the_index_is_the_same(
    tmp_path: Path, sphinx_build: Callable[..., Build], monkeypatch: pytest.MonkeyPatch
) -> None:
    kept, kept_calls = counted_build(tmp_path, "kept", sphinx_build, monkeypatch)
    # Each build's setup connects the handler anew, so the next build goes without it.
    monkeypatch.setattr("sphinx_svcready.sphinx_ext.search_stems.keep_stems", lambda *args: None)
    per_page, per_page_calls = counted_build(tmp_path, "per-page", sphinx_build, monkeypatch)
    assert kept == per_page
    # Four pages that share the checklist's question texts: most of their words are stemmed once.
    assert kept_calls < per_page_calls * 0.6, (kept_calls, per_page_calls)
