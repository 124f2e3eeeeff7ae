"""Readiness policy at its edges: tiers decide which questions are asked, levels are computed from
the answers, and a lifecycle's required level is enforced, in the build and on the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_svcready.cli import main
from sphinx_svcready.core.checklist.loading import ChecklistError, load_checklist

from ..conftest import (
    Build,
    complete_text,
    line_of,
    remove_consideration,
    replace_answer,
    summary_rows,
    warning_lines,
)

Project = Callable[..., Path]
Run = Callable[..., Build]


def with_tier(text: str, tier: int) -> str:
    return text.replace("  lifecycle: production\n", f"  lifecycle: production\n  tier: {tier}\n", 1)


def without_load_test(tier: int) -> str:
    return replace_answer(with_tier(complete_text(), tier), "testing", "load-tests", "TODO")


def test_a_tier_3_service_is_not_asked_for_a_load_test(project: Project, sphinx_build: Run) -> None:
    build = sphinx_build(project(without_load_test(3)), "-W")
    assert (build.code, build.warnings) == (0, [])
    html = build.page()
    assert (
        '>Tier<span class="colon">:</span></dt>\n<dd class="field-even"><p class="svcready-tier">3 '
        '(Internal tool): <span class="svcready-tier-description">Used by its own team or a few people: '
        "not asked about growth, capacity, abuse resistance, scalability or load tests.</span></p>"
    ) in html
    load_tests = html.split('id="svcready-ledger-testing-load-tests"', 1)[1].split("</dd>", 1)[0]
    assert "svcready-badge-not-applicable" in load_tests
    assert "not asked of tier 3 (Internal tool) services" in load_tests
    assert (
        '<p class="svcready-asked-of">Asked of tier 1 (Critical) and tier 2 (Important) services.</p>'
        in load_tests
    )
    assert "<strong>19 of 19 considerations answered</strong>" in html


@pytest.mark.parametrize("tier", [1, 2])
def test_tiers_1_and_2_must_answer_the_load_test(project: Project, sphinx_build: Run, tier: int) -> None:
    text = without_load_test(tier)
    srcdir = project(text)
    build = sphinx_build(srcdir)
    line = line_of(text, "load-tests: TODO")
    assert build.warnings == [
        f"{srcdir / 'service.yaml'}:{line}: WARNING: testing.load-tests is unanswered (the placeholder "
        "'TODO' is not an answer): Has the service been load tested? Describe the test and what it "
        "showed. [svcready.unanswered]"
    ]


def test_a_tier_3_service_without_testing_is_asked_only_the_questions_of_its_tier(
    project: Project, sphinx_build: Run
) -> None:
    text = remove_consideration(with_tier(complete_text(), 3), "testing")
    srcdir = project(text)
    build = sphinx_build(srcdir)
    [warning] = build.warnings
    assert "consideration testing (Testing) is unanswered: no answer to any of its questions " in warning
    assert "(end-to-end, no-op-tasks);" in warning


def test_an_answer_a_tier_does_not_need_is_still_shown(project: Project, sphinx_build: Run) -> None:
    build = sphinx_build(project(with_tier(complete_text(), 3)), "-W")
    assert (build.code, build.warnings) == (0, [])
    load_tests = build.page().split('id="svcready-ledger-testing-load-tests"', 1)[1].split("</dd>", 1)[0]
    assert "svcready-badge-answered" in load_tests
    assert "Answer to testing load-tests." in load_tests


@pytest.mark.parametrize(
    ("gap", "level", "next_level"),
    [
        (None, "gold", None),
        ("testing", "silver", "gold needs: Testing"),
        ("metrics", "bronze", "silver needs: Metrics"),
        ("purpose", "none yet", "bronze needs: What the service does"),
    ],
)
def test_the_level_is_the_highest_with_every_question_answered(
    project: Project, sphinx_build: Run, gap: str | None, level: str, next_level: str | None
) -> None:
    text = complete_text() if gap is None else remove_consideration(complete_text(), gap)
    build = sphinx_build(project(text))
    html = build.page()
    line = html.split('<p class="svcready-level', 1)[1].split("</p>", 1)[0]
    assert f"Readiness level: <strong>{level}</strong>" in line
    if next_level is None:
        assert line.endswith("</strong>.")
    else:
        plain = "".join(part.split(">")[-1] for part in line.split("<"))
        assert next_level in plain
    exported = json.loads((build.outdir / "svcready.json").read_text(encoding="utf-8"))
    assert exported["services"][0]["level"] == (None if level == "none yet" else level)


def test_a_required_level_warns_at_the_lifecycle_line(project: Project, sphinx_build: Run) -> None:
    text = replace_answer(complete_text(), "metrics", "dashboard", "TODO")
    srcdir = project(text, conf='svcready_required_level = {"production": "silver"}')
    build = sphinx_build(srcdir)
    lifecycle = line_of(text, "  lifecycle: production")
    assert (
        f"{srcdir / 'service.yaml'}:{lifecycle}: WARNING: service ledger is at readiness level bronze; "
        "production services must reach silver: answer metrics.dashboard [svcready.level]"
    ) in build.warnings


def test_a_required_level_that_is_reached_says_nothing(project: Project, sphinx_build: Run) -> None:
    text = remove_consideration(complete_text(), "testing")  # silver, not gold
    srcdir = project(text, conf='svcready_required_level = {"production": "silver", "deprecated": "gold"}')
    build = sphinx_build(srcdir)
    assert not [line for line in build.warnings if "[svcready.level]" in line]


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    srcdir="basic-platinum",
    confoverrides={"svcready_required_level": {"production": "platinum"}},
)
def test_an_unknown_required_level_is_a_config_warning(app: SphinxTestApp) -> None:
    app.build()
    warnings = warning_lines(app.warning.getvalue())
    # Set by an override (sphinx-build -D), not in conf.py: the warning has no line to point at.
    assert warnings == [
        "WARNING: svcready_required_level: 'production' asks for the level 'platinum', which the "
        "checklist does not define (its levels: bronze, silver, gold); ignored [svcready.config]"
    ]
    assert "19 of 19 considerations answered" in (app.outdir / "index.html").read_text(encoding="utf-8")


def test_the_command_line_enforces_a_required_level(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = replace_answer(complete_text(), "metrics", "dashboard", "TODO")
    (tmp_path / "service.yaml").write_text(text, encoding="utf-8")
    assert main(["check", "--required-level", "production=silver", "service.yaml"]) == 1
    lines = capsys.readouterr().out.splitlines()
    lifecycle = line_of(text, "  lifecycle: production")
    assert (
        f"service.yaml:{lifecycle}: level: service ledger is at readiness level bronze; production "
        "services must reach silver: answer metrics.dashboard"
    ) in lines
    assert main(["check", "--required-level", "production=platinum", "service.yaml"]) == 2
    assert "unknown level platinum (the checklist's levels: bronze, silver, gold)" in capsys.readouterr().err


def schema_with(tmp_path: Path, change: Callable[[dict], None]) -> Path:
    schema = json.loads(Path(load_checklist().path).read_text(encoding="utf-8"))
    change(schema)
    path = tmp_path / "org.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return path


def test_levels_and_tiers_in_a_schema_are_checked(tmp_path: Path) -> None:
    def bad_level(schema: dict) -> None:
        schema["properties"]["considerations"]["properties"]["email"]["x-svcready-level"] = "platinum"

    def bad_tiers(schema: dict) -> None:
        schema["properties"]["considerations"]["properties"]["email"]["x-svcready-tiers"] = ["one"]

    with pytest.raises(ChecklistError, match=r"x-svcready-level of the consideration 'email'.*'platinum'"):
        load_checklist(schema_with(tmp_path, bad_level))
    with pytest.raises(ChecklistError, match="x-svcready-tiers of the consideration 'email'"):
        load_checklist(schema_with(tmp_path, bad_tiers))
    checklist = load_checklist()
    testing = checklist.consideration("testing")
    assert testing is not None
    assert [(q.key, q.tiers, q.level) for q in testing.questions][:2] == [
        ("load-tests", (1, 2), "gold"),
        ("scaling-thresholds", (1, 2), "gold"),
    ]


WAIVED = "{waived: {reason: The k6 rig is booked for March., approved-by: Dana (ops), until: 2026-07-01}}"


def waived_load_test() -> str:
    return replace_answer(complete_text(), "testing", "load-tests", WAIVED)


@pytest.mark.parametrize(
    ("today", "flag"),
    [
        ("2026-05-31", None),
        ("2026-06-01", "Expires in 30 days."),
        ("2026-06-30", "Expires tomorrow."),
        ("2026-07-01", "Expires today."),
    ],
)
def test_a_waiver_close_to_its_date_is_flagged(
    project: Project, sphinx_build: Run, today: str, flag: str | None
) -> None:
    srcdir = project(waived_load_test(), conf=f'svcready_today = "{today}"')
    build = sphinx_build(srcdir, "-W")
    assert (build.code, build.warnings) == (0, [])
    html = build.page()
    if flag is None:
        assert "svcready-expiring" not in html
    else:
        assert f'<p class="svcready-expiring"><strong>{flag}</strong></p>' in html
    record = json.loads((build.outdir / "svcready.json").read_text(encoding="utf-8"))["services"][0]
    testing = next(c for c in record["considerations"] if c["key"] == "testing")
    assert testing["questions"][0]["waiver"]["expiring"] is (flag is not None)


def test_a_waiver_one_day_past_its_date_fails_with_its_line(project: Project, sphinx_build: Run) -> None:
    text = waived_load_test()
    srcdir = project(text, conf='svcready_today = "2026-07-02"')
    build = sphinx_build(srcdir, "-W")
    assert build.code != 0
    assert build.warnings == [
        f"{srcdir / 'service.yaml'}:{line_of(text, 'load-tests: {waived')}: WARNING: the waiver for "
        "testing.load-tests expired on 2026-07-01 (approved by Dana (ops)); answer it or renew the waiver "
        "with a later 'until' [svcready.waiver-expired]"
    ]


def test_the_summary_flags_expiring_waivers_and_the_next_day_re_reads_the_page(
    project: Project, sphinx_build: Run
) -> None:
    index = "Ledger\n======\n\n.. service-readiness:: service.yaml\n\n.. service-readiness-summary::\n"
    srcdir = project(waived_load_test(), index=index, conf='svcready_today = "2026-06-20"')
    first = sphinx_build(srcdir, quiet=False)
    assert "1 (1 expiring)" in first.page()
    assert "Expires in 11 days." in first.page()
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('svcready_today = "2026-06-21"\n')
    second = sphinx_build(srcdir, quiet=False)
    assert "0 added, 0 changed, 0 removed" not in second.output
    assert "Expires in 10 days." in second.page()


def test_the_waived_column_counts_one_unit_and_says_so(project: Project, sphinx_build: Run) -> None:
    # An expiring waiver in a consideration that another question leaves unanswered: the
    # consideration is unanswered, so the Waived column (considerations) says 0, not "0 (1 expiring)".
    text = replace_answer(waived_load_test(), "testing", "end-to-end", "TODO")
    index = "Ledger\n======\n\n.. service-readiness:: service.yaml\n\n.. service-readiness-summary::\n"
    build = sphinx_build(project(text, index=index, conf='svcready_today = "2026-06-20"'))
    [row] = summary_rows(build.page())
    assert row[6:8] == ["0", "1"]
    assert "expiring" not in " ".join(row)
    assert "Answered, N/A, Waived and Unanswered count considerations." in build.page()
    assert "Expires in 11 days." in build.page()  # the page still flags the waiver itself


def reviewed(text: str, day: str) -> str:
    return text.replace("  lifecycle: production\n", f"  lifecycle: production\n  last-reviewed: {day}\n", 1)


@pytest.mark.parametrize(("day", "stale"), [("2026-03-03", False), ("2026-03-02", True)])
def test_a_review_older_than_the_maximum_age_is_stale(
    project: Project, sphinx_build: Run, day: str, stale: bool
) -> None:
    text = reviewed(complete_text(), day)
    srcdir = project(text, conf='svcready_today = "2026-06-01"\nsvcready_review_max_age_days = 90')
    build = sphinx_build(srcdir)
    if not stale:
        assert (build.code, build.warnings) == (0, [])
        return
    assert build.warnings == [
        f"{srcdir / 'service.yaml'}:{line_of(text, 'last-reviewed:')}: WARNING: service ledger was last "
        "reviewed on 2026-03-02, 91 days ago; reviews must be at most 90 days old: check the answers and "
        "update last-reviewed [svcready.stale]"
    ]


def test_no_review_date_is_stale_when_a_maximum_age_is_set(project: Project, sphinx_build: Run) -> None:
    text = complete_text()
    srcdir = project(text, conf="svcready_review_max_age_days = 90")
    build = sphinx_build(srcdir)
    assert build.warnings == [
        f"{srcdir / 'service.yaml'}:{line_of(text, '  name: ledger')}: WARNING: service ledger has no "
        "last-reviewed date; reviews must be at most 90 days old: add the day of its last review "
        "[svcready.stale]"
    ]


def test_a_consideration_reviewed_on_its_own_is_held_to_the_same_age(
    project: Project, sphinx_build: Run
) -> None:
    text = reviewed(complete_text(), "2026-05-01").replace(
        "  testing:\n", "  testing:\n    last-reviewed: 2025-12-01\n", 1
    )
    srcdir = project(text, conf='svcready_today = "2026-06-01"\nsvcready_review_max_age_days = 90')
    build = sphinx_build(srcdir)
    assert build.warnings == [
        f"{srcdir / 'service.yaml'}:{line_of(text, '    last-reviewed: 2025-12-01')}: WARNING: consideration "
        "testing (Testing) was last reviewed on 2025-12-01, 182 days ago; reviews must be at most 90 days "
        "old: check the answers and update last-reviewed [svcready.stale]"
    ]


def test_the_summary_shows_how_long_ago_each_service_was_reviewed(
    project: Project, sphinx_build: Run
) -> None:
    index = "Ledger\n======\n\n.. service-readiness:: service.yaml\n\n.. service-readiness-summary::\n"
    srcdir = project(
        reviewed(complete_text(), "2026-05-01"), index=index, conf='svcready_today = "2026-06-01"'
    )
    build = sphinx_build(srcdir, "-W")
    assert (build.code, build.warnings) == (0, [])
    html = build.page()
    assert '<th class="head"><p>Reviewed</p></th>' in html
    assert "<td><p>31 days ago</p></td>" in html
    assert '>Last reviewed<span class="colon">:</span></dt>' in html


def test_the_command_line_checks_review_age(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = reviewed(complete_text(), "2026-03-02")
    (tmp_path / "service.yaml").write_text(text, encoding="utf-8")
    args = ["check", "--today", "2026-06-01", "service.yaml"]
    assert main(args) == 0
    capsys.readouterr()
    assert main([*args[:-1], "--review-max-age-days", "90", "service.yaml"]) == 1
    assert (
        f"service.yaml:{line_of(text, 'last-reviewed:')}: stale: service ledger was last reviewed on "
        "2026-03-02, 91 days ago; reviews must be at most 90 days old: check the answers and update "
        "last-reviewed"
    ) in capsys.readouterr().out.splitlines()
