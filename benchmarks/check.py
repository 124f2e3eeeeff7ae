"""Benchmark: ``svcready check`` over many files, against ``check-jsonschema`` and a libyaml floor.

Run: ``python benchmarks/check.py [--files 1000] [--repeat 5] [--checker PATH]``. It makes N service
files from the example docs' answer files and times, each the median of R runs in its own process:

- ``check-jsonschema --schemafile`` with the packaged schema, on the same files;
- the floor: reading every file and composing it with libyaml, and nothing else (no validation, no
  evaluation), which no checker that reads YAML can beat;
- ``svcready check`` in one process and in a process per core: with no cache (``--no-cache``),
  with the cache empty (each run with a cache folder never used before), with it filled by an earlier
  run (every report is taken from it), and filled but with one file in ten changed since (those
  are judged again, the others taken from the cache), as in a pull request's CI.

It also checks that every way gives the same output, byte for byte.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from run import services

from sphinx_svcready.core.checklist.loading import packaged_schema_path

FLOOR = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as handle:\n"
    "        yaml.compose(handle, Loader=yaml.CSafeLoader)\n"
)


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, bytes]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=env)
    return time.perf_counter() - start, done.stdout


def median(
    command: list[str],
    repeat: int,
    env: dict[str, str] | None = None,
    empty_in: Path | None = None,
    before: Callable[[], None] | None = None,
) -> tuple[float, bytes]:
    runs = []
    for _ in range(repeat):
        if empty_in is not None and env is not None:
            # A folder never used, as on a first run: deleting thousands of entries just before a
            # run would time the file system's catching up, not the check.
            env = {**env, "SVCREADY_CACHE_DIR": str(empty_in / f"run-{time.monotonic_ns()}")}
        if before is not None:
            before()
        runs.append(timed(command, env))
    return statistics.median(seconds for seconds, _ in runs), runs[-1][1]


def change_some(files: list[str], every: int, run: list[int]) -> None:
    """Give one file in ``every`` new content (a comment naming the run), so it is judged again."""
    run[0] += 1
    for name in files[::every]:
        path = Path(name)
        text = path.read_text(encoding="utf-8").split("\n# run ", 1)[0]
        path.write_text(f"{text}\n# run {run[0]}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--checker", default=shutil.which("check-jsonschema") or "check-jsonschema")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="svcready-check-") as folder:
        root = Path(folder)
        files = [str(path) for _, path in services(args.files, root)]
        cache = root / "cache"
        env = {**os.environ, "SVCREADY_CACHE_DIR": str(cache)}
        svcready = [sys.executable, "-m", "sphinx_svcready", "check"]
        run = [0]
        figures: dict[str, float] = {}
        outputs: dict[str, bytes] = {}
        figures["check-jsonschema"], _ = median(
            [args.checker, "--schemafile", str(packaged_schema_path()), *files], args.repeat
        )
        figures["floor (libyaml compose)"], _ = median([sys.executable, "-c", FLOOR, *files], args.repeat)
        for jobs in sorted({1, cores}):
            label = f"svcready, -j {jobs}"
            command = [*svcready, "-j", str(jobs), *files]
            figures[f"{label}, no cache"], outputs[f"{label}, no cache"] = median(
                [*svcready, "-j", str(jobs), "--no-cache", *files], args.repeat, env
            )
            figures[f"{label}, empty cache"], outputs[f"{label}, empty cache"] = median(
                command, args.repeat, env, empty_in=root / "empty-caches"
            )
            timed(command, env)
            figures[f"{label}, filled cache"], outputs[f"{label}, filled cache"] = median(
                command, args.repeat, env
            )
            changed = f"{label}, filled, 1 in 10 changed"
            figures[changed], outputs[changed] = median(
                command, args.repeat, env, before=lambda: change_some(files, 10, run)
            )
        print(f"{args.files} files, {cores} cores, Python {sys.version.split()[0]}, median of {args.repeat}")
        floor = figures["floor (libyaml compose)"]
        theirs = figures["check-jsonschema"]
        for label, seconds in figures.items():
            ratios = (
                f"{theirs / seconds:5.1f}x faster than check-jsonschema, {seconds / floor:4.2f}x the floor"
            )
            print(f"  {label:32} {seconds:6.2f} s  {ratios}")
        same = len(set(outputs.values())) == 1
        print(f"every svcready run printed the same output: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
