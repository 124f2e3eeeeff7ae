"""Remember the whole report on a service file, so that ``svcready check`` over files that have not
changed reads each file, and nothing else, instead of parsing, validating and judging it again.

An entry is found by a key: the SHA-256 of the file's bytes, the path as named and where it leads,
and the context (this package's version and those of the libraries that word its problems, the
checklist's schema with its extensions applied, every setting, the day judged against, and the
folders catalog files and evidence are read from). Any change to any of them is another key, so a
stale entry is never found. A report also depends on files other than the service file: the
Backstage catalog file, the folder a ``catalog-info.yaml`` would appear in, and every file and
folder the evidence probes looked at. An entry records what each of those was (inode, size and
modification time) and is used only while all of them are still the same.

Entries are pickled reports, and they are read back by an unpickler that builds nothing but this
package's own data classes and a few plain value types, never a function, so an entry cannot run
code. Anyone who can write into the folder can still make a file look judged; the folder must be
as trusted as the checkout. Contexts unused for a week are removed. Nothing here imports Sphinx.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import importlib.util
import io
import os
import pathlib
import pickle
import shutil
import sys
import time
from dataclasses import dataclass, field, is_dataclass, replace
from pathlib import Path
from typing import Any

from sphinx_svcready._version import __version__
from sphinx_svcready.core.checklist.loading import Checklist
from sphinx_svcready.core.evidence.location import SOURCE_FOLDER
from sphinx_svcready.core.model import Problem, ServiceReport
from sphinx_svcready.core.reading.files import read_regular
from sphinx_svcready.core.settings import Settings
from sphinx_svcready.core.verdict import Verdict

#: The libraries whose versions can change how a report is worded, by module.
_LIBRARIES = ("yaml", "jsonschema", "fastjsonschema", "detect_secrets")
#: A context (a set of settings, a day) unused this long is removed with its entries.
_UNUSED_SECONDS = 7 * 24 * 3600
#: What an entry's file is named after: the format, so that another format is never read as this one.
_FORMAT = "1"

#: (inode, size, modification time in ns) of a path; all -1 when it is missing.
Stamp = tuple[int, int, int]


@dataclass(frozen=True)
class Remembered:
    """A report remembered: what a summary and the problem lines need, and the whole report, read
    only when an output needs more."""

    name: str
    loaded: bool
    problems: tuple[Problem, ...]
    verdict: Verdict
    blob: bytes = field(repr=False)

    def report(self) -> ServiceReport | None:
        """The whole report; ``None`` if the entry does not hold one."""
        found = _safe_load(self.blob)
        return found if isinstance(found, ServiceReport) else None

    def well_formed(self) -> bool:
        """Whether each part is of its type, as an entry svcready wrote always is."""
        return (
            isinstance(self.name, str)
            and isinstance(self.loaded, bool)
            and isinstance(self.problems, tuple)
            and all(isinstance(problem, Problem) for problem in self.problems)
            and isinstance(self.verdict, Verdict)
            and isinstance(self.blob, bytes)
        )


class ResultCache:
    """Reports on service files under one folder, for one context; a folder that cannot be read or
    written costs only the saving."""

    def __init__(self, home: Path, settings: Settings, checklist: Checklist, source_dir: Path | None) -> None:
        self.context = _context(settings, checklist, source_dir)
        self.folder = home / "results" / self.context[:32]
        self._max_bytes = settings.max_bytes
        self._used = False

    def key(self, path: str, catalog_root: Path | None, work_tree: Path | None) -> str | None:
        """The key of ``path`` as it is now; ``None`` when it cannot be read whole (missing, too
        large, not a regular file: the report says why, and it is not remembered)."""
        try:
            content = read_regular(path, self._max_bytes)
        except OSError:
            return None
        where = "\0".join((self.context, path, str(Path(path).absolute()), str(catalog_root), str(work_tree)))
        return hashlib.sha256(where.encode("utf-8", "surrogatepass") + b"\0" + content).hexdigest()

    def remembered(self, key: str) -> Remembered | None:
        """What is remembered under ``key``, if every file it depends on is as it was."""
        try:
            # Read whole first: unpickling from the file itself reads it in many small pieces.
            found = _safe_load(self._entry(key).read_bytes())
        except OSError:
            return None
        if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[1], Remembered)):
            return None
        if not found[1].well_formed():
            return None
        stamps, remembered = found[0], found[1]
        if not isinstance(stamps, tuple):
            return None
        for entry in stamps:
            if not (isinstance(entry, tuple) and len(entry) == 2 and _stamp(entry[0]) == entry[1]):
                return None
        self._touch()
        kept: Remembered = remembered
        return kept

    def remember(
        self, key: str, path: str, report: ServiceReport, judged: Verdict, made: Remembered | None = None
    ) -> None:
        """Keep ``report`` on ``path`` and its verdict under ``key`` (as ``made``, when it is
        already :func:`remembered_form`), with what the files it depends on are now."""
        stamps = tuple((dependency, _stamp(dependency)) for dependency in dependencies(path, report))
        entry = self._entry(key)
        try:
            remembered = made or remembered_form(report, judged)
            entry.parent.mkdir(parents=True, exist_ok=True)
            self._touch()
            partial = entry.with_name(f"{entry.name}.{os.getpid()}.partial")
            partial.write_bytes(pickle.dumps((stamps, remembered), protocol=pickle.HIGHEST_PROTOCOL))
            # Renamed into place whole: a run reading at the same moment sees all of it or none.
            partial.replace(entry)
        except (OSError, pickle.PicklingError):
            pass

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.{_FORMAT}"

    def _touch(self) -> None:
        """Mark the context used, once a run, and remove the contexts unused for a week."""
        if self._used:
            return
        self._used = True
        try:
            os.utime(self.folder)
            _prune(self.folder.parent, keep=self.folder.name)
        except OSError:
            pass


def remembered_form(report: ServiceReport, judged: Verdict) -> Remembered:
    """``report`` and its verdict as they are remembered: what most outputs read, and the whole
    report pickled. It is also how a worker process hands a report back: the bytes travel as
    they are, and are read only if an output needs the whole report."""
    blob = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
    return Remembered(report.service.name, report.loaded, report.problems, judged, blob)


def dependencies(path: str, report: ServiceReport) -> list[str]:
    """Every path besides ``path`` itself whose change can change ``report``."""
    folder = Path(path).absolute().parent
    found = []
    for catalog in (report.catalog_read, report.catalog_absent):
        if catalog:
            found.append(str(Path(catalog).absolute()))
    service = report.raw.get("service") if isinstance(report.raw, dict) else None
    named = service.get(SOURCE_FOLDER) if isinstance(service, dict) else None
    if isinstance(named, str) and named.strip():
        # A source folder the file names may not exist yet: its appearing changes the report.
        found.append(os.path.normpath(folder / named.strip()))
    found.extend(report.evidence_files)
    return sorted(set(found))


def _stamp(path: Any) -> Stamp | None:
    if not isinstance(path, str):
        return None
    try:
        info = Path(path).stat()
    except (OSError, ValueError):
        return (-1, -1, -1)
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _context(settings: Settings, checklist: Checklist, source_dir: Path | None) -> str:
    evaluation = replace(settings.evaluation, validation_cache=None)
    parts = [
        _FORMAT,
        __version__,
        sys.version,
        *(f"{name} {_installed(name)}" for name in _LIBRARIES),
        checklist.schema_digest,
        repr(settings.schema),
        repr(settings.extensions),
        repr(evaluation),
        repr((settings.max_bytes, settings.backstage, settings.evidence, settings.evidence_root)),
        repr(source_dir),
        str(Path.cwd()),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _installed(module: str) -> str:
    """Where ``module`` is installed and when: installing another version replaces the folder's
    files, so it changes (and reading this is far quicker than the distribution's metadata)."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return "absent"
    folder = Path(spec.origin).parent
    return f"{folder} {_stamp(str(folder))}"


def _prune(results: Path, keep: str) -> None:
    cutoff = time.time() - _UNUSED_SECONDS
    for context in results.iterdir():
        if context.name != keep and context.is_dir() and context.stat().st_mtime < cutoff:
            shutil.rmtree(context, ignore_errors=True)


def _safe_load(data: bytes) -> Any:
    """What :class:`_SafeUnpickler` reads from ``data``; ``None`` for anything it refuses."""
    try:
        return _SafeUnpickler(io.BytesIO(data)).load()
    except (pickle.UnpicklingError, _Refused, EOFError, ValueError, TypeError, AttributeError, IndexError):
        return None


class _Refused(Exception):
    """An entry names something other than the value types a report is made of."""


#: The value types of the standard library a report holds, by module.
_PLAIN_TYPES = {
    "datetime": {"date", "datetime", "timedelta", "timezone"},
    "pathlib": {"Path", "PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath"},
}


class _SafeUnpickler(pickle.Unpickler):
    """Builds this package's data classes and enums, and dates and paths: nothing that runs code."""

    def find_class(self, module_name: str, name: str) -> Any:
        if module_name in _PLAIN_TYPES and name in _PLAIN_TYPES[module_name]:
            return getattr(datetime if module_name == "datetime" else pathlib, name)
        if module_name.startswith("sphinx_svcready.core.") and "." not in name:
            # Only modules already imported: an entry never makes Python import anything.
            found = getattr(sys.modules.get(module_name), name, None)
            if isinstance(found, type) and (is_dataclass(found) or issubclass(found, enum.Enum)):
                return found
        raise _Refused(f"{module_name}.{name}")
