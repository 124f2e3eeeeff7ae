"""Deadlines (``required-from``): a question the checklist requires only from a later day is not
asked before it, warned of as it comes close, and unanswered from that day."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from sphinx_svcready.core.checklist.loading import ChecklistError, load_checklist
from sphinx_svcready.core.evaluation_options import EvaluationOptions
from sphinx_svcready.core.model import AnswerState
from sphinx_svcready.core.pipeline import judge
from sphinx_svcready.core.settings import Settings
from sphinx_svcready.core.verdict import verdict

from ..conftest import complete_text, line_of, write

#: The packaged checklist, with one question more that is required from 1 March 2027 and an
#: existing one (logging.standards) required from the same day.
EXTENSION = {
    "considerations": {
        "testing": {
            "questions": {
                "game-day": {
                    "title": "Game day",
                    "description": "When did the team last rehearse an outage?",
                    "required-from": "2027-03-01",
                }
            }
        }
    },
    "required-from": {"logging.standards": "2027-03-01"},
}


def settings(tmp_path: Path, today: str, warn_days: int = 30) -> Settings:
    extension = write(tmp_path / "acme.json", json.dumps(EXTENSION))
    options = EvaluationOptions(today=datetime.date.fromisoformat(today), upcoming_warn_days=warn_days)
    return Settings(extensions=(extension,), evaluation=options, evidence=False)


def service(tmp_path: Path) -> Path:
    # logging.standards left out: with game-day, two questions not answered.
    text = complete_text().replace("    standards: Answer to logging standards.\n", "")
    return write(tmp_path / "service.yaml", text)


def test_the_checklist_reads_the_day_from_the_question_or_from_the_extension(tmp_path: Path) -> None:
    checklist = settings(tmp_path, "2026-12-01").checklist()
    questions = {f"{c.key}.{q.key}": q for c in checklist.considerations for q in c.questions}
    assert questions["testing.game-day"].required_from == datetime.date(2027, 3, 1)
    assert questions["logging.standards"].required_from == datetime.date(2027, 3, 1)
    assert questions["testing.load-tests"].required_from is None
    bad = write(tmp_path / "bad.json", json.dumps({"required-from": {"logging.standards": "1 March"}}))
    with pytest.raises(ChecklistError, match="required-from"):
        load_checklist(None, (bad,))


@pytest.mark.parametrize(
    ("today", "problems", "ready"),
    [
        # Months ahead: shown as required from the day, nothing said, ready.
        ("2026-12-01", [], True),
        # Within 30 days: an upcoming warning per question, still ready.
        ("2027-02-15", ["upcoming", "upcoming"], True),
        # From the day on: unanswered, not ready.
        ("2027-03-01", ["unanswered", "unanswered"], False),
    ],
)
def test_before_near_and_on_the_day(tmp_path: Path, today: str, problems: list[str], ready: bool) -> None:
    report = judge(service(tmp_path), settings(tmp_path, today))
    assert [p.subtype for p in report.problems] == problems
    assert verdict(report).ready is ready
    logging = next(c for c in report.considerations if c.key == "logging")
    standards = next(q for q in logging.questions if q.key == "standards")
    if today == "2026-12-01":
        assert (standards.state, standards.required_from, standards.required_in_days) == (
            AnswerState.NOT_APPLICABLE,
            "2027-03-01",
            90,
        )
        assert standards.note == "required from 2027-03-01 (in 90 days)"
    elif today == "2027-02-15":
        text = service(tmp_path).read_text(encoding="utf-8")
        [first, _second] = report.problems
        assert first.message == (
            "logging.standards is required from 2027-03-01 (in 14 days) and is not answered yet: "
            "Do the logs follow the deployment standards: where they are written (files or syslog) and "
            "the standard log format?"
        )
        assert first.line == line_of(text, "  logging:")
    else:
        assert standards.state is AnswerState.UNANSWERED and standards.required_from is None
