"""Fixtures for the browser tests: example-docs built per theme, served on 127.0.0.1, and Chromium.

The tests of what a reader sees run in every look (alabaster; sphinx-rtd-theme; furo light, dark by
the system and dark by its toggle; sphinx-book-theme light and dark by its toggle) and at two
widths: 375 px, a phone, where the themes hide their sidebars, and 1,280 px, a laptop.

The tests run only when asked for by path (``pytest tests/browser``, as ``tox -e browser`` does); the
default run leaves this folder out (see ``tests/conftest.py``). They need Chromium (``/usr/bin/chromium``
or ``SVCREADY_CHROMIUM``), the ``playwright`` package to drive it, and axe-core from npm, which
``.ci/browser-deps`` installs into ``tests/browser/node_modules``. Anything missing is an error,
never a skip. Screenshots and axe reports go to ``SVCREADY_ARTEFACTS`` (default
``tests/browser/artefacts``).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Browser, Page, Playwright, ViewportSize, sync_playwright
from sphinx.config import Config
from sphinx.project import Project
from sphinx.util.tags import Tags

from ..conftest import REPO, remove_consideration, replace_answer, warning_lines

HERE = Path(__file__).parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"

#: The flags Chromium needs here: running as root, no GPU, and no traffic of its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: The widths a page is read at, in CSS pixels: a phone and a laptop.
WIDTHS = [375, 1280]
_HEIGHTS = {375: 812, 1280: 900}


def viewport(width: int) -> ViewportSize:
    return {"width": width, "height": _HEIGHTS[width]}


@dataclass(frozen=True)
class Look:
    """A theme as a reader sees it: the Sphinx theme, and light or dark."""

    name: str
    theme: str
    scheme: Literal["light", "dark"] = "light"
    #: The theme's own switch, as its toggle button stores it: "dark" forces dark whatever the
    #: system says (see CHOICES for where each theme keeps it).
    choice: str | None = None


#: Where a theme's toggle stores the reader's choice (a localStorage key), and where the page then
#: says which scheme it shows. furo keeps "theme" and sets body's data-theme; sphinx-book-theme
#: (its pydata-sphinx-theme, 0.20 under sphinx-book-theme 1.4) keeps "mode" ("light", "dark" or
#: "auto") and sets data-theme on <html> to the scheme shown, before the page is drawn.
CHOICES = {
    "furo": ("theme", "() => document.body.dataset.theme"),
    "sphinx_book_theme": ("mode", "() => document.documentElement.dataset.theme"),
}

LOOKS = [
    Look("alabaster", "alabaster"),
    Look("rtd", "sphinx_rtd_theme"),
    Look("furo-light", "furo"),
    Look("furo-dark", "furo", scheme="dark"),
    Look("furo-dark-toggle", "furo", choice="dark"),
    Look("book-light", "sphinx_book_theme"),
    Look("book-dark-toggle", "sphinx_book_theme", choice="dark"),
]
LOOK_IDS = [look.name for look in LOOKS]

#: Each theme's content column: the element that holds the page's text, without its sidebars.
#: (pydata-sphinx-theme's main element holds the page's table of contents too; its article does not.)
CONTENT = {
    "alabaster": "div.body",
    "sphinx_rtd_theme": "div.rst-content div[role='main']",
    "furo": "article#furo-main-content",
    "sphinx_book_theme": "article.bd-article",
}

#: The pages Sphinx writes from no source of example-docs: the general index (empty here) and the
#: search form. They hold neither the example's text nor the extension's markup, only what Sphinx
#: and the theme put on every site, so the page checks leave them out.
SPHINX_OWN = {"genindex.html", "search.html"}


def example_pages() -> list[str]:
    """Every page example-docs' sources become, as paths in the build's output: one per document
    Sphinx finds there, its ``exclude_patterns`` applied. Any page added to example-docs is on this
    list, and a test checks the build writes no other page (but SPHINX_OWN)."""
    source = REPO / "example-docs"
    config = Config.read(source, overrides={}, tags=Tags())
    # The suffixes the example's builders read: reStructuredText, and Markdown through myst_parser.
    documents = Project(source, [".rst", ".md"]).discover(exclude_paths=config.exclude_patterns)
    return sorted(f"{document}.html" for document in documents)


#: The considerations the "gaps" copy of example-docs leaves out or half answers, in page order.
GAPS = {"logging": "Logging", "metrics": "Metrics", "testing": "Testing"}


def _gaps(srcdir: Path) -> None:
    """Turn a copy of example-docs into one whose notifications service is not ready yet."""
    path = srcdir / "services" / "notifications" / "service.yaml"
    text = path.read_text(encoding="utf-8")
    text = remove_consideration(text, "logging")
    text = remove_consideration(text, "metrics")
    text = replace_answer(text, "testing", "end-to-end", "TODO")
    path.write_text(text, encoding="utf-8")


class Sites:
    """example-docs built on demand, once per theme and variant, under one served folder.

    ``example`` is example-docs as it is, built with ``-W``; ``gaps`` is a copy in which the
    notifications service leaves considerations unanswered, so its readiness line has links.
    """

    def __init__(self, root: Path, base_url: str) -> None:
        self.root = root
        self.base_url = base_url
        self._lock = threading.Lock()

    def url(self, theme: str, variant: str, page: str) -> str:
        self.build(theme, variant)
        return f"{self.base_url}/{theme}/{variant}/{page}"

    def build(self, theme: str, variant: str) -> Path:
        outdir = self.root / theme / variant
        with self._lock:
            if not (outdir / "index.html").is_file():
                self._build(theme, variant, outdir)
        return outdir

    def _build(self, theme: str, variant: str, outdir: Path) -> None:
        srcdir = self.root.parent / "src" / f"{theme}-{variant}"
        shutil.copytree(REPO / "example-docs", srcdir, ignore=shutil.ignore_patterns("_build"))
        strict = ["-W"] if variant == "example" else []
        if variant == "gaps":
            _gaps(srcdir)
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--keep-going", "--no-color"]
        command += [*strict, "-D", f"html_theme={theme}", "-d", str(srcdir / ".doctrees")]
        result = subprocess.run(
            [*command, str(srcdir), str(outdir)], capture_output=True, text=True, check=False
        )
        output = result.stdout + result.stderr
        if variant == "example":
            assert result.returncode == 0, f"example-docs with {theme} does not build with -W:\n{output}"
        else:
            # The gaps are unanswered questions, and they keep the service below its required level.
            expected = ("[svcready.unanswered]", "[svcready.level]")
            unanswered = [line for line in warning_lines(output) if line.endswith(expected)]
            others = [line for line in warning_lines(output) if line not in unanswered]
            assert result.returncode == 0 and unanswered and not others, output


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    root = tmp_path_factory.mktemp("browser") / "html"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="docs-server", daemon=True)
    thread.start()
    try:
        yield Sites(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def chromium_path() -> str:
    named = os.environ.get("SVCREADY_CHROMIUM")
    found = named or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found or not Path(found).is_file():
        pytest.fail(
            f"no Chromium at {named!r}"
            if named
            else "no chromium on PATH: run .ci/browser-deps "
            "(it installs Debian's chromium) or set SVCREADY_CHROMIUM",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def driver() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(driver: Playwright) -> Iterator[Browser]:
    chromium = driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed at {AXE}: run .ci/browser-deps (npm ci)", pytrace=False)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def artefacts() -> Path:
    folder = Path(os.environ.get("SVCREADY_ARTEFACTS") or HERE / "artefacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_page(browser: Browser, look: Look, width: int = 1280) -> Page:
    """A new tab in a fresh context that looks like ``look`` at ``width`` pixels: viewport, colour
    scheme, and the choice the theme's toggle would have stored."""
    context = browser.new_context(viewport=viewport(width), color_scheme=look.scheme)
    if look.choice:
        key, _ = CHOICES[look.theme]
        context.add_init_script(f"localStorage.setItem({key!r}, {look.choice!r});")
    return context.new_page()


@pytest.fixture(params=LOOKS, ids=LOOK_IDS)
def look(request: pytest.FixtureRequest) -> Look:
    chosen: Look = request.param
    return chosen


@pytest.fixture(params=WIDTHS, ids=[f"{width}px" for width in WIDTHS])
def width(request: pytest.FixtureRequest) -> int:
    chosen: int = request.param
    return chosen


@pytest.fixture
def page(browser: Browser, look: Look, width: int) -> Iterator[Page]:
    tab = open_page(browser, look, width)
    try:
        yield tab
    finally:
        tab.context.close()
