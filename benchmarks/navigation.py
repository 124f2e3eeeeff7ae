"""Benchmark: what the navigation costs each page, with the systems listed on the index or on shelves.

Run: ``python benchmarks/navigation.py [--sizes 1000,5000] [--sample 200]``. At each size it makes
plain pages (no extension: the cost is Sphinx's), one system per 50 services, laid out two ways:

- ``systems``: the index lists every system's page, each system's page its services;
- ``shelves``: the index lists shelves of systems, as ``svcready generate`` does past 30 groups
  (``page_groups.shelf_runs``), each shelf's page its systems.

Each project is read once, in its own process, then alabaster's sidebar navigation (the
builder's ``_get_local_toctree``, collapsed, as alabaster asks for it; the index's toctree is
``:maxdepth: 1``, as the generator writes it) is timed for ``--sample`` service pages spread over
the portfolio. It prints the time per page and the number of links each page's navigation holds.
Both layouts are measured in the same run; at a size with 30 systems or fewer they are the same.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sphinx.application import Sphinx

from sphinx_svcready.core.page_groups import shelf_runs

PER_SYSTEM = 50
LAYOUTS = ("systems", "shelves")


def page(path: Path, title: str, body: str) -> None:
    path.write_text(f"{title}\n{'=' * len(title)}\n\n{body}", encoding="utf-8")


def toctree(entries: list[str]) -> str:
    return ".. toctree::\n   :maxdepth: 1\n   :titlesonly:\n\n" + "".join(f"   {e}\n" for e in entries)


def project(root: Path, size: int, layout: str) -> None:
    """``size`` service pages (two sections each), a page per system, and the index."""
    for folder in ("services", "systems"):
        (root / folder).mkdir(parents=True)
    (root / "conf.py").write_text("html_theme = 'alabaster'\n", encoding="utf-8")
    systems: dict[str, list[str]] = {}
    for number in range(size):
        name = f"svc-{number:05d}"
        systems.setdefault(f"system-{number // PER_SYSTEM:03d}", []).append(name)
        page(root / "services" / f"{name}.rst", name, "Text.\n\nSection\n-------\n\nMore.\n")
    for system, names in systems.items():
        page(root / "systems" / f"{system}.rst", system, toctree([f"../services/{n}" for n in names]))
    top = [f"systems/{system}" for system in systems]
    runs = shelf_runs(list(systems)) if layout == "shelves" else None
    if runs:
        top = []
        for run in runs:
            shelf = f"{run[0]}--{run[-1]}"
            page(root / "systems" / f"{shelf}.rst", f"{run[0]} - {run[-1]}", toctree(run))
            top.append(f"systems/{shelf}")
    page(root / "index.rst", "Services", toctree(top))


def measure(root: Path, sample: int) -> tuple[float, float]:
    """Milliseconds per page for the sidebar navigation, and links per page."""
    app = Sphinx(str(root), str(root), str(root / "_build"), str(root / "_doctrees"), "html", status=None)
    app.builder.read()
    app.builder.prepare_writing(set(app.env.found_docs))
    services = sorted(doc for doc in app.env.found_docs if doc.startswith("services/"))
    chosen = services[:: max(1, len(services) // sample)]
    links = 0
    start = time.perf_counter()
    for docname in chosen:
        html = app.builder._get_local_toctree(docname, collapse=True, includehidden=True)
        links += len(re.findall(r"<a ", html))
    elapsed = time.perf_counter() - start
    return elapsed / len(chosen) * 1000, links / len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--one", nargs=2, metavar=("SIZE", "LAYOUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(int(args.one[0]), args.one[1], args.sample)
        return
    print(f"Python {sys.version.split()[0]}; alabaster's sidebar navigation, per service page")
    for size in (int(s) for s in args.sizes.split(",")):
        for layout in LAYOUTS:
            # A process each: Sphinx registers its nodes once per process.
            command = [sys.executable, __file__, "--one", str(size), layout, "--sample", str(args.sample)]
            subprocess.run(command, check=True)


def one(size: int, layout: str, sample: int) -> None:
    with tempfile.TemporaryDirectory(prefix="svcready-navigation-") as scratch:
        root = Path(scratch) / "project"
        project(root, size, layout)
        per_page, links = measure(root, sample)
    print(f"{size:>6} services  {layout:<8} {per_page:7.2f} ms per page, {links:5.1f} links", flush=True)


if __name__ == "__main__":
    main()
