"""A history made from git during the build, for a trend or a campaign's burn-up (``:git:``).

The history of the service files under a folder of the repository that holds the docs is made
with ``svcready history``'s core (core/history.py) and kept as JSON in the build's doctree folder,
keyed by the commit at HEAD, the folders, the sampling and the settings: a page is read again only
when HEAD moves (``env-get-outdated``), and then the history is made again only if its key is new.
A build with nothing changed reads no page and makes no history.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_svcready.core.history import history_document
from sphinx_svcready.core.reading.git_revision import RevisionUnavailable, commit_of
from sphinx_svcready.core.settings import Settings
from sphinx_svcready.sphinx_ext.store import pages

#: The folder of the doctree folder the histories are kept in.
FOLDER = "svcready-history"
#: The most histories kept: older ones are removed when a new one is written.
KEPT = 8


def history_from_git(
    doctreedir: str | Path, repository: Path, folders: list[str], every: str, settings: Settings
) -> tuple[dict[str, Any], str]:
    """The history and the commit at HEAD; :class:`RevisionUnavailable` or ``ShallowHistory``."""
    head = commit_of(repository, "HEAD")
    checklist = settings.checklist()
    # The checklist's files by their times: an edited checklist judges the same files differently.
    sources = [(name, Path(name).stat().st_mtime_ns) for name in checklist.sources if Path(name).is_file()]
    identity = json.dumps([head, folders, every, repr(settings), sources])
    key = hashlib.sha256(identity.encode()).hexdigest()[:20]
    folder = Path(doctreedir) / FOLDER
    cached = folder / f"{key}.json"
    if cached.is_file():
        document: dict[str, Any] = json.loads(cached.read_text(encoding="utf-8"))
        return document, head
    document = history_document(repository, folders, settings, every=every)
    folder.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    for stale in sorted(folder.glob("*.json"), key=lambda path: path.stat().st_mtime_ns)[:-KEPT]:
        stale.unlink(missing_ok=True)
    return document, head


def outdated_by_head(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages with a history from git made at another commit than the one at HEAD now."""
    heads: dict[str, str | None] = {}
    outdated = []
    for docname, data in pages(env).items():
        for repository, head in data.get("git-heads", []):
            if repository not in heads:
                try:
                    heads[repository] = commit_of(Path(repository), "HEAD")
                except RevisionUnavailable:
                    heads[repository] = None
            if heads[repository] != head:
                outdated.append(docname)
                break
    return sorted(outdated)
