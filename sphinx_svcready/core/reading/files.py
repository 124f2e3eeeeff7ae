"""Read a file only when it is a regular file of bounded size, so no path can hang or exhaust a build.

Opening a named pipe waits for a writer, reading ``/dev/zero`` never ends, and a folder or a
socket cannot be read at all. :func:`read_regular` opens without blocking, asks the open file
(not the path, which could change in between) what it is, and reads at most the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: The largest checklist schema or extension read: the packaged schema is about 40 KB.
MAX_CHECKLIST_BYTES = 4 * 1024 * 1024


class FileRefused(OSError):
    """The path is missing, not a regular file, too large or unreadable; ``reason`` says which in
    words that follow the file's name ("is a folder, not a file")."""

    def __init__(self, reason: str, *, size: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        #: The file's size in bytes when it was refused for being too large.
        self.size = size


def read_regular(path: str | Path, max_bytes: int, *, kind: str = "file", follow_links: bool = True) -> bytes:
    """The bytes of ``path``; :class:`FileRefused` unless it is a regular file of at most
    ``max_bytes`` (``kind`` names what it should be: "is a folder, not a YAML file")."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if Path(path).is_symlink() and not follow_links:
            raise FileRefused("is a symbolic link, which is not followed") from None
        raise FileRefused(f"cannot be read: {error.strerror or error}") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused(f"is a folder, not a {kind}")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused("is not a regular file (a pipe or a device?)")
        if info.st_size > max_bytes:
            raise FileRefused(
                f"is {info.st_size:,} bytes, over the limit of {max_bytes:,}", size=info.st_size
            )
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except FileRefused:
        raise
    except OSError as error:
        raise FileRefused(f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:  # it grew while being read
        raise FileRefused(f"is over the limit of {max_bytes:,} bytes", size=len(data))
    return data
