"""The four states and every unanswered problem, decided by the core without Sphinx."""

from __future__ import annotations

import datetime

import pytest
import yaml

from sphinx_svcready.core.answers import DEFAULT_PLACEHOLDERS, placeholder_in
from sphinx_svcready.core.checklist.loading import load_checklist
from sphinx_svcready.core.evaluate import evaluate
from sphinx_svcready.core.evaluation_options import EvaluationOptions
from sphinx_svcready.core.model import AnswerState, ServiceReport
from sphinx_svcready.core.reading.yaml_reader import LoadedDocument, load_text

from ..conftest import complete_text, line_of, remove_consideration, replace_answer

CHECKLIST = load_checklist()
TODAY = datetime.date(2026, 11, 26)


def run(text: str, **options: object) -> ServiceReport:
    settings = EvaluationOptions(today=TODAY, **options)  # type: ignore[arg-type]
    return evaluate(load_text(text, LoadedDocument("service.yaml")), CHECKLIST, settings)


def problems(report: ServiceReport) -> list[tuple[str, int | None, str]]:
    return [(p.subtype, p.line, p.message) for p in report.problems]


def test_complete_file_is_fully_answered() -> None:
    report = run(complete_text())
    assert problems(report) == []
    assert [c.key for c in report.considerations] == [c.key for c in CHECKLIST.considerations]
    assert all(c.state is AnswerState.ANSWERED for c in report.considerations)
    assert report.service.name == "ledger"
    assert report.service.repositories == ("https://git.example.com/ledger",)


@pytest.mark.parametrize("consideration", [c.key for c in CHECKLIST.considerations])
def test_each_missing_consideration_is_one_warning_naming_its_questions(consideration: str) -> None:
    report = run(remove_consideration(complete_text(), consideration))
    questions = CHECKLIST.consideration(consideration).questions  # type: ignore[union-attr]
    [(subtype, line, message)] = problems(report)
    assert subtype == "unanswered"
    assert line == line_of(complete_text(), "considerations:")
    assert message.startswith(f"consideration {consideration} (")
    assert f"({', '.join(q.key for q in questions)})" in message
    result = next(c for c in report.considerations if c.key == consideration)
    assert {q.state for q in result.questions} == {AnswerState.UNANSWERED}


@pytest.mark.parametrize(
    ("consideration", "question"),
    [(c.key, q.key) for c in CHECKLIST.considerations for q in c.questions],
)
def test_each_placeholder_answer_is_one_warning_at_its_line(consideration: str, question: str) -> None:
    text = replace_answer(complete_text(), consideration, question, "TODO")
    [(subtype, line, message)] = problems(run(text))
    assert subtype == "unanswered"
    assert line == line_of(text, f"    {question}: TODO", line_of(text, f"  {consideration}:"))
    assert message.startswith(
        f"{consideration}.{question} is unanswered (the placeholder 'TODO' is not an answer): "
    )


def test_partly_answered_consideration_warns_per_missing_question() -> None:
    text = replace_answer(complete_text(), "customers", "capacity", "")
    text = text.replace("    initial-usage: Answer to customers initial-usage.\n", "")
    found = problems(run(text))
    assert [(s, m.split(" is ")[0]) for s, _, m in found] == [
        ("unanswered", "customers.initial-usage"),
        ("unanswered", "customers.capacity"),
    ]
    assert found[0][1] == line_of(text, "  customers:")
    assert found[1][1] == line_of(text, "    capacity:")
    assert "(no answer)" in found[1][2]


@pytest.mark.parametrize(
    "spelling",
    [
        "TODO",
        "todo",
        " TBD ",
        "tbd.",
        "FIXME",
        "TODO: ask the DBA",
        "TBD (after launch)",
        "?",
        "???",
        "...",
        "N/A",
        "n/a",
        "-",
        "XXX",
    ],
)
def test_placeholder_spellings(spelling: str) -> None:
    assert placeholder_in(spelling, DEFAULT_PLACEHOLDERS) is not None


@pytest.mark.parametrize("answer", ["Todos are kept in Redis.", "None", "No", "TBDs", "Nothing to add."])
def test_real_answers_are_not_placeholders(answer: str) -> None:
    assert placeholder_in(answer, DEFAULT_PLACEHOLDERS) is None


def test_a_placeholder_at_the_start_is_quoted_alone() -> None:
    text = replace_answer(
        complete_text(), "network", "reachable-from", "'TBD: ask the network team, then fill in the rest'"
    )
    [(_, _, message)] = problems(run(text))
    assert message.startswith(
        "network.reachable-from is unanswered (the answer starts with the placeholder 'TBD'): "
    )


def test_placeholders_are_configurable() -> None:
    text = replace_answer(complete_text(), "network", "reachable-from", "ask Bob")
    assert problems(run(text)) == []
    [(subtype, _, message)] = problems(run(text, placeholders=("ask bob",)))
    assert subtype == "unanswered"
    assert "the placeholder 'ask Bob'" in message


@pytest.mark.parametrize(("value", "shown"), [("false", False), ("true", True)])
def test_false_is_an_answer(value: str, shown: bool) -> None:
    report = run(replace_answer(complete_text(), "license", "included", value))
    assert problems(report) == []
    question = report.considerations[5].questions[0]
    assert (question.key, question.state, question.answer) == ("included", AnswerState.ANSWERED, shown)


def test_numbers_keep_their_written_form() -> None:
    report = run(replace_answer(complete_text(), "customers", "capacity", "1.10"))
    capacity = next(q for q in report.considerations[2].questions if q.key == "capacity")
    assert (capacity.state, capacity.answer) == (AnswerState.ANSWERED, "1.10")


def test_not_applicable_consideration_and_question() -> None:
    text = remove_consideration(complete_text(), "messaging").replace(
        "considerations:\n",
        "considerations:\n  messaging:\n    not-applicable: No queue; every call is synchronous HTTP.\n",
    )
    text = replace_answer(text, "persistence", "document-store", "{not-applicable: Only PostgreSQL.}")
    report = run(text)
    assert problems(report) == []
    messaging = next(c for c in report.considerations if c.key == "messaging")
    assert messaging.state is AnswerState.NOT_APPLICABLE
    assert messaging.not_applicable == "No queue; every call is synchronous HTTP."
    persistence = next(c for c in report.considerations if c.key == "persistence")
    assert persistence.state is AnswerState.ANSWERED
    store = next(q for q in persistence.questions if q.key == "document-store")
    assert (store.state, store.note) == (AnswerState.NOT_APPLICABLE, "Only PostgreSQL.")


@pytest.mark.parametrize("reason", ["", "''", "TODO", "~"])
def test_not_applicable_without_reason_is_unanswered(reason: str) -> None:
    text = replace_answer(complete_text(), "email", "outgoing", f"{{not-applicable: {reason}}}")
    [(subtype, line, message)] = problems(run(text))
    assert subtype == "unanswered"
    assert line == line_of(text, "    outgoing:")
    assert message.startswith("email.outgoing is unanswered (")


def waiver(until: str, approver: str = "Dana") -> str:
    return f"{{waived: {{reason: Load test next quarter., approved-by: {approver}, until: {until}}}}}"


def test_waiver_until_today_still_holds_and_the_next_day_expires() -> None:
    on_the_day = run(replace_answer(complete_text(), "testing", "load-tests", waiver("2026-11-26")))
    assert problems(on_the_day) == []
    question = on_the_day.considerations[-2].questions[0]
    assert question.state is AnswerState.WAIVED
    assert question.waiver is not None and question.waiver.until == "2026-11-26"

    text = replace_answer(complete_text(), "testing", "load-tests", waiver("2026-11-25"))
    [(subtype, line, message)] = problems(run(text))
    assert subtype == "waiver-expired"
    assert line == line_of(text, "    load-tests:")
    assert message == (
        "the waiver for testing.load-tests expired on 2026-11-25 (approved by Dana); "
        "answer it or renew the waiver with a later 'until'"
    )
    assert run(text).considerations[-2].questions[0].state is AnswerState.UNANSWERED


def test_waiver_needs_approver_and_a_real_date() -> None:
    no_approver = replace_answer(
        complete_text(), "testing", "load-tests", "{waived: {reason: later, until: 2027-01-01}}"
    )
    [(subtype, _, message)] = problems(run(no_approver))
    assert (subtype, message) == (
        "invalid",
        "considerations.testing.load-tests.waived: missing the required key 'approved-by'",
    )
    bad_date = replace_answer(complete_text(), "testing", "load-tests", waiver("next spring"))
    [(subtype, _, message)] = problems(run(bad_date))
    assert (subtype, message) == (
        "invalid",
        "considerations.testing.load-tests.waived.until: 'next spring' is not a date written YYYY-MM-DD",
    )
    placeholder_approver = replace_answer(
        complete_text(), "testing", "load-tests", waiver("2027-01-01", "TBD")
    )
    [(subtype, _, message)] = problems(run(placeholder_approver))
    assert (subtype, message) == (
        "unanswered",
        "testing.load-tests is unanswered (the waiver's approved-by 'TBD' is a placeholder)",
    )


def test_whole_consideration_waived() -> None:
    text = (
        remove_consideration(complete_text(), "testing")
        + "  testing:\n    waived:\n      reason: After launch.\n      approved-by: Ops\n      until: 2027-02-01\n"
    )
    report = run(text)
    assert problems(report) == []
    testing = report.considerations[-2]
    assert testing.state is AnswerState.WAIVED
    assert {q.state for q in testing.questions} == {AnswerState.WAIVED}


def test_typo_gets_did_you_mean_at_its_line() -> None:
    text = complete_text().replace("  logging:", "  loging:")
    found = problems(run(text))
    assert (
        "invalid",
        line_of(text, "  loging:"),
        "considerations: unknown key 'loging' (did you mean 'logging'?)",
    ) in found
    assert ("unanswered", line_of(text, "considerations:")) in [(s, line) for s, line, _ in found]


def test_unknown_question_key_and_marker_key() -> None:
    text = complete_text().replace("    standards:", "    standard:")
    text = replace_answer(text, "email", "outgoing", "{not-aplicable: No mail.}")
    found = problems(run(text))
    assert (
        "invalid",
        line_of(text, "    standard:"),
        "considerations.logging: unknown key 'standard' (did you mean 'standards'?)",
    ) in found
    assert (
        "invalid",
        line_of(text, "    outgoing:"),
        "considerations.email.outgoing: unknown key 'not-aplicable' (did you mean 'not-applicable'?)",
    ) in found


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("{details: x}", "unknown key 'details'; expected one of: not-applicable, waived"),
        ("'yes'", "expected true or false, or 'not-applicable: <reason>'"),
        ("no", "not text ('no' is a word here: write false)"),
        ("On", "not text ('On' is a word here: write true)"),
        ("[true]", "expected true or false, or 'not-applicable: <reason>'"),
    ],
)
def test_wrong_types_are_invalid_not_a_crash(answer: str, expected: str) -> None:
    text = replace_answer(complete_text(), "license", "included", answer)
    report = run(text)
    [(subtype, line, message)] = problems(report)
    assert subtype == "invalid"
    assert line == line_of(text, "    included:")
    assert expected in message
    assert report.considerations[5].questions[0].state is AnswerState.UNANSWERED


def test_service_metadata_errors() -> None:
    text = (
        complete_text()
        .replace("  lifecycle: production\n", "  lifecycle: live\n")
        .replace("  name: ledger", "  name: Ledger Service")
    )
    found = problems(run(text))
    assert (
        "invalid",
        3,
        "service.name: 'Ledger Service' is not in the expected form (Unique identifier of the service: lowercase letters, digits and hyphens.)",
    ) in found
    assert (
        "invalid",
        7,
        "service.lifecycle: 'live' is not one of: experimental, development, production, deprecated",
    ) in found


def test_missing_considerations_mapping_warns_every_consideration() -> None:
    text = complete_text().split("considerations:")[0]
    found = problems(run(text))
    assert len(found) == len(CHECKLIST.considerations)
    assert {s for s, _, _ in found} == {"unanswered"}


def test_considerations_of_the_wrong_type_is_one_warning() -> None:
    text = complete_text().split("considerations:")[0] + "considerations:\n  - purpose\n"
    report = run(text)
    assert problems(report) == [
        ("invalid", line_of(text, "considerations:"), "considerations: expected a mapping, not a list")
    ]
    assert {q.state for c in report.considerations for q in c.questions} == {AnswerState.UNANSWERED}


def test_unparsable_file_has_no_checklist() -> None:
    report = run("service: [\n")
    assert not report.loaded
    assert report.considerations == ()
    assert [s for s, _, _ in problems(report)] == ["yaml"]


def test_the_evaluation_agrees_with_a_plain_yaml_reading_of_the_complete_file() -> None:
    # The safe loader of PyYAML and ours agree on every value of an ordinary file.
    assert run(complete_text()).raw == yaml.safe_load(complete_text())


def test_placeholders_in_the_service_metadata_are_unanswered() -> None:
    text = (
        complete_text()
        .replace("  owner: Team Ledger", "  owner: TODO")
        .replace("  summary: Keeps the *books* of the platform.", "  summary: ''")
    )
    report = run(text)
    assert problems(report) == [
        ("unanswered", line_of(text, "  summary:"), "service.summary is unanswered (empty)"),
        (
            "unanswered",
            line_of(text, "  owner:"),
            "service.owner is unanswered (the placeholder 'TODO' is not an answer)",
        ),
    ]
    assert (report.service.owner, report.service.summary) == (None, None)


def test_thousands_of_unknown_keys_are_summed_up() -> None:
    extra = "".join(f"    q{i}: 1\n" for i in range(500))
    text = complete_text().replace("  additional:\n", "  additional:\n" + extra)
    found = problems(run(text))
    assert len(found) == 11
    assert found[0] == (
        "invalid",
        line_of(text, "  additional:"),
        "considerations.additional: 490 more unknown keys, not listed one by one",
    )
    assert found[1] == (
        "invalid",
        line_of(text, "    q0:"),
        "considerations.additional: unknown key 'q0'; expected one of: evidence, last-reviewed, not-applicable, notes, sign-off, waived",
    )
    assert (
        found[-1][2]
        == "considerations.additional: unknown key 'q9'; expected one of: evidence, last-reviewed, not-applicable, notes, sign-off, waived"
    )
