"""Remember which service files' content a checklist has found valid, so that checking them again
skips the schema validation, the largest part of checking a file.

A key is the SHA-256 of the checklist's schema (with its extensions applied), this package's
version and the file's data as read (after a Backstage catalog file is merged), so any change to
any of them is a new key: a stale entry can never be used. Only valid content is remembered; a file
with errors is validated every time, so its errors are always worded afresh. An entry is an empty
file named by its key, which processes checking files at the same time can make without a lock.
What an entry can do is skip validation of content that is byte for byte what was valid before,
nothing more; the evaluation after it still reads every answer. Nothing here imports Sphinx.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from sphinx_svcready._version import __version__

#: Where entries are kept unless ``SVCREADY_CACHE_DIR`` says otherwise.
_DEFAULT_HOME = Path("~/.cache").expanduser()


def cache_home() -> Path:
    """Where svcready keeps what it remembers: ``$SVCREADY_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/svcready``, else ``~/.cache/svcready``."""
    named = os.environ.get("SVCREADY_CACHE_DIR", "").strip()
    if named:
        return Path(named)
    home = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(home) if home else _DEFAULT_HOME) / "svcready"


def default_folder() -> Path:
    """The folder for valid content, in :func:`cache_home`."""
    return cache_home() / "valid"


class ValidationCache:
    """Valid content under one folder; a folder that cannot be read or written costs only the saving."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def key(schema_digest: str, data: Any) -> str:
        # repr() tells a date from the string that looks like it, as validation does; the same
        # content read the same way always gives the same text.
        text = f"{schema_digest}\n{__version__}\n{data!r}"
        return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def known_valid(self, key: str) -> bool:
        return self._entry(key).is_file()

    def remember(self, key: str) -> None:
        entry = self._entry(key)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            entry.touch()
        except OSError:
            pass
