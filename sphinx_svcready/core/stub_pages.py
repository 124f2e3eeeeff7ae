"""Write one reStructuredText stub page per service file, and an index, for teams that commit them.

``svcready generate OUTDIR PATH...`` is to service files what ``sphinx-apidoc`` is to modules: each
service gets ``OUTDIR/<name>.rst`` (its title and the ``service-readiness`` directive pointing at
its file) and ``OUTDIR/index.rst`` lists them with the summary. A portfolio is grouped (by system,
owner or lifecycle): the index then lists one page per group, ``OUTDIR/by-<field>/<group>.rst``,
and each of those its services, so that the navigation a theme renders on every page holds one
group's services rather than the whole portfolio's, and a build grows with the number of services
instead of with its square. With many groups, the index lists shelves of groups instead
(page_groups.py), each a page in the same folder. Every page it writes ends with a
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
from typing import Any

from sphinx_svcready.core.page_groups import Group, Shelf, grouping, groups, shelves
from sphinx_svcready.core.reading.files import FileRefused, read_regular
from sphinx_svcready.core.reading.yaml_reader import load_file
from sphinx_svcready.core.text import quoted

MARK = ".. svcready-generated:"
#: A name that is safe as a file name and a toctree entry; every name the packaged schema accepts.
PAGE_NAME = re.compile(r"^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$")
MAX_NAME_LENGTH = 100
#: A title or a group's name longer than this is cut: a heading, not a paragraph.
MAX_FIELD_LENGTH = 200
#: A generated page is a few hundred bytes; anything larger at its place is not one.
MAX_PAGE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Stub:
    """One service file and the page that documents it, with the fields the index groups by."""

    source: Path
    name: str
    title: str
    system: str = ""
    owner: str = ""
    lifecycle: str = ""


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
    return Stub(
        source,
        name,
        _field(service, "title") or name,
        system=_field(service, "system"),
        owner=_field(service, "owner"),
        lifecycle=_field(service, "lifecycle"),
    )


def _field(service: Any, key: str) -> str:
    """A text field of the ``service:`` block on one line, control characters dropped; "" if none."""
    value = service.get(key) if isinstance(service, dict) else None
    return " ".join(_visible(value).split())[:MAX_FIELD_LENGTH] if isinstance(value, str) else ""


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


def layout(stubs: list[Stub], outdir: Path, by: str = "auto") -> dict[str, str]:
    """Every page the folder ``outdir`` should hold, by its path inside it: a page per service, the
    index, and a page per group when the services are grouped (``by``, one of :data:`GROUPINGS`)."""
    pages = {f"{stub.name}.rst": page_text(stub, outdir) for stub in stubs}
    field = grouping(stubs, by)
    if field is None:
        pages["index.rst"] = index_text(stubs)
        return pages
    made = groups(stubs, field)
    for group in made:
        pages[f"{group.page}.rst"] = group_text(group)
    shelved = shelves(made)
    for shelf in shelved or []:
        pages[f"{shelf.page}.rst"] = shelf_text(shelf, field)
    pages["index.rst"] = grouped_index_text(shelved or made, field)
    return pages


def index_text(stubs: list[Stub]) -> str:
    """The index page: the summary of this project's services (not other docs projects'), and a
    toctree of their pages."""
    entries = [stub.name for stub in sorted(stubs, key=lambda s: s.name)]
    return _marked(f"Services\n========\n\n{_SUMMARY}\n{_toctree(entries)}")


def grouped_index_text(made: list[Group] | list[Shelf], field: str) -> str:
    """The index of a grouped portfolio: the summary rolled up by ``field``, and a toctree of the
    groups' pages (or of their shelves' pages)."""
    summary = f"{_SUMMARY}   :group-by: {field}\n"
    return _marked(f"Services\n========\n\n{summary}\n{_toctree([group.page for group in made])}")


def shelf_text(shelf: Shelf, field: str) -> str:
    """A shelf's page: its services' summary rolled up by ``field``, and a toctree of its groups'
    pages, which lie in the same folder."""
    title = f"{_literal(shelf.groups[0].title)} \N{EN DASH} {_literal(shelf.groups[-1].title)}"
    names = ", ".join(stub.name for stub in shelf.stubs)
    summary = f"{_SUMMARY}   :group-by: {field}\n   :services: {names}\n"
    entries = [group.slug for group in shelf.groups]
    return _marked(f"{title}\n{'=' * len(title)}\n\n{summary}\n{_toctree(entries)}")


def group_text(group: Group) -> str:
    """A group's page: its services' summary, and a toctree of their pages."""
    title = _literal(group.title)
    names = [stub.name for stub in group.stubs]
    summary = f"{_SUMMARY}   :services: {', '.join(names)}\n"
    return _marked(f"{title}\n{'=' * len(title)}\n\n{summary}\n{_toctree(['../' + n for n in names])}")


_SUMMARY = ".. service-readiness-summary::\n   :projects: local\n"


def _toctree(entries: list[str]) -> str:
    lines = "".join(f"   {entry}\n" for entry in entries)
    return f".. toctree::\n   :maxdepth: 1\n   :titlesonly:\n\n{lines}"


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


def write_all(folder: Path, pages: dict[str, str], *, force: bool) -> list[Outcome]:
    """Write every page of :func:`layout` into ``folder`` (which exists): a group's subfolder is
    made if need be, and refused when it is anything but a real folder inside ``folder``."""
    outcomes = []
    for name, text in pages.items():
        path = folder / name
        if path.parent != folder:
            unusable = _group_folder(folder, path.parent)
            if unusable:
                outcomes.append(Outcome(path, "refused", f"cannot be written: {path.parent} {unusable}"))
                continue
        outcomes.append(write(path, text, force=force))
    return outcomes


def _group_folder(folder: Path, sub: Path) -> str | None:
    if sub.is_symlink():
        return "is a symbolic link"
    unusable = prepare_folder(sub)
    if unusable:
        return unusable
    if not sub.resolve().is_relative_to(folder.resolve()):
        return "leads out of its folder"
    return None


def stale_pages(folder: Path, pages: dict[str, str]) -> list[Path]:
    """Pages this tool wrote in ``folder`` (or its group subfolders) that :func:`layout` no longer
    makes and nobody edited: safe to delete."""
    found = [
        *folder.glob("*.rst"),
        *(p for sub in folder.glob("by-*") if not sub.is_symlink() for p in sub.glob("*.rst")),
    ]
    stale = []
    for page in sorted(found):
        if page.relative_to(folder).as_posix() in pages:
            continue
        current = read_page(page)
        if isinstance(current, str) and untouched(current):
            stale.append(page)
    return stale


def delete_page(page: Path, folder: Path) -> None:
    """Delete a stale page of ``folder``, and its group folder once that is empty."""
    page.unlink()
    if page.parent != folder and not any(page.parent.iterdir()):
        page.parent.rmdir()


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
