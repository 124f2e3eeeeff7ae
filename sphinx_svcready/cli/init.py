"""``svcready init``: write a new service file with every question of the checklist to answer.

Its first line points editors at the checklist schema by a path that stays valid once both are
committed: relative, when the schema is in the same repository as the new file; with ``--extend``,
at the extended schema saved beside the (last) extension file; else at the schema's published
``$id``, never into a virtual environment.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sphinx_svcready.cli import arguments
from sphinx_svcready.cli.files import SERVICE_FILENAMES
from sphinx_svcready.cli.output import EXIT_READY, UsageError, note
from sphinx_svcready.cli.schema import schema_text
from sphinx_svcready.core.checklist.loading import Checklist, load_checklist, packaged_schema_path
from sphinx_svcready.core.init_template import service_name, template
from sphinx_svcready.core.reading.confinement import work_tree

_NAME = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")
#: Folder names that name documentation, not a service: a file there needs ``--name``.
_DOCS_FOLDERS = frozenset({"docs", "doc", "documentation"})


def init(
    path: str,
    *,
    name: str | None = None,
    force: bool = False,
    schema: str | None = None,
    extensions: Sequence[str] = (),
    schema_ref: str | None = None,
) -> int:
    """``svcready init``: write a new service file with every question to answer."""
    checklist = load_checklist(schema, extensions)
    target = Path(path)
    if _is_folder(path):
        target = target / SERVICE_FILENAMES[0]
    folder = target.parent
    if name is None:
        if folder.resolve().name.lower() in _DOCS_FOLDERS:
            raise UsageError(
                f"the folder {folder.resolve().name!r} names the documentation, not a service: "
                "give the service's name with --name, such as --name payments-api"
            )
        name = service_name(folder.resolve().name)
    elif not _NAME.match(name):
        raise UsageError(
            f"--name {name!r} is not a service name: use lowercase letters, digits and hyphens, "
            f"such as {service_name(name)!r}"
        )
    if schema_ref is None:
        schema_ref = _schema_ref(
            checklist, Path(schema) if schema else packaged_schema_path(), extensions, folder
        )
    text = template(checklist, name=name, schema_ref=schema_ref)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with target.open("w" if force else "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise UsageError(f"{target} already exists; use --force to overwrite it") from None
    except OSError as error:
        raise UsageError(f"cannot write {target}: {error.strerror or error}") from None
    note(f"wrote {target}")
    return EXIT_READY


def _is_folder(path: str) -> bool:
    """An existing folder, or a new path written as one (a final ``/``, no ``.yaml``/``.yml``)."""
    target = Path(path)
    if target.is_dir():
        return True
    if target.exists():
        return False
    return path.endswith(("/", os.sep)) or target.suffix.lower() not in (".yaml", ".yml")


def _schema_ref(checklist: Checklist, schema: Path, extensions: Sequence[str], folder: Path) -> str:
    """What the new file's ``yaml-language-server`` line points at (see the module's docstring)."""
    if extensions:
        last = Path(extensions[-1])
        saved = last.with_name(f"{last.name.removesuffix('.json')}.schema.json")
        _save(saved, schema_text(checklist.schema))
        return _relative_ref(saved, folder)
    published = checklist.schema.get("$id")
    inside_environment = schema.resolve().is_relative_to(Path(sys.prefix).resolve())
    same_repository = work_tree(schema) == work_tree(folder)
    if (
        isinstance(published, str)
        and published.startswith("https://")
        and (inside_environment or not same_repository)
    ):
        return published
    return _relative_ref(schema, folder)


def _save(path: Path, text: str) -> None:
    """Write the extended schema for editors, unless it is there already as it would be written."""
    try:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None
    note(f"wrote {path} (the checklist with its extensions, for editors)")


def _relative_ref(schema: Path, folder: Path) -> str:
    try:
        return Path(os.path.relpath(schema.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return schema.resolve().as_posix()


def add_parser(commands: Any) -> None:
    """Declare ``svcready init`` and its flags."""
    init_parser = commands.add_parser(
        "init",
        help="write a new service.yaml with every question of the checklist to answer",
        description=(
            "Write a new service.yaml generated from the checklist schema: every consideration "
            "and question, each with its text as a comment and TODO as the answer."
        ),
    )
    init_parser.add_argument(
        "path",
        nargs="?",
        default="service.yaml",
        metavar="PATH",
        help=(
            "the file to write, or a folder to write service.yaml in (created if need be); "
            "default: ./service.yaml"
        ),
    )
    init_parser.add_argument(
        "--name",
        help="the service's name: lowercase letters, digits and hyphens (default: from the folder's name)",
    )
    init_parser.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    arguments.schema_option(init_parser)
    init_parser.add_argument(
        "--schema-ref",
        metavar="REF",
        help=(
            "what the yaml-language-server comment points editors at, such as a URL "
            "(default: the schema's path relative to the new file)"
        ),
    )
