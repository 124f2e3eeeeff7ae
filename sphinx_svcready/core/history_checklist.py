"""The checklist of a point of the history (``svcready history --checklist then``): its schema and
extension files as the repository held them at that commit.

Only the files that lie in the repository have a past: the packaged schema, or a file outside
the repository, is today's at every point. An extension that did not exist yet is left out, a
schema that did not exist yet is the packaged one, and a version that does not load is
replaced by today's checklist, which the point then says. Each distinct set of versions is
loaded once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sphinx_svcready.core.checklist.loading import Checklist, ChecklistError, load_checklist
from sphinx_svcready.core.settings import Settings


class ChecklistThen:
    """The checklist at each point, from the blobs of its files at that commit."""

    def __init__(
        self,
        repository: Path,
        settings: Settings,
        read: Callable[[str], bytes | None],
        folder: Path,
    ) -> None:
        root = repository.resolve()
        self._today = settings.checklist()
        self._read = read
        self._folder = folder
        self._schema = _inside(settings.schema, root)
        self._outside_schema = settings.schema if settings.schema and self._schema is None else None
        # Each extension as (path in the repository, or None, and the file today).
        self._extensions = [(_inside(path, root), path) for path in settings.extensions]
        self._loaded: dict[tuple[str | None, ...], tuple[Checklist, str | None]] = {}

    def paths(self) -> list[str]:
        """The files in the repository whose past versions make the checklist."""
        inside = [self._schema, *(path for path, _today in self._extensions)]
        return [path for path in inside if path is not None]

    def at(self, files: dict[str, str]) -> tuple[Checklist, str | None]:
        """The checklist the point's ``files`` (``{path: blob}``) make, with why today's is used
        instead when that version does not load (``None`` when it loads)."""
        key = tuple(files.get(path) for path in self.paths())
        if key not in self._loaded:
            self._loaded[key] = self._load(files, len(self._loaded))
        return self._loaded[key]

    def _load(self, files: dict[str, str], number: int) -> tuple[Checklist, str | None]:
        folder = self._folder / f"checklist-{number}"
        schema = self._written(self._schema, files, folder) if self._schema else self._outside_schema
        extensions: list[Path] = []
        for inside, today in self._extensions:
            if inside is None:
                extensions.append(today)
            else:
                written = self._written(inside, files, folder)
                if written is not None:
                    extensions.append(written)
        try:
            return load_checklist(schema, extensions), None
        except ChecklistError as error:
            return self._today, f"the checklist of this commit does not load ({error}); today's is used"

    def _written(self, path: str, files: dict[str, str], folder: Path) -> Path | None:
        blob = files.get(path)
        content = self._read(blob) if blob is not None else None
        if content is None:
            return None
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        return target


def _inside(path: Path | None, root: Path) -> str | None:
    if path is None:
        return None
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return None
