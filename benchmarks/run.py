"""Benchmark: the extension against the same pages written by hand and through datatemplates.

Run: ``python benchmarks/run.py [--services 200] [--repeat 3]`` (or ``tox -e bench``). It makes,
in a temporary folder, N services from the example docs' realistic answer files and three docs
projects with the same theme, toctree and content:

1. ``svcready``: one ``.. service-readiness::`` page per service, plus a summary page;
2. ``handwritten``: the same pages as plain reStructuredText (generated from the same data);
3. ``datatemplates``: ``sphinxcontrib-datatemplates`` rendering each YAML through a Jinja template;
4. ``floor``: the hand-written pages already parsed (their pickled doctrees put back by
   ``prebuilt.py``), which is what the build costs with no parsing at all;
5. ``handwritten-gc``: the hand-written pages with svcready's garbage-collector handling alone
   (``frozen.py``), to tell that handling's share of the lead from the extension's own.

It prints the median wall time and peak memory of full HTML builds, the ratios, the incremental
figures (nothing changed; one ``service.yaml`` edited), ``-j 2`` against serial, and
``svcready check`` against ``check-jsonschema`` over the same files. Every build runs in its own
process; figures are ratios against baselines built in the same run, so a busy machine shifts
them less than absolute times.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from handwritten import datatemplate, page
from prebuilt import FOLDER

from sphinx_svcready.core.checklist.loading import load_checklist, packaged_schema_path
from sphinx_svcready.core.evaluate import evaluate
from sphinx_svcready.core.evaluation_options import EvaluationOptions
from sphinx_svcready.core.reading.yaml_reader import load_file

REPO = Path(__file__).parent.parent
#: The example docs' finished services: the hand-written pages (handwritten.py) say "ready", as
#: theirs do, so the experimental one with open questions is left out.
EXAMPLES = sorted(
    path
    for path in (REPO / "example-docs" / "services").glob("*/service.yaml")
    if "lifecycle: experimental" not in path.read_text(encoding="utf-8")
)
#: Every project is judged as of one fixed day, so no waiver is close to its date and the pages
#: hold the same words on any day the benchmark runs.
JUDGED_ON = datetime.date(2026, 1, 1)
CONF = (
    'project = "Benchmark"\nhtml_theme = "alabaster"\nexclude_patterns = ["_build"]\n'
    f'svcready_today = "{JUDGED_ON.isoformat()}"\n'
)
# Runs one Sphinx build in this process and reports its own peak memory (ru_maxrss, KiB).
BUILD = (
    "import resource, sys; from sphinx.cmd.build import build_main; "
    "code = build_main(sys.argv[1:]); "
    "print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); "
    "sys.exit(code)"
)

# The same build with Python's own allocation tracing: the peak of live Python objects, which
# does not depend on when the garbage collector happens to run (peak RSS does).
TRACED = (
    "import tracemalloc, sys; tracemalloc.start(); from sphinx.cmd.build import build_main; "
    "code = build_main(sys.argv[1:]); "
    "print('traced', tracemalloc.get_traced_memory()[1], file=sys.stderr); "
    "sys.exit(code)"
)


@dataclass
class Build:
    seconds: float
    rss_mib: float
    output: str


def sphinx(srcdir: Path, outdir: Path, *args: str, quiet: bool = True) -> Build:
    start = time.perf_counter()
    options = ["-b", "html", "--no-color", *(["-q"] if quiet else [])]
    done = subprocess.run(
        [sys.executable, "-c", BUILD, *options, *args, str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build of {srcdir} failed:\n{done.stdout}\n{done.stderr}")
    rss = int(re.findall(r"maxrss (\d+)", done.stderr)[-1]) / 1024
    return Build(seconds, rss, done.stdout + done.stderr)


def traced_peak(srcdir: Path) -> float:
    """MiB: the peak of live Python objects during one full HTML build."""
    outdir = srcdir.parent / f"_traced_{srcdir.name}"
    shutil.rmtree(outdir, ignore_errors=True)
    done = subprocess.run(
        [sys.executable, "-c", TRACED, "-q", "-b", "html", str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"build of {srcdir} failed:\n{done.stdout}\n{done.stderr}")
    return int(re.findall(r"traced (\d+)", done.stderr)[-1]) / 2**20


def services(count: int, root: Path) -> list[tuple[str, Path]]:
    """``count`` service files made from the example answer files, each with its own name."""
    made = []
    for index in range(count):
        source = EXAMPLES[index % len(EXAMPLES)]
        name = f"{source.parent.name}-{index:04d}"
        # The example docs' own on-call consideration comes from their checklist extension; the
        # benchmark measures the packaged checklist.
        text = re.sub(r"(?ms)^  on-call:\n.*?(?=^  \S)", "", source.read_text(encoding="utf-8"))
        text = re.sub(r"(?m)^  name: .*$", f"  name: {name}", text, count=1)
        text = re.sub(r"(?m)^  title: (.*)$", rf"  title: \1 {index}", text, count=1)
        folder = root / "data" / name
        folder.mkdir(parents=True)
        (folder / "service.yaml").write_text(text, encoding="utf-8")
        made.append((name, folder / "service.yaml"))
    return made


def project(root: Path, kind: str, made: list[tuple[str, Path]]) -> Path:
    srcdir = root / kind
    srcdir.mkdir()
    extensions = {
        "svcready": ["sphinx_svcready"],
        "handwritten": [],
        "datatemplates": ["sphinxcontrib.datatemplates"],
    }
    (srcdir / "conf.py").write_text(CONF + f"extensions = {extensions[kind]!r}\n", encoding="utf-8")
    toctree = "".join(f"   services/{name}\n" for name, _ in made)
    summary = ".. service-readiness-summary::\n\n" if kind == "svcready" else ""
    (srcdir / "index.rst").write_text(
        f"Services\n========\n\n{summary}.. toctree::\n\n{toctree}", encoding="utf-8"
    )
    (srcdir / "services").mkdir()
    checklist = load_checklist()
    if kind == "datatemplates":
        (srcdir / "_templates").mkdir()
        (srcdir / "_templates" / "service.tmpl").write_text(datatemplate(checklist), encoding="utf-8")
        with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write('templates_path = ["_templates"]\n')
    for name, path in made:
        target = srcdir / "services" / f"{name}.yaml"
        shutil.copyfile(path, target)
        title = re.search(r"(?m)^  title: (.*)$", path.read_text(encoding="utf-8"))
        heading = title.group(1) if title else name
        if kind == "svcready":
            text = f"{heading}\n{'=' * len(heading)}\n\n.. service-readiness:: {name}.yaml\n"
        elif kind == "datatemplates":
            directive = f".. datatemplate:yaml:: {name}.yaml\n   :template: service.tmpl\n"
            text = f"{heading}\n{'=' * len(heading)}\n\n{directive}"
        else:
            report = evaluate(load_file(target), checklist, EvaluationOptions(today=JUDGED_ON))
            text = page(report)
        (srcdir / "services" / f"{name}.rst").write_text(text, encoding="utf-8")
    return srcdir


def floor_project(root: Path, handwritten: Path) -> Path:
    """The hand-written project with every service page replaced by its parsed doctree."""
    outdir = root / "_floor_source"
    sphinx(handwritten, outdir)
    srcdir = root / "floor"
    shutil.copytree(handwritten, srcdir)
    prebuilt = srcdir / FOLDER / "services"
    prebuilt.mkdir(parents=True)
    for source in sorted((srcdir / "services").glob("*.rst")):
        doctree = f"{source.stem}.doctree"
        shutil.copyfile(outdir / ".doctrees" / "services" / doctree, prebuilt / doctree)
        source.write_text(".. prebuilt::\n", encoding="utf-8")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            f"import sys\nsys.path.insert(0, {str(Path(__file__).parent)!r})\n"
            f'extensions = ["prebuilt"]\nexclude_patterns.append("{FOLDER}")\n'
        )
    return srcdir


def frozen_project(root: Path, handwritten: Path) -> Path:
    """The hand-written project with svcready's garbage-collector handling alone (``frozen.py``)."""
    srcdir = root / "handwritten-gc"
    shutil.copytree(handwritten, srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            f'import sys\nsys.path.insert(0, {str(Path(__file__).parent)!r})\nextensions = ["frozen"]\n'
        )
    return srcdir


def median_build(srcdir: Path, repeat: int, *args: str) -> Build:
    runs = []
    for _ in range(repeat):
        outdir = srcdir.parent / f"_out_{srcdir.name}"
        shutil.rmtree(outdir, ignore_errors=True)
        runs.append(sphinx(srcdir, outdir, *args))
    ordered = sorted(runs, key=lambda run: run.seconds)
    middle = ordered[len(ordered) // 2]
    return Build(middle.seconds, statistics.median(run.rss_mib for run in runs), middle.output)


def words(srcdir: Path) -> int:
    outdir = srcdir.parent / f"_text_{srcdir.name}"
    sphinx(srcdir, outdir, "-b", "text")
    return sum(len(path.read_text(encoding="utf-8").split()) for path in (outdir / "services").glob("*.txt"))


def reread(output: str) -> str:
    found = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", output)
    return found.group(0) if found else "?"


def incremental(srcdir: Path, made: list[tuple[str, Path]]) -> list[tuple[str, float, str]]:
    outdir = srcdir.parent / "_incremental"
    shutil.rmtree(outdir, ignore_errors=True)
    full = sphinx(srcdir, outdir)
    unchanged = sphinx(srcdir, outdir, quiet=False)
    edited = srcdir / "services" / f"{made[0][0]}.yaml"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("production", "deprecated", 1), encoding="utf-8"
    )
    one_edit = sphinx(srcdir, outdir, quiet=False)
    return [
        ("full build", full.seconds, ""),
        ("rebuild, nothing changed", unchanged.seconds, reread(unchanged.output)),
        ("rebuild, one service.yaml edited", one_edit.seconds, reread(one_edit.output)),
    ]


def check_commands(made: list[tuple[str, Path]], root: Path) -> tuple[float, float]:
    files = [str(path) for _, path in made]
    svcready = shutil.which("svcready") or str(Path(sys.executable).parent / "svcready")
    start = time.perf_counter()
    subprocess.run([svcready, "check", *files], capture_output=True, check=False)
    ours = time.perf_counter() - start
    checker = str(Path(sys.executable).parent / "check-jsonschema")
    start = time.perf_counter()
    subprocess.run(
        [checker, "--schemafile", str(packaged_schema_path()), *files], capture_output=True, check=False
    )
    theirs = time.perf_counter() - start
    return ours, theirs


def rebuild_series(sizes: list[int]) -> None:
    """How the rebuild with nothing changed grows with the number of services."""
    print("\nrebuild with nothing changed, by number of services (svcready):")
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="svcready-series-") as folder:
            root = Path(folder)
            made = services(size, root)
            srcdir = project(root, "svcready", made)
            full = sphinx(srcdir, root / "_out")
            unchanged = sphinx(srcdir, root / "_out", quiet=False)
            share = unchanged.seconds / full.seconds
            figures = f"full {full.seconds:7.2f} s, unchanged {unchanged.seconds:6.2f} s ({share:.3f}x)"
            print(f"  {size:5} services: {figures}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check-files", type=int, default=1000)
    parser.add_argument(
        "--rebuild-series",
        metavar="N,N,...",
        help="instead of the comparison, time the no-change rebuild at these numbers of services",
    )
    args = parser.parse_args()
    if args.rebuild_series:
        rebuild_series([int(size) for size in args.rebuild_series.split(",")])
        return
    with tempfile.TemporaryDirectory(prefix="svcready-bench-") as folder:
        root = Path(folder)
        made = services(args.services, root)
        projects = {kind: project(root, kind, made) for kind in ("svcready", "handwritten", "datatemplates")}
        projects["floor"] = floor_project(root, projects["handwritten"])
        projects["handwritten-gc"] = frozen_project(root, projects["handwritten"])
        print(f"{args.services} services; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs")
        print(
            "words in the text builder's service pages: "
            + ", ".join(f"{k} {words(p):,}" for k, p in projects.items())
        )
        results = {kind: median_build(path, args.repeat) for kind, path in projects.items()}
        print(f"\nfull HTML build, median of {args.repeat}:")
        for kind, result in results.items():
            print(f"  {kind:14} {result.seconds:7.2f} s  {result.rss_mib:7.1f} MiB")
        base = results["svcready"]
        for kind in ("handwritten", "datatemplates", "floor", "handwritten-gc"):
            other = results[kind]
            time_ratio, memory_ratio = base.seconds / other.seconds, base.rss_mib / other.rss_mib
            print(f"  svcready/{kind}: time {time_ratio:.2f}x, memory {memory_ratio:.2f}x")
        floor, hand = results["floor"], results["handwritten"]
        print(
            f"  floor/handwritten: time {floor.seconds / hand.seconds:.2f}x, "
            f"memory {floor.rss_mib / hand.rss_mib:.2f}x (the lowest any way of making the pages can reach)"
        )
        gc_hand = results["handwritten-gc"]
        print(
            f"  handwritten-gc/handwritten: time {gc_hand.seconds / hand.seconds:.2f}x, "
            f"memory {gc_hand.rss_mib / hand.rss_mib:.2f}x (svcready's collector handling alone, frozen.py)"
        )
        traced = {kind: traced_peak(projects[kind]) for kind in ("svcready", "handwritten")}
        print(
            f"  peak of live Python objects (tracemalloc, one build): svcready {traced['svcready']:.1f} MiB, "
            f"handwritten {traced['handwritten']:.1f} MiB "
            f"({traced['svcready'] / traced['handwritten']:.2f}x)"
        )
        print("\nincremental (svcready):")
        for label, seconds, note in incremental(projects["svcready"], made):
            print(f"  {label:34} {seconds:7.2f} s  {note}")
        parallel = median_build(projects["svcready"], args.repeat, "-j", "2")
        ratio = parallel.seconds / base.seconds
        print(f"\n-j 2: {parallel.seconds:.2f} s against serial {base.seconds:.2f} s ({ratio:.2f}x)")
        many = services(args.check_files, root / "check") if args.check_files != args.services else made
        ours, theirs = check_commands(many, root)
        print(f"\nsvcready check over {len(many)} files: {ours:.2f} s")
        print(f"check-jsonschema over the same files: {theirs:.2f} s (svcready {theirs / ours:.1f}x faster)")


if __name__ == "__main__":
    main()
