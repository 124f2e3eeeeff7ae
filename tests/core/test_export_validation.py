"""A remote export is checked by the copy of the export schema with its references written out,
and a refused one is worded by the original validator."""

from __future__ import annotations

import contextlib
import io
import json
from typing import Any

import pytest

from sphinx_svcready.cli import main
from sphinx_svcready.core.remote.exports import RemoteError, _quick_validator, _validator, parse

from ..conftest import REPO


def example_export() -> dict[str, Any]:
    """The export ``svcready check --format json`` makes of the example docs' services."""
    files = sorted(str(path) for path in (REPO / "example-docs" / "services").glob("*/service.yaml"))
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(io.StringIO()):
        main(["check", "--no-evidence", "--format", "json", *files])
    document: dict[str, Any] = json.loads(output.getvalue())
    assert len(document["services"]) == len(files)
    return document


def test_the_export_schema_has_a_written_out_copy_that_agrees_with_it() -> None:
    quick = _quick_validator()
    assert quick is not None
    document = example_export()
    assert quick.is_valid(document) and _validator().is_valid(document)
    document["services"][0]["counts"]["answered"] = "many"
    assert not quick.is_valid(document) and not _validator().is_valid(document)


def test_a_refused_export_is_worded_by_the_original_validator() -> None:
    document = example_export()
    document["services"][0]["counts"]["answered"] = "many"
    with pytest.raises(RemoteError) as refused:
        parse(json.dumps(document).encode())
    assert str(refused.value) == (
        "it is not a svcready export: at 'services'/'0'/'counts'/'answered', 'many' is not of type 'integer'"
    )
