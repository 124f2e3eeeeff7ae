"""Which folder is a service's repository: the one its evidence probes read.

By default it is the git work tree that holds the service file, so that a ``service.yaml`` in
``docs/`` is checked against the ``LICENSE`` at the repository's root; a service file outside any
work tree has no repository and no probe runs. A monorepo whose services each keep their own
files beside their ``service.yaml`` chooses the service's folder instead, and a service file may
name its own source folder (``service.source-folder``) within its work tree.
"""

from __future__ import annotations

from pathlib import Path

from sphinx_svcready.core.reading.confinement import work_tree

WORK_TREE = "work-tree"
SERVICE_FOLDER = "service-folder"
ROOTS = (WORK_TREE, SERVICE_FOLDER)
#: The ``service`` key with which a file names its own source folder.
SOURCE_FOLDER = "source-folder"


def repository_root(service_file: str | Path, choice: str) -> Path | None:
    """The folder probes read for ``service_file``, by ``choice`` (one of :data:`ROOTS`)."""
    if choice == SERVICE_FOLDER:
        return Path(service_file).resolve().parent
    return work_tree(service_file)


def named_root(service_file: str | Path, named: str) -> tuple[Path | None, str | None]:
    """The folder a service file names as its source (``service.source-folder``), or why it may
    not be read: it must be a folder inside the git work tree that holds the file (outside one,
    inside the file's own folder)."""
    folder = Path(service_file).resolve().parent
    limit = work_tree(service_file) or folder
    candidate = (folder / named).resolve()
    if candidate != limit and limit not in candidate.parents:
        return None, f"is outside {limit}, the folder it must lie in; no evidence probe runs"
    if not candidate.is_dir():
        return None, "is not a folder; no evidence probe runs"
    return candidate, None
