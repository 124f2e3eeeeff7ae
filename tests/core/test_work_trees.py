"""``WorkTrees`` finds, for many paths at once, the work tree :func:`work_tree` finds for each: through
symbolic links to files and folders, ``..``, relative paths, and no work tree at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_svcready.core.reading.confinement import WorkTrees, work_tree

from ..conftest import write


def test_many_paths_find_the_work_tree_each_would_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository, elsewhere = tmp_path / "repository", tmp_path / "elsewhere"
    (repository / ".git").mkdir(parents=True)
    (elsewhere / ".git").mkdir(parents=True)
    inside = write(repository / "services" / "ledger" / "service.yaml", "service: {}\n")
    outside = write(tmp_path / "loose" / "service.yaml", "service: {}\n")
    other = write(elsewhere / "docs" / "service.yaml", "service: {}\n")
    # A folder of the repository that is a link into the other one, and a file that is a link out.
    (repository / "linked").symlink_to(elsewhere / "docs", target_is_directory=True)
    (repository / "services" / "pointer.yaml").symlink_to(other)
    monkeypatch.chdir(repository / "services")
    paths = [
        str(inside),
        "ledger/service.yaml",
        "../linked/service.yaml",
        str(repository / "linked" / "service.yaml"),
        "pointer.yaml",
        str(outside),
        str(repository / "services"),
        "../services/ledger/service.yaml",
    ]
    trees = WorkTrees()
    found = [trees.of(path) for path in paths]
    assert found == [work_tree(path) for path in paths]
    real = repository.resolve(), elsewhere.resolve()
    assert found == [real[0], real[0], real[1], real[1], real[1], None, real[0], real[0]]
