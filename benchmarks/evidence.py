"""Benchmark: what evidence probes add to a full build, with a repository per service.

Run: ``python benchmarks/evidence.py [--services 200] [--repeat 3] [--files 40]``. It makes N
services from the example docs' answer files, each in its own repository (a folder with ``.git``,
a licence file, CODEOWNERS, package metadata and F source and settings files for the secrets
scan), documented by one page each beside its ``service.yaml``, and builds the project with the
probes (the default) and without them (``-D svcready_evidence=0``), alternating, in separate
processes. It prints the median of each and their ratio (the target: at most 1.10x), then the
incremental build after one service's licence file changes (only that page is re-read).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from run import CONF, EXAMPLES, reread, sphinx

SETTINGS = '''"""Settings read from the environment."""
import os

DATABASE_URL = os.environ["DATABASE_URL"]
QUEUE = os.environ.get("QUEUE", "default")
TIMEOUT_SECONDS = {index}
'''
MODULE = '''"""Module {index} of the service."""


def handle_{index}(request: dict) -> dict:
    """Answer one request."""
    value = request.get("value", {index})
    return {{"value": value * 2, "module": {index}}}
'''


def repository(folder: Path, text: str, files: int) -> None:
    """A small service repository around ``service.yaml``: what the packaged probes read."""
    licence = re.search(r"(?m)^    name: (.*)$", text.split("  license:", 1)[1])
    identifier = licence.group(1).strip() if licence else "MIT"
    (folder / ".git").mkdir()
    (folder / "LICENSE").write_text(f"SPDX-License-Identifier: {identifier}\n", encoding="utf-8")
    (folder / "CODEOWNERS").write_text("* @team\n", encoding="utf-8")
    (folder / "pyproject.toml").write_text(
        f'[project]\nname = "{folder.name}"\nversion = "1.0"\nlicense = "{identifier}"\n', encoding="utf-8"
    )
    source = folder / "src" / "service"
    source.mkdir(parents=True)
    (source / "settings.py").write_text(SETTINGS.format(index=files), encoding="utf-8")
    for index in range(files):
        (source / f"module_{index:03d}.py").write_text(MODULE.format(index=index), encoding="utf-8")


def project(root: Path, count: int, files: int) -> Path:
    srcdir = root / "docs"
    (srcdir / "services").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF + "extensions = ['sphinx_svcready']\n", encoding="utf-8")
    names = []
    for index in range(count):
        source = EXAMPLES[index % len(EXAMPLES)]
        name = f"{source.parent.name}-{index:04d}"
        text = re.sub(r"(?ms)^  on-call:\n.*?(?=^  \S)", "", source.read_text(encoding="utf-8"))
        text = re.sub(r"(?m)^  name: .*$", f"  name: {name}", text, count=1)
        folder = srcdir / "services" / name
        folder.mkdir()
        (folder / "service.yaml").write_text(text, encoding="utf-8")
        (folder / "index.rst").write_text(
            f"{name}\n{'=' * len(name)}\n\n.. service-readiness::\n", encoding="utf-8"
        )
        repository(folder, text, files)
        names.append(name)
    toctree = "".join(f"   services/{name}/index\n" for name in names)
    (srcdir / "index.rst").write_text(
        f"Services\n========\n\n.. service-readiness-summary::\n\n.. toctree::\n\n{toctree}", encoding="utf-8"
    )
    return srcdir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--files", type=int, default=40, help="source files per repository")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        srcdir = project(root, args.services, args.files)
        timings: dict[str, list[float]] = {"with evidence": [], "without": []}
        for _ in range(args.repeat):
            for label, extra in (("with evidence", ()), ("without", ("-D", "svcready_evidence=0"))):
                outdir = root / "_out"
                shutil.rmtree(outdir, ignore_errors=True)
                timings[label].append(sphinx(srcdir, outdir, *extra).seconds)
        with_probes = statistics.median(timings["with evidence"])
        without = statistics.median(timings["without"])
        print(f"services: {args.services}, each its own repository of {args.files + 4} files")
        print(f"full HTML build, median of {args.repeat}:")
        print(f"  with evidence {with_probes:.2f} s, without {without:.2f} s")
        print(f"with / without: {with_probes / without:.3f}x (target: at most 1.10x)")
        outdir = root / "_out"
        shutil.rmtree(outdir, ignore_errors=True)
        sphinx(srcdir, outdir)
        first = sorted((srcdir / "services").iterdir())[0]
        (first / "LICENSE").write_text("SPDX-License-Identifier: MIT\n", encoding="utf-8")
        changed = sphinx(srcdir, outdir, quiet=False)
        print(f"one licence file edited: {changed.seconds:.2f} s, {reread(changed.output)}")


if __name__ == "__main__":
    main()
