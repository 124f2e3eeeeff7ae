"""Write one reStructuredText stub page per service file, and an index, for teams that commit them.

``svcready generate OUTDIR PATH...`` is to service files what ``sphinx-apidoc`` is to modules: each
service gets ``OUTDIR/<name>.rst`` (its title and the ``service-readiness`` directive pointing at
its file) and ``OUTDIR/index.rst`` lists them with the summary. Every page it writes ends with a
comment holding a digest of the page above it, so a later run can tell a page it wrote and nobody
touched (safe to rewrite with ``--force``) from one a person edited (never overwritten).
Nothing here imports Sphinx.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .loader import load_file

MARK = ".. svcready-generated:"


@dataclass(frozen=True)
class Stub:
    """One service file and the page that documents it."""

    source: Path
    name: str
    title: str


@dataclass(frozen=True)
class Outcome:
    path: Path
    #: "written", "unchanged", "updated", "out of date" (needs --force) or "edited" (refused).
    action: str


def read_stub(source: Path) -> Stub | str:
    """The service's name and title, or why its file cannot be used."""
    document = load_file(source)
    service = document.data.get("service") if isinstance(document.data, dict) else None
    name = service.get("name") if isinstance(service, dict) else None
    if not isinstance(name, str) or not name.strip():
        return "has no service.name; run 'svcready check' on it"
    title = service.get("title") if isinstance(service, dict) else None
    return Stub(
        source, name.strip(), title.strip() if isinstance(title, str) and title.strip() else name.strip()
    )


def page_text(stub: Stub, outdir: Path) -> str:
    """The stub page of ``stub``, written into ``outdir``."""
    target = os.path.relpath(stub.source.resolve(), outdir.resolve())
    title = _literal(" ".join(stub.title.split()))
    return _marked(f"{title}\n{'=' * len(title)}\n\n.. service-readiness:: {Path(target).as_posix()}\n")


def _literal(text: str) -> str:
    """``text`` as reStructuredText that shows it as written: every punctuation mark escaped, so
    a title from a service file can make no link, role, substitution or directive."""
    return "".join(f"\\{char}" if not char.isalnum() and not char.isspace() else char for char in text)


def index_text(stubs: list[Stub]) -> str:
    """The index page: the summary of this project's services (not other docs projects'), and a
    toctree of their pages."""
    entries = "".join(f"   {stub.name}\n" for stub in sorted(stubs, key=lambda s: s.name))
    return _marked(
        "Services\n========\n\n.. service-readiness-summary::\n   :projects: local\n\n"
        f".. toctree::\n   :maxdepth: 1\n\n{entries}"
    )


def write(path: Path, text: str, *, force: bool) -> Outcome:
    """Write ``text`` to ``path`` unless that would lose a person's edit (or, without ``force``,
    change a page that already exists)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return Outcome(path, "written")
    current = path.read_text(encoding="utf-8", errors="replace")
    if current == text:
        return Outcome(path, "unchanged")
    if not untouched(current):
        return Outcome(path, "edited")
    if not force:
        return Outcome(path, "out of date")
    path.write_text(text, encoding="utf-8")
    return Outcome(path, "updated")


def _marked(body: str) -> str:
    return f"{body}\n{MARK} {_digest(body)}\n"


def untouched(text: str) -> bool:
    """A page this tool wrote, unchanged since: its last line is the digest of the rest."""
    body, _, last = text.rstrip("\n").rpartition("\n")
    return last.startswith(MARK) and last.removeprefix(MARK).strip() == _digest(
        body.removesuffix("\n") + "\n"
    )


def _digest(body: str) -> str:
    return "sha256=" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
