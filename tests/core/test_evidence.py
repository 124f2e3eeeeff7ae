"""Evidence probes in the core: what they find, how a finding meets an answer, and what they refuse.

Each repository here is a folder with a ``.git`` inside (which is all a work tree needs to be
found); the hostile cases (a symbolic link out, a pipe, a huge file, a binary file, a folder with
more files than a probe may examine) are made by the tests, as git cannot hold most of them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sphinx_svcready.core.checklist.loading import ChecklistError, load_checklist
from sphinx_svcready.core.evidence import checking
from sphinx_svcready.core.evidence.findings import run_probe
from sphinx_svcready.core.evidence.probes import ProbeError, read_probes
from sphinx_svcready.core.evidence.repository import MAX_FILES, Repository
from sphinx_svcready.core.model import Outcome, ServiceReport
from sphinx_svcready.core.pipeline import judge
from sphinx_svcready.core.settings import Settings
from sphinx_svcready.core.verdict import verdict

from ..conftest import complete_text, line_of, replace_answer, write

MIT = "MIT License\n\nCopyright (c) 2026 Team Ledger\n"
DEEP_JSON = "it is nested more than 64 levels deep"


def repository(root: Path, service: str, **files: str) -> Path:
    """A work tree at ``root`` with ``docs/service.yaml`` and ``files`` (``_`` in a name is ``/``)."""
    (root / ".git").mkdir(parents=True)
    for name, text in files.items():
        write(root / name.replace("__", "/"), text)
    return write(root / "docs" / "service.yaml", service)


def answered(license_name: str = "MIT") -> str:
    return replace_answer(complete_text(), "license", "name", license_name)


def evidence(report: ServiceReport, target: str) -> list[tuple[Outcome, str]]:
    consideration, _, key = target.partition(".")
    [question] = [
        q for c in report.considerations if c.key == consideration for q in c.questions if q.key == key
    ]
    return [(item.outcome, item.says) for item in question.evidence if item.outcome is not Outcome.NONE]


def messages(report: ServiceReport) -> list[tuple[str, int | None, str]]:
    return [(p.subtype, p.line, p.message) for p in report.problems]


def test_a_repository_that_backs_every_answer_verifies_them(tmp_path: Path) -> None:
    path = repository(tmp_path, answered(), LICENSE=MIT, CODEOWNERS="* @team-ledger\n")
    report = judge(path, Settings())
    assert report.repository == str(tmp_path.resolve())
    assert evidence(report, "license.included") == [(Outcome.VERIFIED, "LICENSE")]
    assert evidence(report, "license.name") == [(Outcome.VERIFIED, "LICENSE:1: MIT")]
    assert evidence(report, "code.code-reviewed") == [(Outcome.VERIFIED, "CODEOWNERS")]
    assert report.problems == ()
    assert verdict(report).ready
    # The licence, its name, the CODEOWNERS file, and no hard-coded credential.
    assert (report.evidence_count(Outcome.VERIFIED), report.evidence_count(Outcome.CONTRADICTED)) == (4, 0)


def test_a_missing_licence_contradicts_the_answer_at_its_line(tmp_path: Path) -> None:
    text = answered()
    path = repository(tmp_path, text, CODEOWNERS="* @team-ledger\n")
    report = judge(path, Settings())
    assert messages(report) == [
        (
            "evidence",
            line_of(text, "    included: true"),
            "license.included is answered yes, but the repository says no (no licence file (LICENSE, "
            "LICENCE or COPYING) at the repository's root); correct the answer or the repository",
        )
    ]
    judged = verdict(report)
    assert not judged.ready and not judged.broken
    assert [reason.subtype for reason in judged.reasons] == ["evidence"]


def test_a_licence_file_contradicts_no_and_a_declared_licence_contradicts_another_name(
    tmp_path: Path,
) -> None:
    text = replace_answer(answered("Apache-2.0"), "license", "included", "false")
    path = repository(
        tmp_path,
        text,
        LICENSE=MIT,
        CODEOWNERS="* @team-ledger\n",
        **{"pyproject.toml": '[project]\nname = "ledger"\nlicense = "MIT"\n'},
    )
    report = judge(path, Settings())
    assert messages(report) == [
        (
            "evidence",
            line_of(text, "    included: false"),
            "license.included is answered no, but the repository says yes (LICENSE); correct the answer "
            "or the repository",
        ),
        (
            "evidence",
            line_of(text, "    name: Apache-2.0"),
            "license.name is answered 'Apache-2.0', but the repository says 'MIT' (project.license in "
            "pyproject.toml is MIT; LICENSE:1: MIT); correct the answer or the repository",
        ),
    ]


def test_identifiers_agree_on_letters_and_digits_whatever_the_case(tmp_path: Path) -> None:
    path = repository(
        tmp_path,
        answered("apache 2.0 (see LICENSE)"),
        LICENSE="SPDX-License-Identifier: Apache-2.0\n",
        CODEOWNERS="*\n",
        **{"package.json": '{"name": "ledger", "license": "Apache-2.0"}'},
    )
    report = judge(path, Settings())
    assert evidence(report, "license.name") == [
        (Outcome.VERIFIED, "license in package.json is Apache-2.0"),
        (Outcome.VERIFIED, "LICENSE:1: Apache-2.0"),
    ]
    assert report.problems == ()


def test_an_unanswered_question_gets_what_the_repository_suggests(tmp_path: Path) -> None:
    text = replace_answer(answered(), "license", "included", "TODO")
    path = repository(tmp_path, text, LICENSE=MIT, CODEOWNERS="*\n")
    [problem] = judge(path, Settings()).problems
    assert (problem.subtype, problem.line) == ("unanswered", line_of(text, "    included: TODO"))
    assert problem.message.endswith(
        "(the placeholder 'TODO' is not an answer): Does the repository contain a license file?; "
        "the repository suggests yes (LICENSE)"
    )


def test_outside_a_work_tree_or_turned_off_no_probe_runs(tmp_path: Path) -> None:
    path = write(tmp_path / "docs" / "service.yaml", answered())
    report = judge(path, Settings())
    assert (report.repository, report.problems) == (None, ())
    inside = repository(tmp_path / "repo", answered())
    assert judge(inside, Settings()).problems != ()
    assert judge(inside, Settings(evidence=False)).problems == ()


def test_the_service_folder_can_be_the_repository(tmp_path: Path) -> None:
    path = write(tmp_path / "services" / "ledger" / "service.yaml", answered())
    write(tmp_path / "services" / "ledger" / "LICENSE", MIT)
    write(tmp_path / "services" / "ledger" / ".github" / "CODEOWNERS", "*\n")
    report = judge(path, Settings(evidence_root="service-folder"))
    assert report.repository == str(path.parent.resolve())
    assert evidence(report, "code.code-reviewed") == [(Outcome.VERIFIED, ".github/CODEOWNERS")]
    assert report.problems == ()


def test_a_symbolic_link_out_of_the_repository_is_not_followed(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside" / "LICENSE", "SPDX-License-Identifier: SECRET-OUTSIDE\n")
    path = repository(tmp_path / "repo", answered(), CODEOWNERS="*\n")
    (tmp_path / "repo" / "LICENSE").symlink_to(outside)
    report = judge(path, Settings())
    assert evidence(report, "license.included")[0][0] is Outcome.CONTRADICTED
    assert "SECRET-OUTSIDE" not in repr(report)
    assert not any(str(tmp_path / "outside") in looked for looked in report.evidence_files)


def test_a_link_inside_the_repository_is_followed(tmp_path: Path) -> None:
    path = repository(tmp_path, answered(), CODEOWNERS="*\n", **{"legal__LICENSE.txt": MIT})
    (tmp_path / "LICENSE").symlink_to(tmp_path / "legal" / "LICENSE.txt")
    assert evidence(judge(path, Settings()), "license.name") == [(Outcome.VERIFIED, "LICENSE:1: MIT")]


def test_a_pipe_a_huge_file_and_a_binary_file_are_refused_with_a_located_warning(tmp_path: Path) -> None:
    text = answered()
    path = repository(tmp_path, text, CODEOWNERS="*\n")
    os.mkfifo(tmp_path / "package.json")
    write(tmp_path / "pyproject.toml", "# " + "x" * (1024 * 1024 + 10) + "\n")
    (tmp_path / "LICENSE").write_bytes(b"\0\x01MIT License\n")
    report = judge(path, Settings())  # returns: the pipe is never opened for reading
    line = line_of(text, "    name: MIT")
    assert [m for m in messages(report) if m[0] == "evidence" and m[1] == line] == [
        # Two probes read pyproject.toml (project.license and project.license.text): one warning.
        (
            "evidence",
            line,
            "license.name: evidence not checked: pyproject.toml is 1,048,589 bytes, over the limit of "
            "1,048,576",
        ),
        (
            "evidence",
            line,
            "license.name: evidence not checked: package.json is not a regular file (a pipe or a device?)",
        ),
    ]
    # The binary licence file exists (license.included is verified) but no pattern is read from it.
    assert evidence(report, "license.included") == [(Outcome.VERIFIED, "LICENSE")]
    assert evidence(report, "license.name") == []


def test_a_probe_reads_a_bounded_number_of_files(tmp_path: Path) -> None:
    for index in range(MAX_FILES + 1):
        (tmp_path / f"note{index:05d}.md").write_text("nothing here\n", encoding="utf-8")
    [probe] = read_probes({"kind": "match", "paths": ["**/*.md"], "pattern": "secret"}, "test")
    finding = run_probe(probe, Repository(tmp_path))
    assert (finding.found, finding.problem) == (
        False,
        f"the probe stopped after reading {MAX_FILES:,} files",
    )


def test_globs_match_names_ignoring_case_and_within_folders(tmp_path: Path) -> None:
    for name in (
        "License.md",
        "docs/runbook-oncall.md",
        "docs/deep/runbook.txt",
        "node_modules/x/runbook.md",
    ):
        write(tmp_path / name, "text\n")
    repo = Repository(tmp_path)
    repo.start()
    assert list(repo.matching(("LICENSE*",))) == ["License.md"]
    assert list(repo.matching(("docs/runbook*",))) == ["docs/runbook-oncall.md"]
    # A folder's own files come before its subfolders'; node_modules is never walked.
    assert list(repo.matching(("**/runbook*",))) == ["docs/runbook-oncall.md", "docs/deep/runbook.txt"]


def test_findings_are_shared_until_what_they_looked_at_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[str] = []
    original = checking.run_probe

    def counting(probe: object, repo: Repository) -> object:
        runs.append(str(repo.root))
        return original(probe, repo)  # type: ignore[arg-type]

    monkeypatch.setattr(checking, "run_probe", counting)
    checking._cache.clear()
    path = repository(tmp_path, answered(), LICENSE=MIT, CODEOWNERS="*\n")
    first = judge(path, Settings())
    probes = len(runs)
    assert probes > 0
    judge(path, Settings())
    assert len(runs) == probes  # nothing changed: every finding came from the cache
    (tmp_path / "LICENSE").unlink()
    again = judge(path, Settings())
    assert len(runs) > probes
    assert evidence(first, "license.included")[0][0] is Outcome.VERIFIED
    assert evidence(again, "license.included")[0][0] is Outcome.CONTRADICTED


@pytest.mark.parametrize(
    ("probe", "message"),
    [
        (
            {"kind": "exists", "paths": ["x"]},
            "'kind' must be one of file, match, value, secrets, annotation, not 'exists'",
        ),
        ({"kind": "file", "paths": ["../secret"]}, "'paths' must be a list of relative paths or globs"),
        ({"kind": "file", "paths": ["/etc/passwd"]}, "'paths' must be a list of relative paths or globs"),
        ({"kind": "file"}, "a file probe needs 'paths'"),
        ({"kind": "match", "paths": ["x"], "pattern": "(a)\\1"}, "is not RE2"),
        ({"kind": "value", "file": "x.json"}, "a value probe needs 'file' (a relative path) and 'at'"),
        ({"kind": "file", "paths": ["x"], "found": "yes"}, "'found' must be true or false"),
        ({"kind": "file", "paths": ["x"], "run": "rm -rf /"}, "has unknown keys: run"),
        ({"kind": "annotation"}, "an annotation probe needs the annotation's 'key'"),
    ],
)
def test_a_probe_that_makes_no_sense_is_refused(probe: dict[str, object], message: str) -> None:
    with pytest.raises(ProbeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_probes([probe], "license.included")


def test_an_extension_sets_replaces_and_removes_probes(tmp_path: Path) -> None:
    extension = write(
        tmp_path / "org.json",
        '{"evidence": {\n'
        '  "code.code-reviewed": [{"kind": "file", "paths": ["OWNERS"], "found": true}],\n'
        '  "license.name": []\n'
        "}}\n",
    )
    checklist = load_checklist(None, [extension])
    questions = {(c.key, q.key): q for c in checklist.considerations for q in c.questions}
    assert [p.paths for p in questions[("code", "code-reviewed")].probes] == [("OWNERS",)]
    assert questions[("license", "name")].probes == ()
    assert questions[("license", "included")].probes != ()
    broken = write(
        tmp_path / "bad.json", '{"evidence": {\n  "license.name": [{"kind": "file", "paths": ["../x"]}]\n}}\n'
    )
    with pytest.raises(ChecklistError) as refused:
        load_checklist(None, [broken])
    assert refused.value.location == f"{broken}:2"
    assert "'paths' must be a list of relative paths or globs" in str(refused.value)


# -- the secrets scan (detect-secrets) -----------------------------------------------------------

#: Built here, so that no credential-shaped text sits in the repository itself.
FAKE_KEY = "AKIA" + "Z7Q4WJ3K5M2N8P6R"


def with_secret(root: Path, **files: str) -> tuple[Path, str]:
    text = answered()
    path = repository(
        root,
        text,
        LICENSE=MIT,
        CODEOWNERS="*\n",
        **{"src__app__settings.py": f'DEBUG = False\nAWS_ACCESS_KEY_ID = "{FAKE_KEY}"\n'},
        **files,
    )
    return path, text


def test_a_hard_coded_credential_contradicts_hard_coded_values_resolved(tmp_path: Path) -> None:
    path, text = with_secret(tmp_path)
    report = judge(path, Settings())
    assert messages(report) == [
        (
            "evidence",
            line_of(text, "    hard-coded-values-resolved: true"),
            "settings.hard-coded-values-resolved is answered yes, but the repository says no (a possible "
            "credential (AWS Access Key) at src/app/settings.py:2); correct the answer or the repository",
        )
    ]
    assert FAKE_KEY not in repr(report)


def test_a_baseline_that_audits_the_finding_as_no_secret_passes_it_over(tmp_path: Path) -> None:
    from detect_secrets.core.potential_secret import PotentialSecret

    audited = (
        '{"results": {"src/app/settings.py": [{"type": "AWS Access Key", "line_number": 2, '
        f'"hashed_secret": "{PotentialSecret.hash_secret(FAKE_KEY)}", "is_secret": false}}]}}}}'
    )
    path, _ = with_secret(tmp_path, **{".secrets.baseline": audited})
    report = judge(path, Settings())
    assert report.problems == ()
    assert evidence(report, "settings.hard-coded-values-resolved")[0][0] is Outcome.VERIFIED


def test_without_detect_secrets_the_answer_is_unverified_not_contradicted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def refuse(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("detect_secrets"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", refuse)
    checking._cache.clear()
    path, _ = with_secret(tmp_path)
    report = judge(path, Settings())
    assert report.problems == ()
    [result] = [
        q.evidence[0]
        for c in report.considerations
        for q in c.questions
        if q.key == "hard-coded-values-resolved"
    ]
    assert (result.outcome, result.says) == (
        Outcome.NONE,
        "not checked: detect-secrets is not installed (pip install 'sphinx-svcready[secrets]')",
    )


def test_a_service_file_names_its_own_source_folder_within_its_work_tree(tmp_path: Path) -> None:
    text = answered().replace("  name: ledger\n", "  name: ledger\n  source-folder: ../services/ledger\n")
    path = repository(
        tmp_path, text, **{"services__ledger__LICENSE": MIT, "services__ledger__CODEOWNERS": "*\n"}
    )
    report = judge(path, Settings())
    assert report.repository == str((tmp_path / "services" / "ledger").resolve())
    assert report.problems == ()

    outside = answered().replace("  name: ledger\n", "  name: ledger\n  source-folder: ../../elsewhere\n")
    write(path, outside)
    (tmp_path.parent / "elsewhere").mkdir(exist_ok=True)
    [problem] = judge(path, Settings()).problems
    assert (problem.subtype, problem.line) == ("evidence", line_of(outside, "source-folder:"))
    assert problem.message == (
        f"service.source-folder '../../elsewhere' is outside {tmp_path.resolve()}, the folder it must lie in; "
        "no evidence probe runs"
    )
    missing = answered().replace("  name: ledger\n", "  name: ledger\n  source-folder: nowhere\n")
    write(path, missing)
    [problem] = judge(path, Settings()).problems
    assert problem.message == "service.source-folder 'nowhere' is not a folder; no evidence probe runs"


def test_the_hostile_repository_in_tests_data_ends_in_located_warnings(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(Path(__file__).parent.parent / "data" / "evidence-hostile", root)
    (root / "LICENSE").symlink_to("/etc/passwd")
    (root / "CODEOWNERS").symlink_to(tmp_path / "outside-owners")
    write(tmp_path / "outside-owners", "* @intruder\n")
    (root / "docs").mkdir()
    (root / "docs" / "loop").symlink_to(root / "docs")
    text = answered()
    path = repository(root, text)

    report = judge(path, Settings())

    name_line = line_of(text, "    name: MIT")
    unusable = [p.message for p in report.problems if p.line == name_line]
    assert [message.split(": ", 2)[2].split(" cannot be read: ")[0] for message in unusable] == [
        "package.json",
        "Cargo.toml",
    ]
    assert unusable[0].endswith("cannot be read: " + DEEP_JSON)
    assert all(p.subtype == "evidence" for p in report.problems if p.line == name_line)
    # The licence link and the CODEOWNERS link lead out: neither is taken, neither is read. The
    # binary COPYING is a licence file, though no identifier is read from it.
    assert evidence(report, "license.included") == [(Outcome.VERIFIED, "COPYING")]
    assert evidence(report, "license.name") == []
    assert "no CODEOWNERS file" in " ".join(p.message for p in report.problems)
    assert "root:" not in repr(report) and "intruder" not in repr(report)
    assert not any("passwd" in looked or "outside-owners" in looked for looked in report.evidence_files)
