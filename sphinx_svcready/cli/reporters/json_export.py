"""The JSON reporter: the same records as the docs build's ``svcready.json``."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from sphinx_svcready.core.checklist.loading import Checklist
from sphinx_svcready.core.export import dumps, export_document
from sphinx_svcready.core.pipeline import Checked, records


def report(results: Sequence[Checked], checklist: Checklist, today: datetime.date) -> str:
    """The export of every judged file."""
    return dumps(export_document(records(results), checklist))
