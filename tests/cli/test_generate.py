"""``svcready generate``: stub pages that build, a second run that changes nothing, and edited
pages that are never overwritten."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_svcready.cli import main

from ..conftest import ROOTS, Build, named

Run = Callable[..., Build]


@pytest.fixture
def monorepo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """docs/ with conf.py and an index, and three services under docs/services/<folder>/."""
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text(
        (ROOTS / "test-basic" / "conf.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (docs / "index.rst").write_text(
        "Platform\n========\n\n.. toctree::\n\n   generated/index\n", encoding="utf-8"
    )
    for folder, name, title in (
        ("a", "alpha", "Alpha API"),
        ("b", "beta", "Beta ledger"),
        ("c", "gamma", "Gamma jobs"),
    ):
        (docs / "services" / folder).mkdir(parents=True)
        (docs / "services" / folder / "service.yaml").write_text(named(name, title), encoding="utf-8")
    return docs


def generate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    capsys.readouterr()
    code = main(["generate", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_generated_pages_build_with_W(
    monorepo: Path, capsys: pytest.CaptureFixture[str], sphinx_build: Run
) -> None:
    code, lines, _ = generate(capsys, "docs/generated", "docs/services")
    assert code == 0
    assert lines == [
        "written: docs/generated/alpha.rst",
        "written: docs/generated/beta.rst",
        "written: docs/generated/gamma.rst",
        "written: docs/generated/index.rst",
    ]
    page = (monorepo / "generated" / "beta.rst").read_text(encoding="utf-8")
    assert page.startswith("Beta ledger\n===========\n\n.. service-readiness:: ../services/b/service.yaml\n")
    build = sphinx_build(monorepo, "-W")
    assert (build.code, build.warnings) == (0, [])
    assert "19 of 19 considerations answered" in build.page("generated/beta.html")
    summary = build.page("generated/index.html")
    assert summary.count('class="svcready-summary') == 1
    assert 'href="gamma.html#svcready-gamma"' in summary


def test_a_second_run_changes_nothing(monorepo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generate(capsys, "docs/generated", "docs/services")
    code, lines, _ = generate(capsys, "docs/generated", "docs/services")
    assert code == 0
    assert all(line.startswith("unchanged: ") for line in lines) and len(lines) == 4


def test_an_out_of_date_page_needs_force_and_an_edited_one_is_never_overwritten(
    monorepo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generate(capsys, "docs/generated", "docs/services")
    (monorepo / "services" / "a" / "service.yaml").write_text(
        named("alpha", "Alpha gateway"), encoding="utf-8"
    )
    beta = monorepo / "generated" / "beta.rst"
    edited = beta.read_text(encoding="utf-8").replace("Beta ledger\n", "Beta ledger\n\nOur notes.\n", 1)
    beta.write_text(edited, encoding="utf-8")
    (monorepo / "services" / "b" / "service.yaml").write_text(named("beta", "Beta books"), encoding="utf-8")

    code, lines, err = generate(capsys, "docs/generated", "docs/services")
    assert code == 1
    assert "out of date: docs/generated/alpha.rst" in lines
    assert "edited: docs/generated/beta.rst" in lines
    assert "svcready: docs/generated/alpha.rst is out of date; run again with --force to rewrite it" in err
    assert "Alpha API" in (monorepo / "generated" / "alpha.rst").read_text(encoding="utf-8")

    code, lines, err = generate(capsys, "docs/generated", "docs/services", "--force")
    assert code == 1
    assert "updated: docs/generated/alpha.rst" in lines
    assert "Alpha gateway\n=============" in (monorepo / "generated" / "alpha.rst").read_text(
        encoding="utf-8"
    )
    assert "svcready: docs/generated/beta.rst was edited by hand and is not overwritten" in err
    assert beta.read_text(encoding="utf-8") == edited


def test_two_files_with_one_service_name_are_refused(
    monorepo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (monorepo / "services" / "d").mkdir()
    (monorepo / "services" / "d" / "service.yaml").write_text(named("alpha", "Alpha again"), encoding="utf-8")
    code, lines, err = generate(capsys, "docs/generated", "docs/services")
    assert (code, lines) == (2, [])
    assert (
        "svcready: error: docs/services/d/service.yaml: service 'alpha' is also defined in docs/services/a/service.yaml"
        in err
    )
    assert not (monorepo / "generated").exists()


def test_a_title_is_shown_as_written_and_can_make_no_link(
    monorepo: Path, capsys: pytest.CaptureFixture[str], sphinx_build: Run
) -> None:
    hostile = "`Beta <javascript:alert(1)>`_ |x| .. raw:: html"
    text = named("beta", "Beta").replace("  title: Beta\n", f"  title: '{hostile}'\n")
    (monorepo / "services" / "b" / "service.yaml").write_text(text, encoding="utf-8")
    assert generate(capsys, "docs/generated", "docs/services")[0] == 0
    build = sphinx_build(monorepo, "-W")
    assert (build.code, build.warnings) == (0, [])
    html = build.page("generated/beta.html")
    assert 'href="javascript:' not in html
    assert "<h1>`Beta &lt;javascript:alert(1)&gt;`_ |x| .. raw:: html" in html


def test_grouped_by_owner_the_index_lists_a_page_per_team(
    monorepo: Path, capsys: pytest.CaptureFixture[str], sphinx_build: Run
) -> None:
    beta = monorepo / "services" / "b" / "service.yaml"
    beta.write_text(named("beta", "Beta ledger", owner="'Team Books: Ledgers & Co'"), encoding="utf-8")
    code, lines, _ = generate(capsys, "docs/generated", "docs/services", "--group-by", "owner")
    assert code == 0
    assert lines == [
        "written: docs/generated/alpha.rst",
        "written: docs/generated/beta.rst",
        "written: docs/generated/gamma.rst",
        "written: docs/generated/by-owner/team-books-ledgers-co.rst",
        "written: docs/generated/by-owner/team-ledger.rst",
        "written: docs/generated/index.rst",
    ]
    group = (monorepo / "generated" / "by-owner" / "team-books-ledgers-co.rst").read_text(encoding="utf-8")
    # The owner's name is a title shown as written: its punctuation can make no markup.
    assert group.startswith(
        "Team Books\\: Ledgers \\& Co\n==========================\n\n"
        ".. service-readiness-summary::\n   :projects: local\n   :services: beta\n\n"
        ".. toctree::\n   :maxdepth: 1\n   :titlesonly:\n\n   ../beta\n"
    )
    build = sphinx_build(monorepo, "-W")
    assert (build.code, build.warnings) == (0, [])
    assert "<h1>Team Books: Ledgers &amp; Co" in build.page("generated/by-owner/team-books-ledgers-co.html")
    ledger = build.page("generated/by-owner/team-ledger.html")
    assert (
        'href="../alpha.html#svcready-alpha"' in ledger
        and "beta.html"
        not in ledger.split("<h1>", 1)[1].split("</main>")[0].split('class="sphinxsidebar"')[0]
    )


def test_a_group_folder_that_is_a_link_is_refused(
    monorepo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    beta = monorepo / "services" / "b" / "service.yaml"
    beta.write_text(named("beta", "Beta ledger", owner="Team Books"), encoding="utf-8")
    (monorepo / "generated").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (monorepo / "generated" / "by-owner").symlink_to(elsewhere)
    code, _, err = generate(capsys, "docs/generated", "docs/services")
    assert code == 2
    assert err.splitlines() == [
        "svcready: error: docs/generated/by-owner/team-books.rst cannot be written: "
        "docs/generated/by-owner is a symbolic link; it is left as it is",
        "svcready: error: docs/generated/by-owner/team-ledger.rst cannot be written: "
        "docs/generated/by-owner is a symbolic link; it is left as it is",
    ]
    assert list(elsewhere.iterdir()) == []


def test_a_page_no_longer_made_is_reported_and_deleted_with_force(
    monorepo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    beta = monorepo / "services" / "b" / "service.yaml"
    beta.write_text(named("beta", "Beta ledger", owner="Team Books"), encoding="utf-8")
    generate(capsys, "docs/generated", "docs/services")
    beta.write_text(named("beta", "Beta ledger"), encoding="utf-8")  # one owner again: no groups
    code, lines, err = generate(capsys, "docs/generated", "docs/services")
    assert code == 1
    assert "stale: docs/generated/by-owner/team-books.rst" in lines
    assert (
        "svcready: docs/generated/by-owner/team-books.rst is no longer made (its service or its group is "
        "gone); run again with --force to delete it"
    ) in err.splitlines()
    code, lines, _ = generate(capsys, "docs/generated", "docs/services", "--force")
    assert code == 0
    assert "deleted: docs/generated/by-owner/team-books.rst" in lines
    assert "deleted: docs/generated/by-owner/team-ledger.rst" in lines
    assert not (monorepo / "generated" / "by-owner").exists()


def test_past_thirty_groups_the_index_lists_shelves_which_go_when_the_groups_are_fewer(
    monorepo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for number in range(31):
        folder = monorepo / "services" / f"team{number:02d}"
        folder.mkdir()
        (folder / "service.yaml").write_text(
            named(f"svc{number:02d}", f"Service {number:02d}", owner=f"Team {number:02d}"), encoding="utf-8"
        )
    for folder in "abc":  # the fixture's three services, so that every owner has one service
        (monorepo / "services" / folder / "service.yaml").unlink()
    code, lines, _ = generate(capsys, "docs/generated", "docs/services")
    assert code == 0
    shelves = [line for line in lines if "--" in line]
    assert shelves == [
        "written: docs/generated/by-owner/team-00--team-05.rst",
        "written: docs/generated/by-owner/team-06--team-10.rst",
        "written: docs/generated/by-owner/team-11--team-15.rst",
        "written: docs/generated/by-owner/team-16--team-20.rst",
        "written: docs/generated/by-owner/team-21--team-25.rst",
        "written: docs/generated/by-owner/team-26--team-30.rst",
    ]
    index = (monorepo / "generated" / "index.rst").read_text(encoding="utf-8")
    assert "   :group-by: owner\n" in index and "   by-owner/team-06--team-10\n" in index
    assert "by-owner/team-07\n" not in index
    shelf = (monorepo / "generated" / "by-owner" / "team-06--team-10.rst").read_text(encoding="utf-8")
    assert shelf.startswith(
        "Team 06 – Team 10\n=================\n\n.. service-readiness-summary::\n   :projects: local\n"
        "   :group-by: owner\n   :services: svc06, svc07, svc08, svc09, svc10\n\n"
        ".. toctree::\n   :maxdepth: 1\n   :titlesonly:\n\n   team-06\n   team-07\n"
    )
    (monorepo / "services" / "team30" / "service.yaml").unlink()  # thirty owners: no shelves
    code, lines, _ = generate(capsys, "docs/generated", "docs/services", "--force")
    assert code == 0
    assert [line for line in lines if "--" in line] == [
        line.replace("written", "deleted") for line in shelves
    ]
    index = (monorepo / "generated" / "index.rst").read_text(encoding="utf-8")
    assert "   by-owner/team-00\n   by-owner/team-01\n" in index
