"""Which files ``svcready check`` and ``svcready generate`` read: the paths as given, folders searched."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

SERVICE_FILENAMES = ("service.yaml", "service.yml")
#: Folders never searched for service files (hidden folders are skipped too).
SKIPPED_FOLDERS = frozenset({"_build", "node_modules", ".venv", "venv", ".tox"})


def find_service_files(paths: Sequence[str]) -> list[str]:
    """The files to check, as the user would write them: sorted, each file once.

    A file is taken whatever its name; a folder is searched for service files; a path that does
    not exist is kept, so that it is reported as a ``file`` problem.
    """
    found = sorted({os.path.normpath(path) for argument in paths for path in _expand(argument)})
    seen: set[str] = set()
    result = []
    for path in found:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            result.append(path)
    return result


def _expand(argument: str) -> Iterator[str]:
    if not Path(argument).is_dir():
        yield argument
        return
    for folder, subfolders, filenames in os.walk(argument):
        subfolders[:] = [name for name in subfolders if not _skipped(name)]
        for filename in filenames:
            if filename in SERVICE_FILENAMES:
                yield str(Path(folder, filename))


def _skipped(folder: str) -> bool:
    return folder.startswith(".") or folder in SKIPPED_FOLDERS
