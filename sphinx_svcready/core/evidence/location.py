"""Which folder is a service's repository: the one its evidence probes read.

By default it is the git work tree that holds the service file, so that a ``service.yaml`` in
``docs/`` is checked against the ``LICENSE`` at the repository's root; a service file outside any
work tree has no repository and no probe runs. A monorepo whose services each keep their own
files beside their ``service.yaml`` chooses the service's folder instead.
"""

from __future__ import annotations

from pathlib import Path

from sphinx_svcready.core.reading.confinement import work_tree

WORK_TREE = "work-tree"
SERVICE_FOLDER = "service-folder"
ROOTS = (WORK_TREE, SERVICE_FOLDER)


def repository_root(service_file: str | Path, choice: str) -> Path | None:
    """The folder probes read for ``service_file``, by ``choice`` (one of :data:`ROOTS`)."""
    if choice == SERVICE_FOLDER:
        return Path(service_file).resolve().parent
    return work_tree(service_file)
