"""``svcready schema``: where the packaged checklist schema is, or its text (with extensions applied)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sphinx_svcready.cli import arguments
from sphinx_svcready.cli.output import EXIT_READY, UsageError, emit
from sphinx_svcready.core.checklist.loading import load_checklist, packaged_schema_path


def schema(*, print_text: bool = False, extensions: Sequence[str] = ()) -> int:
    """``svcready schema``: the packaged schema's path, or its text; with extensions applied, the
    text of the schema they make (for editors: save it and point the modeline at it)."""
    path = packaged_schema_path()
    if extensions:
        emit(schema_text(load_checklist(None, extensions).schema))
        return EXIT_READY
    if not print_text:
        emit(f"{path}\n")
        return EXIT_READY
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the schema {path}: {error}") from None
    emit(text if text.endswith("\n") else text + "\n")
    return EXIT_READY


def schema_text(schema: dict[str, Any]) -> str:
    """A checklist schema as ``svcready schema --extend`` prints it and ``svcready init`` saves it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def add_parser(commands: Any) -> None:
    """Declare ``svcready schema`` and its flags."""
    schema_parser = commands.add_parser(
        "schema",
        help="print the path of the packaged checklist schema",
        description="Print the path of the checklist schema that ships with sphinx-svcready.",
    )
    schema_parser.add_argument("--print", action="store_true", help="print the schema's JSON instead")
    arguments.extend_option(schema_parser)
