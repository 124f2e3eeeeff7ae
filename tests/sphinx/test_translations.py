"""Labels in the project's language, and the checklist translated through the gettext workflow."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from sphinx import locale

from ..conftest import REPO, Build, complete_text, replace_answer

Project = Callable[..., Path]
Run = Callable[..., Build]
LOCALE = REPO / "sphinx_svcready" / "sphinx_ext" / "locale"


@pytest.fixture(autouse=True)
def fresh_translators() -> Iterator[None]:
    """Sphinx keeps translators per process; a German build must not leak into the next test."""
    locale.translators.clear()
    yield
    locale.translators.clear()


def test_packaged_german_labels(project: Project, sphinx_build: Run) -> None:
    service = replace_answer(complete_text(), "email", "outgoing", "{not-applicable: Sends no mail.}")
    index = "Ledger\n======\n\n.. service-readiness:: service.yaml\n\n.. service-readiness-summary::\n"
    srcdir = project(service, index=index, conf='language = "de"')
    build = sphinx_build(srcdir, "-W")
    assert (build.code, build.warnings) == (0, [])
    html = build.page()
    assert "<strong>19 von 19 Themen beantwortet</strong> (1 nicht zutreffend); bereit.</p>" in html
    assert 'class="svcready-badge svcready-badge-answered classifier">beantwortet<' in html
    assert 'class="svcready-badge svcready-badge-not-applicable classifier">nicht zutreffend<' in html
    assert '<dt class="field-even">Verantwortlich<span class="colon">:</span></dt>' in html
    headings = re.findall(r"<th class=\"head\"><p>([^<]*)</p></th>", html)
    german = (
        "Dienst Verantwortlich Lebenszyklus Reifegrad Beantwortet Entfällt Ausgenommen Unbeantwortet Offen"
    )
    assert headings == german.split()


def test_checklist_translated_with_the_gettext_workflow(project: Project, sphinx_build: Run) -> None:
    srcdir = project(complete_text())
    catalogue = sphinx_build(srcdir, "-W", builder="gettext")
    assert (catalogue.code, catalogue.warnings) == (0, [])
    template = (catalogue.outdir / "index.pot").read_text(encoding="utf-8")
    question = "Who will use the service: people, other services, or both?"
    for msgid in ("Customers", question, "answered"):
        assert f'msgid "{msgid}"' in template, msgid

    translated = srcdir / "locale" / "de" / "LC_MESSAGES"
    translated.mkdir(parents=True)
    (translated / "index.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Customers"\nmsgstr "Kundschaft"\n\n'
        f'msgid "{question}"\nmsgstr "Wer nutzt den Dienst: Menschen, andere Dienste oder beide?"\n',
        encoding="utf-8",
    )
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('language = "de"\nlocale_dirs = ["locale"]\n')
    build = sphinx_build(srcdir, "-W")
    assert (build.code, build.warnings) == (0, [])
    html = build.page()
    assert re.search(r"<h2>Kundschaft<a class=\"headerlink\"", html)
    assert "Wer nutzt den Dienst: Menschen, andere Dienste oder beide?" in html
    assert "Customers" not in re.sub(r"<[^>]+>", "", html.split('id="svcready-ledger-customers"')[1][:300])


def _labels_in_code() -> set[str]:
    """Every string literal passed to ``_()`` in the package."""
    found = set()
    for path in (REPO / "sphinx_svcready").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
                argument = node.args[0]
                assert isinstance(argument, ast.Constant), f"{path.name}:{node.lineno}: not a literal"
                found.add(argument.value)
    return found


def test_catalogues_are_in_step_with_the_code() -> None:
    labels = _labels_in_code()
    with (LOCALE / "sphinx_svcready.pot").open("rb") as handle:
        assert {m.id for m in read_po(handle) if m.id} == labels, "run: python tools/catalogs.py"
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/sphinx_svcready.po")):
        with po_path.open("rb") as handle:
            po = {m.id: m.string for m in read_po(handle) if m.id}
        assert set(po) == labels, f"{po_path}: run: python tools/catalogs.py"
        assert [label for label, text in po.items() if not text] == [], f"{po_path}: untranslated"
        with po_path.with_suffix(".mo").open("rb") as handle:
            assert {m.id: m.string for m in read_mo(handle) if m.id} == po, "run: python tools/catalogs.py"
