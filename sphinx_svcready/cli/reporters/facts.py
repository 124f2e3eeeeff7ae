"""The facts reporter: the Backstage Tech Insights facts, as the docs build's facts file."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from sphinx_svcready.core.checklist.loading import Checklist
from sphinx_svcready.core.export import dumps
from sphinx_svcready.core.facts import facts_document
from sphinx_svcready.core.pipeline import Checked, records


def report(results: Sequence[Checked], checklist: Checklist, today: datetime.date) -> str:
    """The facts of every judged file, as of ``today``."""
    return dumps(facts_document(records(results), checklist, today))
