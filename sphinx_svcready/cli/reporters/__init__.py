"""One reporter per output format of ``svcready check``: each turns the judged files into the text
the command prints, and none judges anything itself."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from sphinx_svcready.cli.reporters import facts, json_export, review, text
from sphinx_svcready.core.checklist.loading import Checklist
from sphinx_svcready.core.pipeline import Checked

Reporter = Callable[[Sequence[Checked], Checklist, datetime.date], str]

#: ``--format`` name -> reporter.
REPORTERS: dict[str, Reporter] = {
    "text": text.report,
    "json": json_export.report,
    "facts": facts.report,
    "sarif": review.sarif,
    "github": review.github,
    "gitlab": review.gitlab,
    "junit": review.junit,
}

summary = text.summary
