"""The portfolio in real builds: the summary table, :service: links, dependencies, the export."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from sphinx.testing.util import SphinxTestApp

from sphinx_svcready.core.checklist.loading import load_checklist
from sphinx_svcready.core.evaluate import evaluate
from sphinx_svcready.core.evaluation_options import EvaluationOptions
from sphinx_svcready.core.export import dumps, export_document, export_text, order, service_record, titles
from sphinx_svcready.core.mentions import MentionFinder
from sphinx_svcready.core.reading.yaml_reader import LoadedDocument, load_text

from ..conftest import (
    REPO,
    ROOTS,
    Build,
    line_of,
    make_project,
    named,
    summary_rows,
    summary_tables,
    three_services,
    warning_lines,
)

Run = Callable[..., Build]


# One build of tests/roots/test-portfolio serves every test that only reads its pages.
PORTFOLIO = pytest.mark.sphinx("html", testroot="portfolio", shared_result="portfolio-html")
PORTFOLIO_TEXT = pytest.mark.sphinx("text", testroot="portfolio", shared_result="portfolio-text")


def built(app: SphinxTestApp, page: str = "index.html") -> str:
    app.build()
    return (app.outdir / page).read_text(encoding="utf-8")


@PORTFOLIO
def test_summary_table(app: SphinxTestApp) -> None:
    html = built(app)
    assert summary_rows(html) == [
        ["Alpha API", "Team Ledger", "production", "gold", "19/19", "0", "0", "0", ""],
        ["Beta ledger", "Team Books", "production", "bronze", "17/19", "0", "0", "2", "Metrics, Testing"],
        ["Gamma jobs", "Team Ledger", "development", "bronze", "18/19", "1", "0", "1", "Logging"],
    ]
    assert (
        '<a class="reference internal" href="beta/index.html#svcready-beta" title="Beta ledger"><span>Beta ledger</span></a>'
        in html
    )
    assert (
        '<a class="reference internal" href="beta/index.html#svcready-beta-metrics" title="Beta ledger"><span>Metrics</span></a>'
        in html
    )
    assert (
        '<span class="svcready-bar"><span class="svcready-bar-fill svcready-bar-80"></span></span> 17/19'
        in html
    )


@PORTFOLIO_TEXT
def test_summary_table_in_text_output_keeps_words_whole(app: SphinxTestApp) -> None:
    rows = [line for line in built(app, "index.txt").splitlines() if line.startswith("| ")]
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    header = [
        "Service",
        "Owner",
        "Lifecycle",
        "Level",
        "Answered",
        "N/A",
        "Waived",
        "Unanswered",
        "To answer",
    ]
    assert cells[0] == header
    assert [
        "Beta ledger",
        "Team Books",
        "production",
        "bronze",
        "17/19",
        "0",
        "0",
        "2",
        "Metrics, Testing",
    ] in cells


@PORTFOLIO
def test_summary_filter_and_sort(app: SphinxTestApp) -> None:
    html = built(app, "filters.html")
    # filters.rst: :owner: Team Books; :lifecycle: production with :sort: unanswered; :sort: readiness;
    # :sort: owner; :owner: Nobody.
    assert [[row[0] for row in table[1:]] for table in summary_tables(html)] == [
        ["Beta ledger"],
        ["Beta ledger", "Alpha API"],
        ["Beta ledger", "Gamma jobs", "Alpha API"],
        ["Beta ledger", "Alpha API", "Gamma jobs"],
    ]
    assert "No service matches the filter of this summary." in html


@PORTFOLIO
def test_service_role(app: SphinxTestApp) -> None:
    html = built(app)
    assert (
        '<a class="reference internal" href="beta/index.html#svcready-beta" title="Beta ledger"><span class="xref service">Beta ledger</span></a>'
        in html
    )
    assert (
        'href="beta/index.html#svcready-beta-testing" title="Beta ledger"><span class="xref service">Beta ledger: Testing</span></a>'
        in html
    )
    assert (
        'href="gamma/index.html#svcready-gamma" title="Gamma jobs"><span class="xref service">the ledger</span></a>'
        in html
    )
    assert '<span class="xref service">betta</span>' in html
    index = app.srcdir / "index.rst"
    assert [w for w in warning_lines(app.warning.getvalue()) if "[svcready.ref]" in w] == [
        f"{index}:6: WARNING: unknown service 'betta' in :service:`betta` (did you mean 'beta'?) [svcready.ref]",
        f"{index}:6: WARNING: service 'beta' has no consideration 'loging' in :service:`beta#loging` (did you mean 'logging'?) [svcready.ref]",
    ]


def test_broken_service_references_warn_again_on_an_unchanged_rebuild(
    tmp_path: Path, sphinx_build: Run
) -> None:
    srcdir = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-portfolio", srcdir)
    expected = [w for w in sphinx_build(srcdir).warnings if "[svcready.ref]" in w]
    assert len(expected) == 2
    again = sphinx_build(srcdir)
    assert [w for w in again.warnings if "[svcready.ref]" in w] == expected


@PORTFOLIO
def test_dependencies_are_linked_and_listed(app: SphinxTestApp) -> None:
    alpha = built(app, "alpha/index.html")
    internal = alpha.split('id="svcready-alpha-dependencies-internal"', 1)[1].split("</ul>", 1)[0]
    assert (
        '<a class="reference internal" href="../beta/index.html#svcready-beta" title="Beta ledger"><span>beta</span></a>, for balances'
        in internal
    )
    assert (
        'The <a class="reference internal" href="../gamma/index.html#svcready-gamma" title="Gamma jobs"><span>Gamma jobs</span></a> scheduler'
        in internal
    )
    assert "alphabet soup (not a service)" in internal
    assert summary_rows((app.outdir / "dependencies.html").read_text(encoding="utf-8"))[0][9] == (
        "Beta ledger, Gamma jobs"
    )
    export = json.loads((app.outdir / "svcready.json").read_text(encoding="utf-8"))
    assert [s["depends-on"] for s in export["services"]] == [["beta", "gamma"], [], []]
    # The service's own page lists what the summary and the export list, though nothing is declared.
    field = alpha.split("Depends on<span", 1)[1].split("</dd>", 1)[0]
    assert re.sub(r"<[^>]+>", "", field).split(":", 1)[1].strip() == "Beta ledger, Gamma jobs"
    assert (
        'href="../beta/index.html#svcready-beta"' in field
        and 'href="../gamma/index.html#svcready-gamma"' in field
    )
    # A page that depends on nothing shows no such field.
    assert "Depends on" not in (app.outdir / "beta" / "index.html").read_text(encoding="utf-8")


def test_summary_follows_an_incremental_edit(tmp_path: Path, sphinx_build: Run) -> None:
    services = three_services()
    srcdir = make_project(tmp_path, services)
    first = sphinx_build(srcdir)
    assert summary_rows(first.page())[1][3:8] == ["bronze", "17/19", "0", "0", "2"]
    fixed = services["beta"].replace("    load-tests: TODO", "    load-tests: Ran k6 at 3x peak.")
    (srcdir / "beta" / "service.yaml").write_text(fixed, encoding="utf-8")

    second = sphinx_build(srcdir, quiet=False)

    assert "0 added, 1 changed, 0 removed" in second.output
    # Only the edited page is re-read; the summary page is rewritten from the records.
    assert re.search(r"reading sources\.\.\. \[100%\] beta/index\n", second.output)
    assert re.search(r"writing output\.\.\. \[ 50%\] beta/index\n", second.output)
    assert re.search(r"writing output\.\.\. \[100%\] index\n", second.output)
    assert summary_rows(second.page())[1][3:9] == ["bronze", "18/19", "0", "0", "1", "Metrics"]
    # Nothing changed: nothing re-read or rewritten, and the summary is still right.
    third = sphinx_build(srcdir, quiet=False)
    assert "0 added, 0 changed, 0 removed" in third.output
    assert "no targets are out of date." in third.output
    assert summary_rows(third.page())[1][3:9] == ["bronze", "18/19", "0", "0", "1", "Metrics"]


def test_a_service_documented_twice(tmp_path: Path, sphinx_build: Run) -> None:
    services = three_services()
    services["copy"] = services["beta"]
    srcdir = make_project(tmp_path, services)
    build = sphinx_build(srcdir)
    assert (
        f"{srcdir / 'copy' / 'index.rst'}:4: WARNING: service 'beta' is documented twice: here and at {srcdir / 'beta' / 'index.rst'}:4; links and the summary use the first [svcready.duplicate]"
        in build.warnings
    )


@PORTFOLIO
def test_export(app: SphinxTestApp) -> None:
    app.build()
    export = json.loads((app.outdir / "svcready.json").read_text(encoding="utf-8"))
    schema = json.loads((REPO / "schemas" / "svcready-export.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(export)
    assert export["format"] == "svcready-export"
    assert export["checklist"]["version"] == "1.0"
    assert [s["name"] for s in export["services"]] == ["alpha", "beta", "gamma"]
    beta = export["services"][1]
    assert (beta["source"], beta["docname"], beta["ready"]) == ("beta/service.yaml", "beta/index", False)
    assert beta["counts"]["unanswered"] == 2
    testing = next(c for c in beta["considerations"] if c["key"] == "testing")
    load_tests = testing["questions"][0]
    assert load_tests == {
        "key": "load-tests",
        "state": "unanswered",
        "line": line_of(three_services()["beta"], "load-tests: TODO"),
        "required": True,
        "level": "gold",
        "asked-of": [1, 2],
    }


def test_a_full_rebuild_writes_the_same_export_bytes(tmp_path: Path, sphinx_build: Run) -> None:
    srcdir = make_project(tmp_path, three_services())
    text = (sphinx_build(srcdir).outdir / "svcready.json").read_text(encoding="utf-8")
    rebuilt = sphinx_build(srcdir, "-E")
    assert (rebuilt.outdir / "svcready.json").read_text(encoding="utf-8") == text


def test_the_export_written_record_by_record_is_the_one_piece_document() -> None:
    checklist = load_checklist()
    records = [
        service_record(
            evaluate(load_text(text, LoadedDocument(f"{name}/service.yaml")), checklist, EvaluationOptions()),
            source=f"{name}/service.yaml",
            docname=f"{name}/index",
        )
        for name, text in reversed(three_services().items())
    ]
    ordered = sorted(records, key=lambda r: order(r["name"], r["docname"], r["source"]))
    finder = MentionFinder(titles(ordered))
    streamed = "".join(export_text(ordered, checklist, finder))
    assert streamed == dumps(export_document(records, checklist))
    assert json.loads(streamed)["services"][0]["depends-on"] == ["beta", "gamma"]
    assert "".join(export_text([], checklist, MentionFinder({}))) == dumps(export_document([], checklist))


def test_export_can_be_renamed_or_turned_off(tmp_path: Path, sphinx_build: Run) -> None:
    srcdir = make_project(tmp_path, three_services())
    with (srcdir / "conf.py").open("a") as conf:
        conf.write("svcready_export = 'data/readiness.json'\n")
    build = sphinx_build(srcdir)
    assert (build.outdir / "data" / "readiness.json").is_file()
    assert not (build.outdir / "svcready.json").exists()
    with (srcdir / "conf.py").open("a") as conf:
        conf.write("svcready_export = None\n")
    other = sphinx_build(srcdir, outdir=tmp_path / "none")
    assert not (other.outdir / "svcready.json").exists()


def test_parallel_build_gives_the_same_summary_and_export(tmp_path: Path, sphinx_build: Run) -> None:
    services = three_services()
    for index in range(6):
        services[f"extra{index:02d}"] = named(f"extra{index:02d}", f"Extra {index}")
    srcdir = make_project(tmp_path, services, ".. service-readiness-summary::\n   :dependencies:\n")
    serial = sphinx_build(srcdir, outdir=tmp_path / "serial")
    parallel = sphinx_build(srcdir, "-j", "2", outdir=tmp_path / "parallel")
    assert parallel.warnings == serial.warnings
    assert parallel.page() == serial.page()
    assert (parallel.outdir / "svcready.json").read_bytes() == (serial.outdir / "svcready.json").read_bytes()
