"""Readiness over time: the service files' past versions from git, each judged by today's pipeline
as of its own day, sampled per commit, day or week, as a history document.

The files are followed through the first-parent history of the branch (git_history.py); at each
point, every service file as it then was is judged with the settings given, evidence probes
excepted (they would need the whole repository as it was), against today's checklist or the one
the point's commit held (history_checklist.py). A version is judged once: the same
bytes (and the same catalog file beside them) give the same judgment, unless the file holds a
date (a waiver's, a review's), whose judgment depends on the day it is judged as of. The
document's shape is ``schemas/svcready-history.schema.json``.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from sphinx_svcready._version import __version__
from sphinx_svcready.core.checklist.loading import Checklist
from sphinx_svcready.core.export import checklist_identity, service_record
from sphinx_svcready.core.history_checklist import ChecklistThen
from sphinx_svcready.core.model import AnswerState
from sphinx_svcready.core.pipeline import judge
from sphinx_svcready.core.reading.backstage import CATALOG_FILENAME
from sphinx_svcready.core.reading.git_history import Blobs, Commit, commits, depth
from sphinx_svcready.core.settings import Settings

HISTORY_FORMAT = "svcready-history"
HISTORY_VERSION = "1.0"
EVERY = ("commit", "day", "week")
#: Which checklist each point is judged against: today's, or the one its commit held.
CHECKLIST_FROM = ("now", "then")
SERVICE_FILENAMES = ("service.yaml", "service.yml")

#: A file holding one of these is judged again for each day: its waivers and reviews age.
_DATED = re.compile(rb"\d{4}-\d{2}-\d{2}")


class ShallowHistory(Exception):
    """The clone is shallow, so its history would start later than the repository's."""


@dataclass(frozen=True)
class Point:
    """One moment of the history: its label, the commit, and the day its files are judged as of."""

    label: str
    commit: str
    day: datetime.date
    #: ``{path: blob}`` of every matched file after the commit.
    files: dict[str, str]


def pathspecs(paths: Sequence[str]) -> list[str]:
    """git pathspecs for the service files, and the catalog files beside them, under each path
    (relative to the repository's root): a service file itself, or a folder searched."""
    specs = []
    for path in paths:
        base = PurePosixPath(path.strip("/") or ".")
        if base.name in SERVICE_FILENAMES:
            specs += [f":(literal){base}", f":(literal){base.parent / CATALOG_FILENAME}"]
            continue
        prefix = "" if str(base) == "." else f"{base}/"
        # "**/" matches no folder too, so the folder's own service file is in.
        specs += [f":(glob){prefix}**/{name}" for name in (*SERVICE_FILENAMES, CATALOG_FILENAME)]
    return specs


def points(
    history: Sequence[Commit],
    every: str,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> list[Point]:
    """The state of the files after each commit, sampled: every commit, or the last of each day
    or (ISO, Monday-first) week, labelled by the day or the week's Monday; only within
    ``since``..``until`` (inclusive), though the state carries what came before."""
    if every not in EVERY:
        raise ValueError(f"every must be one of {', '.join(EVERY)}, not {every!r}")
    state: dict[str, str] = {}
    sampled: dict[str, Point] = {}
    for commit in history:
        for path, blob in commit.changes.items():
            if blob is None:
                state.pop(path, None)
            else:
                state[path] = blob
        day = commit.when.date()
        if (since and day < since) or (until and day > until):
            continue
        if every == "commit":
            label = commit.when.strftime("%Y-%m-%dT%H:%M:%SZ")
        elif every == "day":
            label = day.isoformat()
        else:
            label = (day - datetime.timedelta(days=day.weekday())).isoformat()
        # A later commit of the same day or week replaces the earlier: the point is its last state.
        key = label + (commit.sha if every == "commit" else "")
        sampled[key] = Point(label, commit.sha, day, dict(state))
    return list(sampled.values())


class Judge:
    """Judges versions of service files, each once per distinct content (and day, when dated)."""

    def __init__(self, blobs: Blobs, settings: Settings, folder: Path) -> None:
        # Evidence probes would read today's repository, not the one of the version judged.
        self._settings = dataclasses.replace(settings, evidence=False)
        self._blobs = blobs
        self._folder = folder
        self._judged: dict[tuple[str, str | None, datetime.date | None, int], dict[str, Any] | None] = {}
        self._bytes: dict[str, bytes | None] = {}
        self.judgments = 0

    def service(
        self, path: str, files: dict[str, str], day: datetime.date, checklist: Checklist
    ) -> dict[str, Any] | None:
        """The history's record of the service file at ``path`` as ``files`` hold it, judged as of
        ``day`` against ``checklist``; ``None`` when its version cannot be read (over the limit)."""
        blob = files[path]
        catalog_path = str(PurePosixPath(path).parent / CATALOG_FILENAME)
        catalog = files.get(catalog_path)
        content = self._content(blob)
        if content is None:
            return None
        dated = day if _DATED.search(content) else None
        key = (blob, catalog, dated, id(checklist))
        if key not in self._judged:
            self._judged[key] = self._judge(path, content, catalog_path, catalog, day, checklist)
        return self._judged[key]

    def content(self, blob: str) -> bytes | None:
        """The bytes of ``blob`` (``None`` over the size limit), read once."""
        return self._content(blob)

    def _content(self, blob: str) -> bytes | None:
        if blob not in self._bytes:
            self._bytes[blob] = self._blobs.read(blob, self._settings.max_bytes)
        return self._bytes[blob]

    def _judge(
        self,
        path: str,
        content: bytes,
        catalog_path: str,
        catalog: str | None,
        day: datetime.date,
        checklist: Checklist,
    ) -> dict[str, Any]:
        self.judgments += 1
        # Each version gets a folder of its own, so no other version's catalog file is beside it.
        folder = self._folder / str(self.judgments)
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        if catalog is not None:
            catalog_bytes = self._content(catalog)
            if catalog_bytes is not None:
                (folder / catalog_path).write_bytes(catalog_bytes)
        settings = dataclasses.replace(
            self._settings, evaluation=dataclasses.replace(self._settings.evaluation, today=day)
        )
        report = judge(target, settings, checklist=checklist, catalog_root=folder)
        return history_record(service_record(report, source=path, docname=None))


def _followed(path: str, folders: Sequence[str]) -> bool:
    """Whether a service file is under one of the folders asked about (a checklist file the
    history follows may be named service.yaml too, in principle)."""
    for folder in folders:
        base = folder.strip("/")
        if base in ("", ".") or path == base or path.startswith(base + "/"):
            return True
    return False


def history_record(record: dict[str, Any]) -> dict[str, Any]:
    """What the history keeps of an export record: who, the verdict, the level, the counts and
    which considerations were unanswered."""
    counts = record["counts"]
    kept = {
        "source": record["source"],
        "name": record["name"],
        "title": record["title"],
        "owner": record["owner"],
        "lifecycle": record["lifecycle"],
        "tier": record["tier"],
        "loaded": record["loaded"],
        "ready": record["ready"],
        "level": record.get("level"),
        "counts": {
            "considerations": counts["considerations"],
            **{state.value: counts[state.value] for state in AnswerState},
        },
        "unanswered": [c["key"] for c in record["considerations"] if c["state"] == "unanswered"],
        # What a campaign still waits for: unanswered, or not required yet (a deadline ahead).
        "open-questions": [
            f"{c['key']}.{q['key']}"
            for c in record["considerations"]
            for q in c["questions"]
            if q["state"] == "unanswered" or "required-from" in q
        ],
    }
    if "level" not in record:
        # A checklist without levels: nothing in the history speaks of one, as in the export.
        del kept["level"]
    return kept


def history_document(
    repository: Path,
    folders: Sequence[str],
    settings: Settings,
    *,
    every: str = "week",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    revision: str = "HEAD",
    allow_shallow: bool = False,
    checklist_from: str = "now",
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """The history of the service files under ``folders`` (relative to the repository's root),
    judged against today's checklist, or (``checklist_from="then"``) each point against the
    checklist files as that commit held them.

    A shallow clone raises :class:`ShallowHistory` unless ``allow_shallow``, in which case the
    document says it is shallow and how deep.
    """
    if checklist_from not in CHECKLIST_FROM:
        raise ValueError(f"checklist_from must be one of {', '.join(CHECKLIST_FROM)}, not {checklist_from!r}")
    held = depth(repository)
    if held.shallow and not allow_shallow:
        raise ShallowHistory(
            f"this clone is shallow ({held.commits} commits deep), so its history would start at its "
            "oldest commit, not the repository's: fetch the rest with 'git fetch --unshallow' "
            "(actions/checkout: fetch-depth: 0), or pass --allow-shallow to write the short history"
        )
    today = settings.checklist()
    document_points = []
    with Blobs(repository) as blobs, tempfile.TemporaryDirectory(prefix="svcready-history-") as folder:
        judging = Judge(blobs, settings, Path(folder))
        then = (
            ChecklistThen(repository, settings, judging.content, Path(folder))
            if checklist_from == "then"
            else None
        )
        followed = pathspecs(folders) + [f":(literal){path}" for path in (then.paths() if then else [])]
        sampled = points(commits(repository, followed, revision), every, since, until)
        for index, point in enumerate(sampled):
            checklist, problem = then.at(point.files) if then else (today, None)
            services = [
                record
                for path in sorted(point.files)
                if PurePosixPath(path).name in SERVICE_FILENAMES and _followed(path, folders)
                for record in [judging.service(path, point.files, point.day, checklist)]
                if record is not None
            ]
            entry: dict[str, Any] = {
                "at": point.label,
                "commit": point.commit,
                "day": point.day.isoformat(),
                "services": services,
            }
            if then is not None:
                entry["checklist"] = checklist_identity(checklist)
                if problem:
                    entry["checklist-problem"] = problem
            document_points.append(entry)
            if progress is not None:
                progress(index + 1, len(sampled))
    return {
        "format": HISTORY_FORMAT,
        "version": HISTORY_VERSION,
        "generator": f"sphinx-svcready {__version__}",
        "checklist": checklist_identity(settings.checklist()),
        "every": every,
        "checklist-from": checklist_from,
        "shallow": held.shallow,
        "points": document_points,
    }
