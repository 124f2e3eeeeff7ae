"""SARIF 2.1.0, the format code scanning reads (GitHub's, among others).

One rule per warning subtype, in the catalogue's order, with its description as the help text
and a link to the warnings reference; one result per problem at its file, line and column. A
problem that fails the build is an ``error``; one that is not about readiness, a ``warning``; one
of a lifecycle that is not gated, a ``note``. The same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from sphinx_svcready._version import __version__
from sphinx_svcready.core.formats.located import Located
from sphinx_svcready.core.inline_text import plain_text
from sphinx_svcready.core.subtypes import NOT_READY, WARNING_TYPE, Subtype
from sphinx_svcready.core.verdict import BROKEN

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
#: Where each warning subtype is explained (the documentation's warnings reference).
HELP_BASE = "https://sphinx-svcready.readthedocs.io/en/latest/reference/warnings.html"
#: A result's place in SARIF: paths are relative to this base, the repository's root.
ROOT_BASE = "%SRCROOT%"


def rule_id(subtype: str) -> str:
    return f"{WARNING_TYPE}.{subtype}"


def _rule(subtype: Subtype) -> dict[str, Any]:
    description = plain_text(subtype.description)
    return {
        "id": rule_id(subtype.value),
        "name": "".join(part.capitalize() for part in subtype.value.split("-")),
        "shortDescription": {"text": description.split(";")[0].split(": ")[0].rstrip(".") + "."},
        "fullDescription": {"text": description},
        "help": {
            "text": description,
            "markdown": (
                f"{subtype.description.replace('``', '`')}\n\n[The warning explained]({_help_uri(subtype)})"
            ),
        },
        "helpUri": _help_uri(subtype),
        "defaultConfiguration": {"level": "error" if subtype.value in NOT_READY | BROKEN else "warning"},
    }


def _help_uri(subtype: Subtype) -> str:
    return f"{HELP_BASE}#{WARNING_TYPE}-{subtype.value}"


def _result(problem: Located, index: dict[str, int]) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": problem.line or 1}
    if problem.column:
        region["startColumn"] = problem.column
    fingerprint = hashlib.sha256(
        "\0".join((problem.path, problem.subtype, problem.message)).encode("utf-8")
    ).hexdigest()
    result: dict[str, Any] = {
        "ruleId": rule_id(problem.subtype),
        "level": problem.severity,
        "message": {"text": problem.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": problem.path, "uriBaseId": ROOT_BASE},
                    "region": region,
                }
            }
        ],
        # The same problem in the same file is the same alert on the next run, wherever its line moves.
        "partialFingerprints": {"svcready/v1": fingerprint},
    }
    if problem.subtype in index:
        result["ruleIndex"] = index[problem.subtype]
    return result


def sarif_document(problems: Sequence[Located]) -> dict[str, Any]:
    """The SARIF log of ``problems``: one run of the svcready tool."""
    rules = [_rule(subtype) for subtype in Subtype]
    index = {subtype.value: number for number, subtype in enumerate(Subtype)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "svcready",
                        "fullName": f"sphinx-svcready {__version__}",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": HELP_BASE.rsplit("/reference/", 1)[0] + "/",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {ROOT_BASE: {"description": {"text": "The repository's root."}}},
                "results": [_result(problem, index) for problem in problems],
            }
        ],
    }


def sarif_text(problems: Sequence[Located]) -> str:
    return json.dumps(sarif_document(problems), indent=2, ensure_ascii=False) + "\n"
