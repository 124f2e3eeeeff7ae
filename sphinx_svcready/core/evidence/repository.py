"""The service's repository as probes see it: read-only, confined, bounded.

Probes name files by repository-relative globs. Nothing is read outside the root: a symbolic link
is followed only when its target is inside, devices and pipes are never opened, a file is read up
to :data:`MAX_FILE_BYTES`, and one probe reads at most :data:`MAX_FILES` files and lists at most
:data:`MAX_NAMES` names within :data:`PROBE_SECONDS`. Every file and folder looked at is
remembered, so that the caller can re-check the answer when one of them changes.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from sphinx_svcready.core.reading.files import FileRefused, read_regular

MAX_FILE_BYTES = 1024 * 1024
#: The most files one probe reads, and the most names (files and folders) it lists.
MAX_FILES = 5_000
MAX_NAMES = 200_000
PROBE_SECONDS = 5.0
#: Folders no probe looks into: version control, dependencies, build output, caches.
SKIPPED_FOLDERS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox", "_build", "__pycache__", ".mypy_cache"}
)


#: A file with a NUL byte in its first bytes is binary: no text is read from it.
_BINARY_SNIFF = 8192


def is_inside_path(path: str) -> bool:
    """A path that names something inside a repository: relative, with no ``..`` and no drive."""
    parts = path.replace("\\", "/").split("/")
    return (
        bool(path.strip()) and not path.startswith(("/", "\\")) and ".." not in parts and ":" not in parts[0]
    )


def is_binary(raw: bytes) -> bool:
    """Whether bytes a probe read are a binary file's."""
    return b"\0" in raw[:_BINARY_SNIFF]


class ProbeLimit(Exception):
    """A probe examined more files, or took longer, than it may."""


class Repository:
    """The files under one folder, as one probe at a time may read them."""

    def __init__(self, root: Path, ignored: tuple[Path, ...] = ()) -> None:
        self.root = root.resolve()
        #: Folders never looked into: a docs build's own output, which it writes after reading.
        self.ignored = frozenset(str(folder.resolve()) for folder in ignored)
        #: Absolute paths (files and folders) looked at since :meth:`start`.
        self.looked_at: set[str] = set()
        self._examined = 0
        self._reads = 0
        self._deadline = 0.0

    def start(self) -> None:
        """Begin a probe: a fresh budget of files and time, and a fresh list of what was looked at."""
        self.looked_at = set()
        self._examined = 0
        self._reads = 0
        self._deadline = time.monotonic() + PROBE_SECONDS

    def matching(self, patterns: tuple[str, ...]) -> Iterator[str]:
        """Repository-relative paths (``/``-separated, sorted per folder) matching any pattern.

        Patterns that start in the same folder share one listing (or one walk, for ``**``).
        """
        groups: dict[tuple[str, bool], list[re.Pattern[str]]] = {}
        for pattern in patterns:
            base, rest = _split(pattern)
            walk = "**" in rest or "/" in rest
            # Names are matched ignoring case: License.md is as much a licence file as LICENSE.
            groups.setdefault((base, walk), []).append(_expression(rest))
        seen: set[str] = set()
        for (base, walk), expressions in groups.items():
            folder = self.root / base if base else self.root
            for below in self._walked(folder) if walk else self._listed(folder):
                relative = f"{base}/{below}" if base else below
                if relative in seen or not any(e.fullmatch(below) for e in expressions):
                    continue
                if self._allowed(relative):
                    seen.add(relative)
                    yield relative

    def read(self, relative: str) -> bytes:
        """The bytes of a repository file; :class:`FileRefused` if it may not or cannot be read."""
        self._reads += 1
        if self._reads > MAX_FILES:
            raise ProbeLimit(f"stopped after reading {MAX_FILES:,} files")
        path = self._inside(relative)
        self.looked_at.add(str(path))
        return read_regular(path, MAX_FILE_BYTES)

    def locate(self, relative: str) -> Path:
        """Where a repository path is; :class:`FileRefused` if it is missing or leads out."""
        path = self._inside(relative)
        self.looked_at.add(str(path))
        return path

    def _allowed(self, relative: str) -> bool:
        try:
            self._inside(relative)
        except FileRefused:
            return False
        return True

    def _inside(self, relative: str) -> Path:
        path = self.root / relative
        self._note_folder(path.parent)
        try:
            info = os.lstat(path)
        except OSError:
            raise FileRefused("does not exist") from None
        if stat.S_ISLNK(info.st_mode):
            target = path.resolve()
            if target != self.root and self.root not in target.parents:
                raise FileRefused("is a symbolic link out of the repository, which is not followed")
            return target
        return path

    def _note_folder(self, folder: Path) -> None:
        """Remember the nearest folder at or above ``folder`` that exists: a file created in a
        folder that does not exist yet changes that one."""
        while folder != self.root and not folder.is_dir() and self.root in folder.parents:
            folder = folder.parent
        self.looked_at.add(str(folder))

    def _listed(self, folder: Path) -> Iterator[str]:
        self._note_folder(folder)
        try:
            names = sorted(entry.name for entry in folder.iterdir())
        except OSError:
            return
        for name in names:
            self._count()
            yield name

    def _walked(self, folder: Path) -> Iterator[str]:
        for current, folders, files in os.walk(folder, followlinks=False):
            self.looked_at.add(current)
            folders[:] = sorted(
                name
                for name in folders
                if name not in SKIPPED_FOLDERS and str(Path(current) / name) not in self.ignored
            )
            relative = os.path.relpath(current, folder).replace(os.sep, "/")
            prefix = "" if relative == "." else f"{relative}/"
            for name in sorted(files) + folders:
                self._count()
                yield prefix + name

    def _count(self) -> None:
        self._examined += 1
        if self._examined > MAX_NAMES:
            raise ProbeLimit(f"stopped after listing {MAX_NAMES:,} names")
        if time.monotonic() > self._deadline:
            raise ProbeLimit(f"stopped after {PROBE_SECONDS:g} seconds")


_WILD = re.compile(r"[*?\[]")


def _split(pattern: str) -> tuple[str, str]:
    """``docs/runbook*`` -> (``docs``, ``runbook*``): the folder a pattern starts in, and the rest."""
    parts = pattern.replace("\\", "/").strip("/").split("/")
    literal = []
    for part in parts:
        if _WILD.search(part):
            break
        literal.append(part)
    if len(literal) == len(parts):  # no wildcard: the last name is looked for in its folder
        literal = literal[:-1]
    return "/".join(literal), "/".join(parts[len(literal) :])


@functools.lru_cache(maxsize=1024)
def _expression(glob: str) -> re.Pattern[str]:
    return re.compile(_translate(glob), re.IGNORECASE)


def _translate(glob: str) -> str:
    """A glob (``**`` any folders, ``*`` and ``?`` within one name, ``[...]`` a set) as a regex."""
    out = []
    index = 0
    while index < len(glob):
        char = glob[index]
        if glob.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if glob.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = glob.find("]", index + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                inside = glob[index + 1 : end]
                negated = inside.startswith("!")
                members = (inside[1:] if negated else inside).replace("\\", "\\\\").replace("^", "\\^")
                out.append("[" + ("^" if negated else "") + members + "]")
                index = end
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)
