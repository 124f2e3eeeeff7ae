"""The reporters code review tools read: SARIF, GitHub workflow commands, GitLab Code Quality and
JUnit XML. Paths are relative to the folder the command runs in, the repository's root in CI."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path

from sphinx_svcready.core.checklist.loading import Checklist
from sphinx_svcready.core.formats.github import workflow_commands
from sphinx_svcready.core.formats.gitlab import code_quality_text
from sphinx_svcready.core.formats.junit import junit_xml
from sphinx_svcready.core.formats.located import every_problem, from_results
from sphinx_svcready.core.formats.sarif import sarif_text
from sphinx_svcready.core.pipeline import Checked


def sarif(results: Sequence[Checked], checklist: Checklist, today: datetime.date) -> str:
    return sarif_text(every_problem(from_results(results, Path.cwd())))


def github(results: Sequence[Checked], checklist: Checklist, today: datetime.date) -> str:
    return workflow_commands(every_problem(from_results(results, Path.cwd())))


def gitlab(results: Sequence[Checked], checklist: Checklist, today: datetime.date) -> str:
    return code_quality_text(every_problem(from_results(results, Path.cwd())))


def junit(results: Sequence[Checked], checklist: Checklist, today: datetime.date) -> str:
    return junit_xml(from_results(results, Path.cwd()))
