"""Discovery: a page for every ``service.yaml`` the ``svcready_discover`` globs find, made at build time.

At ``builder-inited``, before Sphinx looks for documents, every file the globs match (relative to
the source directory, or to ``svcready_discover_root``) gets a page in ``svcready_discover_dir``
(its title, the directive pointing at it) and that folder an ``index`` with the summary and a
toctree, as autosummary makes its stubs; a large portfolio is grouped
(``svcready_discover_group_by``, see stub_pages.py), one page per group between the index and the
services. Pages are written only when their text changes, so an incremental build re-reads only
what changed; a page whose file is gone is deleted, and its service leaves the summary. Two files
with the same service name are a ``svcready.duplicate`` warning and the second gets no page. Only
pages this module wrote (checked by their digest) are ever rewritten or deleted.

A file is published only when the directive will read it: a match that leads out of the root the
globs start from (through a symbolic link, say) gets no page, and so its title reaches neither the
navigation nor the search index. A name that cannot name a page (generate.py) gets none either.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_svcready.core.stub_pages import (
    Stub,
    delete_page,
    layout,
    prepare_folder,
    read_stub,
    stale_pages,
    write_all,
)
from sphinx_svcready.core.subtypes import Subtype
from sphinx_svcready.sphinx_ext import config
from sphinx_svcready.sphinx_ext.warn import warn


def discover_root(conf: Config, srcdir: str | Path) -> Path:
    """Where the globs start: ``svcready_discover_root`` (made absolute at ``config-inited``), else
    the source directory."""
    root = conf.svcready_discover_root
    return Path(root) if root else Path(srcdir).resolve()


def generate_pages(app: Sphinx) -> None:
    """``builder-inited``: write, refresh and delete the discovered services' pages."""
    patterns = app.config.svcready_discover
    if not patterns:
        return
    root = discover_root(app.config, app.srcdir)
    outdir = Path(app.srcdir) / app.config.svcready_discover_dir
    unusable = prepare_folder(outdir)
    if unusable:
        where = config.location_of(app, "svcready_discover_dir")
        warn(Subtype.CONFIG, f"svcready_discover_dir: {outdir} {unusable}; no page is discovered", where)
        return
    stubs: dict[str, Stub] = {}
    for source in _matches(root, patterns):
        if not source.resolve().is_relative_to(root):
            warn(
                Subtype.FILE,
                f"leads out of {root} (through a symbolic link?), where discovery may read; it gets no page",
                f"{source}:1",
            )
            continue
        source = source.resolve()
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
    wanted = layout(list(stubs.values()), outdir, app.config.svcready_discover_group_by)
    for outcome in write_all(outdir, wanted, force=True):
        if outcome.action == "edited":
            warn(
                Subtype.FILE,
                "this page is made by svcready_discover and was edited by hand; it is not rewritten "
                "until the edit is moved out (or the file deleted)",
                f"{outcome.path}:1",
            )
        elif outcome.action == "refused":
            warn(Subtype.FILE, f"this page {outcome.reason}; it is not written", f"{outcome.path}:1")
    for page in stale_pages(outdir, wanted):
        delete_page(page, outdir)


def _matches(root: Path, patterns: list[str]) -> list[Path]:
    """Every file the globs match under ``root``, each once, in order (config.py has checked the
    patterns; one the platform still refuses matches nothing)."""
    found: set[Path] = set()
    for pattern in patterns:
        try:
            found.update(path for path in root.glob(pattern) if path.is_file())
        except (ValueError, NotImplementedError, OSError):
            continue
    return sorted(found)
