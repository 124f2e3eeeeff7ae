"""Where a service file's Backstage catalog file may be read from.

Backstage keeps ``catalog-info.yaml`` at the repository's root while the docs live in ``docs/``, so
the folder a catalog file must lie in is the git work tree that holds the docs (or, for
``svcready check``, the service file): the repository, and nothing outside it. Outside any work
tree it is the docs source itself. The build and the command use the same rule, so the same files
give the same answer.
"""

from __future__ import annotations

import os
from pathlib import Path


def work_tree(path: str | Path) -> Path | None:
    """The git work tree that holds ``path``: the nearest folder at or above it with a ``.git``."""
    folder = Path(path).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


class WorkTrees:
    """:func:`work_tree` for many paths in one run: each folder is looked at once, however many
    service files lie below it. Paths are handled as text (``os.path``), which for thousands of
    files is several times quicker than :class:`~pathlib.Path`."""

    def __init__(self) -> None:
        self._known: dict[str, Path | None] = {}
        self._resolved: dict[str, str] = {}

    def of(self, path: str | Path) -> Path | None:
        """The git work tree that holds ``path``, as :func:`work_tree` finds it."""
        folder = self._resolve(os.fspath(path))
        if not os.path.isdir(folder):
            folder = os.path.dirname(folder)
        return self._of_folder(folder)

    def _resolve(self, path: str) -> str:
        """``os.path.realpath(path)``, with the folders above it resolved once for all the paths
        below."""
        if ".." in path.split(os.sep) or os.path.islink(path):
            return os.path.realpath(path)
        path = os.path.abspath(path)
        parent, name = os.path.split(path)
        if not name:
            return path
        return os.path.join(self._resolve_folder(parent), name)

    def _resolve_folder(self, folder: str) -> str:
        if folder not in self._resolved:
            self._resolved[folder] = self._resolve(folder)
        return self._resolved[folder]

    def _of_folder(self, folder: str) -> Path | None:
        if folder in self._known:
            return self._known[folder]
        if os.path.exists(os.path.join(folder, ".git")):
            found: Path | None = Path(folder)
        else:
            parent = os.path.dirname(folder)
            found = None if parent == folder else self._of_folder(parent)
        self._known[folder] = found
        return found


def catalog_root(anchor: str | Path) -> Path:
    """The folder catalog files must lie in for a service documented from ``anchor`` (the docs
    source, or a service file): its work tree, else ``anchor``'s own folder."""
    tree = work_tree(anchor)
    if tree is not None:
        return tree
    anchor = Path(anchor).resolve()
    return anchor if anchor.is_dir() else anchor.parent
