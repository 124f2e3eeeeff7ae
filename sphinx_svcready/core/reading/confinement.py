"""Where a service file's Backstage catalog file may be read from.

Backstage keeps ``catalog-info.yaml`` at the repository's root while the docs live in ``docs/``, so
the folder a catalog file must lie in is the git work tree that holds the docs (or, for
``svcready check``, the service file): the repository, and nothing outside it. Outside any work
tree it is the docs source itself. The build and the command use the same rule, so the same files
give the same answer.
"""

from __future__ import annotations

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
    service files lie below it."""

    def __init__(self) -> None:
        self._known: dict[Path, Path | None] = {}
        self._resolved: dict[Path, Path] = {}

    def of(self, path: str | Path) -> Path | None:
        """The git work tree that holds ``path``, as :func:`work_tree` finds it."""
        folder = self._resolve(Path(path))
        if not folder.is_dir():
            folder = folder.parent
        return self._of_folder(folder)

    def _resolve(self, path: Path) -> Path:
        """``path.resolve()``, with the folders above it resolved once for all the paths below."""
        if ".." in path.parts or path.is_symlink():
            return path.resolve()
        path = path.absolute()
        if path.parent == path:
            return path
        return self._resolve_folder(path.parent) / path.name

    def _resolve_folder(self, folder: Path) -> Path:
        if folder not in self._resolved:
            self._resolved[folder] = self._resolve(folder)
        return self._resolved[folder]

    def _of_folder(self, folder: Path) -> Path | None:
        if folder in self._known:
            return self._known[folder]
        if (folder / ".git").exists():
            found: Path | None = folder
        else:
            found = None if folder.parent == folder else self._of_folder(folder.parent)
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
