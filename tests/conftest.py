"""Shared fixtures: Sphinx's own test fixtures, a complete answer file, and build helpers."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"
COMPLETE = ROOTS / "test-basic" / "service.yaml"
REPO = Path(__file__).parent.parent

# Colours and line rewrites, which Sphinx uses when it believes it writes to a terminal (CI=true).
_ESCAPES = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(scope="session", autouse=True)
def _own_validation_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every ``svcready check`` the tests run keeps its validation cache in a folder of the test
    session's, never the user's (a test may point it elsewhere with monkeypatch)."""
    before = os.environ.get("SVCREADY_CACHE_DIR")
    os.environ["SVCREADY_CACHE_DIR"] = str(tmp_path_factory.mktemp("svcready-cache"))
    yield
    if before is None:
        os.environ.pop("SVCREADY_CACHE_DIR", None)
    else:
        os.environ["SVCREADY_CACHE_DIR"] = before


def complete_text() -> str:
    """A service.yaml in which every question is answered."""
    return COMPLETE.read_text(encoding="utf-8")


def organisation_schema() -> dict[str, Any]:
    """The packaged schema plus one organisation-specific consideration, "on-call"."""
    schema: dict[str, Any] = json.loads(
        (REPO / "schemas" / "service-readiness.schema.json").read_text(encoding="utf-8")
    )
    schema["properties"]["considerations"]["properties"]["on-call"] = {
        "title": "On-call and runbook",
        "description": "Who is paged, and what they read first.",
        "type": ["object", "null"],
        "$ref": "#/$defs/consideration-markers",
        "properties": {
            "rota": {"title": "Rota", "description": "Which rota is paged?", "$ref": "#/$defs/text-answer"}
        },
        "unevaluatedProperties": False,
    }
    return schema


def named(name: str, title: str | None = None, owner: str | None = None, lifecycle: str | None = None) -> str:
    """The complete service.yaml under another name, and optionally another title, owner or lifecycle."""
    text = complete_text().replace("  name: ledger\n", f"  name: {name}\n")
    if title is not None:
        text = text.replace("  title: Ledger service\n", f"  title: {title}\n")
    if owner is not None:
        text = text.replace("  owner: Team Ledger\n", f"  owner: {owner}\n")
    if lifecycle is not None:
        text = text.replace("  lifecycle: production\n", f"  lifecycle: {lifecycle}\n")
    return text


def undocumented_properties(schema: dict[str, Any]) -> list[str]:
    """Where in a JSON Schema a property has no title or no description."""
    undocumented = []
    stack: list[tuple[str, Any]] = [("", schema)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict):
            for name, fragment in node.get("properties", {}).items():
                if not (fragment.get("title") and fragment.get("description")):
                    undocumented.append(f"{where}/{name}")
            stack.extend((f"{where}/{key}", value) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((where, value) for value in node)
    return sorted(undocumented)


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path``, making its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def summary_tables(html: str) -> list[list[list[str]]]:
    """Every summary table of a page, as the text of its cells row by row (the header row first)."""
    tables = re.findall(r'<table class="svcready-summary.*?</table>', html, re.S)
    return [
        [
            [
                re.sub(r"<[^>]+>", "", cell).strip()
                for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            ]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
        ]
        for table in tables
    ]


def summary_table(html: str) -> list[list[str]]:
    """A page's first summary table, as the text of its cells row by row (the header row first)."""
    return summary_tables(html)[0]


def summary_rows(html: str) -> list[list[str]]:
    """The body rows of a page's first summary table, as the text of their cells."""
    return summary_table(html)[1:]


def summary_names(html: str) -> list[str]:
    """The services a page's first summary table lists, in its order."""
    return [row[0] for row in summary_rows(html)]


# -- projects that several test files build ---------------------------------------------------


DISCOVERY_INDEX = "Platform\n========\n\n.. toctree::\n\n   discovered/index\n"


def monorepo(
    root: Path, count: int = 5, conf: str = 'svcready_discover = ["services/*/service.yaml"]'
) -> Path:
    """``root/docs`` discovering ``count`` complete services under ``docs/services/svcN/``."""
    docs = root / "docs"
    docs.mkdir()
    shutil.copyfile(ROOTS / "test-basic" / "conf.py", docs / "conf.py")
    with (docs / "conf.py").open("a", encoding="utf-8") as handle:
        handle.write(conf + "\n")
    (docs / "index.rst").write_text(DISCOVERY_INDEX, encoding="utf-8")
    for number in range(count):
        add(docs / "services", f"svc{number}", f"Service {number}")
    return docs


def add(folder: Path, name: str, title: str) -> Path:
    """A complete service named ``name`` at ``folder/name/service.yaml``."""
    (folder / name).mkdir(parents=True)
    path = folder / name / "service.yaml"
    path.write_text(named(name, title), encoding="utf-8")
    return path


def three_services() -> dict[str, str]:
    """alpha: complete, depends on beta and "Gamma jobs"; beta: 2 gaps; gamma: 1 gap, 1 n/a."""
    alpha = replace_answer(
        named("alpha", "Alpha API"),
        "dependencies",
        "internal",
        "\n      - beta, for balances\n      - The Gamma jobs scheduler\n      - alphabet soup (not a service)",
    )
    beta = remove_consideration(named("beta", "Beta ledger", owner="Team Books"), "metrics")
    beta = replace_answer(beta, "testing", "load-tests", "TODO")
    gamma = replace_answer(
        named("gamma", "Gamma jobs", lifecycle="development"), "logging", "standards", "TBD"
    )
    gamma = replace_answer(gamma, "email", "outgoing", "{not-applicable: Sends no mail.}")
    return {"alpha": alpha, "beta": beta, "gamma": gamma}


def make_project(
    root: Path, services: dict[str, str], summary: str = ".. service-readiness-summary::\n"
) -> Path:
    srcdir = root / "docs"
    if srcdir.exists():
        shutil.rmtree(srcdir)
    shutil.copytree(ROOTS / "test-basic", srcdir)
    (srcdir / "service.yaml").unlink()
    toctree = "".join(f"   {name}/index\n" for name in services)
    (srcdir / "index.rst").write_text(
        f"Portfolio\n=========\n\n{summary}\n.. toctree::\n\n{toctree}", encoding="utf-8"
    )
    for name, text in services.items():
        (srcdir / name).mkdir()
        (srcdir / name / "service.yaml").write_text(text, encoding="utf-8")
        (srcdir / name / "index.rst").write_text(
            f"{name}\n{'=' * len(name)}\n\n.. service-readiness::\n", encoding="utf-8"
        )
    return srcdir


def line_of(text: str, needle: str, start: int = 1) -> int:
    """The 1-based line of the first line from ``start`` on that contains ``needle``."""
    for number, line in enumerate(text.splitlines(), 1):
        if number >= start and needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def replace_answer(text: str, consideration: str, question: str, new: str) -> str:
    """``text`` with one question's answer (a one-line or a list answer) replaced by ``new``."""
    lines = text.splitlines()
    start = line_of(text, f"  {consideration}:")
    # The question's own line, at the question's indentation (not a key of the same name deeper in).
    at = next(
        number for number, line in enumerate(lines) if number >= start and line.startswith(f"    {question}:")
    )
    end = at + 1
    while end < len(lines) and lines[end].startswith("      "):
        end += 1
    lines[at:end] = [f"    {question}: {new}"]
    return "\n".join(lines) + "\n"


def remove_consideration(text: str, consideration: str) -> str:
    lines = text.splitlines()
    at = line_of(text, f"  {consideration}:") - 1
    end = at + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    del lines[at:end]
    return "\n".join(lines) + "\n"


def warning_lines(output: str) -> list[str]:
    return [line for line in _ESCAPES.sub("", output).splitlines() if "WARNING" in line or "ERROR" in line]


@dataclass
class Result:
    """What one ``svcready`` command printed and its exit status."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


Svcready = Callable[..., Result]


@pytest.fixture
def svcready(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Svcready:
    """Run ``svcready ARGS...`` in-process from ``tmp_path``, as a user in that folder would."""
    from sphinx_svcready.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    # The validation cache of the test's own, beside its folder: never the user's, never in the way.
    monkeypatch.setenv("SVCREADY_CACHE_DIR", str(tmp_path.parent / f"{tmp_path.name}-cache"))

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@dataclass
class Build:
    code: int
    output: str
    srcdir: Path
    outdir: Path

    @property
    def warnings(self) -> list[str]:
        return warning_lines(self.output)

    def page(self, name: str = "index.html") -> str:
        return (self.outdir / name).read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """Make a docs project: ``project(service_yaml, index=..., conf=...)`` -> srcdir."""

    def make(service: str | None = None, index: str | None = None, conf: str = "") -> Path:
        srcdir = tmp_path / "docs"
        if not srcdir.exists():
            shutil.copytree(ROOTS / "test-basic", srcdir)
        if service is not None:
            (srcdir / "service.yaml").write_text(service, encoding="utf-8")
        if index is not None:
            (srcdir / "index.rst").write_text(index, encoding="utf-8")
        if conf:
            with (srcdir / "conf.py").open("a", encoding="utf-8") as handle:
                handle.write(conf + "\n")
        return srcdir

    return make


@pytest.fixture
def sphinx_build(capsys: pytest.CaptureFixture[str]) -> Callable[..., Build]:
    """Run ``sphinx-build`` in-process as a user would: ``sphinx_build(srcdir, "-W", ...)``."""
    from sphinx.cmd.build import build_main

    def run(
        srcdir: Path, *args: str, builder: str = "html", outdir: Path | None = None, quiet: bool = True
    ) -> Build:
        out = outdir or srcdir.parent / f"_build_{builder}"
        capsys.readouterr()
        options = ["-b", builder, "--keep-going", "--no-color", *(["-q"] if quiet else [])]
        code = build_main([*options, *args, str(srcdir), str(out)])
        captured = capsys.readouterr()
        output = _ESCAPES.sub("", captured.out + captured.err).replace("\r\n", "\n").replace("\r", "\n")
        return Build(code, output, srcdir, out)

    return run


class _TemplateCodeCache(jinja2.BytecodeCache):
    """Compiled Jinja templates kept in memory across the builds of one test process.

    Sphinx compiles every theme template afresh for each application, which is a third of a small
    build's time; the tests build hundreds of small projects with the same themes. Jinja checks each
    entry against its template's source, so an edited template is compiled again.
    """

    def __init__(self) -> None:
        self._entries: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._entries:
            bucket.bytecode_from_string(self._entries[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._entries[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(scope="session", autouse=True)
def _reuse_compiled_templates() -> Iterator[None]:
    from sphinx.jinja2glue import BuiltinTemplateLoader

    caches: dict[tuple[str, ...], _TemplateCodeCache] = {}
    original = BuiltinTemplateLoader.init

    def init(self: BuiltinTemplateLoader, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        # Templates compile differently with the i18n extension, so each set of extensions has its own cache.
        extensions = tuple(sorted(self.environment.extensions))
        self.environment.bytecode_cache = caches.setdefault(extensions, _TemplateCodeCache())

    BuiltinTemplateLoader.init = init  # type: ignore[method-assign]
    yield
    BuiltinTemplateLoader.init = original  # type: ignore[method-assign]
