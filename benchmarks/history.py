"""Benchmark: ``svcready history`` over a repository of many commits.

Run: ``python benchmarks/history.py [--services 50] [--commits 1000]``. It makes, in a temporary
folder, a git repository of N services from the example docs' answer files, then C commits, each
editing one service (its load test answered, then left TODO again, in turn), an hour apart, and
times ``svcready history --every commit`` and ``--every week`` over it, each in its own process,
with how many points and service versions the history holds; then a docs project in the
repository whose one page draws the weekly trend from git (``:git:``): its full build, and a
rebuild with nothing changed, as a share of it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from run import EXAMPLES

START = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)


def git(root: Path, *arguments: str, when: datetime.datetime | None = None) -> None:
    environment = dict(os.environ)
    if when is not None:
        environment["GIT_AUTHOR_DATE"] = environment["GIT_COMMITTER_DATE"] = when.isoformat()
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.email=bench@example.com", "-c", "user.name=Bench", *arguments],
        check=True,
        capture_output=True,
        env=environment,
    )


def repository(root: Path, services: int, commits: int) -> None:
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    texts = {}
    for index in range(services):
        source = EXAMPLES[index % len(EXAMPLES)]
        name = f"{source.parent.name}-{index:03d}"
        text = re.sub(r"(?m)^  name: .*$", f"  name: {name}", source.read_text(encoding="utf-8"), count=1)
        folder = root / "services" / name
        folder.mkdir(parents=True)
        (folder / "service.yaml").write_text(text, encoding="utf-8")
        texts[name] = text
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "services", when=START)
    names = sorted(texts)
    for number in range(1, commits):
        name = names[number % len(names)]
        path = root / "services" / name / "service.yaml"
        text = path.read_text(encoding="utf-8")
        # Each edit makes a new version: the service's title counts its edits.
        edited = re.sub(
            r"(?m)^  title: (.*?)( \(edit \d+\))?$", rf"  title: \1 (edit {number})", text, count=1
        )
        path.write_text(edited, encoding="utf-8")
        git(root, "commit", "-q", "-a", "-m", f"edit {number}", when=START + datetime.timedelta(hours=number))


def _build(srcdir: Path, outdir: Path, *, fresh: bool) -> float:
    if fresh:
        shutil.rmtree(outdir, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(srcdir), str(outdir)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=50)
    parser.add_argument("--commits", type=int, default=1000)
    args = parser.parse_args()
    svcready = str(Path(sys.executable).parent / "svcready")
    extension = Path(__file__).parent.parent / "example-docs" / "checklist" / "lumen.json"
    with tempfile.TemporaryDirectory(prefix="svcready-history-") as folder:
        root = Path(folder) / "repo"
        started = time.perf_counter()
        repository(root, args.services, args.commits)
        made = time.perf_counter() - started
        print(
            f"{args.services} services, {args.commits} commits; made in {made:.1f} s; "
            f"Python {sys.version.split()[0]}; {os.cpu_count()} CPUs"
        )
        for every in ("commit", "week"):
            started = time.perf_counter()
            done = subprocess.run(
                [svcready, "history", "--every", every, "--extend", str(extension), "services"],
                cwd=root,
                capture_output=True,
                text=True,
                check=True,
            )
            seconds = time.perf_counter() - started
            document = json.loads(done.stdout)
            versions = sum(len(point["services"]) for point in document["points"])
            print(
                f"svcready history --every {every}: {seconds:.2f} s for {len(document['points']):,} points "
                f"({versions:,} service versions, {len(done.stdout.encode()) / 2**20:.1f} MiB of JSON)"
            )
        # The docs beside the service files, as a team would write them: a page per service, the
        # summary, and the trend drawn from git. They are not committed; the history reads git.
        docs = root
        (docs / "conf.py").write_text(
            f'extensions = ["sphinx_svcready"]\nsvcready_schema_extensions = [{str(extension)!r}]\n'
            'svcready_evidence = False\nexclude_patterns = ["_html"]\n',
            encoding="utf-8",
        )
        names = sorted(path.name for path in (root / "services").iterdir())
        for name in names:
            (root / "services" / name / "index.rst").write_text(
                f"{name}\n{'=' * len(name)}\n\n.. service-readiness::\n", encoding="utf-8"
            )
        toctree = "".join(f"   services/{name}/index\n" for name in names)
        (docs / "index.rst").write_text(
            "Services\n========\n\n.. service-readiness-summary::\n\n"
            ".. service-readiness-trend::\n   :git: services\n\n"
            f".. toctree::\n\n{toctree}",
            encoding="utf-8",
        )
        full = _build(docs, root / "_html", fresh=True)
        unchanged = _build(docs, root / "_html", fresh=False)
        print(
            f"docs build of {len(names)} service pages, the summary and the weekly trend from git: "
            f"full {full:.2f} s, "
            f"nothing changed {unchanged:.2f} s ({unchanged / full:.3f}x)"
        )


if __name__ == "__main__":
    main()
