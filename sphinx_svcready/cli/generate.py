"""``svcready generate``: a stub page per service file, and an index, for docs that commit them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sphinx_svcready.cli.files import SERVICE_FILENAMES, find_service_files
from sphinx_svcready.cli.output import (
    EXIT_ERROR,
    EXIT_READY,
    EXIT_UNANSWERED,
    PROG,
    UsageError,
    emit,
    error,
    note,
)
from sphinx_svcready.core.page_groups import GROUPINGS
from sphinx_svcready.core.stub_pages import (
    Outcome,
    Stub,
    delete_page,
    layout,
    prepare_folder,
    read_stub,
    stale_pages,
    write_all,
)


def generate(outdir: str, paths: Sequence[str], *, force: bool = False, group_by: str = "auto") -> int:
    """``svcready generate``: stub pages for every service file; returns the exit status."""
    stubs: list[Stub] = []
    problems = []
    for path in find_service_files(paths):
        found = read_stub(Path(path))
        if isinstance(found, str):
            problems.append(f"{path}: {found}")
        else:
            stubs.append(found)
    names: dict[str, Stub] = {}
    for stub in stubs:
        if stub.name in names:
            problems.append(
                f"{stub.source}: service '{stub.name}' is also defined in {names[stub.name].source}"
            )
        names.setdefault(stub.name, stub)
    if problems or not stubs:
        for problem in problems or [f"no {' or '.join(SERVICE_FILENAMES)} found in {', '.join(paths)}"]:
            error(problem)
        return EXIT_ERROR
    folder = Path(outdir)
    unusable = prepare_folder(folder)
    if unusable:
        raise UsageError(f"OUTDIR {outdir} {unusable}")
    pages = layout(stubs, folder, group_by)
    outcomes = write_all(folder, pages, force=force)
    outcomes += [_stale(page, folder, force) for page in stale_pages(folder, pages)]
    for outcome in outcomes:
        if outcome.action == "refused":
            error(f"{outcome.path} {outcome.reason}; it is left as it is")
        else:
            emit(f"{outcome.action}: {outcome.path}\n")
    if any(outcome.action == "refused" for outcome in outcomes):
        return EXIT_ERROR
    held = [o for o in outcomes if o.action in _HELD]
    for outcome in held:
        note(f"{PROG}: {outcome.path} {_HELD[outcome.action]}")
    return EXIT_UNANSWERED if held else EXIT_READY


_HELD = {
    "edited": "was edited by hand and is not overwritten; move your changes out of it or delete it",
    "out of date": "is out of date; run again with --force to rewrite it",
    "stale": "is no longer made (its service or its group is gone); run again with --force to delete it",
}


def _stale(page: Path, folder: Path, force: bool) -> Outcome:
    """A page this command wrote and no longer makes: deleted with ``force``, else reported."""
    if not force:
        return Outcome(page, "stale")
    delete_page(page, folder)
    return Outcome(page, "deleted")


def add_parser(commands: Any) -> None:
    """Declare ``svcready generate`` and its flags."""
    generate_parser = commands.add_parser(
        "generate",
        help="write a stub page per service file, and an index, for docs that commit them",
        description=(
            "Write OUTDIR/<name>.rst for each service file found under the PATHs (its title and the "
            "service-readiness directive) and OUTDIR/index.rst (the summary and a toctree). Services are "
            "grouped (--group-by), one page per group in OUTDIR/by-<field>/ (past 30 groups, the index "
            "lists shelves of groups, pages in the same folder), so that the navigation stays "
            "small as the portfolio grows. Pages that exist are left alone unless --force; a page a person "
            "edited is never overwritten."
        ),
    )
    generate_parser.add_argument("outdir", metavar="OUTDIR", help="the folder of the pages, inside the docs")
    generate_parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="service files or folders to search"
    )
    generate_parser.add_argument(
        "--group-by",
        choices=GROUPINGS,
        default="auto",
        help="group the index's services by this field, one page per group; auto (the default) is by "
        "system where services declare one, else by owner; none is one flat list",
    )
    generate_parser.add_argument(
        "--force",
        action="store_true",
        help="rewrite generated pages that are out of date, and delete those no longer made (never "
        "edited ones)",
    )
