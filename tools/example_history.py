"""Make ``example-docs/history/readiness.json``, the example docs' history, from a real git history.

``python tools/example_history.py [FILE]`` makes, in a temporary folder, a git repository whose weekly
commits from August to November 2026 tell how the example services got ready: each commit adds
the answers of a few more considerations, until the files are the example docs' own, as they are
today. It then runs ``svcready history --every week`` on that repository, with the example docs'
checklist and policy, and writes what it prints (to FILE when given).
``tests/sphinx/test_trend.py`` runs it again and checks that the committed file is exactly what
it writes.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example-docs"
OUTPUT = EXAMPLE / "history" / "readiness.json"
FIRST_WEEK = datetime.date(2026, 8, 3)
WEEKS = 16
#: When each service starts, and the week by which all its considerations are answered as today.
SCHEDULE = {
    "credentials": (0, 7),
    "course-catalog": (2, 11),
    "notifications": (4, 14),
    "recommendations": (13, 15),
}
#: svcready history's flags: the example docs' checklist and policy (their conf.py).
FLAGS = [
    "--extend",
    str(EXAMPLE / "checklist" / "lumen.json"),
    "--required-level",
    "production=silver",
    "--gate",
    "production",
    "--gate",
    "deprecated",
    "--review-max-age-days",
    "180",
]


def considerations(text: str) -> list[str]:
    """The keys of the considerations the file answers, in its order."""
    body = text.split("\nconsiderations:\n", 1)[1]
    return re.findall(r"(?m)^  ([a-z][a-z0-9-]*):", body)


def without(text: str, key: str) -> str:
    """``text`` with the consideration ``key`` (its line and the lines indented under it) left out."""
    head, body = text.split("\nconsiderations:\n", 1)
    lines = body.splitlines(keepends=True)
    start = next(index for index, line in enumerate(lines) if line.startswith(f"  {key}:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith("    ") or not lines[end].strip()):
        end += 1
    return head + "\nconsiderations:\n" + "".join(lines[:start] + lines[end:])


def version(text: str, week: int, start: int, done: int, day: datetime.date) -> str:
    """The service file as it was in ``week``: the first considerations answered, in order, as
    many as the schedule says by then; no review dated after the day."""
    keys = considerations(text)
    shown = len(keys) if week >= done else round(len(keys) * (week - start + 1) / (done - start + 1))
    for key in keys[shown:]:
        text = without(text, key)
    reviewed = re.search(r'(?m)^  last-reviewed: "(\d{4}-\d{2}-\d{2})"\n', text)
    if reviewed and datetime.date.fromisoformat(reviewed.group(1)) > day:
        text = text.replace(reviewed.group(0), "")
    return text


def git(root: Path, *arguments: str, day: datetime.date | None = None) -> None:
    environment = dict(os.environ)
    if day is not None:
        environment["GIT_AUTHOR_DATE"] = environment["GIT_COMMITTER_DATE"] = (
            f"{day.isoformat()}T10:00:00+00:00"
        )
    subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "-c",
            "user.email=platform@example.com",
            "-c",
            "user.name=Platform",
            *arguments,
        ],
        check=True,
        capture_output=True,
        env=environment,
    )


def history(folder: Path) -> str:
    """The history document of a repository made in ``folder``."""
    root = folder / "lumen"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    sources = {
        name: (EXAMPLE / "services" / name / "service.yaml").read_text(encoding="utf-8") for name in SCHEDULE
    }
    for week in range(WEEKS):
        day = FIRST_WEEK + datetime.timedelta(weeks=week, days=2)
        for name, (start, done) in SCHEDULE.items():
            if week < start:
                continue
            target = root / "services" / name / "service.yaml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(version(sources[name], week, start, done, day), encoding="utf-8")
            catalog = EXAMPLE / "services" / name / "catalog-info.yaml"
            if catalog.is_file():
                shutil.copyfile(catalog, target.parent / catalog.name)
        git(root, "add", "-A")
        git(root, "commit", "-q", "--allow-empty", "-m", f"week {week + 1}: more answers", day=day)
    svcready = shutil.which("svcready") or str(Path(sys.executable).parent / "svcready")
    done = subprocess.run(
        [svcready, "history", "--every", "week", *FLAGS, "services"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def main(arguments: list[str]) -> int:
    """Write the history to the file named, else to ``OUTPUT``."""
    output = Path(arguments[0]) if arguments else OUTPUT
    with tempfile.TemporaryDirectory(prefix="svcready-example-history-") as folder:
        text = history(Path(folder))
    output.parent.mkdir(exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
