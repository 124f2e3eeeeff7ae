"""``svcready check`` at speed: many files in a pool of processes, and content found valid before
not validated again; the output is the same either way, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinx_svcready.core.checklist.loading import packaged_schema_path
from sphinx_svcready.core.pipeline import POOL_THRESHOLD

from ..conftest import Svcready, named, replace_answer


def portfolio(root: Path, count: int) -> list[str]:
    """``count`` service files, every seventh with a question open, the last repeating a name."""
    paths = []
    for index in range(count):
        text = named(f"svc{index:03d}", f"Service {index}")
        if index % 7 == 3:
            text = replace_answer(text, "license", "name", "TODO")
        if index == count - 1:
            text = named("svc000", "Service 0 again")
        path = root / f"s{index:03d}" / "service.yaml"
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
        paths.append(str(path.relative_to(root)))
    return paths


def test_a_pool_of_processes_prints_what_one_process_prints(tmp_path: Path, svcready: Svcready) -> None:
    files = portfolio(tmp_path, POOL_THRESHOLD + 20)
    alone = svcready("check", "-j", "1", "--no-cache", *files)
    pooled = svcready("check", "-j", "2", "--no-cache", *files)
    assert alone.code == pooled.code == 2  # the repeated name is broken
    assert pooled.out == alone.out
    assert pooled.err == alone.err
    lines = alone.out.splitlines()
    assert lines[0].startswith("s003/service.yaml:")
    assert lines[-1] == (
        f"s{POOL_THRESHOLD + 19:03d}/service.yaml: duplicate: service 'svc000' is also defined in "
        "s000/service.yaml; names must be unique"
    )
    # Outputs that read whole reports read the ones the workers handed back as they were judged.
    for output in ("json", "sarif"):
        whole = svcready("check", "-j", "1", "--no-cache", "--format", output, *files)
        assert svcready("check", "-j", "2", "--no-cache", "--format", output, *files).out == whole.out


def test_valid_content_is_remembered_and_a_change_is_validated_again(
    tmp_path: Path, svcready: Svcready
) -> None:
    cache = tmp_path.parent / f"{tmp_path.name}-cache" / "valid"
    files = portfolio(tmp_path, 4)[:3]
    first = svcready("check", *files)
    entries = sorted(cache.glob("*/*"))
    # The three files are valid by the schema (an open question is valid, only unanswered), and
    # the schema is valid JSON Schema.
    assert len(entries) == 4
    again = svcready("check", *files)
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    assert sorted(cache.glob("*/*")) == entries
    changed = tmp_path / files[0]
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("  lifecycle: production", "  lifecycle: 7"), "utf-8"
    )
    broken = svcready("check", *files)
    assert broken.code == 2
    assert "s000/service.yaml:" in broken.out and "invalid" in broken.out
    assert len(sorted(cache.glob("*/*"))) == 4  # content with errors is never remembered


def test_a_schema_found_valid_is_checked_against_the_metaschema_once_and_a_changed_one_again(
    tmp_path: Path, svcready: Svcready, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jsonschema

    checked: list[str] = []
    original = jsonschema.Draft202012Validator.check_schema

    def counting(schema: dict[str, object]) -> None:
        checked.append(str(schema.get("title")))
        original(schema)

    monkeypatch.setattr(jsonschema.Draft202012Validator, "check_schema", counting)
    files = portfolio(tmp_path, 2)[:1]
    schema = tmp_path / "checklist.json"
    packaged = json.loads(packaged_schema_path().read_text(encoding="utf-8"))
    schema.write_text(json.dumps({**packaged, "title": "Ours"}), encoding="utf-8")
    first = svcready("check", "--schema", str(schema), *files)
    again = svcready("check", "--schema", str(schema), *files)
    assert (again.code, again.out) == (first.code, first.out) == (0, "")
    assert checked == ["Ours"]
    schema.write_text(json.dumps({**packaged, "title": "Ours", "type": 12}), encoding="utf-8")
    broken = svcready("check", "--schema", str(schema), *files)
    assert checked == ["Ours", "Ours"]
    assert broken.code == 2
    assert (
        f"the schema {schema} is not valid JSON Schema: 12 is not valid under any of the given schemas"
        in (broken.err)
    )
    assert svcready("check", "--no-cache", "--schema", str(schema), *files).code == 2
    assert checked == ["Ours", "Ours", "Ours"]


def test_no_cache_leaves_no_entry_and_jobs_must_be_a_positive_number(
    tmp_path: Path, svcready: Svcready
) -> None:
    cache = tmp_path.parent / f"{tmp_path.name}-cache"
    files = portfolio(tmp_path, 5)[:4]
    assert svcready("check", "--no-cache", *files).code == 1
    assert not cache.exists()
    wrong = svcready("check", "-j", "0", *files)
    assert wrong.code == 2
    assert "argument --jobs/-j: must be a whole number, 1 or more, not '0'" in wrong.err


def test_a_cache_that_cannot_be_written_costs_only_the_saving(
    tmp_path: Path, svcready: Svcready, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = portfolio(tmp_path, 5)[:4]
    expected = svcready("check", "--no-cache", *files)
    blocker = tmp_path.parent / f"{tmp_path.name}-blocker"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("SVCREADY_CACHE_DIR", str(blocker))
    result = svcready("check", *files)
    assert (result.code, result.out, result.err) == (expected.code, expected.out, expected.err)
    assert expected.code == 1 and expected.out.startswith("s003/service.yaml:")
