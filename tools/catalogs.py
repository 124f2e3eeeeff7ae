"""Keep the extension's message catalogues in step with the labels in its code.

``python tools/catalogs.py`` extracts every ``_("...")`` label from ``sphinx_svcready/**/*.py`` into
``sphinx_svcready/sphinx_ext/locale/sphinx_svcready.pot``, merges it into each language's ``.po`` (new labels
arrive untranslated, labels gone from the code are dropped) and compiles each ``.po`` to the
``.mo`` that Sphinx reads. Translators edit only the ``.po`` files. ``tests/sphinx/test_translations.py``
fails while a catalogue is out of step.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sphinx_svcready"
LOCALE = PACKAGE / "sphinx_ext" / "locale"
DOMAIN = "sphinx_svcready"
TEAM = "sphinx-svcready contributors"


def extract() -> Catalog:
    """Every label the code passes to ``_()``, with where it is used."""
    version = re.search(r'__version__ = "([^"]+)"', (PACKAGE / "_version.py").read_text(encoding="utf-8"))
    template = Catalog(
        project="sphinx-svcready",
        version=version.group(1) if version else None,
        domain=DOMAIN,
        msgid_bugs_address=TEAM,
        copyright_holder=TEAM,
        last_translator=TEAM,
        language_team=TEAM,
        header_comment="# The labels sphinx-svcready writes into pages (MIT licence, like the package).",
        fuzzy=False,
    )
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, message, _comments, _context in extract_from_file("python", path, keywords={"_": None}):
            template.add(message, locations=[(path.relative_to(ROOT).as_posix(), line)])
    return template


def translations() -> list[Path]:
    """The ``.po`` file of every language the package is translated into."""
    return sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def main() -> int:
    template = extract()
    with (LOCALE / f"{DOMAIN}.pot").open("wb") as handle:
        write_po(handle, template, width=100, include_lineno=False)
    for po_path in translations():
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parent.parent.name, domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.project, catalog.version = template.project, template.version
        catalog.msgid_bugs_address = catalog.last_translator = catalog.language_team = TEAM
        catalog.revision_date = catalog.creation_date
        catalog.obsolete.clear()
        with po_path.open("wb") as handle:
            write_po(handle, catalog, width=100, include_lineno=False)
        with po_path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)
        missing = [message.id for message in catalog if message.id and not message.string]
        for label in missing:
            print(f"{po_path.relative_to(ROOT)}: untranslated: {label!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
