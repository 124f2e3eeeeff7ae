"""The settings of one judgement, as one typed object, and the check of every value, written once.

A docs build makes its :class:`Settings` from ``conf.py`` once, at ``config-inited``
(``sphinx_ext/config.py``); ``svcready check`` makes the same object from its flags
(``cli/parser.py``). Both check each value with the functions here, so a value one accepts the
other accepts too, with the same words for what was expected.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx_svcready.core.checklist.loading import Checklist, load_checklist
from sphinx_svcready.core.evaluation_options import EvaluationOptions, epoch_date
from sphinx_svcready.core.evidence.location import ROOTS, WORK_TREE
from sphinx_svcready.core.reading.yaml_reader import DEFAULT_MAX_BYTES

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class Settings:
    """Everything that decides how a service file is read and judged."""

    #: The checklist schema; ``None``: the packaged one.
    schema: Path | None = None
    #: The organisation's checklist extensions, applied in order.
    extensions: tuple[Path, ...] = ()
    evaluation: EvaluationOptions = field(default_factory=EvaluationOptions)
    #: The largest service or catalog file read, in bytes.
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Read the ``catalog-info.yaml`` beside a service file that names no catalog file.
    backstage: bool = True
    #: Run the checklist's evidence probes against the service's repository.
    evidence: bool = True
    #: Which folder is the repository: ``work-tree`` (the git work tree holding the service
    #: file) or ``service-folder`` (the service file's own folder).
    evidence_root: str = WORK_TREE

    def checklist(self) -> Checklist:
        """The checklist these settings name (loaded once per file version; see loading.py), its
        check against the metaschema remembered by the validation cache, when there is one."""
        return load_checklist(self.schema, self.extensions, self.evaluation.validation_cache)


def default_today() -> datetime.date:
    """The day judged against when none is set: ``SOURCE_DATE_EPOCH``'s, else today."""
    return epoch_date() or datetime.date.today()


# -- the checks: each returns None for a good value, else what was expected -----------------------


def expect_bytes(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return None
    return "a positive whole number of bytes"


def expect_days(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return None
    return "a whole number of days, 0 or more"


def expect_date(value: Any) -> str | None:
    if isinstance(value, str) and _DATE.match(value):
        try:
            datetime.date.fromisoformat(value)
            return None
        except ValueError:
            pass
    return "a date written YYYY-MM-DD"


def expect_levels_by_lifecycle(value: Any) -> str | None:
    if isinstance(value, dict) and all(
        isinstance(k, str) and k and isinstance(v, str) and v for k, v in value.items()
    ):
        return None
    return 'a dict of lifecycle to level, such as {"production": "silver"}'


def expect_texts(value: Any) -> str | None:
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return None
    return "a list of strings"


def expect_evidence_root(value: Any) -> str | None:
    if value in ROOTS:
        return None
    return " or ".join(repr(root) for root in ROOTS)


def unknown_levels(required: dict[str, str], checklist: Checklist) -> list[str]:
    """The levels ``required`` asks for that the checklist does not define."""
    return sorted({level for level in required.values() if level not in checklist.levels})


def lifecycles(checklist: Checklist) -> tuple[str, ...]:
    """The lifecycles ``service.lifecycle`` may take, when the checklist lists them."""
    field = checklist.schema.get("$defs", {}).get("service", {}).get("properties", {}).get("lifecycle", {})
    listed = field.get("enum") if isinstance(field, dict) else None
    return tuple(str(item) for item in listed) if isinstance(listed, list) else ()


def unknown_lifecycles(gate: tuple[str, ...] | None, checklist: Checklist) -> list[str]:
    """The lifecycles ``gate`` names that no service can have: a misspelt one would gate nothing."""
    known = lifecycles(checklist)
    return [name for name in gate or () if known and name not in known]
