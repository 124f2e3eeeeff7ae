"""A build that read pages frees their parse trees once before writing; a no-change build does not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_svcready import memory

from .conftest import Build


def test_one_full_collection_after_reading_and_none_when_nothing_was_read(
    project: Callable[..., Path], sphinx_build: Callable[..., Build], monkeypatch: pytest.MonkeyPatch
) -> None:
    collections: list[int] = []
    monkeypatch.setattr(memory.gc, "collect", lambda *args: collections.append(1) or 0)
    srcdir = project()

    first = sphinx_build(srcdir)
    assert (first.code, len(collections)) == (0, 1)

    again = sphinx_build(srcdir)
    assert (again.code, len(collections)) == (0, 1)
