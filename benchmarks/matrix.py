"""Benchmark: what the readiness matrix adds to a build of many services.

Run: ``python benchmarks/matrix.py [--services 1000] [--repeat 3]`` (in the bench env:
``.tox/bench/bin/python benchmarks/matrix.py``). It makes
N services from the example docs' answer files, judged by the example's checklist (the packaged
one and its organisation extension: 20 considerations), and two projects that differ only in their
index page: ``summary`` has the summary table, ``matrix`` has the summary and the matrix. It prints
a full HTML build of each, and the median of R rebuilds in which only the index page is read and
written again (its file touched), where the matrix is nearly all the difference.
Baselines are built in the same run, in separate processes, alternating, so a busy machine
shifts both alike.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from run import CONF, EXAMPLES, REPO, sphinx

#: The example docs' checklist extension, which adds the on-call consideration.
EXTENSION = REPO / "example-docs" / "checklist" / "lumen.json"


def services(count: int, root: Path) -> list[str]:
    """``count`` service pages' names, their files made from the example answer files."""
    names = []
    for index in range(count):
        source = EXAMPLES[index % len(EXAMPLES)]
        name = f"{source.parent.name}-{index:04d}"
        text = re.sub(r"(?m)^  name: .*$", f"  name: {name}", source.read_text(encoding="utf-8"), count=1)
        text = re.sub(r"(?m)^  title: (.*)$", rf"  title: \1 {index}", text, count=1)
        (root / f"{name}.yaml").write_text(text, encoding="utf-8")
        names.append(name)
    return names


def project(root: Path, kind: str, count: int) -> Path:
    srcdir = root / kind
    (srcdir / "services").mkdir(parents=True)
    (srcdir / "checklist").mkdir()
    shutil.copyfile(EXTENSION, srcdir / "checklist" / EXTENSION.name)
    conf = CONF + 'extensions = ["sphinx_svcready"]\nsvcready_schema_extensions = ["checklist/lumen.json"]\n'
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    names = services(count, srcdir / "services")
    for name in names:
        heading = f"Service {name}"
        text = f"{heading}\n{'=' * len(heading)}\n\n.. service-readiness:: {name}.yaml\n"
        (srcdir / "services" / f"{name}.rst").write_text(text, encoding="utf-8")
    matrix = ".. service-readiness-matrix::\n\n" if kind == "matrix" else ""
    toctree = "".join(f"   services/{name}\n" for name in names)
    (srcdir / "index.rst").write_text(
        f"Services\n========\n\n.. service-readiness-summary::\n\n{matrix}.. toctree::\n\n{toctree}",
        encoding="utf-8",
    )
    return srcdir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="svcready-matrix-") as folder:
        root = Path(folder)
        projects = {kind: project(root, kind, args.services) for kind in ("summary", "matrix")}
        print(f"{args.services} services; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs")
        full: dict[str, list[float]] = {kind: [] for kind in projects}
        rewrite: dict[str, list[float]] = {kind: [] for kind in projects}
        # One full build of each (several minutes at 1,000 services, and too noisy to tell a
        # second apart), then the rewrites of the index page alone, alternating, --repeat times.
        for kind, srcdir in projects.items():
            outdir = root / f"_out_{kind}"
            full[kind].append(sphinx(srcdir, outdir).seconds)
        for _ in range(args.repeat):
            for kind, srcdir in projects.items():
                (srcdir / "index.rst").touch()
                rebuilt = sphinx(srcdir, root / f"_out_{kind}", quiet=False)
                if "1 changed" not in rebuilt.output:
                    raise SystemExit(
                        f"the rebuild of {kind} read more than its index page:\n{rebuilt.output}"
                    )
                rewrite[kind].append(rebuilt.seconds)
        page = (root / "_out_matrix" / "index.html").read_text(encoding="utf-8")
        cells = page.count('class="svcready-matrix-cell ')
        print(f"matrix cells on the index page: {cells:,} ({len(page.encode()) / 2**20:.1f} MiB of HTML)")
        for label, figures in (("full HTML build", full), ("index page read and written again", rewrite)):
            summary, matrix = statistics.median(figures["summary"]), statistics.median(figures["matrix"])
            print(
                f"{label}, median of {len(figures['summary'])}: summary {summary:.2f} s, "
                f"summary and matrix {matrix:.2f} s; "
                f"the matrix adds {matrix - summary:+.2f} s ({matrix / summary:.3f}x)"
            )


if __name__ == "__main__":
    main()
