"""The argument parser of ``svcready``: the program's own flags, then each command's, which every
command module declares itself (``add_parser``)."""

from __future__ import annotations

import argparse

from sphinx_svcready._version import __version__
from sphinx_svcready.cli import check, diff, generate, history, init, remind, schema
from sphinx_svcready.cli.output import PROG


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``svcready`` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Check service.yaml production-readiness checklists with the same rules as the "
            "sphinx-svcready docs build, and start new ones."
        ),
        epilog="Run 'svcready COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="version", version=f"sphinx-svcready {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in (check, init, generate, schema, diff, history, remind):
        command.add_parser(commands)
    return parser
