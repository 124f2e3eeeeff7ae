"""Campaigns in a docs build: one declared in conf.py over the packaged checklist, its progress
across three services, and the warnings for a campaign that is not declared or cannot be used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..conftest import Build, line_of, make_project, replace_answer, three_services

Run = Callable[..., Build]
CAMPAIGN = (
    'svcready_campaigns = {"load-tests": {"title": "Load tests by spring", "questions": '
    '["testing.load-tests"], "deadline": "2027-04-01", "lifecycles": ["production"]}}\n'
)


def test_a_campaign_of_conf_py_counts_the_services_in_its_scope(tmp_path: Path, sphinx_build: Run) -> None:
    services = three_services()
    # gamma is in development, out of the campaign's scope; beta's load test is TODO.
    services["alpha"] = replace_answer(services["alpha"], "testing", "load-tests", "Ran 2x peak for an hour.")
    srcdir = make_project(tmp_path, services, ".. service-readiness-campaign:: load-tests\n")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(CAMPAIGN + 'svcready_today = "2027-03-02"\nsvcready_evidence = False\n')
    build = sphinx_build(srcdir)
    page = (build.outdir / "index.html").read_text(encoding="utf-8")
    assert (
        '<p class="svcready-campaign-status"><strong>Load tests by spring</strong>: due 2027-04-01 (in 30 '
        "days); 1 of 2 services done.</p>"
    ) in page
    assert "<td><p>Team Books</p></td>\n<td><p>0 / 1</p></td>" in page
    assert (
        'href="beta/index.html#svcready-beta-testing-load-tests" title="Beta ledger"><span>Load tests' in page
    )
    assert (
        '<div class="svcready-scroll svcready-campaign-region" role="region" aria-label="Load tests by '
        'spring, by owner" tabindex="0">'
    ) in page
    text = sphinx_build(srcdir, builder="text")
    assert "| Team Ledger | 1 / 1 |" in (text.outdir / "index.txt").read_text(encoding="utf-8")


def test_a_campaign_that_is_not_declared_or_not_usable_is_a_warning(
    tmp_path: Path, sphinx_build: Run
) -> None:
    index = ".. service-readiness-campaign:: load-tests\n\n.. service-readiness-campaign:: nothing\n"
    srcdir = make_project(tmp_path, three_services(), index)
    conf = srcdir / "conf.py"
    with conf.open("a", encoding="utf-8") as handle:
        handle.write(CAMPAIGN.replace("testing.load-tests", "testing.soak-tests"))
    build = sphinx_build(srcdir)
    written = conf.read_text(encoding="utf-8")
    source = (srcdir / "index.rst").read_text(encoding="utf-8")
    warnings = [
        line for line in build.output.splitlines() if "WARNING" in line and "svcready.unanswered" not in line
    ]
    assert warnings[0] == (
        f"{conf}:{line_of(written, 'svcready_campaigns')}: WARNING: svcready_campaigns: campaign "
        "'load-tests' names 'testing.soak-tests', which is no question or consideration of the checklist; "
        "no campaign of conf.py is used [svcready.config]"
    )
    where = srcdir / "index.rst"
    assert (
        f"{where}:{line_of(source, 'load-tests')}: WARNING: no campaign 'load-tests' (campaigns: none declared "
        in (warnings[1])
    )
    assert warnings[2].startswith(f"{where}:{line_of(source, 'nothing')}: WARNING: no campaign 'nothing'")
    assert warnings[2].endswith("[svcready.ref]")
    page = (build.outdir / "index.html").read_text(encoding="utf-8")
    # SmartyPants curls the quotes of the text on the page.
    assert '<p class="svcready svcready-error">The campaign \u2018nothing\u2019 is not declared.</p>' in page
