"""The past versions of a repository's service files, read from git: which commits changed them,
what each file held after each commit, and the bytes of each version.

One ``git log`` lists every commit (first parents only: the history of the branch as it was
merged) with the files it changed and the blob each became, and one ``git cat-file --batch``
process hands out the blobs, so a thousand commits cost two processes, not a thousand. Only
``git`` runs, with fixed arguments. A shallow clone is said so, with its depth. Nothing here
imports Sphinx.
"""

from __future__ import annotations

import datetime
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from sphinx_svcready.core.reading.git_revision import RevisionUnavailable, run_git

_TIMEOUT = 300
#: git's name for "no blob": the side of a change where the file does not exist.
_NO_BLOB = "0" * 40


@dataclass(frozen=True)
class Commit:
    """A commit that changed some of the files asked about, and what each of them became."""

    sha: str
    #: When it was committed, in UTC.
    when: datetime.datetime
    #: ``{path: blob}`` of the files it changed; ``None`` where it deleted one.
    changes: dict[str, str | None]


@dataclass(frozen=True)
class Depth:
    """How much history the clone holds."""

    shallow: bool
    commits: int


def depth(repository: Path) -> Depth:
    shallow = run_git(repository, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    count = run_git(repository, "rev-list", "--count", "--first-parent", "HEAD").stdout.strip()
    return Depth(shallow, int(count) if count.isdigit() else 0)


def commits(repository: Path, pathspecs: Sequence[str], revision: str = "HEAD") -> list[Commit]:
    """Every first-parent commit up to ``revision`` that changed a file ``pathspecs`` match,
    oldest first."""
    if revision.startswith("-"):
        raise RevisionUnavailable(f"{revision!r} is not a revision")
    listed = run_git(
        repository,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--reverse",
        "--raw",
        "--no-renames",
        "--no-abbrev",
        "-z",
        "--format=%x01%H %ct",
        revision,
        "--",
        *pathspecs,
    )
    if listed.returncode != 0:
        message = listed.stderr.strip().splitlines()
        raise RevisionUnavailable(f"git log failed: {message[-1] if message else listed.returncode}")
    return list(_parse(listed.stdout))


def _parse(output: str) -> Iterator[Commit]:
    for chunk in output.split("\x01")[1:]:
        header, _, rest = chunk.partition("\x00")
        sha, _, stamp = header.partition(" ")
        when = datetime.datetime.fromtimestamp(int(stamp), tz=datetime.UTC)
        fields = rest.lstrip("\n").split("\x00")
        changes: dict[str, str | None] = {}
        # Each change is a ":<modes> <old blob> <new blob> <status>" field, then the path.
        for meta, path in zip(fields[0::2], fields[1::2], strict=False):
            if not meta.startswith(":"):
                continue
            blob = meta.split()[3]
            changes[path] = None if blob == _NO_BLOB else blob
        yield Commit(sha, when, changes)


class Blobs:
    """The bytes of blobs, from one ``git cat-file --batch`` process; use it as a context manager."""

    def __init__(self, repository: Path) -> None:
        try:
            self._process = subprocess.Popen(
                ["git", "-C", str(repository), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise RevisionUnavailable("git is not installed, so no history can be read") from None

    def read(self, blob: str, max_bytes: int) -> bytes | None:
        """The blob's bytes, or ``None`` when it is larger than ``max_bytes`` or missing."""
        process = self._process
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(blob.encode("ascii") + b"\n")
        process.stdin.flush()
        header = process.stdout.readline().split()
        if len(header) != 3:
            return None
        size = int(header[2])
        if size <= max_bytes:
            data = process.stdout.read(size)
            process.stdout.read(1)
            return data
        # Too large: read it past in pieces, never holding it whole.
        left = size + 1
        while left:
            left -= len(process.stdout.read(min(left, 1 << 20))) or left
        return None

    def __enter__(self) -> Blobs:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=_TIMEOUT)
        except subprocess.TimeoutExpired:
            self._process.kill()
        if self._process.stdout is not None:
            self._process.stdout.close()
