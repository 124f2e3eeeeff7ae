"""``svcready_sarif``: the build's own svcready warnings as a SARIF file, for code scanning.

Every warning the extension says in a build (warn.py keeps them) is written at ``build-finished``
to the output folder, with paths relative to the git work tree that holds the source (the source
itself outside one), as ``svcready check --format sarif`` writes them. Warnings that
``suppress_warnings`` silences are left out, as they are from the log.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.logging import get_node_location, is_suppressed_warning

from sphinx_svcready.core.formats.located import Columns, Located, report_path
from sphinx_svcready.core.formats.sarif import sarif_text
from sphinx_svcready.core.reading.confinement import catalog_root
from sphinx_svcready.core.subtypes import WARNING_TYPE
from sphinx_svcready.sphinx_ext.warn import SAID


def start(app: Sphinx, config: Config) -> None:
    """``config-inited``: a new build says its warnings anew."""
    SAID.clear()


def write_sarif(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the SARIF file ``svcready_sarif`` names."""
    filename = app.config.svcready_sarif
    if exception is not None or not filename:
        return
    root = catalog_root(app.srcdir)
    columns = Columns()
    problems = []
    for subtype, message, location, blocking in SAID:
        if is_suppressed_warning(WARNING_TYPE, subtype, app.config.suppress_warnings):
            continue
        path, line = _place(location, app)
        problems.append(
            Located(
                path=report_path(path, root) if path else "",
                line=line,
                column=columns.of(path, line) if path else None,
                subtype=subtype,
                message=" ".join(message.splitlines()),
                blocking=blocking,
            )
        )
    target = Path(app.outdir) / filename
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(sarif_text(problems), encoding="utf-8")


def _place(location: Any, app: Sphinx) -> tuple[str | None, int | None]:
    """The file and line of a warning's location (``path:line``, a docname or a node)."""
    if location is None:
        return None, None
    if not isinstance(location, str):
        location = get_node_location(location) or ""
    path, _, line = location.rpartition(":")
    if not path:
        # A docname alone: the page's source file.
        return (str(app.env.doc2path(location)) if location else None), None
    return path, int(line) if line.isdigit() else None
