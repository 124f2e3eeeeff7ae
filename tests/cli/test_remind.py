"""``svcready remind`` on a copy of the example docs' services: what falls due per owner, as
Markdown and JSON, the window, the exit status, and hostile text escaped."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ..conftest import REPO, Svcready, complete_text, write

FLAGS = ["--extend", "checklist/lumen.json", "--today", "2026-11-20", "--no-evidence"]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    for folder in ("services", "checklist"):
        shutil.copytree(REPO / "example-docs" / folder, tmp_path / folder)
    return tmp_path


def test_each_owner_gets_what_falls_due_as_markdown(svcready: Svcready, example: Path) -> None:
    result = svcready("remind", *FLAGS, "--review-max-age-days", "180", "--within", "120", "services")
    assert result.code == 0
    assert result.out == (
        "### Readiness reminders: 7 items due within 120 days of 2026-11-20\n"
        "\n"
        "#### Team Aurora\n"
        "\n"
        "| Due | Service | What |\n"
        "|---|---|---|\n"
        "| 2027-03-01 (in 101 days) | Credentials service (services/credentials/service\\.yaml) | "
        "campaign 'Game days by March': on\\-call\\.game\\-day still open |\n"
        "| 2027-03-01 (in 101 days) | Credentials service (services/credentials/service\\.yaml:197) | "
        "on\\-call\\.game\\-day is required from this day |\n"
        "| 2027-03-01 (in 101 days) | Course recommendations (services/recommendations/service\\.yaml:179) | "
        "on\\-call\\.game\\-day is required from this day |\n"
        "| 2027-03-14 (in 114 days) | Credentials service (services/credentials/service\\.yaml) | "
        "its review of 2026\\-09\\-14 goes stale |\n"
        "\n"
        "#### Team Borealis\n"
        "\n"
        "| Due | Service | What |\n"
        "|---|---|---|\n"
        "| 2027-03-01 (in 101 days) | Course catalogue service (services/course\\-catalog/service\\.yaml) | "
        "campaign 'Game days by March': on\\-call\\.game\\-day still open |\n"
        "| 2027-03-01 (in 101 days) | Course catalogue service (services/course\\-catalog/service\\.yaml:177) | "
        "on\\-call\\.game\\-day is required from this day |\n"
        "\n"
        "#### Team Cirrus\n"
        "\n"
        "| Due | Service | What |\n"
        "|---|---|---|\n"
        "| 2026-12-15 (in 25 days) | Notifications service (services/notifications/service\\.yaml:233) | "
        "the waiver for testing\\.load\\-tests expires \\(approved by Dana Ortiz \\(platform ops\\)\\) |\n"
    )


def test_the_window_the_json_and_the_exit_status(svcready: Svcready, example: Path) -> None:
    # Within the default 30 days: the notifications waiver only.
    document = json.loads(svcready("remind", *FLAGS, "--format", "json", "services").out)
    assert (document["format"], document["version"], document["today"], document["within-days"]) == (
        "svcready-reminders",
        "1.0",
        "2026-11-20",
        30,
    )
    assert document["owners"] == [
        {
            "owner": "Team Cirrus",
            "reminders": [
                {
                    "service": "notifications",
                    "title": "Notifications service",
                    "file": "services/notifications/service.yaml",
                    "line": 233,
                    "kind": "waiver",
                    "due": "2026-12-15",
                    "days": 25,
                    "what": "the waiver for testing.load-tests expires (approved by Dana Ortiz (platform ops))",
                }
            ],
        }
    ]
    due = svcready("remind", *FLAGS, "--fail-on-due", "services")
    assert due.code == 1
    # After the waiver's day, it is overdue and still listed, whatever the window.
    overdue = svcready(
        "remind", *FLAGS[:2], "--no-evidence", "--today", "2027-01-10", "--within", "0", "services"
    )
    assert "| 2026-12-15 (26 days ago) | Notifications service" in overdue.out
    assert "the waiver for testing\\.load\\-tests expired" in overdue.out
    nothing = svcready("remind", *FLAGS, "--within", "10", "--fail-on-due", "services")
    assert (nothing.code, nothing.out) == (
        0,
        "### Readiness reminders: nothing due within 10 days of 2026-11-20\n",
    )


def test_text_from_a_service_file_cannot_write_markdown(svcready: Svcready, tmp_path: Path) -> None:
    text = complete_text().replace(
        "  owner: Team Ledger\n", "  owner: '<img src=x onerror=alert(1)> | [x](http://e)'\n"
    )
    write(tmp_path / "service.yaml", text)
    result = svcready("remind", "--review-max-age-days", "30", "--today", "2026-11-20", "service.yaml")
    assert "<img" not in result.out and "](http" not in result.out
    assert "#### &lt;img src=x onerror=alert\\(1\\)&gt; \\| \\[x\\]\\(http://e\\)" in result.out
    assert "the service has no last\\-reviewed date" in result.out
