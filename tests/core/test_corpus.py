"""A corpus of broken and hostile service.yaml files, and what a user is told about each.

Every file in ``tests/data/invalid/`` is listed in ``cases.json`` with every problem it must produce
(subtype, line and a fragment of the message) and the exit status of ``svcready check``. The same
expectations are checked three ways: the core (``load_file`` + ``evaluate``), the command line, and
one Sphinx build with a page per file. Markup problems come only from the Sphinx build, since the
core and the command line do not parse answers as reStructuredText ("sphinx_only" cases).

A case marked "xfail" in the manifest states the behaviour that is right; today's code does
something else, and the test says so with a strict xfail.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import re
import shutil
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sphinx.cmd.build import build_main

from sphinx_svcready.cli import main
from sphinx_svcready.core.checklist.loading import load_checklist
from sphinx_svcready.core.evaluate import evaluate
from sphinx_svcready.core.evaluation_options import EvaluationOptions
from sphinx_svcready.core.model import ServiceReport
from sphinx_svcready.core.reading.yaml_reader import DEFAULT_MAX_BYTES, MAX_VALUES, load_file

from ..conftest import complete_text

DATA = Path(__file__).parent.parent / "data" / "invalid"
MANIFEST: dict[str, Any] = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))
TODAY = MANIFEST["today"]
CASES: dict[str, dict[str, Any]] = {**MANIFEST["cases"], **MANIFEST["must_pass"]}
CHECKLIST = load_checklist()
MiB = 1024 * 1024
NOTES = "    notes: Answer to additional notes.\n"

#: (subtype, line, message) of one problem as the user sees it.
Found = tuple[str, int | None, str]


@dataclass(frozen=True)
class Expected:
    subtype: str
    line: int | None
    fragment: str


def service_text(name: str) -> str:
    """The complete answer file, with a service name of its own."""
    return complete_text().replace("  name: ledger\n", f"  name: {name}\n")


def over_one_mib() -> bytes:
    """The complete file padded with comment lines to just over the default size limit."""
    text = service_text("size-over-1mib")
    padding = "# " + "padding " * 12 + "\n"
    return (text + padding * ((DEFAULT_MAX_BYTES - len(text)) // len(padding) + 1)).encode()


#: Files too big to commit, written at test time.
GENERATED: dict[str, Callable[[], bytes]] = {"size-over-1mib.yaml": over_one_mib}


def evaluated(path: Path) -> ServiceReport:
    options = EvaluationOptions(today=datetime.date.fromisoformat(TODAY))
    return evaluate(load_file(path), CHECKLIST, options)


def expected(name: str, *, sphinx: bool) -> list[Expected]:
    """What ``name`` must produce: in the core and the command line, no markup problem."""
    case = CASES[name]
    if case.get("sphinx_only") and not sphinx:
        return []
    return [Expected(**problem) for problem in case["problems"]]


def cases(*, sphinx: bool) -> list[Any]:
    """Every case, with a strict xfail where the manifest has one and this kind of check sees it."""
    params = []
    for name, case in CASES.items():
        sees_it = sphinx or not case.get("sphinx_only")
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case and sees_it else []
        params.append(pytest.param(name, id=name.removesuffix(".yaml"), marks=marks))
    return params


def assert_problems(expect: list[Expected], found: list[Found]) -> None:
    """``found`` is exactly ``expect``: the same (subtype, line) pairs, each message with its fragment."""
    unexpected = list(found)
    missing = []
    for problem in expect:
        match = next(
            (f for f in unexpected if f[:2] == (problem.subtype, problem.line) and problem.fragment in f[2]),
            None,
        )
        if match is None:
            missing.append(problem)
        else:
            unexpected.remove(match)
    assert (missing, unexpected) == ([], [])


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The path of every case; generated ones are written to a temporary folder."""
    folder = tmp_path_factory.mktemp("generated")
    paths = {}
    for name in CASES:
        if name in GENERATED:
            paths[name] = folder / name
            paths[name].write_bytes(GENERATED[name]())
        else:
            paths[name] = DATA / name
    return paths


# -- the manifest ----------------------------------------------------------------------------------


def test_the_manifest_lists_every_file_once() -> None:
    committed = {path.name for path in DATA.glob("*.yaml")}
    assert committed == set(CASES) - set(GENERATED)
    assert not set(MANIFEST["cases"]) & set(MANIFEST["must_pass"])
    assert {name for name, case in CASES.items() if "generated" in case} == set(GENERATED)
    assert len(CASES) >= 32
    for name, case in MANIFEST["cases"].items():
        assert case["problems"], f"{name} must fail, so it lists its problems"
    for name, case in MANIFEST["must_pass"].items():
        assert (case["problems"], case["cli_exit"]) == ([], 0), name
    for name, case in CASES.items():
        markup = [problem["subtype"] == "markup" for problem in case["problems"]]
        assert all(markup) if case.get("sphinx_only") else not any(markup), name


# -- the core --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", cases(sphinx=False))
def test_core_reports_exactly_the_expected_problems(name: str, corpus: dict[str, Path]) -> None:
    report = evaluated(corpus[name])

    assert_problems(expected(name, sphinx=False), [(p.subtype, p.line, p.message) for p in report.problems])


# -- the command line ------------------------------------------------------------------------------

_CLI_LINE = re.compile(r"(?::(?P<line>[0-9]+))?: (?P<subtype>[a-z-]+): (?P<message>.*)")


def cli_problem(path: str, line: str) -> Found:
    """``FILE:LINE: SUBTYPE: MESSAGE`` (or ``FILE: SUBTYPE: MESSAGE``) as a problem."""
    assert line.startswith(path), line
    match = _CLI_LINE.fullmatch(line[len(path) :])
    assert match is not None, line
    return match["subtype"], int(match["line"]) if match["line"] else None, match["message"]


@pytest.mark.parametrize("name", cases(sphinx=False))
def test_svcready_check_prints_each_problem_and_exits_with_its_status(
    name: str, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(corpus[name])

    # The corpus lies in this project's work tree, whose files are not the corpus services' evidence.
    code = main(["check", "--no-evidence", "--today", TODAY, path])

    out, err = capsys.readouterr()
    assert_problems(expected(name, sphinx=False), [cli_problem(path, line) for line in out.splitlines()])
    assert code == CASES[name]["cli_exit"]
    assert err.startswith("1 file checked: ")


# -- the docs build --------------------------------------------------------------------------------

_WARNING = re.compile(
    r"(?P<path>[^:]+):(?P<line>[0-9]*): WARNING: (?P<message>.*) \[svcready\.(?P<subtype>[a-z-]+)\]",
    re.DOTALL,
)


@dataclass
class CorpusBuild:
    code: int
    output: str
    srcdir: Path
    outdir: Path

    def source(self, name: str) -> Path:
        return (self.srcdir / name.removesuffix(".yaml") / name).resolve()

    def page(self, name: str) -> Path:
        return self.outdir / name.removesuffix(".yaml") / "index.html"

    @property
    def warnings(self) -> list[str]:
        """Each warning with any lines it continues on."""
        records: list[str] = []
        for line in self.output.splitlines():
            if records and ": WARNING: " not in line and ": ERROR: " not in line:
                records[-1] += "\n" + line
            else:
                records.append(line)
        return records

    def warnings_for(self, name: str) -> list[Found]:
        found = []
        for warning in self.warnings:
            match = _WARNING.fullmatch(warning)
            if match and match["path"] == str(self.source(name)):
                line = int(match["line"]) if match["line"] else None
                found.append((match["subtype"], line, match["message"]))
        return found


@pytest.fixture(scope="module")
def corpus_build(corpus: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> CorpusBuild:
    """ONE build of a project with a page per corpus file, each reading its file beside it."""
    root = tmp_path_factory.mktemp("corpus-docs")
    srcdir, outdir = root / "docs", root / "html"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        f'extensions = ["sphinx_svcready"]\nshow_warning_types = True\nsvcready_today = "{TODAY}"\n',
        encoding="utf-8",
    )
    pages = []
    for name, path in corpus.items():
        page = name.removesuffix(".yaml")
        (srcdir / page).mkdir()
        shutil.copyfile(path, srcdir / page / name)
        (srcdir / page / "index.rst").write_text(
            f"{page}\n{'=' * len(page)}\n\n.. service-readiness:: {name}\n", encoding="utf-8"
        )
        pages.append(f"   {page}/index\n")
    (srcdir / "index.rst").write_text("Corpus\n======\n\n.. toctree::\n\n" + "".join(pages), encoding="utf-8")
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = build_main(["-b", "html", "-q", "-N", "--keep-going", str(srcdir), str(outdir)])
    return CorpusBuild(code, output.getvalue(), srcdir, outdir)


def test_the_build_finishes_with_a_page_per_file_and_no_other_warning(corpus_build: CorpusBuild) -> None:
    assert corpus_build.code == 0
    assert "Traceback" not in corpus_build.output
    assert [name for name in CASES if not corpus_build.page(name).is_file()] == []
    sources = {str(corpus_build.source(name)) for name in CASES}
    strays = [
        warning
        for warning in corpus_build.warnings
        if not (match := _WARNING.fullmatch(warning)) or match["path"] not in sources
    ]
    assert strays == []


@pytest.mark.parametrize("name", cases(sphinx=True))
def test_build_warns_exactly_the_expected_problems(name: str, corpus_build: CorpusBuild) -> None:
    assert_problems(expected(name, sphinx=True), corpus_build.warnings_for(name))


@pytest.mark.parametrize(
    "name",
    [name for name, case in CASES.items() if "html_must_contain" in case or "html_must_not_contain" in case],
)
def test_page_shows_what_it_must_and_nothing_injected(name: str, corpus_build: CorpusBuild) -> None:
    html = corpus_build.page(name).read_text(encoding="utf-8")
    case = CASES[name]

    assert [text for text in case.get("html_must_contain", []) if text not in html] == []
    assert [text for text in case.get("html_must_not_contain", []) if text in html] == []


# -- bounded work ----------------------------------------------------------------------------------


def test_hostile_inputs_are_refused_with_bounded_work(corpus: dict[str, Path], tmp_path: Path) -> None:
    """Run with ``pytest -s`` to see the time and the peak of Python allocations of each input."""
    # Just under the size limit and under the value limit: every byte is read, validated and judged.
    count = MAX_VALUES - 500
    width = (DEFAULT_MAX_BYTES - 4_000) // count - len("      - \n")
    read_in_full = tmp_path / "read-in-full.yaml"
    items = "    notes:\n" + f"      - {'x' * width}\n" * (count - 1) + "      - TODO\n"
    read_in_full.write_text(service_text("full").replace(NOTES, items), encoding="utf-8")
    # Just under the size limit, with far more values than the limit.
    too_many_values = tmp_path / "too-many-values.yaml"
    items = "    notes:\n" + "      - x\n" * ((DEFAULT_MAX_BYTES - 4_000) // 10)
    too_many_values.write_text(service_text("many").replace(NOTES, items), encoding="utf-8")
    inputs = {
        "over 1 MiB (refused by its size)": (corpus["size-over-1mib.yaml"], "yaml"),
        f"just under 1 MiB, {count:,} list items (read in full)": (read_in_full, "unanswered"),
        "just under 1 MiB, a value per line": (too_many_values, "yaml"),
        "billion laughs": (corpus["bomb-billion-laughs.yaml"], "yaml"),
        "nested 2,000 deep": (corpus["nesting-2000-deep.yaml"], "yaml"),
    }
    assert read_in_full.stat().st_size < DEFAULT_MAX_BYTES
    assert too_many_values.stat().st_size < DEFAULT_MAX_BYTES

    for label, (path, subtype) in inputs.items():
        start = time.perf_counter()
        report = evaluated(path)
        seconds = time.perf_counter() - start
        tracemalloc.start()
        try:
            evaluated(path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        print(f"\n{label}: {seconds:.3f} s, peak {peak / MiB:.1f} MiB ({path.stat().st_size:,} bytes)")

        assert [p.subtype for p in report.problems] == [subtype], label
