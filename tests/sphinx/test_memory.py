"""Garbage collection around reading: a full collection before and after it, what survives frozen
until the build ends (unless turned off); a no-change build does none of it."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_svcready.sphinx_ext import garbage_collection

from ..conftest import Build


def test_full_collections_around_reading_and_none_when_nothing_was_read(
    project: Callable[..., Path], sphinx_build: Callable[..., Build], monkeypatch: pytest.MonkeyPatch
) -> None:
    collections: list[int] = []
    monkeypatch.setattr(garbage_collection.gc, "collect", lambda *args: collections.append(1) or 0)
    srcdir = project()

    first = sphinx_build(srcdir)
    # One before reading (so that nothing dead is frozen with what lives on), one after it.
    assert (first.code, len(collections)) == (0, 2)

    again = sphinx_build(srcdir)
    assert (again.code, len(collections)) == (0, 2)

    with srcdir.joinpath("conf.py").open("a", encoding="utf-8") as conf:
        conf.write("svcready_gc_freeze = False\n")
    collections.clear()
    assert sphinx_build(srcdir, "-E").code == 0
    assert len(collections) == 1


FREEZE_PROBE = """
import gc
from pathlib import Path


def setup(app):
    def probe(app, doctree, docname):
        with (Path(app.outdir).parent / "frozen.txt").open("a") as handle:
            handle.write(f"{docname} {gc.get_freeze_count()}\\n")

    app.connect("doctree-resolved", probe)
"""


def test_what_survives_reading_is_frozen_while_writing_and_unfrozen_after(
    project: Callable[..., Path], sphinx_build: Callable[..., Build]
) -> None:
    srcdir = project(conf=FREEZE_PROBE)
    build = sphinx_build(srcdir)
    assert (build.code, build.warnings) == (0, [])
    [line] = (srcdir.parent / "frozen.txt").read_text(encoding="utf-8").splitlines()
    docname, frozen = line.split()
    # Everything the build keeps (the environment, Sphinx, the page's doctree) is skipped by the
    # collector while the page is written, and handed back when the build ends.
    assert (docname, int(frozen) > 10_000) == ("index", True)
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize(("setting", "freezes"), [("", 1), ("svcready_gc_freeze = False", 0)])
def test_the_freeze_follows_reading_and_the_option(
    project: Callable[..., Path],
    sphinx_build: Callable[..., Build],
    monkeypatch: pytest.MonkeyPatch,
    setting: str,
    freezes: int,
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(garbage_collection.gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(garbage_collection.gc, "unfreeze", lambda: calls.append("unfreeze"))
    srcdir = project(conf=setting)
    assert sphinx_build(srcdir).code == 0
    assert calls == ["freeze", "freeze", "unfreeze"] * freezes
    # Nothing read, nothing frozen.
    assert sphinx_build(srcdir).code == 0
    assert calls == ["freeze", "freeze", "unfreeze"] * freezes


KEPT_PROBE = """
from pathlib import Path


def setup(app):
    def probe(app, doctree, docname):
        kept = sorted(app.env._write_doc_doctree_cache)
        with (Path(app.outdir).parent / "kept.txt").open("a") as handle:
            handle.write(docname + ":" + "".join(" " + name for name in kept) + "\\n")

    app.connect("doctree-resolved", probe)
"""


@pytest.mark.parametrize(("setting", "kept"), [("", ""), ("svcready_gc_freeze = False", " other")])
def test_no_doctree_read_is_kept_frozen_until_its_page_is_written(
    project: Callable[..., Path], sphinx_build: Callable[..., Build], setting: str, kept: str
) -> None:
    index = "Home\n====\n\n.. service-readiness::\n\n.. toctree::\n\n   other\n"
    srcdir = project(index=index, conf=f"{KEPT_PROBE}\n{setting}")
    (srcdir / "other.rst").write_text("Other\n=====\n\nA page of prose.\n", encoding="utf-8")
    build = sphinx_build(srcdir)
    assert (build.code, build.warnings) == (0, [])
    # Frozen, a tree Sphinx kept from reading would outlive its page; so none is kept, and each
    # page is read back from its pickle as it is written. Without the freeze Sphinx keeps them.
    lines = (srcdir.parent / "kept.txt").read_text(encoding="utf-8").splitlines()
    assert lines == [f"index:{kept}", "other:"]
    assert (build.outdir / "other.html").read_text(encoding="utf-8").count("A page of prose.") == 1


def test_what_lasts_is_frozen_again_every_so_many_pages_while_reading_and_writing(
    project: Callable[..., Path],
    sphinx_build: Callable[..., Build],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(garbage_collection, "REFREEZE_PAGES", 1)
    monkeypatch.setattr(garbage_collection.gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(garbage_collection.gc, "unfreeze", lambda: calls.append("unfreeze"))
    index = "Home\n====\n\n.. service-readiness::\n\n.. toctree::\n\n   other\n"
    srcdir = project(index=index)
    (srcdir / "other.rst").write_text("Other\n=====\n\nA page of prose.\n", encoding="utf-8")
    assert sphinx_build(srcdir).code == 0
    # Before reading; before each of the two pages is read; after reading; as each is written.
    assert calls == ["freeze"] * 6 + ["unfreeze"]
