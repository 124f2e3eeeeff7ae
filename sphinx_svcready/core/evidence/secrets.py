"""The ``secrets`` probe: a scan for hard-coded credentials with detect-secrets (an optional extra).

Only detect-secrets' detectors of known credential formats run (cloud keys, private keys, tokens
of well-known services, passwords in URLs); its keyword and entropy detectors, which flag every
line that mentions a password, are left out, so a finding is worth a failed build. A file's lines
are handed to detect-secrets from the bytes the repository read (bounded, confined), never by
name. A finding names the file, the line and the kind of credential, never the credential; lines
a detect-secrets baseline (``.secrets.baseline`` at the repository's root) marks as audited and
not secret are passed over.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from typing import Any

from sphinx_svcready.core.evidence.probes import Probe
from sphinx_svcready.core.evidence.repository import Repository, is_binary
from sphinx_svcready.core.reading.bounded_json import JsonError, parse_json
from sphinx_svcready.core.reading.files import FileRefused

INSTALL = "pip install 'sphinx-svcready[secrets]'"
BASELINE = ".secrets.baseline"
#: detect-secrets' detectors of credentials with a recognisable shape. Its IBM Cloud, Cloudant and
#: SoftLayer detectors are keyword detectors in all but name (and the slowest by far), so they are
#: left out with the others.
DETECTORS = (
    "AWSKeyDetector",
    "AzureStorageKeyDetector",
    "BasicAuthDetector",
    "DiscordBotTokenDetector",
    "GitHubTokenDetector",
    "GitLabTokenDetector",
    "JwtTokenDetector",
    "MailchimpDetector",
    "NpmDetector",
    "OpenAIDetector",
    "PrivateKeyDetector",
    "PypiTokenDetector",
    "SendGridDetector",
    "SlackDetector",
    "SquareOAuthDetector",
    "StripeDetector",
    "TelegramBotTokenDetector",
    "TwilioKeyDetector",
)


class Secret:
    """Where a possible credential is, and of what kind (never the credential itself)."""

    def __init__(self, path: str, line: int, kind: str) -> None:
        self.path, self.line, self.kind = path, line, kind


class SecretsUnavailable(Exception):
    """detect-secrets is not installed."""


def scan(probe: Probe, repository: Repository) -> tuple[list[Secret], list[str]]:
    """Possible credentials in the files ``probe.paths`` match, and the files that could not be read."""
    try:
        from detect_secrets.core import scan as detect
        from detect_secrets.settings import transient_settings
    except ImportError:
        raise SecretsUnavailable(f"detect-secrets is not installed ({INSTALL})") from None
    audited = _audited(repository)
    found: list[Secret] = []
    refused: list[str] = []
    with transient_settings({"plugins_used": [{"name": name} for name in DETECTORS]}):
        shapes = _shapes(detect)
        for relative, text in _texts(probe, repository, refused):
            lines = _candidates(text, shapes)
            if not lines:
                continue
            for secret in _line_scan(detect, relative, lines):
                if (relative, secret.secret_hash) in audited:
                    continue
                found.append(Secret(relative, secret.line_number, str(secret.type)))
            if found:
                break  # the first file with a finding settles the answer
    return found, refused


def _shapes(detect: Any) -> list[re.Pattern[str]]:
    """The patterns detect-secrets' detectors look for, to find the lines worth its full scan."""
    return [pattern for plugin in detect.get_plugins() for pattern in getattr(plugin, "denylist", ())]


def _candidates(text: str, shapes: list[re.Pattern[str]]) -> list[tuple[int, str]]:
    """The numbered lines of ``text`` in which a detector's pattern occurs.

    detect-secrets spends most of its time on lines that hold nothing; searching the whole text for
    each pattern first, and giving it only the lines that match, gives the same findings sooner.
    """
    hits = [match.start() for shape in shapes for match in shape.finditer(text)]
    if not hits:
        return []
    starts = [0, *(newline.end() for newline in re.finditer("\n", text))]
    numbers = sorted({bisect.bisect_right(starts, hit) for hit in hits})
    lines = text.splitlines()
    return [(number, lines[number - 1]) for number in numbers if number <= len(lines)]


def _texts(probe: Probe, repository: Repository, refused: list[str]) -> Iterator[tuple[str, str]]:
    for relative in repository.matching(probe.paths):
        try:
            raw = repository.read(relative)
        except FileRefused as error:
            if not error.reason.startswith("is a folder"):
                refused.append(f"{relative} {error.reason}")
            continue
        if not is_binary(raw):
            yield relative, raw.decode("utf-8", errors="replace")


def _line_scan(detect: Any, relative: str, lines: list[tuple[int, str]]) -> Iterator[Any]:
    # detect-secrets scans files by name; its line scanner takes the lines themselves, so the
    # file is not opened a second time (by a name that may since point elsewhere).
    yield from detect._process_line_based_plugins(lines=lines, filename=relative)


def _audited(repository: Repository) -> set[tuple[str, str]]:
    """(file, secret hash) pairs a detect-secrets baseline marks as audited and not secret."""
    try:
        raw = repository.read(BASELINE)
    except FileRefused:
        return set()
    try:
        baseline = parse_json(raw)
    except (JsonError, ValueError, json.JSONDecodeError):
        return set()
    results = baseline.get("results") if isinstance(baseline, dict) else None
    if not isinstance(results, dict):
        return set()
    return {
        (str(name), str(entry.get("hashed_secret")))
        for name, entries in results.items()
        if isinstance(entries, list)
        for entry in entries
        if isinstance(entry, dict) and entry.get("is_secret") is False
    }
