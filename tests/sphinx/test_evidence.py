"""Evidence in real builds: a contradicted answer fails -W at its line, its fix passes, the page
and the summary show what the repository proved, and a page is re-read when (and only when) a
file its probes looked at changes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from ..conftest import ROOTS, Build, Svcready, line_of, replace_answer, summary_table, write
from ..core.test_evidence import MIT, answered

Run = Callable[..., Build]


def work_tree(root: Path, service: str) -> Path:
    """``root`` as a repository (``.git``, CODEOWNERS, no licence yet) with its docs in ``docs/``."""
    (root / ".git").mkdir(parents=True)
    write(root / "CODEOWNERS", "* @team-ledger\n")
    write(root / "src" / "ledger.py", "print('ledger')\n")
    write(root / "README.md", "# Ledger\n")
    docs = root / "docs"
    shutil.copytree(ROOTS / "test-basic", docs)
    (docs / "index.rst").write_text(
        "Ledger\n======\n\n.. service-readiness-summary::\n\n.. service-readiness:: service.yaml\n",
        encoding="utf-8",
    )
    write(docs / "service.yaml", service)
    return docs


def test_a_contradicted_answer_fails_W_at_its_line_and_adding_the_licence_fixes_it(
    tmp_path: Path, sphinx_build: Run
) -> None:
    text = answered()
    docs = work_tree(tmp_path / "repo", text)

    failed = sphinx_build(docs, "-W")

    assert failed.code == 1
    assert failed.warnings == [
        f"{docs / 'service.yaml'}:{line_of(text, '    included: true')}: WARNING: license.included is "
        "answered yes, but the repository says no (no licence file (LICENSE, LICENCE or COPYING) at the "
        "repository's root); correct the answer or the repository [svcready.evidence]"
    ]
    page = failed.page()
    assert '<span class="svcready-badge svcready-badge-contradicted classifier">contradicted</span>' in page
    assert (
        '<p class="svcready-evidence svcready-evidence-contradicted"><strong>Contradicted by the '
        "repository: </strong>no licence file (LICENSE, LICENCE or COPYING) at the repository’s root</p>"
    ) in page
    assert "<strong>19 of 19 considerations answered</strong>; ready." not in page
    [record] = json.loads((failed.outdir / "svcready.json").read_text(encoding="utf-8"))["services"]
    assert (record["ready"], [r["subtype"] for r in record["reasons"]]) == (False, ["evidence"])
    # Verified: the CODEOWNERS file, and no hard-coded credential in src/.
    assert (record["counts"]["verified"], record["counts"]["contradicted"]) == (2, 1)

    write(tmp_path / "repo" / "LICENSE", MIT)
    fixed = sphinx_build(docs, "-W", quiet=False)

    assert fixed.code == 0, fixed.warnings
    assert "0 added, 1 changed, 0 removed" in fixed.output
    page = fixed.page()
    assert page.count('<span class="svcready-badge svcready-badge-verified classifier">verified</span>') == 4
    assert (
        '<p class="svcready-evidence svcready-evidence-verified"><strong>Verified: </strong>LICENSE:1: MIT</p>'
        in page
    )
    header, row = summary_table(page)[:2]
    assert (header[-1], row[-1]) == ("Evidence", "4 verified")
    assert "Evidence counts answers the repository verified or contradicted." in page


def test_a_file_no_probe_reads_rereads_nothing(tmp_path: Path, sphinx_build: Run) -> None:
    docs = work_tree(tmp_path / "repo", answered())
    write(tmp_path / "repo" / "LICENSE", MIT)
    assert sphinx_build(docs, "-W").code == 0
    # No probe reads Markdown: editing the README changes nothing the page depends on.
    write(tmp_path / "repo" / "README.md", "# Ledger\n\nKeeps the books.\n")

    again = sphinx_build(docs, "-W", quiet=False)

    assert again.code == 0
    assert "0 added, 0 changed, 0 removed" in again.output
    # Editing the licence file is another matter: the page is read again, and says so.
    write(tmp_path / "repo" / "LICENSE", "SPDX-License-Identifier: Apache-2.0\n")
    changed = sphinx_build(docs, "-W", quiet=False)
    assert "0 added, 1 changed, 0 removed" in changed.output
    assert changed.code == 1
    assert [w.split(": WARNING: ", 1)[1] for w in changed.warnings] == [
        "license.name is answered 'MIT', but the repository says 'Apache-2.0' (LICENSE:1: Apache-2.0); "
        "correct the answer or the repository [svcready.evidence]"
    ]


def test_the_command_runs_the_same_probes_and_can_skip_them(
    tmp_path: Path, sphinx_build: Run, svcready: Svcready
) -> None:
    text = replace_answer(answered(), "code", "code-reviewed", "false")
    docs = work_tree(tmp_path / "repo", text)
    write(tmp_path / "repo" / "LICENSE", MIT)
    build = sphinx_build(docs)
    [warning] = build.warnings
    line = line_of(text, "    code-reviewed: false")
    assert warning.startswith(f"{docs / 'service.yaml'}:{line}: WARNING: code.code-reviewed is answered no")

    checked = svcready("check", "repo/docs/service.yaml")
    assert checked.code == 1
    assert checked.lines == [
        f"repo/docs/service.yaml:{line}: evidence: code.code-reviewed is answered no, but the repository "
        "says yes (CODEOWNERS); correct the answer or the repository"
    ]
    assert svcready("check", "--no-evidence", "repo/docs/service.yaml").code == 0
    exported = json.loads(svcready("check", "--format", "json", "repo/docs/service.yaml").out)
    [question] = [
        q
        for c in exported["services"][0]["considerations"]
        if c["key"] == "code"
        for q in c["questions"]
        if q["key"] == "code-reviewed"
    ]
    assert question["evidence"] == [
        {
            "probe": "file",
            "outcome": "contradicted",
            "says": "CODEOWNERS",
            "implies": True,
            "file": "CODEOWNERS",
            "line": None,
        }
    ]


def with_links(text: str) -> str:
    return text.replace(
        "  metrics:\n",
        "  metrics:\n    evidence:\n"
        "      dashboard: [https://grafana.example.com/d/ledger, docs/dashboards.md]\n"
        "      key-metrics: [docs/metrics.md, ../outside.md]\n"
        "      health: [docs/health.md]\n",
        1,
    )


def test_evidence_links_link_to_the_repository_and_missing_paths_warn(
    tmp_path: Path, sphinx_build: Run
) -> None:
    text = with_links(answered())
    docs = work_tree(tmp_path / "repo", text)
    write(tmp_path / "repo" / "LICENSE", MIT)
    write(tmp_path / "repo" / "docs" / "dashboards.md", "# Dashboards\n")
    with (docs / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "exclude_patterns = ['*.md']\n"
            "html_context = {'github_user': 'example', 'github_repo': 'ledger', 'github_version': 'trunk'}\n"
        )

    build = sphinx_build(docs)

    yaml_path = docs / "service.yaml"
    assert build.warnings == [
        f"{yaml_path}:{line_of(text, 'key-metrics: [')}: WARNING: metrics.key-metrics: the evidence "
        f"'docs/metrics.md' does not exist in {(tmp_path / 'repo').resolve()} [svcready.evidence]",
        f"{yaml_path}:{line_of(text, 'key-metrics: [')}: WARNING: metrics.key-metrics: the evidence "
        "'../outside.md' is not a path inside the repository (no '..', not absolute) [svcready.evidence]",
        f"{yaml_path}:{line_of(text, 'health: [')}: WARNING: considerations.metrics.evidence: 'health' is not a "
        "question of this consideration (its questions: key-metrics, dashboard) [svcready.invalid]",
    ]
    page = build.page()
    assert (
        '<p class="svcready-evidence-links"><strong>Evidence: </strong><a class="reference external" '
        'href="https://grafana.example.com/d/ledger">https://grafana.example.com/d/ledger</a>, '
        '<a class="reference external" href="https://github.com/example/ledger/blob/trunk/docs/dashboards.md">'
        '<code class="docutils literal notranslate"><span class="pre">docs/dashboards.md</span></code></a></p>'
    ) in page
    assert "docs/metrics.md</span></code> (missing)" in page
    [record] = json.loads((build.outdir / "svcready.json").read_text(encoding="utf-8"))["services"]
    [dashboard] = [
        q
        for c in record["considerations"]
        if c["key"] == "metrics"
        for q in c["questions"]
        if q["key"] == "dashboard"
    ]
    assert dashboard["links"] == [
        {
            "target": "https://grafana.example.com/d/ledger",
            "kind": "url",
            "line": line_of(text, "dashboard: ["),
            "exists": None,
        },
        {
            "target": "docs/dashboards.md",
            "kind": "path",
            "line": line_of(text, "dashboard: ["),
            "exists": True,
        },
    ]


CATALOG = """\
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  annotations:
    github.com/project-slug: example/ledger
    pagerduty.com/service-id: PLEDGER
  links:
    - url: https://grafana.example.com/d/ledger
      title: Ledger dashboard
    - url: javascript:alert(1)
      title: Not a link
    - url: https://wiki.example.com/ledger/runbook
spec:
  type: service
  owner: group:default/team-ledger
  lifecycle: production
"""


def test_the_catalog_file_s_links_are_shown_and_its_annotations_are_evidence(
    tmp_path: Path, project: Callable[..., Path], sphinx_build: Run
) -> None:
    # No git work tree: the repository's probes do not run, the catalog file's do.
    srcdir = project(answered())
    write(srcdir / "catalog-info.yaml", CATALOG)
    extension = write(
        srcdir / "org.json",
        '{"evidence": {"monitoring.coverage": [{"kind": "annotation", "key": "pagerduty.com/service-id",'
        ' "says": "PagerDuty service"}]}}\n',
    )
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"svcready_schema_extensions = [{extension.name!r}]\n")

    build = sphinx_build(srcdir, "-W")

    assert (build.code, build.warnings) == (0, [])
    page = build.page()
    assert (
        '<p class="svcready-catalog-links"><a class="reference external" href="https://grafana.example.com/d/ledger">'
        'Ledger dashboard</a>, <a class="reference external" href="https://wiki.example.com/ledger/runbook">'
        "https://wiki.example.com/ledger/runbook</a></p>"
    ) in page
    assert "javascript:" not in page
    assert (
        "<strong>Verified: </strong>github.com/project-slug: example/ledger in catalog-info.yaml</p>" in page
    )
    assert "<strong>Verified: </strong>pagerduty.com/service-id: PLEDGER in catalog-info.yaml</p>" in page
    assert "svcready-badge-contradicted" not in page
