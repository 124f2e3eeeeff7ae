"""Evidence links: what a file gives as proof of an answer, read, and checked against the repository.

A consideration may carry ``evidence``: for each of its questions, repository paths or http(s)
addresses (dashboards, runbooks, load-test reports). An address is shown as a link; a path must
exist in the service's repository (else a located ``svcready.evidence`` warning) and is shown as a
link to the repository's web address when the build knows one.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sphinx_svcready.core.evidence.repository import Repository, is_inside_path
from sphinx_svcready.core.model import ConsiderationResult, DataPath, EvidenceLink, Problem
from sphinx_svcready.core.reading.files import FileRefused
from sphinx_svcready.core.reading.yaml_reader import LoadedDocument
from sphinx_svcready.core.subtypes import Subtype

KEY = "evidence"


def read_links(value: Any, document: LoadedDocument, path: DataPath) -> tuple[EvidenceLink, ...]:
    """The links of one question (``path`` is where its list is in the file)."""
    if not isinstance(value, list):
        return ()
    links = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            continue
        target = item.strip()
        kind = "url" if target.lower().startswith(("http://", "https://")) else "path"
        links.append(EvidenceLink(target, kind, document.line_of((*path, index))))
    return tuple(links)


def unknown_questions(
    value: Any, questions: tuple[str, ...], document: LoadedDocument, path: DataPath
) -> list[Problem]:
    """A problem for every key of a consideration's ``evidence`` that names none of its questions."""
    if not isinstance(value, dict):
        return []
    return [
        Problem(
            Subtype.INVALID.value,
            f"{'.'.join(map(str, path))}: {key!r} is not a question of this consideration "
            f"(its questions: {', '.join(questions)})",
            document.line_of((*path, key)),
        )
        for key in value
        if key not in questions
    ]


def check_paths(
    considerations: tuple[ConsiderationResult, ...], repository: Repository
) -> tuple[tuple[ConsiderationResult, ...], list[Problem], set[str]]:
    """The considerations with each linked path marked as found or not, a problem per path that
    is missing or may not be read, and what was looked at."""
    problems: list[Problem] = []
    repository.start()
    checked = []
    for consideration in considerations:
        questions = []
        for question in consideration.questions:
            links = []
            for link in question.links:
                if link.kind == "path":
                    exists, why = _exists(repository, link.target)
                    link = dataclasses.replace(link, exists=exists)
                    if why:
                        problems.append(
                            Problem(
                                Subtype.EVIDENCE.value,
                                f"{consideration.key}.{question.key}: the evidence {link.target!r} {why}",
                                link.line,
                            )
                        )
                links.append(link)
            questions.append(dataclasses.replace(question, links=tuple(links)))
        checked.append(dataclasses.replace(consideration, questions=tuple(questions)))
    return tuple(checked), problems, set(repository.looked_at)


def _exists(repository: Repository, target: str) -> tuple[bool, str | None]:
    if not is_inside_path(target):
        return False, "is not a path inside the repository (no '..', not absolute)"
    try:
        repository.locate(target)
    except FileRefused as refused:
        where = f"in {repository.root}"
        return False, (f"does not exist {where}" if refused.reason == "does not exist" else refused.reason)
    return True, None
