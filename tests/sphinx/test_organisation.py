"""An organisation's own checklist, end to end: tests/roots/test-organisation replaces the packaged
checklist with Northwind's (32 questions, tiers A, B and C, no earned levels, a data-store section
for services that have one, an HTTP section that depends on an answer, a question only tier C is
asked, a sign-off for tier A), and a service of each tier passes and fails where it says."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from sphinx.testing.util import SphinxTestApp

from ..conftest import REPO, ROOTS, Build, Svcready, line_of, summary_rows

Run = Callable[..., Build]

ORGANISATION = pytest.mark.sphinx("html", testroot="organisation", shared_result="organisation-html")
EXTENSION = "checklist/northwind.json"


def text_of(html: str) -> str:
    """The words of a page's body, one block per line."""
    body = html.split('<div class="body" role="main">', 1)[1].split('<div class="sphinxsidebar"', 1)[0]
    return re.sub(r"\n\s*\n+", "\n", re.sub(r"<[^>]+>", "", body))


@ORGANISATION
def test_a_service_of_each_tier_passes_and_the_pages_say_its_tier(app: SphinxTestApp) -> None:
    app.build()
    # The experimental labs service is unfinished, but its lifecycle is not gated: no warning, and
    # svcready_fail_on_unanswered leaves the build's status alone.
    assert (app._warning.getvalue(), app.statuscode) == ("", 0)  # type: ignore[attr-defined]
    status = app._status.getvalue()  # type: ignore[attr-defined]
    assert (
        "ownership.internal-justification is unanswered (the placeholder 'TODO' is not an answer)" in status
    )
    assert "[svcready.unanswered, not gated]" in status
    labs = (app.outdir / "labs" / "index.html").read_text(encoding="utf-8")
    assert (
        "svcready-badge-unanswered" in labs
        and "6 of 8 considerations answered</strong> (1 not applicable); 2 unanswered" in labs
    )
    payments = (app.outdir / "payments" / "index.html").read_text(encoding="utf-8")
    assert (
        '<p class="svcready-tier">A (Business critical): <span class="svcready-tier-description">Orders or '
        "payments stop when it stops; paged around the clock.</span></p>"
    ) in payments
    words = text_of(payments)
    assert "Signed off:\nArchitecture group, on 2026-10-02 (production review)" in words
    assert "Signed off: Architecture group, on 2026-10-02 (architecture review)" in words
    assert "Asked of tier A (Business critical) services." in words
    assert "Not applicable: not asked of tier A (Business critical) services" in words
    # Levels are off: the tier is the only class a page speaks of.
    for page in ("payments", "catalog", "wiki-bot"):
        html = (app.outdir / page / "index.html").read_text(encoding="utf-8")
        assert "Readiness level" not in html and "svcready-level" not in html
    # The checklist's own texts keep their links, safely.
    assert (
        'see the <a class="reference external" href="https://wiki.northwind.example/architecture">'
        "architecture guide</a>.</p>"
    ) in payments
    assert '<code class="docutils literal notranslate"><span class="pre">docs/adr/</span></code>' in payments
    wiki = text_of((app.outdir / "wiki-bot" / "index.html").read_text(encoding="utf-8"))
    assert (
        "Data stores¶\nFor services that own a data store.\nNot applicable: applies only when service.datastores is given\n"
        in wiki
    )
    assert "Health checknot applicable" in wiki
    assert "Not applicable: applies only when http.serves-http is yes" in wiki
    assert "Why internalanswered" in wiki
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert [row[:5] for row in summary_rows(index)] == [
        ["Product catalog", "Team Catalog", "production", "B (Important)", "8/8"],
        ["Labs search", "Team Support Tools", "experimental", "C (Internal tool)", "6/8"],
        ["Payments", "Team Payments", "production", "A (Business critical)", "8/8"],
        ["Wiki bot", "Team Support Tools", "production", "C (Internal tool)", "8/8"],
    ]
    assert ">Level<" not in index
    assert (
        '<p class="svcready-tier-legend"><strong>Tiers: </strong>A (Business critical): Orders or payments '
        "stop when it stops; paged around the clock. B (Important): Customers notice within the hour; fixed "
        "in working hours. C (Internal tool): Used by Northwind staff only; can be down for a day.</p>"
    ) in index


@ORGANISATION
def test_the_export_names_the_organisations_checklist_and_no_level(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "svcready.json").read_text(encoding="utf-8")
    export = json.loads(text)
    schema = json.loads((REPO / "schemas" / "svcready-export.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(export)
    checklist = export["checklist"]
    assert (checklist["id"], checklist["version"], checklist["title"]) == (
        "northwind-readiness",
        "3.2",
        "Northwind production readiness",
    )
    assert [tier["id"] for tier in checklist["tiers"]] == ["A", "B", "C"]
    assert '"level' not in text and "levels" not in checklist
    services = {service["name"]: service for service in export["services"]}
    assert [(s["tier"], s["tier-name"], s["ready"]) for s in services.values()] == [
        ("B", "Important", True),
        ("C", "Internal tool", False),
        ("A", "Business critical", True),
        ("C", "Internal tool", True),
    ]
    assert {reason["blocking"] for reason in services["labs"]["reasons"]} == {False}
    assert services["payments"]["sign-off"] == {
        "by": "Architecture group",
        "on": "2026-10-02",
        "note": "production review",
    }
    stores = next(c for c in services["wiki-bot"]["considerations"] if c["key"] == "data-stores")
    assert stores["state"] == "not-applicable"
    assert stores["not-applicable"] == "applies only when service.datastores is given"
    assert {q["reason"] for q in stores["questions"]} == {"applies only when service.datastores is given"}
    questions = sum(len(c["questions"]) for c in services["payments"]["considerations"])
    assert questions == 32
    facts = (app.outdir / "svcready-facts.json").read_text(encoding="utf-8")
    assert json.loads(facts)["checklist"]["id"] == "northwind-readiness"
    assert "level" not in facts


def _break(srcdir: Path) -> dict[str, str]:
    """Damage a copy of the project so each tier fails where the checklist says; the texts."""
    changed = {}

    def edit(name: str, old: str, new: str) -> None:
        path = srcdir / name / "service.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        changed[name] = text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")

    # Tier A: no sign-off, and no escalation (asked of A only).
    edit("payments", "  sign-off: {by: Architecture group, on: 2026-10-02, note: production review}\n", "")
    edit(
        "payments",
        "    escalation: The head of Commerce engineering, then the CTO.\n",
        "    escalation: TODO\n",
    )
    # Tier B: no load test (asked of A and B), and no escalation (not asked of B: still fine).
    edit("catalog", '    load-test: "Tested', '    load-test: TODO\n    # was: "Tested')
    # Tier C: the question only C is asked, and it now serves HTTP, so the HTTP questions apply.
    edit("wiki-bot", "    internal-justification: Only", "    internal-justification: TODO\n    # Only")
    edit("wiki-bot", "    serves-http: false\n", "    serves-http: true\n")
    return changed


def test_each_tier_fails_where_the_checklist_says_in_the_build_and_the_command(
    tmp_path: Path, sphinx_build: Run, svcready: Svcready
) -> None:
    srcdir = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-organisation", srcdir)
    texts = _break(srcdir)
    build = sphinx_build(srcdir, "-W", "--keep-going", quiet=False)
    assert build.code == 1
    payments, catalog, wiki = (srcdir / name / "service.yaml" for name in ("payments", "catalog", "wiki-bot"))
    expected = [
        (
            f"{catalog}:{line_of(texts['catalog'], '    load-test: TODO')}",
            "unanswered",
            "resilience.load-test is unanswered (the placeholder 'TODO' is not an answer): What load was it tested at, and against which target?",
        ),
        (
            f"{payments}:{line_of(texts['payments'], '  tier: A')}",
            "sign-off",
            "service payments has no sign-off; tier A services must be signed off by someone other than "
            "their team: add 'sign-off' with 'by' and 'on' (YYYY-MM-DD)",
        ),
        (
            f"{payments}:{line_of(texts['payments'], '    escalation: TODO')}",
            "unanswered",
            "ownership.escalation is unanswered (the placeholder 'TODO' is not an answer): Who is called when the on-call engineer "
            "cannot fix it within an hour?",
        ),
        (
            f"{wiki}:{line_of(texts['wiki-bot'], '    internal-justification: TODO')}",
            "unanswered",
            "ownership.internal-justification is unanswered (the placeholder 'TODO' is not an answer): Why is this service for "
            "staff only, and who would notice if it were down for a day?",
        ),
        (
            f"{wiki}:{line_of(texts['wiki-bot'], '  http:')}",
            "unanswered",
            "http.health-check is unanswered (no answer): Which endpoint answers the load balancer's health check?",
        ),
        (
            f"{wiki}:{line_of(texts['wiki-bot'], '  http:')}",
            "unanswered",
            "http.rate-limits is unanswered (no answer): Which rate limits protect the service from a "
            "misbehaving client?",
        ),
    ]
    assert build.warnings == [
        *(f"{where}: WARNING: {message} [svcready.{subtype}]" for where, subtype, message in expected),
        "ERROR: svcready: 6 problem(s) keep services of gated lifecycles from being ready (unanswered "
        "questions, expired waivers, levels not reached, stale reviews or sign-offs, contradicted answers); "
        "failing the build because svcready_fail_on_unanswered = True",
    ]
    # The experimental service is shown as it is, and its problems are only logged.
    labs = (build.outdir / "labs" / "index.html").read_text(encoding="utf-8")
    assert "svcready-badge-unanswered" in labs and "2 unanswered" in labs
    logged = [line for line in build.output.splitlines() if "not gated]" in line]
    assert logged and all(line.startswith(f"{srcdir / 'labs' / 'service.yaml'}:") for line in logged)
    assert logged[0].endswith(
        "ownership.internal-justification is unanswered (the placeholder 'TODO' is not an answer): Why is "
        "this service for staff only, and who would notice if it were down for a day? [svcready.unanswered, not gated]"
    )

    result = svcready(
        "check",
        "--extend",
        str(srcdir / EXTENSION),
        "--gate",
        "production",
        "--today",
        "2026-11-20",
        "--review-max-age-days",
        "365",
        str(srcdir),
    )
    assert result.code == 1
    gated = [line for line in result.lines if not line.endswith("(not gated)")]
    assert sorted(gated) == sorted(f"{where}: {subtype}: {message}" for where, subtype, message in expected)
    assert all(str(srcdir / "labs") in line for line in result.lines if line.endswith("(not gated)"))
    assert result.err.splitlines()[-1] == "4 files checked: 4 not ready (1 not gated)"


def test_bad_checklist_markup_and_a_misspelt_gate_are_each_said_once_at_their_lines(
    tmp_path: Path, sphinx_build: Run, svcready: Svcready
) -> None:
    srcdir = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-organisation", srcdir)
    path = srcdir / EXTENSION
    raw = "Which pipeline deploys it? :raw-html:`<script>alert(1)</script>`"
    text = path.read_text(encoding="utf-8").replace(
        '"Which pipeline builds, tests and deploys the service?"', json.dumps(raw)
    )
    path.write_text(text, encoding="utf-8")
    conf = srcdir / "conf.py"
    settings = conf.read_text(encoding="utf-8").replace(
        'svcready_gate = ["production"]', 'svcready_gate = ["prodution"]'
    )
    conf.write_text(settings, encoding="utf-8")
    build = sphinx_build(srcdir, "-W", "--keep-going")
    labs = srcdir / "labs" / "service.yaml"
    assert build.warnings[:2] == [
        f"{conf}:{line_of(settings, 'svcready_gate')}: WARNING: svcready_gate names 'prodution', which is no "
        "lifecycle of the checklist (experimental, development, production, deprecated); every lifecycle "
        "is gated until it is fixed [svcready.config]",
        f'{path}:{line_of(text, "raw-html")}: WARNING: checklist text markup: Unknown interpreted text role "raw-html". [svcready.markup]',
    ]
    # Every lifecycle is gated, so the experimental service's open questions fail the build too.
    open_questions = labs.read_text(encoding="utf-8")
    assert [line.split(": WARNING:")[0] for line in build.warnings[2:4]] == [
        f"{labs}:{line_of(open_questions, '    internal-justification: TODO')}",
        f"{labs}:{line_of(open_questions, '    rollback: TODO')}",
    ]
    # The refused role is shown as the text it is, on every page that asks the question.
    page = (build.outdir / "payments" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert (
        '<p class="svcready-question-text">Which pipeline deploys it? :raw-html:`&lt;script&gt;alert(1)&lt;/script&gt;`</p>'
        in page
    )
    result = svcready("check", "--extend", str(path), "--gate", "prodution", str(srcdir))
    assert (result.code, result.err) == (
        2,
        "svcready: error: --gate prodution is no lifecycle of the checklist "
        "(experimental, development, production, deprecated)\n",
    )
