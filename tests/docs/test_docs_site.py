"""The documentation site (docs/) builds with -W, and its reference, written from the code, names
every setting, warning subtype, command, directive and consideration the package has."""

from __future__ import annotations

import html
import json
import re
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from sphinx_svcready.cli.parser import build_parser
from sphinx_svcready.core.checklist.loading import load_checklist
from sphinx_svcready.core.formats import sarif
from sphinx_svcready.core.subtypes import Subtype
from sphinx_svcready.sphinx_ext.options import OPTIONS

from ..conftest import REPO, Build

sys.path.insert(0, str(REPO / "docs" / "_ext"))
from svcready_reference import DIRECTIVES

#: Where the site is published (see docs/development.md).
SITE = "https://sphinx-svcready.readthedocs.io"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of docs/, shared by every test here, as CI builds it (-W --keep-going)."""
    from sphinx.cmd.build import build_main

    outdir = tmp_path_factory.mktemp("docs") / "html"
    code = build_main(["-W", "--keep-going", "-q", "-b", "html", str(REPO / "docs"), str(outdir)])
    assert code == 0, "docs/ must build with -W: see the warnings above"
    return outdir


def text_of(page: Path) -> str:
    """The page's text as a reader sees it: tags out, entities decoded, spaces folded."""
    body = page.read_text(encoding="utf-8").split('<article role="main"', 1)[1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_the_settings_reference_lists_every_setting_with_its_default(site: Path) -> None:
    text = text_of(site / "reference" / "settings.html")
    for option in OPTIONS:
        assert option.name in text
        assert f"Default: {option.default!r}" in text, option.name
    assert "svcready_gate Which lifecycles" in text or "svcready_gate The lifecycles" in text


def test_the_warnings_reference_lists_every_subtype(site: Path) -> None:
    text = text_of(site / "reference" / "warnings.html")
    names = re.findall(r"svcready\.([a-z-]+) ", text)
    assert [name for name in names if name in {s.value for s in Subtype}] == [s.value for s in Subtype]


def test_the_commands_reference_has_every_command_and_its_flags(site: Path) -> None:
    page = (site / "reference" / "commands.html").read_text(encoding="utf-8")
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices  # type: ignore[union-attr]
    for name in commands:
        assert f'id="ref-command-{name}"' in page
    text = text_of(site / "reference" / "commands.html")
    assert "usage: svcready check" in text and "--jobs N" in text and "--no-cache" in text


def test_every_directive_option_says_what_it_does() -> None:
    for name, directive in DIRECTIVES.items():
        spec = getattr(directive, "option_spec", None) or {}
        assert set(getattr(directive, "option_help", {})) == set(spec), name


def test_the_directives_reference_has_every_directive_and_option(site: Path) -> None:
    text = text_of(site / "reference" / "directives.html")
    for name, directive in DIRECTIVES.items():
        assert f".. {name}::" in text
        for option in getattr(directive, "option_spec", None) or {}:
            assert f":{option}:" in text
    assert ":sort: The order of the rows: name (the default), owner" in text


def test_the_checklist_reference_is_the_packaged_checklist(site: Path) -> None:
    text = text_of(site / "reference" / "checklist.html")
    checklist = load_checklist()
    for consideration in checklist.considerations:
        assert consideration.title in text
        for question in consideration.questions:
            assert question.key in text
    assert f"{len(checklist.considerations)} considerations" in text


def test_the_tutorial_and_every_guide_are_in_the_navigation(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    pages = sorted(
        str(path.relative_to(REPO / "docs").with_suffix(".html"))
        for path in (REPO / "docs").rglob("*")
        if path.suffix in {".md", ".rst"}
        and not {"_build", "examples"} & set(path.parts)  # examples/: made by discovery
        and path.name != "index.rst"
    )
    assert pages, "docs/ has pages"
    for page in pages:
        assert f'href="{page}"' in index, page


def test_the_live_examples_are_the_example_services_rendered_by_this_site(site: Path) -> None:
    live = text_of(site / "live-examples.html")
    assert '<table class="svcready-matrix' in (site / "live-examples.html").read_text(encoding="utf-8")
    for title in ("Course catalogue service", "Credentials service", "Notifications service"):
        assert title in live
    assert "The portfolio over time" in live and "Answered share" in live
    unfinished = text_of(site / "examples" / "recommendations.html")
    assert "2 of 20 considerations answered ; 18 unanswered: Sizing and resource profile" in unfinished
    assert "Readiness level: none yet ; bronze needs: Customers" in unfinished


def test_a_new_project_following_the_tutorial_fails_then_passes(
    tmp_path: Path, sphinx_build: Callable[..., Build], svcready: Callable[..., object]
) -> None:
    """The tutorial's steps, as written: init, the page, a failing build, the answers, a passing one."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text('extensions = ["sphinx_svcready"]\n', encoding="utf-8")
    (docs / "index.rst").write_text(
        "Docs\n====\n\n.. toctree::\n\n   services/payments/index\n", encoding="utf-8"
    )
    svcready("init", str(docs / "services" / "payments"))
    service = docs / "services" / "payments" / "service.yaml"
    (service.parent / "index.rst").write_text(
        "Payments API\n============\n\n.. service-readiness::\n", encoding="utf-8"
    )
    failing = sphinx_build(docs, "-W")
    assert failing.code != 0
    assert (
        f"{service}:14: WARNING: service.summary is unanswered (the placeholder 'TODO' is not an answer)"
        in (failing.output)
    )
    yes_no = {q.key for c in load_checklist().considerations for q in c.questions if q.yes_no}
    text = re.sub(
        rf"^(    (?:{'|'.join(yes_no)})): TODO$", r"\1: true", service.read_text(encoding="utf-8"), flags=re.M
    )
    filled = re.sub(r"\bTODO\b", "Answered for the tutorial.", text)
    service.write_text(filled, encoding="utf-8")
    passing = sphinx_build(docs, "-W", outdir=tmp_path / "passing")
    assert (passing.code, passing.warnings) == (0, [])


def test_the_site_publishes_every_schema_at_the_address_its_id_names(site: Path) -> None:
    schemas = sorted((REPO / "sphinx_svcready" / "schemas").glob("*.schema.json"))
    assert len(schemas) == 5
    for schema in schemas:
        identifier = json.loads(schema.read_bytes())["$id"]
        assert identifier.startswith(f"{SITE}/schemas/"), identifier
        published = site / identifier.removeprefix(f"{SITE}/")
        assert published.read_bytes() == schema.read_bytes(), identifier


def test_every_help_link_the_sarif_output_gives_is_a_heading_of_the_warnings_reference(site: Path) -> None:
    # Read the Docs serves the default version under /en/latest/.
    prefix = f"{SITE}/en/latest/"
    for subtype in Subtype:
        address = sarif._help_uri(subtype)
        assert address.startswith(prefix), address
        page, anchor = address.removeprefix(prefix).split("#")
        assert f'id="{anchor}"' in (site / page).read_text(encoding="utf-8"), address


def test_read_the_docs_builds_this_site_with_extras_the_package_has() -> None:
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["sphinx"] == {"configuration": "docs/conf.py", "fail_on_warning": True}
    [install] = config["python"]["install"]
    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert install["path"] == "." and set(install["extra_requirements"]) <= set(extras)
    # What the site's own build needs beyond Sphinx: its theme and its Markdown parser.
    assert {"furo", "myst-parser"} <= {re.split(r"[<>=\[]", requirement)[0] for requirement in extras["docs"]}
