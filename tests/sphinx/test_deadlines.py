"""Deadlines in a docs build: the page shows the day a question is required from, and is read
again on a later day, when the deadline is near enough to warn of."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import Build, line_of, write
from ..core.test_deadlines import EXTENSION, service

Run = Callable[..., Build]


def test_a_build_shows_the_day_and_reads_the_page_again_as_it_comes(
    tmp_path: Path, sphinx_build: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = tmp_path / "docs"
    srcdir.mkdir()
    write(srcdir / "acme.json", json.dumps(EXTENSION))
    write(
        srcdir / "conf.py",
        'extensions = ["sphinx_svcready"]\nsvcready_schema_extensions = ["acme.json"]\nshow_warning_types = True\n'
        "svcready_evidence = False\n",
    )
    service(srcdir)
    write(srcdir / "index.rst", "Ledger\n======\n\n.. service-readiness::\n")
    # The day comes from SOURCE_DATE_EPOCH, so conf.py stays the same and only the deadline can
    # make the page be read again.
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC).timestamp()))
    )
    first = sphinx_build(srcdir, "-W")
    assert first.code == 0, first.output
    page = (first.outdir / "index.html").read_text(encoding="utf-8")
    assert (
        '<span class="svcready-badge svcready-badge-upcoming classifier">required from 2027-03-01</span>'
        in page
    )
    assert '<p class="svcready-upcoming">Required from 2027-03-01 (in 90 days); not answered yet.</p>' in page
    assert "not applicable</span>" not in page.split('id="svcready-ledger-testing-game-day"', 1)[1][:400]
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(datetime.datetime(2027, 2, 20, tzinfo=datetime.UTC).timestamp()))
    )
    later = sphinx_build(srcdir, quiet=False)
    assert "1 changed" in later.output
    text = (srcdir / "service.yaml").read_text(encoding="utf-8")
    assert (
        f"{srcdir / 'service.yaml'}:{line_of(text, '  testing:')}: WARNING: testing.game-day is required from "
        "2027-03-01 (in 9 days) and is not answered yet: When did the team last rehearse an outage? "
        "[svcready.upcoming]"
    ) in later.output
    assert "(in 9 days); not answered yet." in (later.outdir / "index.html").read_text(encoding="utf-8")
