"""Discovery: a page for every ``service.yaml`` the ``svcready_discover`` globs find, made at build time.

At ``builder-inited``, before Sphinx looks for documents, every file the globs match (relative to
the source directory, or to ``svcready_discover_root``) gets a page in ``svcready_discover_dir``
(its title, the directive pointing at it) and that folder an ``index`` with the summary and a
toctree, as autosummary makes its stubs. Pages are written only when their text changes, so an
incremental build re-reads only what changed; a page whose file is gone is deleted, and its
service leaves the summary. Two files with the same service name are a ``svcready.duplicate``
warning and the second gets no page. Only pages this module wrote (checked by their digest) are
ever rewritten or deleted.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from .catalogue import Subtype
from .generate import Stub, index_text, page_text, read_stub, untouched, write
from .warnings_ import warn


def discover_root(config: Config, srcdir: str | Path) -> Path:
    """Where the globs start: ``svcready_discover_root`` (made absolute at ``config-inited``), else
    the source directory."""
    root = config.svcready_discover_root
    return Path(root) if root else Path(srcdir).resolve()


def generate_pages(app: Sphinx) -> None:
    """``builder-inited``: write, refresh and delete the discovered services' pages."""
    patterns = app.config.svcready_discover
    if not patterns:
        return
    root = discover_root(app.config, app.srcdir)
    found = sorted({path.resolve() for pattern in patterns for path in root.glob(pattern) if path.is_file()})
    stubs: dict[str, Stub] = {}
    for source in found:
        stub = read_stub(source)
        if isinstance(stub, str):
            warn(Subtype.FILE, f"{stub}; it gets no page", f"{source}:1")
        elif stub.name in stubs:
            warn(
                Subtype.DUPLICATE,
                f"service '{stub.name}' is also in {stubs[stub.name].source}; this file gets no page",
                f"{source}:1",
            )
        else:
            stubs[stub.name] = stub
    outdir = Path(app.srcdir) / app.config.svcready_discover_dir
    wanted = {outdir / f"{name}.rst": page_text(stub, outdir) for name, stub in stubs.items()}
    wanted[outdir / "index.rst"] = index_text(list(stubs.values()))
    for path, text in wanted.items():
        if write(path, text, force=True).action == "edited":
            warn(
                Subtype.FILE,
                "this page is made by svcready_discover and was edited by hand; it is not rewritten "
                "until the edit is moved out (or the file deleted)",
                f"{path}:1",
            )
    for page in sorted(outdir.glob("*.rst")):
        if page not in wanted and untouched(page.read_text(encoding="utf-8", errors="replace")):
            page.unlink()
