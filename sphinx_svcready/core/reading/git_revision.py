"""The files of a git revision, written out to a folder, so they can be judged as they were then.

``git archive`` gives the revision's whole tree (its catalog files and the files evidence probes
read included) as a tar stream, which is unpacked with the standard library's ``data`` filter: no
absolute path, no ``..``, no link out of the folder, no device. Only ``git`` runs, with fixed
arguments; a revision is refused unless it names a commit. A revision a shallow clone lacks is
said so, with the depth the clone has and how to fetch more. Nothing here imports Sphinx.
"""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path

_TIMEOUT = 300


class RevisionUnavailable(Exception):
    """The revision cannot be read: no git, not a repository, or no such commit here."""


def run_git(repository: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``git -C repository ARGUMENTS...``, its output as text (bytes that are not UTF-8 kept as
    surrogates), within the deadline; :class:`RevisionUnavailable` when git is missing or slow."""
    try:
        return subprocess.run(
            ["git", "-C", str(repository), *arguments],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            timeout=_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise RevisionUnavailable("git is not installed, so no revision can be read") from None
    except subprocess.TimeoutExpired:
        raise RevisionUnavailable(f"git took longer than {_TIMEOUT} seconds") from None


def commit_of(repository: Path, revision: str) -> str:
    """The commit ``revision`` names in ``repository``, as its full hash."""
    if revision.startswith("-"):
        raise RevisionUnavailable(f"{revision!r} is not a revision")
    found = run_git(
        repository, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
    )
    if found.returncode == 0:
        return found.stdout.strip()
    inside = run_git(repository, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0:
        raise RevisionUnavailable(f"{repository} is not in a git repository")
    shallow = run_git(repository, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    if shallow:
        depth = run_git(repository, "rev-list", "--count", "HEAD").stdout.strip() or "?"
        raise RevisionUnavailable(
            f"{revision!r} is not in this clone, which is shallow ({depth} commits deep): fetch it with "
            f"'git fetch --no-tags --depth=1 origin {revision}' or clone more history "
            "(actions/checkout: fetch-depth: 0)"
        )
    raise RevisionUnavailable(f"{revision!r} names no commit in {repository}")


def write_out(repository: Path, revision: str, folder: Path) -> str:
    """Write the tree of ``revision`` into ``folder``; returns the commit it names."""
    if not hasattr(tarfile, "data_filter"):
        raise RevisionUnavailable(
            "unpacking a revision safely needs Python 3.11.4 or later (tarfile's data filter)"
        )
    commit = commit_of(repository, revision)
    try:
        process = subprocess.Popen(
            ["git", "-C", str(repository), "archive", "--format=tar", commit],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except FileNotFoundError:
        raise RevisionUnavailable("git is not installed, so no revision can be read") from None
    assert process.stdout is not None
    try:
        with tarfile.open(fileobj=process.stdout, mode="r|") as archive:
            archive.extractall(folder, filter="data")
        # The archive ends before git's last record does: read the padding, or git dies of SIGPIPE.
        while process.stdout.read(65536):
            pass
    except (tarfile.TarError, OSError) as error:
        process.kill()
        process.communicate()
        raise RevisionUnavailable(f"cannot write out {revision!r}: {error}") from None
    _out, said = process.communicate(timeout=_TIMEOUT)
    if process.returncode != 0:
        message = said.decode("utf-8", "replace").strip() or f"exit status {process.returncode}"
        raise RevisionUnavailable(f"git archive {revision!r} failed: {message}")
    return commit
