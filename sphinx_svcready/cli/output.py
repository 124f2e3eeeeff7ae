"""What the command says and how it ends: its name, its exit statuses, and its two streams.

Exit status 1 always means "a question is unanswered"; a failure of the command's own is 2.
"""

from __future__ import annotations

import os
import sys

from sphinx_svcready.core.text import printable

PROG = "svcready"

EXIT_READY = 0
EXIT_UNANSWERED = 1
EXIT_ERROR = 2


class UsageError(Exception):
    """Bad input that is reported as one line on stderr with exit status 2."""


def emit(text: str) -> None:
    """Write to stdout; a reader that stops early (``| head``) changes nothing else."""
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        silence_stdout()


def silence_stdout() -> None:
    # What the Python documentation recommends for SIGPIPE: send the rest of the output nowhere.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (a test's capture)
        pass


def error(message: str) -> None:
    """One line on stderr, made printable: it may quote a file's or a folder's name."""
    print(printable(f"{PROG}: error: {message}"), file=sys.stderr)


def note(message: str) -> None:
    """One line of information on stderr."""
    print(printable(message), file=sys.stderr)
