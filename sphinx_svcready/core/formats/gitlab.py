"""A GitLab Code Quality report: the JSON array of issues a merge request shows.

Each issue has GitLab's fields: a description, the check's name, a fingerprint that stays the same
while the problem does (the path, subtype and message, not the line), a severity and the path and
line. A broken file is ``critical``, a problem that fails the build ``major``, any other ``minor``,
one of a lifecycle that is not gated ``info``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from sphinx_svcready.core.formats.located import Located
from sphinx_svcready.core.subtypes import WARNING_TYPE
from sphinx_svcready.core.verdict import BROKEN


def _severity(problem: Located) -> str:
    if not problem.blocking:
        return "info"
    if problem.subtype in BROKEN:
        return "critical"
    return "major" if problem.severity == "error" else "minor"


def _issue(problem: Located, seen: dict[str, int]) -> dict[str, Any]:
    key = "\0".join((problem.path, problem.subtype, problem.message))
    # Two identical problems in one file must still have fingerprints of their own.
    seen[key] = seen.get(key, 0) + 1
    digest = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
    return {
        "description": problem.message,
        "check_name": f"{WARNING_TYPE}.{problem.subtype}",
        "fingerprint": digest,
        "severity": _severity(problem),
        "location": {"path": problem.path, "lines": {"begin": problem.line or 1}},
    }


def code_quality(problems: Sequence[Located]) -> list[dict[str, Any]]:
    seen: dict[str, int] = {}
    return [_issue(problem, seen) for problem in problems]


def code_quality_text(problems: Sequence[Located]) -> str:
    return json.dumps(code_quality(problems), indent=2, ensure_ascii=False) + "\n"
