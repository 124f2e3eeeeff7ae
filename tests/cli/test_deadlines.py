"""Deadlines in the command: an upcoming question is a line that leaves the exit status 0, and the
export says the day."""

from __future__ import annotations

import json
from pathlib import Path

from ..conftest import Svcready, line_of, write
from ..core.test_deadlines import EXTENSION, service


def test_the_command_warns_exits_0_and_the_export_says_the_day(svcready: Svcready, tmp_path: Path) -> None:
    service(tmp_path)
    write(tmp_path / "acme.json", json.dumps(EXTENSION))
    near = svcready(
        "check", "--extend", "acme.json", "--no-evidence", "--today", "2027-02-26", "service.yaml"
    )
    assert near.code == 0
    text = (tmp_path / "service.yaml").read_text(encoding="utf-8")
    assert near.out.splitlines() == [
        f"service.yaml:{line_of(text, '  logging:')}: upcoming: logging.standards is required from "
        "2027-03-01 (in 3 days) and is not answered yet: Do the logs follow the deployment standards: "
        "where they are written (files or syslog) and the standard log format?",
        f"service.yaml:{line_of(text, '  testing:')}: upcoming: testing.game-day is required from "
        "2027-03-01 (in 3 days) and is not answered yet: When did the team last rehearse an outage?",
    ]
    quiet = svcready(
        "check",
        "--extend",
        "acme.json",
        "--no-evidence",
        "--today",
        "2027-02-26",
        "--upcoming-warn-days",
        "2",
        "service.yaml",
    )
    assert (quiet.code, quiet.out) == (0, "")
    record = json.loads(
        svcready(
            "check",
            "--extend",
            "acme.json",
            "--no-evidence",
            "--today",
            "2026-12-01",
            "--format",
            "json",
            "service.yaml",
        ).out
    )
    assert record["version"] == "1.5"
    [testing] = [c for c in record["services"][0]["considerations"] if c["key"] == "testing"]
    [game_day] = [q for q in testing["questions"] if q["key"] == "game-day"]
    assert (game_day["state"], game_day["required-from"], game_day["reason"]) == (
        "not-applicable",
        "2027-03-01",
        "required from 2027-03-01 (in 90 days)",
    )
