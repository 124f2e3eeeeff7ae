"""The directive in real builds: what the page shows and the exact warning lines users get."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from ..conftest import Build, complete_text, line_of, organisation_schema, warning_lines

Project = Callable[..., Path]
Run = Callable[..., Build]


@pytest.mark.sphinx("html", testroot="basic")
def test_complete_service_page(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<strong>19 of 19 considerations answered</strong>; ready." in html
    assert "Team Ledger" in html
    assert '<a class="reference external" href="https://git.example.com/ledger">' in html
    assert "Keeps the <em>books</em> of the platform." in html
    # One titled, anchored section per consideration, in the schema's order.
    ids = re.findall(r'<section class="svcready-consideration[^"]*" id="([^"]+)">', html)
    assert ids[:3] == ["svcready-ledger-purpose", "svcready-ledger-sizing", "svcready-ledger-customers"]
    assert len(ids) == 19
    assert (
        '<h2>Fault tolerance and scalability<a class="headerlink" href="#svcready-ledger-resilience"' in html
    )
    assert html.count('<span class="svcready-badge svcready-badge-answered classifier">answered</span>') == 50
    assert '<dt id="svcready-ledger-network-reachable-from">' in html
    # "simple" keeps furo and sphinx-rtd-theme from styling the questions as API descriptions.
    questions = [
        set(c.split()) for c in re.findall(r'<dl class="([^"]*)"', html) if "svcready-questions" in c
    ]
    assert len(questions) == 19
    assert all("simple" in classes for classes in questions)
    assert "Answer to logging standards." in html
    assert 'href="_static/svcready.css"' in html
    assert (app.outdir / "_static" / "svcready.css").is_file()
    assert app.warning.getvalue() == ""


def test_unanswered_warnings_name_file_and_line(project: Project, sphinx_build: Run) -> None:
    text = complete_text().replace("    standards: Answer to logging standards.\n", "    standards: TBD\n")
    text = text.replace("  messaging:\n    queues: Answer to messaging queues.\n", "")
    srcdir = project(text)
    build = sphinx_build(srcdir)
    yaml_path = srcdir / "service.yaml"
    assert build.warnings == [
        f"{yaml_path}:{line_of(text, 'considerations:')}: WARNING: consideration messaging (Messaging) is "
        "unanswered: no answer to any of its questions (queues); answer them or write "
        "'not-applicable: <reason>' for the whole consideration [svcready.unanswered]",
        f"{yaml_path}:{line_of(text, 'standards: TBD')}: WARNING: logging.standards is unanswered (the "
        "placeholder 'TBD' is not an answer): Do the logs follow the deployment standards: where they "
        "are written (files or syslog) and the standard log format? [svcready.unanswered]",
    ]
    html = build.page()
    assert "17 of 19 considerations answered</strong>; 2 unanswered: " in html
    assert '<a class="reference internal" href="#svcready-ledger-logging">Logging</a>' in html
    # Sphinx's smart quotes turn the message's quotes into typographic ones on the page.
    assert '<p class="svcready-missing">Unanswered: the placeholder ‘TBD’ is not an answer.</p>' in html
    assert build.code == 0


def test_W_fails_and_an_unchanged_rebuild_still_fails(project: Project, sphinx_build: Run) -> None:
    text = complete_text().replace("    capacity: Answer to customers capacity.\n", "    capacity:\n")
    srcdir = project(text)
    expected = (
        f"{srcdir / 'service.yaml'}:{line_of(text, '    capacity:')}: WARNING: customers.capacity is unanswered "
        "(no answer): How many users or requests can the service support as deployed? [svcready.unanswered]"
    )
    first = sphinx_build(srcdir, "-W")
    assert first.code == 1
    assert expected in first.warnings
    second = sphinx_build(srcdir, "-W", quiet=False)
    # Sphinx re-read nothing, and the warning is still there and still fails the build.
    assert "0 added, 0 changed, 0 removed" in second.output
    assert "config changed" not in second.output
    assert second.code == 1
    assert second.warnings == first.warnings


def test_editing_the_yaml_rebuilds_the_page(project: Project, sphinx_build: Run) -> None:
    text = complete_text().replace("    notes: Answer to additional notes.\n", "    notes: TODO\n")
    srcdir = project(text)
    assert sphinx_build(srcdir, "-W").code == 1
    (srcdir / "service.yaml").write_text(complete_text(), encoding="utf-8")
    fixed = sphinx_build(srcdir, "-W")
    assert (fixed.code, fixed.warnings) == (0, [])
    assert "19 of 19 considerations answered" in fixed.page()


def test_fail_on_unanswered_without_W(project: Project, sphinx_build: Run) -> None:
    text = complete_text().replace("    notes: Answer to additional notes.\n", "    notes: ''\n")
    srcdir = project(text, conf="svcready_fail_on_unanswered = True")
    build = sphinx_build(srcdir)
    assert build.code == 1
    assert any(
        "svcready: 1 problem(s) keep services of gated lifecycles from being ready (unanswered questions, "
        "expired waivers, levels not reached, stale reviews or sign-offs, contradicted answers); failing the build"
        in w
        for w in build.warnings
    )
    (srcdir / "service.yaml").write_text(complete_text(), encoding="utf-8")
    assert sphinx_build(srcdir).code == 0


def test_suppress_warnings_lets_a_team_adopt_gradually(project: Project, sphinx_build: Run) -> None:
    text = complete_text().replace("    notes: Answer to additional notes.\n", "    notes: TODO\n")
    srcdir = project(text, conf='suppress_warnings = ["svcready.unanswered"]')
    build = sphinx_build(srcdir, "-W")
    assert (build.code, build.warnings) == (0, [])
    assert "Unanswered: the placeholder" in build.page()


@pytest.mark.parametrize(
    ("subtype", "text_change", "needle", "message"),
    [
        (
            "invalid",
            ("  logging:", "  loging:"),
            "  loging:",
            "considerations: unknown key 'loging' (did you mean 'logging'?)",
        ),
        (
            "yaml",
            ("  owner: Team Ledger", "  owner: Team Ledger\n  owner: Team Books"),
            "  owner: Team Books",
            "duplicate key 'owner' (first written at line 6); the later value is used, remove one of them",
        ),
        (
            "waiver-expired",
            (
                "    load-tests: Answer to testing load-tests.",
                "    load-tests:\n      waived: {reason: Soon., approved-by: Ops, until: 2020-01-31}",
            ),
            "      waived:",
            "the waiver for testing.load-tests expired on 2020-01-31 (approved by Ops); "
            "answer it or renew the waiver with a later 'until'",
        ),
        (
            "markup",
            ("    notes: Answer to additional notes.", "    notes: 'See :download:`secrets </etc/passwd>`.'"),
            "    notes:",
            'answer markup: Unknown interpreted text role "download".',
        ),
    ],
)
def test_each_subtype_at_its_line(
    project: Project, sphinx_build: Run, subtype: str, text_change: tuple[str, str], needle: str, message: str
) -> None:
    text = complete_text().replace(*text_change)
    srcdir = project(text)
    build = sphinx_build(srcdir)
    line = f"{srcdir / 'service.yaml'}:{line_of(text, needle)}: WARNING: {message} [svcready.{subtype}]"
    assert line in build.warnings, build.warnings


def test_unparsable_file_keeps_the_rest_of_the_docs(project: Project, sphinx_build: Run) -> None:
    srcdir = project(
        "service:\n  name: ledger\n  owner: 'Team\n",
        index="Ledger\n======\n\nStill here.\n\n.. service-readiness::\n",
    )
    build = sphinx_build(srcdir)
    assert build.warnings == [
        f"{srcdir / 'service.yaml'}:3: WARNING: YAML syntax error: a quoted value starts here and its "
        "closing quote is missing [svcready.yaml]"
    ]
    html = build.page()
    assert "Still here." in html
    assert "The readiness of this service cannot be shown" in html


def test_python_tags_are_never_executed(project: Project, sphinx_build: Run, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    srcdir = project(f"service: !!python/object/apply:os.system ['touch {marker}']\n")
    build = sphinx_build(srcdir)
    assert not marker.exists()
    assert len(build.warnings) == 1
    assert "[svcready.yaml]" in build.warnings[0]
    assert (
        f"{srcdir / 'service.yaml'}:1: WARNING: uses the tag '!!python/object/apply:os.system'"
        in build.warnings[0]
    )


# -- where the file is ---------------------------------------------------------------------------


# tests/roots/test-paths: a page for each way of naming the file, built once for these tests.
PATHS = pytest.mark.sphinx("html", testroot="paths", shared_result="paths")


def path_warnings(app: SphinxTestApp, page: str) -> list[str]:
    app.build()
    return [w for w in warning_lines(app.warning.getvalue()) if w.startswith(f"{app.srcdir / page}:")]


@PATHS
def test_default_and_rooted_and_relative_paths(app: SphinxTestApp) -> None:
    assert path_warnings(app, "teams/ledger.rst") == path_warnings(app, "teams/other.rst") == []
    assert 'id="svcready-ledger-two-purpose"' in (app.outdir / "teams" / "ledger.html").read_text(
        encoding="utf-8"
    )
    assert 'id="svcready-ledger-purpose"' in (app.outdir / "teams" / "other.html").read_text(encoding="utf-8")


@PATHS
def test_missing_file_warns_at_the_directive(app: SphinxTestApp) -> None:
    assert path_warnings(app, "missing.rst") == [
        f"{app.srcdir / 'missing.rst'}:4: WARNING: 'nothing.yaml' cannot be read: No such file or directory [svcready.file]"
    ]
    page = (app.outdir / "missing.html").read_text(encoding="utf-8")
    assert "The readiness file ‘nothing.yaml’ is not available." in page


@PATHS
def test_folder_warns_at_the_directive(app: SphinxTestApp) -> None:
    assert path_warnings(app, "folder.rst") == [
        f"{app.srcdir / 'folder.rst'}:4: WARNING: '_static' is a folder, not a YAML file [svcready.file]"
    ]


@PATHS
def test_the_paths_project_warns_about_nothing_else(app: SphinxTestApp) -> None:
    app.build()
    assert len(warning_lines(app.warning.getvalue())) == 2


@pytest.mark.parametrize("argument", ["../secret.yaml", "link.yaml"])
def test_files_outside_the_source_are_refused(project: Project, sphinx_build: Run, argument: str) -> None:
    srcdir = project(index=f"Ledger\n======\n\n.. service-readiness:: {argument}\n")
    secret = srcdir.parent / "secret.yaml"
    secret.write_text(complete_text().replace("Keeps the *books*", "SECRET-CONTENT"), encoding="utf-8")
    (srcdir / "link.yaml").symlink_to(secret)
    build = sphinx_build(srcdir)
    assert build.warnings == [
        f"{srcdir / 'index.rst'}:4: WARNING: '{argument}' is outside the documentation source directory and "
        "is not read; move it under the source directory or set svcready_allow_outside_srcdir = True "
        "[svcready.file]"
    ]
    assert "SECRET-CONTENT" not in build.page()

    allowed = project(conf="svcready_allow_outside_srcdir = True")
    build = sphinx_build(allowed, "-E")
    assert build.warnings == []
    assert "SECRET-CONTENT" in build.page()


# -- configuration ---------------------------------------------------------------------------------


def test_bad_option_values_warn_and_fall_back(project: Project, sphinx_build: Run) -> None:
    srcdir = project(conf="svcready_max_bytes = -5\nsvcready_placeholders = 'TODO'\nsvcready_today = 'soon'")
    build = sphinx_build(srcdir)
    conf = srcdir / "conf.py"
    # Located at the line of conf.py that sets each option, in the order the options are declared.
    assert build.warnings == [
        f"{conf}:5: WARNING: svcready_placeholders must be a list of strings, not 'TODO'; using "
        "['TODO', 'TBD', 'TBC', 'FIXME', 'XXX', '?', '??', '???', '...', '…', '-', 'N/A', 'NA'] [svcready.config]",
        f"{conf}:6: WARNING: svcready_today must be None or a date written YYYY-MM-DD, not 'soon'; using None [svcready.config]",
        f"{conf}:4: WARNING: svcready_max_bytes must be a positive whole number of bytes, not -5; using 1048576 [svcready.config]",
    ]
    assert "19 of 19 considerations answered" in build.page()


def test_today_option_expires_a_waiver_without_touching_the_file(project: Project, sphinx_build: Run) -> None:
    text = complete_text().replace(
        "    notes: Answer to additional notes.",
        "    notes:\n      waived: {reason: Later., approved-by: Ops, until: 2030-01-01}",
    )
    srcdir = project(text, conf="svcready_today = '2029-12-31'")
    assert sphinx_build(srcdir, "-W").code == 0
    with (srcdir / "conf.py").open("a") as handle:
        handle.write("svcready_today = '2030-01-02'\n")
    build = sphinx_build(srcdir, "-W")
    assert build.code == 1
    assert any("expired on 2030-01-01" in w and "[svcready.waiver-expired]" in w for w in build.warnings)
    assert "Unanswered: waiver expired on 2030-01-01." in build.page()


def test_schema_validators_are_built_once_per_build_and_only_when_needed(
    project: Project, sphinx_build: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_svcready.core.checklist import loading, safe_validator

    loading._load_checklist.cache_clear()
    built: list[str] = []
    original = safe_validator.safe_validator

    def counting(*args: Any, **kwargs: Any) -> Any:
        built.append("validator")
        return original(*args, **kwargs)

    monkeypatch.setattr(safe_validator, "safe_validator", counting)
    monkeypatch.setattr(loading, "native_check", lambda inlined, formats: None)
    srcdir = project(index="Home\n====\n\n.. toctree::\n\n" + "".join(f"   s{i}\n" for i in range(5)))
    for index in range(5):
        (srcdir / f"s{index}.yaml").write_text(
            complete_text().replace("name: ledger", f"name: s{index}"), encoding="utf-8"
        )
        (srcdir / f"s{index}.rst").write_text(
            f"S{index}\n==\n\n.. service-readiness:: s{index}.yaml\n", encoding="utf-8"
        )
    assert sphinx_build(srcdir, "-W").code == 0
    # Every file is valid: the quick validator (quick_validator.py) says so, once built; the full
    # validator, which only words errors, is never needed.
    assert built == ["validator"]
    (srcdir / "s0.yaml").write_text(
        complete_text().replace("name: ledger", "name: s0\n  colour: blue"), encoding="utf-8"
    )
    (srcdir / "s1.yaml").write_text(
        complete_text().replace("name: ledger", "name: s1\n  colour: red"), encoding="utf-8"
    )
    loading._load_checklist.cache_clear()
    built.clear()
    build = sphinx_build(srcdir, "-E")
    assert sum("colour" in warning for warning in build.warnings) == 2
    # Two invalid files: the quick validator and the full one, each built once for the build.
    assert built == ["validator", "validator"]
    loading._load_checklist.cache_clear()


def test_an_organisation_schema_adds_a_consideration(project: Project, sphinx_build: Run) -> None:
    schema = organisation_schema()
    srcdir = project(conf="svcready_schema = 'org/checklist.json'")
    (srcdir / "org").mkdir()
    (srcdir / "org" / "checklist.json").write_text(json.dumps(schema), encoding="utf-8")
    first = sphinx_build(srcdir, "-W")
    assert first.code == 1
    assert first.warnings == [
        f"{srcdir / 'service.yaml'}:{line_of(complete_text(), 'considerations:')}: WARNING: consideration on-call "
        "(On-call and runbook) is unanswered: no answer to any of its questions (rota); answer them or write "
        "'not-applicable: <reason>' for the whole consideration [svcready.unanswered]"
    ]
    assert "19 of 20 considerations answered" in first.page()
    assert 'id="svcready-ledger-on-call"' in first.page()
    second = sphinx_build(srcdir, "-W", quiet=False)
    assert "0 added, 0 changed, 0 removed" in second.output
    assert second.warnings == first.warnings


def test_a_broken_organisation_schema_is_said_once_and_judges_nothing(
    project: Project, sphinx_build: Run
) -> None:
    srcdir = project(conf="svcready_schema = 'missing.json'")
    build = sphinx_build(srcdir)
    assert build.warnings == [
        f"{srcdir / 'conf.py'}:4: WARNING: svcready_schema: cannot read the schema {srcdir / 'missing.json'}: "
        "No such file or directory; no service is judged until the checklist loads [svcready.config]"
    ]
    # Not judged against a checklist nobody chose: the page says why, and nothing else warns.
    assert "The checklist could not be loaded, so this service is not judged" in build.page()
    assert "considerations answered" not in build.page()


def test_a_broken_installation_warns_instead_of_crashing(
    project: Project, sphinx_build: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from sphinx_svcready.core.checklist import loading

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(loading, "packaged_schema_path", lambda: broken)
    srcdir = project()
    build = sphinx_build(srcdir)
    assert build.code == 0
    [warning] = build.warnings
    assert warning.startswith(f"WARNING: cannot load the schema {broken}: ")
    assert warning.endswith("; no service is judged until the checklist loads [svcready.config]")
    assert "The checklist could not be loaded, so this service is not judged" in build.page()


def test_an_unreadable_file_has_its_own_message(
    project: Project, sphinx_build: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = project(index="Ledger\n======\n\n.. service-readiness:: locked.yaml\n")
    (srcdir / "locked.yaml").write_text(complete_text(), encoding="utf-8")
    real_open = os.open

    def guarded_open(path: Any, flags: int, *args: Any) -> int:
        if Path(path).name == "locked.yaml":  # as root a chmod would not stop the read; refuse it here
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", guarded_open)
    build = sphinx_build(srcdir)
    assert build.warnings == [
        f"{srcdir / 'index.rst'}:4: WARNING: 'locked.yaml' cannot be read: Permission denied [svcready.file]"
    ]


def test_the_page_keeps_its_default_role_after_the_answers(project: Project, sphinx_build: Run) -> None:
    index = "Ledger\n======\n\n.. default-role:: literal\n\nBefore `one`.\n\n.. service-readiness::\n\nAfter `two`.\n"
    build = sphinx_build(project(index=index))
    html = build.page()
    assert '<code class="docutils literal notranslate"><span class="pre">one</span></code>' in html
    assert '<code class="docutils literal notranslate"><span class="pre">two</span></code>' in html
