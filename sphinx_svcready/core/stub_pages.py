"""Write one reStructuredText stub page per service file, and an index, for teams that commit them.

``svcready generate OUTDIR PATH...`` is to service files what ``sphinx-apidoc`` is to modules: each
service gets ``OUTDIR/<name>.rst`` (its title and the ``service-readiness`` directive pointing at
its file) and ``OUTDIR/index.rst`` lists them with the summary. Every page it writes ends with a
comment holding a digest of the page above it, so a later run can tell a page it wrote and nobody
touched (safe to rewrite with ``--force``) from one a person edited (never overwritten).

A service's name becomes a file name and a toctree entry, so a name is used only when it is a
plain name (letters, digits, and ``-``, ``_`` or ``.`` between them): nothing else can reach a
page's text or a path. Pages are read and written only as regular files inside the folder, never
through a symbolic link leading out of it. Nothing here imports Sphinx.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sphinx_svcready.core.reading.files import FileRefused, read_regular
from sphinx_svcready.core.reading.yaml_reader import load_file
from sphinx_svcready.core.text import quoted

MARK = ".. svcready-generated:"
#: A name that is safe as a file name and a toctree entry; every name the packaged schema accepts.
PAGE_NAME = re.compile(r"^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$")
MAX_NAME_LENGTH = 100
#: A generated page is a few hundred bytes; anything larger at its place is not one.
MAX_PAGE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Stub:
    """One service file and the page that documents it."""

    source: Path
    name: str
    title: str


@dataclass(frozen=True)
class Outcome:
    path: Path
    #: "written", "unchanged", "updated", "out of date" (needs --force), "edited" (kept as the
    #: person left it) or "refused" (not a regular file inside the folder; ``reason`` says why).
    action: str
    reason: str = ""


def read_stub(source: Path) -> Stub | str:
    """The service's name and title, or why its file cannot be used."""
    document = load_file(source)
    service = document.data.get("service") if isinstance(document.data, dict) else None
    name = service.get("name") if isinstance(service, dict) else None
    if not isinstance(name, str) or not name.strip():
        return "has no service.name; run 'svcready check' on it"
    name = name.strip()
    if len(name) > MAX_NAME_LENGTH or not PAGE_NAME.match(name):
        return (
            f"has the service.name {quoted(name, 80)}, which cannot name a page (letters, digits, and "
            "'-', '_' or '.' between them); run 'svcready check' on it"
        )
    title = service.get("title") if isinstance(service, dict) else None
    shown = " ".join(_visible(title).split()) if isinstance(title, str) else ""
    return Stub(source, name, shown or name)


def _visible(text: str) -> str:
    """``text`` with control characters (which no title needs) turned into spaces."""
    return "".join(char if char.isprintable() else " " for char in text)


def page_text(stub: Stub, outdir: Path) -> str:
    """The stub page of ``stub``, written into ``outdir``."""
    target = os.path.relpath(stub.source.resolve(), outdir.resolve())
    title = _literal(stub.title)
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
    change a page that already exists). ``path`` must lie directly in its folder, which exists."""
    current = read_page(path)
    if isinstance(current, Outcome):
        return current
    if current is not None:
        if current == text:
            return Outcome(path, "unchanged")
        if not untouched(current):
            return Outcome(path, "edited")
        if not force:
            return Outcome(path, "out of date")
    try:
        _replace(path, text)
    except OSError as error:
        return Outcome(path, "refused", f"cannot be written: {error.strerror or error}")
    return Outcome(path, "written" if current is None else "updated")


def read_page(path: Path) -> str | Outcome | None:
    """The text of the page at ``path``; ``None`` when there is none; a refusal when what is there
    is not a page this tool may read (a folder, a pipe, a device, a link leading out of the folder)."""
    if not os.path.lexists(path):
        return None
    folder = path.parent.resolve()
    if path.is_symlink() and not path.resolve().is_relative_to(folder):
        return Outcome(path, "refused", "is a symbolic link to a place outside its folder")
    try:
        return read_regular(path, MAX_PAGE_BYTES, kind="page").decode("utf-8", errors="replace")
    except FileRefused as refused:
        return Outcome(path, "refused", refused.reason)


def _replace(path: Path, text: str) -> None:
    """Write a new file in the folder and move it into place: a link at ``path`` is replaced, never
    written through."""
    handle, partial = tempfile.mkstemp(prefix=".svcready-", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        Path(partial).chmod(0o644)  # as an editor would make it; the temporary file is private
        Path(partial).replace(path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def prepare_folder(folder: Path) -> str | None:
    """Make ``folder`` if need be; why it cannot hold pages, or ``None``."""
    if os.path.lexists(folder) and not folder.is_dir():
        return "is not a folder"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return f"cannot be made: {error.strerror or error}"
    return None


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
