"""``svcready schema``: where the packaged checklist schema is, or its text (with extensions applied)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sphinx_svcready.cli.output import EXIT_READY, UsageError, emit
from sphinx_svcready.core.checklist.loading import load_checklist, packaged_schema_path


def schema(*, print_text: bool = False, extensions: Sequence[str] = ()) -> int:
    """``svcready schema``: the packaged schema's path, or its text; with extensions applied, the
    text of the schema they make (for editors: save it and point the modeline at it)."""
    path = packaged_schema_path()
    if extensions:
        merged = json.dumps(load_checklist(None, extensions).schema, indent=2, ensure_ascii=False)
        emit(merged + "\n")
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
