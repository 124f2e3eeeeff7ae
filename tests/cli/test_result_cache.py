"""``svcready check`` takes the report on a file that has not changed from the cache, and only
then: every input a report depends on, changed, makes the file judged again, a pool judges only
what is left, and an entry someone else wrote can neither run code nor change the output."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path
from typing import Any

import pytest

from sphinx_svcready.core import pipeline
from sphinx_svcready.core.pipeline import POOL_THRESHOLD
from sphinx_svcready.core.result_cache import Remembered

from ..conftest import Svcready, complete_text, line_of, named, replace_answer, write
from .test_check_speed import portfolio

MIT = "MIT License\n\nCopyright (c) 2026 Team Ledger\n"


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path.parent / f"{tmp_path.name}-cache" / "results").glob("*/*/*"))


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files ``svcready check`` judges (in this process), in order."""
    calls: list[str] = []
    real = pipeline.judge

    def counting(path: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "judge", counting)
    return calls


def test_an_unchanged_file_is_not_judged_again_and_prints_the_same(
    tmp_path: Path, svcready: Svcready, judged: list[str]
) -> None:
    files = portfolio(tmp_path, 8)
    first = svcready("check", *files)
    assert judged == files
    assert len(entries(tmp_path)) == 8
    for output in ("text", "json", "sarif", "junit"):
        fresh = svcready("check", "--no-cache", "--format", output, *files)
        judged.clear()
        again = svcready("check", "--format", output, *files)
        assert (again.code, again.out, again.err) == (fresh.code, fresh.out, fresh.err), output
        assert judged == [], output
    assert first.code == 2  # the last file repeats the first one's name, found across cached files
    assert first.out.splitlines()[-1] == (
        "s007/service.yaml: duplicate: service 'svc000' is also defined in s000/service.yaml; names must be unique"
    )
    changed = tmp_path / files[2]
    changed.write_text(
        replace_answer(changed.read_text(encoding="utf-8"), "license", "name", "TODO"), "utf-8"
    )
    judged.clear()
    edited = svcready("check", *files)
    assert judged == [files[2]]
    assert (
        f"{files[2]}:{line_of(changed.read_text(encoding='utf-8'), '    name: TODO')}: unanswered:"
        in edited.out
    )


def test_a_catalog_file_appearing_beside_the_file_makes_it_judged_again(
    tmp_path: Path, svcready: Svcready, judged: list[str]
) -> None:
    write(tmp_path / "ledger" / "service.yaml", complete_text())
    assert svcready("check", "ledger/service.yaml").code == 0
    write(tmp_path / "ledger" / "catalog-info.yaml", "apiVersion: [backstage.io/v1alpha1\n")
    judged.clear()
    result = svcready("check", "ledger/service.yaml")
    assert judged == ["ledger/service.yaml"]
    assert result.code == 2
    assert result.out.startswith("ledger/catalog-info.yaml:")
    # And changing the catalog file again is seen too.
    write(tmp_path / "ledger" / "catalog-info.yaml", "# nothing here yet\n")
    judged.clear()
    svcready("check", "ledger/service.yaml")
    assert judged == ["ledger/service.yaml"]


def test_a_repository_file_the_evidence_read_makes_it_judged_again(
    tmp_path: Path, svcready: Svcready, judged: list[str]
) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "CODEOWNERS", "* @team-ledger\n")
    write(tmp_path / "LICENSE", MIT)
    write(tmp_path / "docs" / "service.yaml", replace_answer(complete_text(), "license", "name", "MIT"))
    assert svcready("check", "docs/service.yaml").code == 0
    judged.clear()
    assert svcready("check", "docs/service.yaml").code == 0
    assert judged == []
    (tmp_path / "LICENSE").unlink()
    result = svcready("check", "docs/service.yaml")
    assert judged == ["docs/service.yaml"]
    assert result.code == 1
    assert "docs/service.yaml:" in result.out and ": evidence: license.included is answered yes" in result.out
    # A licence file back with other words is another change.
    write(tmp_path / "LICENSE", "Apache License\nVersion 2.0, January 2004\n")
    judged.clear()
    contradicted = svcready("check", "docs/service.yaml")
    assert judged == ["docs/service.yaml"]
    assert "license.name is answered 'MIT'" in contradicted.out


def test_another_day_or_setting_is_another_entry(
    tmp_path: Path, svcready: Svcready, judged: list[str]
) -> None:
    text = named("ledger").replace(
        "  lifecycle: production\n", "  lifecycle: production\n  last-reviewed: 2026-10-01\n", 1
    )
    write(tmp_path / "service.yaml", text)
    fresh = svcready("check", "--review-max-age-days", "90", "--today", "2026-11-01", "service.yaml")
    assert fresh.code == 0
    judged.clear()
    stale = svcready("check", "--review-max-age-days", "90", "--today", "2027-02-01", "service.yaml")
    assert judged == ["service.yaml"]
    assert stale.code == 1
    assert f"service.yaml:{line_of(text, 'last-reviewed:')}: stale:" in stale.out
    judged.clear()
    svcready("check", "--review-max-age-days", "30", "--today", "2026-11-01", "service.yaml")
    assert judged == ["service.yaml"]
    judged.clear()
    assert svcready("check", "--review-max-age-days", "90", "--today", "2026-11-01", "service.yaml").code == 0
    assert judged == []


def test_a_pool_judges_only_the_files_left_and_prints_what_one_process_prints(
    tmp_path: Path, svcready: Svcready
) -> None:
    files = portfolio(tmp_path, 2 * POOL_THRESHOLD + 10)
    expected = svcready("check", "-j", "1", "--no-cache", *files)
    half = files[: len(files) // 2]
    svcready("check", "-j", "1", *half)
    assert len(entries(tmp_path)) == len(half)
    pooled = svcready("check", "-j", "2", *files)
    assert (pooled.code, pooled.out, pooled.err) == (expected.code, expected.out, expected.err)
    assert len(entries(tmp_path)) == len(files)
    assert svcready("check", "-j", "2", *files).out == expected.out


class _Runs:
    """Pickled, this runs a command when it is loaded by an unpickler that allows it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_an_entry_written_by_someone_else_runs_no_code_and_changes_nothing(
    tmp_path: Path, svcready: Svcready, judged: list[str]
) -> None:
    files = portfolio(tmp_path, 5)[:4]  # no repeated name: a duplicate reads its whole report
    expected = {
        output: svcready("check", "--no-cache", "--format", output, *files) for output in ("text", "json")
    }
    svcready("check", *files)
    marker = tmp_path.parent / f"{tmp_path.name}-ran"
    whole, report, verdict, short = entries(tmp_path)
    # A whole entry that would run a command.
    whole.write_bytes(pickle.dumps(_Runs(marker)))
    # A header as svcready writes it, with a report that would run a command: read only for
    # the JSON output, which then judges the file afresh.
    stamps, kept = pickle.loads(report.read_bytes())
    assert isinstance(kept, Remembered)
    forged = Remembered(kept.name, kept.loaded, kept.problems, kept.verdict, pickle.dumps(_Runs(marker)))
    report.write_bytes(pickle.dumps((stamps, forged)))
    # A verdict that is no verdict.
    stamps, kept = pickle.loads(verdict.read_bytes())
    verdict.write_bytes(pickle.dumps((stamps, Remembered(kept.name, kept.loaded, (), 7, kept.blob))))  # type: ignore[arg-type]
    # And one cut short.
    short.write_bytes(short.read_bytes()[:100])
    judged.clear()
    text = svcready("check", *files)
    assert (text.code, text.out, text.err) == (
        expected["text"].code,
        expected["text"].out,
        expected["text"].err,
    )
    assert len(judged) == 3  # the three entries that are not svcready's
    judged.clear()
    as_json = svcready("check", "--format", "json", *files)
    assert as_json.out == expected["json"].out
    assert not marker.exists()
    assert len(judged) == 1  # the forged report, judged afresh for the JSON output


def test_settings_unused_for_a_week_are_forgotten(tmp_path: Path, svcready: Svcready) -> None:
    files = portfolio(tmp_path, 2)
    svcready("check", *files)
    results = tmp_path.parent / f"{tmp_path.name}-cache" / "results"
    old, recent = results / "old-settings", results / "recent-settings"
    for folder, days in ((old, 8), (recent, 6)):
        write(folder / "ab" / "entry.1", "")
        moment = time.time() - days * 24 * 3600
        os.utime(folder, (moment, moment))
    svcready("check", *files)
    assert not old.exists()
    assert recent.exists()
