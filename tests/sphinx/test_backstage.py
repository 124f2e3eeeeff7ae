"""Backstage interop in real builds and on the command line: catalog files and Tech Insights facts."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sphinx_svcready.core.reading.entity_refs import full_ref, short_ref

from ..conftest import (
    REPO,
    Build,
    Result,
    Svcready,
    complete_text,
    line_of,
    make_project,
    summary_rows,
    three_services,
    undocumented_properties,
    write,
)

Project = Callable[..., Path]
Run = Callable[..., Build]

EXPORT_SCHEMA = json.loads((REPO / "schemas" / "svcready-export.schema.json").read_text(encoding="utf-8"))
FACTS_SCHEMA = json.loads((REPO / "schemas" / "svcready-facts.schema.json").read_text(encoding="utf-8"))

COMPONENT = """\
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  title: Ledger
  description: Keeps the *books* of every team.
spec:
  type: service
  owner: group:default/team-ledger
  lifecycle: production
  system: finance
  dependsOn:
    - component:default/billing
    - resource:default/ledger-db
"""
#: The same component agreeing with every value of the complete service file.
AGREEING = COMPONENT.replace("title: Ledger\n", "title: Ledger service\n").replace(
    "every team.", "the platform."
)


def lean() -> str:
    """The complete service file without the metadata a catalog file can give."""
    text = complete_text()
    for line in (
        "  title: Ledger service\n",
        "  summary: Keeps the *books* of the platform.\n",
        "  owner: Team Ledger\n",
        "  lifecycle: production\n",
    ):
        assert line in text
        text = text.replace(line, "")
    return text


def with_pointer(text: str, pointer: str) -> str:
    return text.replace("  name: ledger\n", f"  name: ledger\n  catalog-info: {pointer}\n")


def backstage_warnings(build: Build) -> list[str]:
    return [w for w in build.warnings if "[svcready.backstage]" in w]


# -- reading the catalog file -------------------------------------------------------------------


def test_values_from_the_catalog_fill_the_page_and_the_export(project: Project, sphinx_build: Run) -> None:
    srcdir = project(lean())
    write(srcdir / "catalog-info.yaml", COMPONENT)
    # owner and lifecycle are required: the catalog gives them, so the build is clean with -W.
    build = sphinx_build(srcdir, "-W")
    assert (build.code, build.warnings) == (0, [])
    html = build.page()
    assert (
        '<dt class="field-even">Owner<span class="colon">:</span></dt>\n<dd class="field-even"><p>team-ledger</p>'
        in html
    )
    assert "<p>production</p>" in html
    assert (
        '<dt class="field-even">System<span class="colon">:</span></dt>\n<dd class="field-even"><p>finance</p>'
        in html
    )
    # An undocumented component and a resource are shown, not linked.
    assert '<p class="svcready-dependency"><span>billing</span>, <span>resource:ledger-db</span></p>' in html
    assert "Keeps the <em>books</em> of every team." in html

    export = json.loads((build.outdir / "svcready.json").read_text(encoding="utf-8"))
    Draft202012Validator(EXPORT_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(export)
    [record] = export["services"]
    assert {key: record[key] for key in ("name", "title", "summary", "owner", "lifecycle", "system")} == {
        "name": "ledger",
        "title": "Ledger",
        "summary": "Keeps the *books* of every team.",
        "owner": "team-ledger",
        "lifecycle": "production",
        "system": "finance",
    }
    assert record["dependencies"] == ["component:default/billing", "resource:default/ledger-db"]
    assert record["backstage"] == {"source": "catalog-info.yaml", "entity": "component:default/ledger"}
    assert record["depends-on"] == []


def test_a_named_catalog_file_wins_over_the_one_beside(project: Project, sphinx_build: Run) -> None:
    srcdir = project(with_pointer(lean(), "backstage/ledger.yaml"))
    write(srcdir / "backstage" / "ledger.yaml", COMPONENT)
    write(srcdir / "catalog-info.yaml", COMPONENT.replace("system: finance", "system: beside"))
    build = sphinx_build(srcdir, "-W")
    assert (build.code, build.warnings) == (0, [])
    assert "<p>finance</p>" in build.page()
    assert "beside" not in build.page()
    record = json.loads((build.outdir / "svcready.json").read_text(encoding="utf-8"))["services"][0]
    assert record["backstage"]["source"] == "backstage/ledger.yaml"


def test_a_value_in_both_files_that_differs_warns_and_the_service_file_wins(
    project: Project, sphinx_build: Run
) -> None:
    text = complete_text()
    catalog = COMPONENT.replace("title: Ledger\n", "title: Ledger service\n").replace(
        "team-ledger", "team-books"
    )
    # The same summary written over two lines, and an owner spelt as a Backstage group: no warning.
    catalog = catalog.replace(
        "description: Keeps the *books* of every team.",
        "description: >-\n    Keeps the *books*\n    of the platform.",
    )
    srcdir = project(text)
    write(srcdir / "catalog-info.yaml", catalog)
    build = sphinx_build(srcdir, "-W")
    assert build.code == 1
    assert build.warnings == [
        f"{srcdir / 'service.yaml'}:{line_of(text, '  owner:')}: WARNING: service.owner 'Team Ledger' differs "
        f"from spec.owner 'team-books' in catalog-info.yaml:{line_of(catalog, '  owner:')}; the value in "
        "service.yaml is used [svcready.backstage]"
    ]
    html = build.page()
    assert "<p>Team Ledger</p>" in html
    assert "team-books" not in html

    write(srcdir / "catalog-info.yaml", catalog.replace("team-books", "team-ledger"))
    agreed = sphinx_build(srcdir, "-W")
    assert (agreed.code, agreed.warnings) == (0, [])


def test_a_required_key_missing_from_both_files_is_reported_at_the_service_file(
    project: Project, sphinx_build: Run
) -> None:
    text = lean()
    srcdir = project(text)
    write(srcdir / "catalog-info.yaml", COMPONENT.replace("  lifecycle: production\n", ""))
    build = sphinx_build(srcdir)
    assert build.warnings == [
        f"{srcdir / 'service.yaml'}:{line_of(text, 'service:')}: WARNING: service: missing the required key "
        "'lifecycle' [svcready.invalid]"
    ]


def test_a_wrong_value_from_the_catalog_is_reported_in_the_catalog(
    project: Project, sphinx_build: Run
) -> None:
    srcdir = project(lean())
    catalog = COMPONENT.replace("lifecycle: production", "lifecycle: beta")
    write(srcdir / "catalog-info.yaml", catalog)
    build = sphinx_build(srcdir)
    assert build.warnings == [
        f"{srcdir / 'catalog-info.yaml'}:{line_of(catalog, 'lifecycle:')}: WARNING: service.lifecycle: 'beta' "
        "is not one of: experimental, development, production, deprecated (read from spec.lifecycle) "
        "[svcready.backstage]"
    ]
    assert "19 of 19 considerations answered" in build.page()


API = "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: ledger-api\n"
SYSTEM = "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: finance\n"


@pytest.mark.parametrize(
    ("pointer", "catalog", "where", "message"),
    [
        (
            "nothing.yaml",
            None,
            "service.yaml",
            "service.catalog-info 'nothing.yaml' cannot be read: No such file or directory",
        ),
        (
            "folder",
            None,
            "service.yaml",
            "service.catalog-info 'folder' is a folder, not a YAML file",
        ),
        (
            None,
            "apiVersion: backstage.io/v1alpha1\nkind: 'Component\n",
            "catalog-info.yaml:2",
            "YAML syntax error: a quoted value starts here and its closing quote is missing",
        ),
        (
            None,
            b"kind: Component\nmetadata: {name: \xff}\n",
            "catalog-info.yaml:2",
            "is not valid UTF-8 text; save it as UTF-8",
        ),
        (
            None,
            API,
            "catalog-info.yaml:2",
            "holds a Backstage entity of kind API and no Component; only a Component's metadata is read",
        ),
        (
            None,
            f"{SYSTEM}---\n{API}",
            "catalog-info.yaml:2",
            "holds Backstage entities of kind API, System and no Component; only a Component's metadata is read",
        ),
        (
            None,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ledger\n",
            "catalog-info.yaml:1",
            "holds no Backstage entity (a document with 'apiVersion: backstage.io/v1alpha1' and 'kind: Component')",
        ),
        (
            None,
            f"{COMPONENT.replace('name: ledger', 'name: books')}---\n{COMPONENT.replace('name: ledger', 'name: billing')}",
            "catalog-info.yaml:2",
            "holds 2 Component entities (books, billing) and none is named 'ledger', the service.name; none is read",
        ),
        (
            None,
            AGREEING.replace("  owner: group:default/team-ledger", "  owner: [team-a, team-b]"),
            "catalog-info.yaml:9",
            "spec.owner should be text, not a list; it is not read",
        ),
        (
            None,
            AGREEING.replace("    - resource:default/ledger-db", "    - resource:default/ledger/db"),
            "catalog-info.yaml:14",
            "spec.dependsOn[1] is not an entity ref such as 'component:billing' or "
            "'resource:default/ledger-db'; it is not read",
        ),
    ],
)
def test_an_unusable_catalog_file_warns_and_the_build_goes_on(
    project: Project,
    sphinx_build: Run,
    pointer: str | None,
    catalog: str | bytes | None,
    where: str,
    message: str,
) -> None:
    text = complete_text() if pointer is None else with_pointer(complete_text(), pointer)
    if where == "service.yaml":
        where = f"service.yaml:{line_of(text, 'catalog-info:')}"
    srcdir = project(text)
    (srcdir / "folder").mkdir()
    if isinstance(catalog, bytes):
        (srcdir / "catalog-info.yaml").write_bytes(catalog)
    elif catalog is not None:
        write(srcdir / "catalog-info.yaml", catalog)
    build = sphinx_build(srcdir)
    assert build.code == 0
    assert backstage_warnings(build) == [f"{srcdir / where}: WARNING: {message} [svcready.backstage]"]
    # The page is rendered, and says what the export and the command say: not ready.
    assert (
        "19 of 19 considerations answered</strong>; not ready: the file has problems (see the build’s warnings)."
        in build.page()
    )


def test_python_tags_in_a_catalog_file_are_never_executed(
    project: Project, sphinx_build: Run, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    srcdir = project(complete_text())
    write(
        srcdir / "catalog-info.yaml",
        f"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: !!python/object/apply:os.system ['touch {marker}']\n",
    )
    build = sphinx_build(srcdir)
    assert not marker.exists()
    assert build.warnings == [
        f"{srcdir / 'catalog-info.yaml'}:3: WARNING: uses the tag '!!python/object/apply:os.system', which is "
        "not allowed; write plain YAML values instead [svcready.backstage]"
    ]


def test_the_component_named_like_the_service_is_picked(project: Project, sphinx_build: Run) -> None:
    srcdir = project(lean())
    other = COMPONENT.replace("name: ledger", "name: billing").replace("system: finance", "system: payments")
    write(srcdir / "catalog-info.yaml", f"{API}---\n{other}---\n{COMPONENT}")
    build = sphinx_build(srcdir, "-W")
    assert (build.code, build.warnings) == (0, [])
    assert "<p>finance</p>" in build.page()


def test_markup_in_the_description_is_refused_at_its_line_in_the_catalog(
    project: Project, sphinx_build: Run
) -> None:
    srcdir = project(lean())
    catalog = COMPONENT.replace(
        "  description: Keeps the *books* of every team.\n",
        "  description: |\n    Keeps the books.\n\n    .. raw:: html\n\n       <script>alert(1)</script>\n",
    )
    write(srcdir / "catalog-info.yaml", catalog)
    build = sphinx_build(srcdir)
    assert build.warnings == [
        f"{srcdir / 'catalog-info.yaml'}:{line_of(catalog, 'description:')}: WARNING: answer markup: Unknown "
        'directive type "raw". [svcready.markup]'
    ]
    html = build.page()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_file_beside_can_be_turned_off(project: Project, sphinx_build: Run) -> None:
    srcdir = project(complete_text(), conf="svcready_backstage = False")
    write(srcdir / "catalog-info.yaml", COMPONENT.replace("team-ledger", "team-books"))
    build = sphinx_build(srcdir, "-W")
    assert (build.code, build.warnings) == (0, [])
    assert "finance" not in build.page()
    # A file the service file names is still read.
    (srcdir / "service.yaml").write_text(with_pointer(lean(), "catalog-info.yaml"), encoding="utf-8")
    named = sphinx_build(srcdir, "-W")
    assert (named.code, named.warnings) == (0, [])
    assert "<p>team-books</p>" in named.page()


def test_a_catalog_file_outside_the_source_is_refused(project: Project, sphinx_build: Run) -> None:
    text = with_pointer(complete_text(), "../catalog-info.yaml")
    srcdir = project(text)
    write(srcdir.parent / "catalog-info.yaml", AGREEING.replace("system: finance", "system: SECRET-SYSTEM"))
    build = sphinx_build(srcdir)
    assert build.warnings == [
        f"{srcdir / 'service.yaml'}:{line_of(text, 'catalog-info:')}: WARNING: service.catalog-info "
        f"'../catalog-info.yaml' is outside {srcdir}, the folder catalog files are read from (the git "
        "work tree of the docs, else the docs source), and is not read "
        "(svcready_allow_outside_srcdir = True allows it) [svcready.backstage]"
    ]
    assert "SECRET-SYSTEM" not in build.page()

    allowed = project(conf="svcready_allow_outside_srcdir = True")
    build = sphinx_build(allowed, "-E")
    assert build.warnings == []
    assert "<p>SECRET-SYSTEM</p>" in build.page()


def test_a_catalog_file_beside_that_links_outside_is_refused(project: Project, sphinx_build: Run) -> None:
    srcdir = project(complete_text())
    secret = write(
        srcdir.parent / "secret.yaml", AGREEING.replace("system: finance", "system: SECRET-SYSTEM")
    )
    (srcdir / "catalog-info.yaml").symlink_to(secret)
    build = sphinx_build(srcdir)
    assert build.warnings == [
        f"{srcdir / 'catalog-info.yaml'}:1: WARNING: is outside {srcdir}, the folder catalog files are read "
        "from (the git work tree of the docs, else the docs source), and is not read "
        "(svcready_allow_outside_srcdir = True allows it) [svcready.backstage]"
    ]
    assert "SECRET-SYSTEM" not in build.page()


def test_declared_dependencies_link_documented_services(tmp_path: Path, sphinx_build: Run) -> None:
    services = three_services()
    # gamma declares alpha in its own service file; beta's catalog declares gamma and two others.
    services["gamma"] = services["gamma"].replace(
        "  name: gamma\n", "  name: gamma\n  depends-on: [component:alpha]\n"
    )
    srcdir = make_project(tmp_path, services, ".. service-readiness-summary::\n   :dependencies:\n")
    write(
        srcdir / "beta" / "catalog-info.yaml",
        COMPONENT.replace("name: ledger", "name: beta")
        .replace("  title: Ledger\n", "")
        .replace("  description: Keeps the *books* of every team.\n", "")
        .replace("group:default/team-ledger", "group:team-books")
        .replace("component:default/billing", "component:default/gamma\n    - component:unknown"),
    )
    build = sphinx_build(srcdir)
    assert (build.code, backstage_warnings(build)) == (0, [])
    beta = build.page("beta/index.html")
    assert (
        '<p class="svcready-dependency"><a class="reference internal" href="../gamma/index.html#svcready-gamma" '
        'title="Gamma jobs"><span>Gamma jobs</span></a>, <span>unknown</span>, '
        "<span>resource:ledger-db</span></p>" in beta
    )
    assert 'href="../alpha/index.html#svcready-alpha"' in build.page("gamma/index.html")
    assert [row[9] for row in summary_rows(build.page())] == [
        "Beta ledger, Gamma jobs",
        "Gamma jobs",
        "Alpha API",
    ]
    export = json.loads((build.outdir / "svcready.json").read_text(encoding="utf-8"))
    assert [(s["name"], s["depends-on"]) for s in export["services"]] == [
        ("alpha", ["beta", "gamma"]),
        ("beta", ["gamma"]),
        ("gamma", ["alpha"]),
    ]
    assert export["services"][1]["dependencies"] == [
        "component:default/gamma",
        "component:default/unknown",
        "resource:default/ledger-db",
    ]


# -- rebuilds -----------------------------------------------------------------------------------


def test_editing_the_catalog_file_re_reads_the_page(project: Project, sphinx_build: Run) -> None:
    srcdir = project(lean())
    catalog = write(srcdir / "catalog-info.yaml", COMPONENT)
    assert "<p>finance</p>" in sphinx_build(srcdir).page()
    catalog.write_text(COMPONENT.replace("system: finance", "system: treasury"), encoding="utf-8")
    edited = sphinx_build(srcdir, quiet=False)
    assert "0 added, 1 changed, 0 removed" in edited.output
    assert "<p>treasury</p>" in edited.page()
    unchanged = sphinx_build(srcdir, quiet=False)
    assert "0 added, 0 changed, 0 removed" in unchanged.output


def test_a_catalog_file_that_appears_beside_re_reads_the_page(project: Project, sphinx_build: Run) -> None:
    srcdir = project(complete_text())
    assert "System" not in sphinx_build(srcdir).page()
    # Watching for the file does not make every build re-read the page.
    assert "0 added, 0 changed, 0 removed" in sphinx_build(srcdir, quiet=False).output
    write(srcdir / "catalog-info.yaml", AGREEING.replace("team-ledger", "team-books"))
    appeared = sphinx_build(srcdir, quiet=False)
    assert "0 added, 1 changed, 0 removed" in appeared.output
    assert "<p>finance</p>" in appeared.page()
    assert len(backstage_warnings(appeared)) == 1
    (srcdir / "catalog-info.yaml").unlink()
    gone = sphinx_build(srcdir, quiet=False)
    assert "0 added, 1 changed, 0 removed" in gone.output
    assert (gone.warnings, "finance" in gone.page()) == ([], False)


# -- the command line -------------------------------------------------------------------------


def test_check_gives_the_same_warnings_as_the_build(
    svcready: Svcready, tmp_path: Path, sphinx_build: Run, project: Project
) -> None:
    text = complete_text()
    catalog = COMPONENT.replace("team-ledger", "team-books").replace(
        "    - resource:default/ledger-db", "    - not a ref"
    )
    write(tmp_path / "ledger" / "service.yaml", text)
    write(tmp_path / "ledger" / "catalog-info.yaml", catalog)
    result = svcready("check", "ledger")
    code, out = result.code, result.out
    owner = (
        f"service.owner 'Team Ledger' differs from spec.owner 'team-books' in "
        f"catalog-info.yaml:{line_of(catalog, '  owner:')}; the value in service.yaml is used"
    )
    title = (
        f"service.title 'Ledger service' differs from metadata.title 'Ledger' in "
        f"catalog-info.yaml:{line_of(catalog, '  title:')}; the value in service.yaml is used"
    )
    summary = (
        f"service.summary 'Keeps the *books* of the platform.' differs from metadata.description "
        f"'Keeps the *books* of every team.' in catalog-info.yaml:{line_of(catalog, 'description:')}; "
        "the value in service.yaml is used"
    )
    ref = (
        "spec.dependsOn[1] is not an entity ref such as 'component:billing' or "
        "'resource:default/ledger-db'; it is not read"
    )
    assert code == 2
    assert out.splitlines() == [
        f"ledger/service.yaml:{line_of(text, '  title:')}: backstage: {title}",
        f"ledger/service.yaml:{line_of(text, '  summary:')}: backstage: {summary}",
        f"ledger/service.yaml:{line_of(text, '  owner:')}: backstage: {owner}",
        f"ledger/catalog-info.yaml:{line_of(catalog, 'not a ref')}: backstage: {ref}",
    ]
    srcdir = project(text)
    write(srcdir / "catalog-info.yaml", catalog)
    assert backstage_warnings(sphinx_build(srcdir)) == [
        f"{srcdir / 'service.yaml'}:{line_of(text, '  title:')}: WARNING: {title} [svcready.backstage]",
        f"{srcdir / 'service.yaml'}:{line_of(text, '  summary:')}: WARNING: {summary} [svcready.backstage]",
        f"{srcdir / 'service.yaml'}:{line_of(text, '  owner:')}: WARNING: {owner} [svcready.backstage]",
        f"{srcdir / 'catalog-info.yaml'}:{line_of(catalog, 'not a ref')}: WARNING: {ref} [svcready.backstage]",
    ]

    # Without the file beside, the service file stands alone and is ready.
    assert svcready("check", "--no-backstage", "ledger") == Result(0, "", "1 file checked: 1 ready\n")


def test_check_takes_required_keys_from_the_catalog_and_confines_it_on_request(
    svcready: Svcready, tmp_path: Path
) -> None:
    write(tmp_path / "docs" / "service.yaml", lean())
    write(tmp_path / "docs" / "catalog-info.yaml", COMPONENT)
    assert svcready("check", "docs") == Result(0, "", "1 file checked: 1 ready\n")
    assert svcready("check", "--no-backstage", "docs").code == 2

    text = with_pointer(lean(), "../catalog-info.yaml")
    write(tmp_path / "docs" / "service.yaml", text)
    write(tmp_path / "catalog-info.yaml", COMPONENT)
    assert svcready("check", "docs") == Result(0, "", "1 file checked: 1 ready\n")
    result = svcready("check", "--source-dir", "docs", "docs")
    code, out = result.code, result.out
    assert code == 2
    assert out.splitlines() == [
        f"docs/service.yaml:{line_of(text, 'service:')}: invalid: service: missing the required key 'owner'",
        f"docs/service.yaml:{line_of(text, 'service:')}: invalid: service: missing the required key 'lifecycle'",
        f"docs/service.yaml:{line_of(text, 'catalog-info:')}: backstage: service.catalog-info "
        "'../catalog-info.yaml' is outside docs, the folder catalog files are read from (the git "
        "work tree of the docs, else the docs source), and is not read "
        "(svcready_allow_outside_srcdir = True allows it)",
    ]


# -- Tech Insights facts ------------------------------------------------------------------------


def facts_project(tmp_path: Path) -> Path:
    """alpha (complete, its catalog entity in namespace payments), beta (2 gaps), gamma (1 gap, 1 n/a)."""
    srcdir = make_project(tmp_path, three_services())
    write(
        srcdir / "alpha" / "catalog-info.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: alpha\n"
        "  namespace: payments\nspec:\n  type: service\n  owner: team-ledger\n  lifecycle: production\n",
    )
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("svcready_export_facts = 'svcready-facts.json'\nsvcready_today = '2026-11-26'\n")
    return srcdir


def expected_item(namespace: str, name: str, **facts: Any) -> dict[str, Any]:
    return {
        "entity": {"namespace": namespace, "kind": "component", "name": name},
        "entityRef": f"component:{namespace}/{name}",
        "timestamp": "2026-11-26T00:00:00Z",
        "facts": {
            "svcready_ready": facts["ready"],
            "svcready_considerations": 19,
            "svcready_answered": facts["answered"],
            "svcready_not_applicable": facts["not_applicable"],
            "svcready_waived": 0,
            "svcready_unanswered": len(facts["unanswered"]),
            "svcready_unanswered_questions": facts["questions"],
            # Outside a git work tree no evidence probe runs.
            "svcready_verified": 0,
            "svcready_contradicted": 0,
            "svcready_contradicted_questions": [],
            "svcready_unanswered_considerations": facts["unanswered"],
        },
    }


def test_facts_file_for_a_small_portfolio(tmp_path: Path, sphinx_build: Run, svcready: Svcready) -> None:
    srcdir = facts_project(tmp_path)
    build = sphinx_build(srcdir)
    text = (build.outdir / "svcready-facts.json").read_text(encoding="utf-8")
    document = json.loads(text)
    Draft202012Validator(FACTS_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(document)
    assert (document["format"], document["version"], document["timestamp"]) == (
        "svcready-facts",
        "1.2",
        "2026-11-26T00:00:00Z",
    )
    assert document["items"] == [
        expected_item(
            "default",
            "beta",
            ready=False,
            answered=17,
            not_applicable=0,
            questions=3,
            unanswered=["metrics", "testing"],
        ),
        expected_item(
            "default",
            "gamma",
            ready=False,
            answered=17,
            not_applicable=1,
            questions=1,
            unanswered=["logging"],
        ),
        expected_item(
            "payments", "alpha", ready=True, answered=19, not_applicable=0, questions=0, unanswered=[]
        ),
    ]
    assert set(document["schema"]) == set(document["items"][0]["facts"])
    assert document["schema"]["svcready_unanswered_considerations"]["type"] == "set"
    # A rebuild writes the same bytes, and the command line prints the same document.
    assert (sphinx_build(srcdir, "-E").outdir / "svcready-facts.json").read_text(encoding="utf-8") == text
    result = svcready("check", "--format", "facts", "--today", "2026-11-26", str(srcdir))
    code, out = result.code, result.out
    assert (code, out) == (1, text)


def test_facts_are_off_by_default_and_dated_by_source_date_epoch(
    tmp_path: Path,
    sphinx_build: Run,
    svcready: Svcready,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    srcdir = make_project(tmp_path, three_services())
    build = sphinx_build(srcdir)
    assert sorted(path.name for path in build.outdir.glob("*.json")) == ["svcready.json"]
    moment = datetime.datetime(2027, 3, 1, 15, 30, tzinfo=datetime.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
    result = svcready("check", "--format", "facts", str(srcdir))
    code, out = result.code, result.out
    assert code == 1
    document = json.loads(out)
    assert document["timestamp"] == "2027-03-01T00:00:00Z"
    assert {item["timestamp"] for item in document["items"]} == {"2027-03-01T00:00:00Z"}


def test_facts_schema_is_valid_and_documents_every_property() -> None:
    Draft202012Validator.check_schema(FACTS_SCHEMA)
    assert re.search(r"/svcready-facts/1\.2/", FACTS_SCHEMA["$id"])
    assert undocumented_properties(FACTS_SCHEMA) == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["items"][0]["facts"].update(svcready_ready="yes"),
        lambda d: d["items"][0]["facts"].pop("svcready_unanswered_considerations"),
        lambda d: d["items"][0]["entity"].pop("namespace"),
        lambda d: d["items"][0].update(timestamp="2026-11-26"),
        lambda d: d.update(format="svcready-export"),
    ],
)
def test_facts_schema_rejects_a_damaged_document(
    svcready: Svcready, tmp_path: Path, damage: Callable[[dict[str, Any]], object]
) -> None:
    write(tmp_path / "service.yaml", complete_text())
    document = json.loads(svcready("check", "--format", "facts", "--today", "2026-11-26", "service.yaml").out)
    validator = Draft202012Validator(FACTS_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert validator.is_valid(document)
    damage(document)
    assert not validator.is_valid(document)


# -- entity refs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kind", "shown"),
    [
        ("group:default/team-ledger", "group", "team-ledger"),
        ("team-ledger", "group", "team-ledger"),
        ("group:payments/team-ledger", "group", "payments/team-ledger"),
        ("user:default/jane", "group", "user:jane"),
        ("Team Ledger", "group", "Team Ledger"),
        ("Resource:Default/ledger-db", "component", "resource:ledger-db"),
    ],
)
def test_entity_refs_are_shown_as_backstage_shows_them(written: str, kind: str, shown: str) -> None:
    assert short_ref(written, kind) == shown


def test_entity_refs_are_completed_with_the_default_kind_and_namespace() -> None:
    assert full_ref("billing") == "component:default/billing"
    assert full_ref("resource:ledger-db") == "resource:default/ledger-db"
    assert full_ref("Component:Payments/Billing") == "component:payments/Billing"
    assert full_ref("a:b/c/d") is None
    assert full_ref("two words") is None
