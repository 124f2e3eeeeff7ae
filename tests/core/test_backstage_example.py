"""The Tech Insights retriever example declares every fact the package writes, with its type, and
turns the file's ISO timestamps into luxon DateTimes, which the fact store needs."""

from __future__ import annotations

import re

from sphinx_svcready.core.facts import FACT_SCHEMA

from ..conftest import REPO

RETRIEVER = REPO / "examples" / "backstage" / "svcready-facts-retriever.ts"


def test_the_retriever_declares_every_fact_with_its_type() -> None:
    text = RETRIEVER.read_text(encoding="utf-8")
    schema = text.split("schema: {", 1)[1].split("\n  },\n", 1)[0]
    declared = dict(re.findall(r"(svcready_\w+): \{\s*type: '(\w+)'", schema))
    assert declared == {name: fact["type"] for name, fact in FACT_SCHEMA.items()}


def test_the_retriever_returns_timestamps_as_datetimes() -> None:
    text = RETRIEVER.read_text(encoding="utf-8")
    assert "import { DateTime } from 'luxon';" in text
    assert "timestamp: DateTime.fromISO(item.timestamp, { zone: 'utc' })," in text
    # The file's items are not returned as they are.
    assert "return file.items;" not in text
