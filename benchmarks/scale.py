"""Benchmark at scale: thousands of services, the extension against the same pages written by hand.

Run: ``python benchmarks/scale.py [--sizes 1000,2000,5000] [--flat-at 1000] [--filtered-at 1000]
[--profile]`` (or ``tox -e bench -- ...`` with ``scale.py``). At each size it makes N services from
the example docs' answer files, one system per 50 services, and two projects laid out the scalable
way, as ``svcready generate`` lays them out: the index lists one page per system (past 30
systems, one page per shelf of systems, each listing its run of them) and each system's page its
services, so that the navigation a theme renders on every page stays small.

- ``svcready``: one ``.. service-readiness::`` page per service, the summary on the index;
- ``handwritten``: the same pages as plain reStructuredText, in the same navigation.

It prints, at each size: the full HTML build of each (time, peak memory, ``environment.pickle``),
the ratio, the time per service, the extension's own time per service part by part
(``own_time.py``), the rebuild with nothing changed (with the count of warnings, which must be the
full build's), the rebuild after one ``service.yaml`` is edited, ``-j 2`` against serial, and the
pickle's size over ten repeated no-change ``-j 2`` builds. At ``--flat-at`` both projects are
built once more with every service in one toctree (the theme's default navigation), to show the
difference; at ``--filtered-at`` the svcready project is built once more with 20 filtered summaries
and a matrix of every service on its index. ``--profile`` profiles the svcready build at the
largest size and prints the top entries (``--profile-at N``: that alone, at N services, keeping
the statistics in ``profile-N.out``); ``--handled-at N`` builds, once each, svcready, the
hand-written pages, and the hand-written pages given what svcready does for the whole build
(``frozen.py``, ``stems.py``), to tell the directive's share of the lead from that.
``--full-only`` stops each size after the two full builds and the own time; ``--rebuilds-only``
builds the svcready project once and goes straight to the rebuilds, ``-j 2`` and the pickle (the
full builds measured by an earlier run). Every build
runs in its own process, and every figure is against a baseline built in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from run import BUILD, Build, project, reread, services

from sphinx_svcready.core.page_groups import shelf_runs

HERE = Path(__file__).parent
#: Services per system: a system of a real portfolio holds tens of services, not thousands.
PER_SYSTEM = 50
#: One service in this many leaves a question open, so the builds warn and the rebuild must too.
GAP_EVERY = 100


def build(
    srcdir: Path, outdir: Path, *args: str, own: bool = False, fresh: bool = True
) -> tuple[Build, dict]:
    """One HTML build in its own process; with ``own``, the extension's time part by part."""
    if fresh:
        shutil.rmtree(outdir, ignore_errors=True)
    runner = [str(HERE / "own_time.py")] if own else ["-c", BUILD]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *runner, "-b", "html", "--no-color", *args, str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build of {srcdir} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    rss = int(re.findall(r"maxrss (\d+)", done.stderr)[-1]) / 1024
    parts = json.loads(re.findall(r"^own (.*)$", done.stderr, re.M)[-1]) if own else {}
    return Build(seconds, rss, done.stdout + done.stderr), parts


def pickle_mib(outdir: Path) -> float:
    return (outdir / ".doctrees" / "environment.pickle").stat().st_size / 2**20


def warnings(output: str) -> int:
    return len(re.findall(r"WARNING:", output))


def make_services(count: int, root: Path) -> list[tuple[str, Path]]:
    """``count`` services, each in a system of 50, one in 100 with a question left open."""
    made = services(count, root)
    for index, (_name, path) in enumerate(made):
        text = path.read_text(encoding="utf-8")
        text = re.sub(
            r"(?m)^(  owner: .*)$", rf"\1\n  system: system-{index // PER_SYSTEM:03d}", text, count=1
        )
        if index % GAP_EVERY == GAP_EVERY - 1:
            text = re.sub(r"(?m)^(  license:\n    included: true\n    name:).*$", r"\1 TODO", text, count=1)
        path.write_text(text, encoding="utf-8")
    return made


def handled(handwritten: Path) -> Path:
    """The hand-written project given what svcready does for the whole build, alone: the collector
    handling (``frozen.py``) and one memo of stems for the search index (``stems.py``)."""
    srcdir = handwritten.parent / "handwritten-handled"
    shutil.copytree(handwritten, srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"import sys\nsys.path.insert(0, {str(HERE)!r})\nextensions = ['frozen', 'stems']\n")
    return srcdir


def compared(size: int, root: Path) -> None:
    """svcready, hand-written, and hand-written with svcready's build-wide handling, one build each."""
    made = make_services(size, root / "data-root")
    home = root / "grouped"
    home.mkdir()
    projects = {}
    for kind in ("svcready", "handwritten"):
        projects[kind] = project(home, kind, made)
        grouped(projects[kind], kind, made)
    projects["handwritten-handled"] = handled(projects["handwritten"])
    print(f"== {size} services, one build each")
    seconds = {}
    for kind, srcdir in projects.items():
        result, _ = build(srcdir, root / f"_out_{kind}")
        seconds[kind] = result.seconds
        print(f"full build  {kind:19} {result.seconds:7.2f} s {result.rss_mib:6.1f} MiB")
    print(
        f"svcready / hand-written {seconds['svcready'] / seconds['handwritten']:.2f}x; "
        f"/ hand-written with the same handling {seconds['svcready'] / seconds['handwritten-handled']:.2f}x"
    )


def grouped(srcdir: Path, kind: str, made: list[tuple[str, Path]], index_extra: str = "") -> None:
    """Lay ``srcdir`` (made by run.project) out the scalable way, as ``svcready generate`` does:
    index, a page per system (on shelves past 30 systems), services."""
    systems: dict[str, list[str]] = {}
    for index, (name, _path) in enumerate(made):
        systems.setdefault(f"system-{index // PER_SYSTEM:03d}", []).append(name)
    (srcdir / "systems").mkdir()
    for system, names in systems.items():
        _page(srcdir / "systems" / f"{system}.rst", system, [f"../services/{name}" for name in names])
    top = [f"systems/{system}" for system in systems]
    runs = shelf_runs(list(systems))
    for run in runs or []:
        shelf = f"{run[0]}--{run[-1]}"
        _page(srcdir / "systems" / f"{shelf}.rst", f"{run[0]} - {run[-1]}", run)
    if runs:
        top = [f"systems/{run[0]}--{run[-1]}" for run in runs]
    summary = ".. service-readiness-summary::\n\n" if kind == "svcready" else ""
    toctree = "".join(f"   {entry}\n" for entry in top)
    (srcdir / "index.rst").write_text(
        f"Services\n========\n\n{summary}{index_extra}"
        f".. toctree::\n   :maxdepth: 1\n   :titlesonly:\n\n{toctree}",
        encoding="utf-8",
    )


def _page(path: Path, title: str, entries: list[str]) -> None:
    lines = "".join(f"   {entry}\n" for entry in entries)
    text = f"{title}\n{'=' * len(title)}\n\n.. toctree::\n   :maxdepth: 1\n   :titlesonly:\n\n{lines}"
    path.write_text(text, encoding="utf-8")


def filtered_summaries(made: list[tuple[str, Path]]) -> str:
    """20 filtered summaries (by system, lifecycle, tier, owner) and a matrix of every service."""
    lines = []
    for number in range(16):
        lines.append(f".. service-readiness-summary::\n   :system: system-{number:03d}\n")
    lines.append(".. service-readiness-summary::\n   :lifecycle: production\n   :tier: 1\n")
    lines.append(".. service-readiness-summary::\n   :tier: 2\n")
    owners = sorted(
        {re.search(r"(?m)^  owner: (.*)$", p.read_text(encoding="utf-8")).group(1) for _, p in made}
    )
    for owner in owners[:2]:
        lines.append(f".. service-readiness-summary::\n   :owner: {owner}\n")
    lines.append(".. service-readiness-matrix::\n")
    return "\n".join(lines[:20] + lines[-1:]) + "\n"


def edit_one(srcdir: Path, made: list[tuple[str, Path]]) -> None:
    edited = srcdir / "services" / f"{made[0][0]}.yaml"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("production", "deprecated", 1), encoding="utf-8"
    )


def at_size(
    size: int,
    root: Path,
    *,
    flat: bool,
    filtered: bool,
    profile: bool,
    full_only: bool = False,
    rebuilds_only: bool = False,
) -> None:
    made = make_services(size, root / "data-root")
    projects = {}
    for kind in ("svcready", "handwritten"):
        home = root / "grouped"
        home.mkdir(exist_ok=True)
        projects[kind] = project(home, kind, made)
        grouped(projects[kind], kind, made)
    python = sys.version.split()[0]
    print(f"\n== {size} services ({size // PER_SYSTEM} systems), Python {python}, {os.cpu_count()} CPUs")
    if rebuilds_only:
        ours, _ = build(projects["svcready"], root / "_out_svcready")
        print(f"full build  svcready    {ours.seconds:7.2f} s {ours.rss_mib:6.1f} MiB")
        rebuilds(projects["svcready"], made, root, ours, root / "_out_svcready")
        return
    ours, parts = build(projects["svcready"], root / "_out_svcready", own=True)
    theirs, _ = build(projects["handwritten"], root / "_out_handwritten")
    ours_pickle, theirs_pickle = pickle_mib(root / "_out_svcready"), pickle_mib(root / "_out_handwritten")
    for label, result, mib in (("svcready", ours, ours_pickle), ("handwritten", theirs, theirs_pickle)):
        figures = f"{result.seconds:7.2f} s {result.rss_mib:6.1f} MiB, pickle {mib:.1f} MiB"
        print(f"full build  {label:11} {figures}")
    print(
        f"ratio             time {ours.seconds / theirs.seconds:.2f}x, "
        f"memory {ours.rss_mib / theirs.rss_mib:.2f}x; per service svcready "
        f"{1000 * ours.seconds / size:.1f} ms, handwritten {1000 * theirs.seconds / size:.1f} ms"
    )
    own = sum(seconds for part, (seconds, _calls) in parts.items() if part != "evidence")
    print(f"own time          {own:.2f} s, {1000 * own / size:.2f} ms per service:")
    for part, (seconds, calls) in parts.items():
        print(f"  {part:36} {1000 * seconds / size:7.3f} ms per service ({calls} calls, {seconds:.2f} s)")
    if full_only:
        return
    rebuilds(projects["svcready"], made, root, ours)
    if flat:
        for kind in ("svcready", "handwritten"):
            home = root / "flat"
            home.mkdir(exist_ok=True)
            srcdir = project(home, kind, made)
            result, _ = build(srcdir, root / f"_out_flat_{kind}")
            per = 1000 * result.seconds / size
            print(f"flat navigation   {kind:11} {result.seconds:8.2f} s ({per:.1f} ms per service)")
    if filtered:
        home = root / "filtered"
        home.mkdir()
        srcdir = project(home, "svcready", made)
        grouped(srcdir, "svcready", made, filtered_summaries(made))
        result, parts = build(srcdir, root / "_out_filtered", own=True)
        summary_matrix = parts["summary"][0] + parts["matrix"][0]
        print(
            f"20 filtered summaries and a matrix: {result.seconds:.2f} s against {ours.seconds:.2f} s "
            f"({result.seconds / ours.seconds - 1:+.1%}); "
            f"summaries and matrix built in {summary_matrix:.2f} s"
        )
    if profile:
        profiled(projects["svcready"], root / "_out_profile", root / "profile.out")


def rebuilds(
    srcdir: Path, made: list[tuple[str, Path]], root: Path, ours: Build, built: Path | None = None
) -> None:
    """The no-change rebuild, one file edited, ``-j 2`` and the pickle over ten ``-j 2`` builds,
    each against ``ours``, the full serial build of ``srcdir`` (made plainly in ``built``, which the
    rebuilds then reuse, or with its own time measured, so built once more)."""
    full_warnings = warnings(ours.output)
    outdir = built or root / "_out_incremental"
    if built is None:
        build(srcdir, outdir)
    unchanged, _ = build(srcdir, outdir, fresh=False)
    print(
        f"no-change rebuild {unchanged.seconds:8.2f} s "
        f"({unchanged.seconds / ours.seconds:.3f}x of the full build), "
        f"{warnings(unchanged.output)} warnings (full build: {full_warnings}); {reread(unchanged.output)}"
    )
    edit_one(srcdir, made)
    edited, _ = build(srcdir, outdir, fresh=False)
    print(f"one file edited   {edited.seconds:8.2f} s; {reread(edited.output)}")
    parallel, _ = build(srcdir, root / "_out_parallel", "-j", "2")
    print(f"-j 2              {parallel.seconds:8.2f} s ({parallel.seconds / ours.seconds:.2f}x of serial)")
    sizes = [pickle_mib(root / "_out_parallel")]
    for _ in range(10):
        build(srcdir, root / "_out_parallel", "-j", "2", fresh=False)
        sizes.append(pickle_mib(root / "_out_parallel"))
    print("pickle over 10 no-change -j 2 builds: " + ", ".join(f"{mib:.2f}" for mib in sizes) + " MiB")


#: Each theme's sidebars without its navigation tree, for a portfolio too large to list on every page.
NO_NAVIGATION = {
    "alabaster": ["about.html", "relations.html", "searchbox.html"],
    "furo": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/scroll-end.html",
    ],
}


def navigation(size: int, root: Path, theme: str) -> None:
    """The svcready project in one theme four ways: one flat toctree (the theme's navigation as it
    comes), grouped by system, grouped with the navigation drawn collapsed
    (``svcready_collapse_navigation``), and grouped with the theme's navigation tree left out of
    the sidebar."""
    made = make_services(size, root / "data-root")
    print(f"\n== navigation, {size} services, theme {theme}")
    for layout in ("flat", "grouped", "grouped, collapsed", "grouped, no navigation sidebar"):
        home = root / layout.replace(" ", "_").replace(",", "")
        home.mkdir()
        srcdir = project(home, "svcready", made)
        if layout != "flat":
            grouped(srcdir, "svcready", made)
        with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(f"html_theme = {theme!r}\n")
            if "collapsed" in layout:
                conf.write("svcready_collapse_navigation = True\n")
            if "no navigation" in layout:
                conf.write(f"html_sidebars = {{'**': {NO_NAVIGATION[theme]!r}}}\n")
        result, _ = build(srcdir, home / "_out")
        per = 1000 * result.seconds / size
        print(f"  {layout:32} {result.seconds:8.2f} s ({per:.1f} ms per service), {result.rss_mib:.0f} MiB")


def profiled(srcdir: Path, outdir: Path, stats: Path) -> None:
    shutil.rmtree(outdir, ignore_errors=True)
    code = (
        "import cProfile, sys; from sphinx.cmd.build import build_main; "
        f"cProfile.run('build_main(sys.argv[1:])', {str(stats)!r})"
    )
    subprocess.run([sys.executable, "-c", code, "-q", "-b", "html", str(srcdir), str(outdir)], check=True)
    print("\nprofile of the svcready build, top 25 by cumulative time:")
    pstats.Stats(str(stats)).sort_stats("cumulative").print_stats(25)
    print("top 25 by own time:")
    pstats.Stats(str(stats)).sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,5000")
    parser.add_argument(
        "--flat-at", type=int, default=1000, help="also build with flat navigation at this size"
    )
    parser.add_argument(
        "--filtered-at", type=int, default=1000, help="also build 20 filtered summaries at this size"
    )
    parser.add_argument(
        "--profile", action="store_true", help="profile the svcready build at the largest size"
    )
    parser.add_argument("--navigation-at", type=int, help="instead, build four layouts at this size")
    parser.add_argument(
        "--handled-at", type=int, help="instead, svcready against hand-written with and without its handling"
    )
    parser.add_argument("--profile-at", type=int, help="instead, profile the svcready build at this size")
    parser.add_argument(
        "--full-only", action="store_true", help="at each size, only the two full builds and the own time"
    )
    parser.add_argument(
        "--rebuilds-only",
        action="store_true",
        help="at each size, one svcready build, then the rebuilds, -j 2 and the pickle",
    )
    parser.add_argument(
        "--theme", default="alabaster", choices=sorted(NO_NAVIGATION), help="with --navigation-at"
    )
    args = parser.parse_args()
    if args.navigation_at:
        with tempfile.TemporaryDirectory(prefix="svcready-navigation-") as folder:
            navigation(args.navigation_at, Path(folder), args.theme)
        return
    if args.handled_at:
        with tempfile.TemporaryDirectory(prefix="svcready-handled-") as folder:
            compared(args.handled_at, Path(folder))
        return
    if args.profile_at:
        with tempfile.TemporaryDirectory(prefix="svcready-profile-") as folder:
            root = Path(folder)
            made = make_services(args.profile_at, root / "data-root")
            (root / "grouped").mkdir()
            srcdir = project(root / "grouped", "svcready", made)
            grouped(srcdir, "svcready", made)
            print(f"== {args.profile_at} services, the svcready build under cProfile")
            profiled(srcdir, root / "_out_profile", Path(f"profile-{args.profile_at}.out").resolve())
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="svcready-scale-") as folder:
            at_size(
                size,
                Path(folder),
                flat=size == args.flat_at,
                filtered=size == args.filtered_at,
                profile=args.profile and size == max(sizes),
                full_only=args.full_only,
                rebuilds_only=args.rebuilds_only,
            )


if __name__ == "__main__":
    main()
