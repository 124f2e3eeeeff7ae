"""Docs CI as a new user runs it: every gap in the example service fails -W at its line."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from sphinx_svcready.core.checklist.loading import load_checklist

from ..conftest import REPO, ROOTS, Build, line_of, remove_consideration, replace_answer

# The example's on-call consideration comes from the example docs' checklist extension; these
# tests use the packaged checklist.
EXAMPLE = remove_consideration(
    (REPO / "example-docs" / "services" / "credentials" / "service.yaml").read_text(encoding="utf-8"),
    "on-call",
)
CHECKLIST = load_checklist()


def make_pages(srcdir: Path, variants: dict[str, str]) -> None:
    """One page per variant, each with its own service.yaml in its own folder."""
    shutil.copytree(ROOTS / "test-basic", srcdir)
    toctree = "".join(f"   {name}/index\n" for name in variants)
    (srcdir / "index.rst").write_text(f"Services\n========\n\n.. toctree::\n\n{toctree}", encoding="utf-8")
    for name, text in variants.items():
        (srcdir / name).mkdir()
        unique = text.replace("  name: credentials\n", f"  name: {name}\n")
        (srcdir / name / "service.yaml").write_text(unique, encoding="utf-8")
        (srcdir / name / "index.rst").write_text(
            f"{name}\n{'=' * len(name)}\n\n.. service-readiness::\n", encoding="utf-8"
        )
    (srcdir / "service.yaml").unlink()


def test_every_deleted_consideration_and_every_placeholder_fails_W_at_its_line(
    tmp_path: Path, sphinx_build: Callable[..., Build]
) -> None:
    variants: dict[str, str] = {}
    expected: dict[str, tuple[int, str]] = {}
    for consideration in CHECKLIST.considerations:
        name = f"without-{consideration.key}"
        variants[name] = remove_consideration(EXAMPLE, consideration.key)
        expected[name] = (line_of(EXAMPLE, "considerations:"), f"consideration {consideration.key} (")
        for question in consideration.questions:
            name = f"todo-{consideration.key}-{question.key}"
            text = replace_answer(EXAMPLE, consideration.key, question.key, "TODO")
            variants[name] = text
            line = line_of(text, f"    {question.key}: TODO", line_of(text, f"  {consideration.key}:"))
            expected[name] = (
                line,
                f"{consideration.key}.{question.key} is unanswered (the placeholder 'TODO'",
            )
    srcdir = tmp_path / "docs"
    make_pages(srcdir, variants)

    # Only the warnings matter here: the dummy builder reads every page and writes none.
    build = sphinx_build(srcdir, "-W", builder="dummy")

    assert build.code == 1
    assert (
        len(build.warnings) == len(variants) == 19 + sum(len(c.questions) for c in CHECKLIST.considerations)
    )
    for name, (line, start) in expected.items():
        prefix = f"{srcdir / name / 'service.yaml'}:{line}: WARNING: {start}"
        assert [w for w in build.warnings if w.startswith(prefix) and w.endswith("[svcready.unanswered]")], (
            name
        )


def test_parallel_read_gives_the_same_pages_and_warnings(
    tmp_path: Path, sphinx_build: Callable[..., Build]
) -> None:
    variants = {
        f"svc{index:02d}": EXAMPLE.replace("name: credentials", f"name: svc{index:02d}")
        # Eight pages and the index: enough for two processes to read a share each.
        for index in range(8)
    }
    variants["svc03"] = replace_answer(variants["svc03"], "metrics", "dashboard", "TBD")
    variants["svc06"] = remove_consideration(variants["svc06"], "email")
    srcdir = tmp_path / "docs"
    make_pages(srcdir, variants)
    pids = tmp_path / "pids"
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "import os\n"
            "def setup(app):\n"
            f"    app.connect('source-read', lambda app, doc, src: open({str(pids)!r}, 'a').write(f'{{os.getpid()}}\\n'))\n"
        )

    serial = sphinx_build(srcdir, builder="html", outdir=tmp_path / "serial")
    pids.unlink()
    parallel = sphinx_build(srcdir, "-j", "2", builder="html", outdir=tmp_path / "parallel")

    assert len(set(pids.read_text().split())) > 1, "the parallel build did not fork"
    assert parallel.warnings == serial.warnings
    assert len(serial.warnings) == 2
    for name in variants:
        assert parallel.page(f"{name}/index.html") == serial.page(f"{name}/index.html")
