"""Discovery: a monorepo's service files get pages with no stub written by hand, and the pages
follow files that are added, removed or duplicated between incremental builds."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from ..conftest import (
    DISCOVERY_INDEX,
    Build,
    add,
    complete_text,
    monorepo,
    named,
    summary_names,
    summary_tables,
)

Run = Callable[..., Build]


def test_five_services_with_no_stub_pages_build_with_W(tmp_path: Path, sphinx_build: Run) -> None:
    docs = monorepo(tmp_path)
    build = sphinx_build(docs, "-W")
    assert (build.code, build.warnings) == (0, [])
    for number in range(5):
        assert "19 of 19 considerations answered" in build.page(f"discovered/svc{number}.html")
    assert summary_names(build.page("discovered/index.html")) == [f"Service {n}" for n in range(5)]
    page = (docs / "discovered" / "svc3.rst").read_text(encoding="utf-8")
    assert page.startswith("Service 3\n=========\n\n.. service-readiness:: ../services/svc3/service.yaml\n")


def test_added_and_removed_services_between_incremental_builds(tmp_path: Path, sphinx_build: Run) -> None:
    docs = monorepo(tmp_path)
    sphinx_build(docs, "-W")
    add(docs / "services", "svc9", "Service 9")
    shutil.rmtree(docs / "services" / "svc1")
    build = sphinx_build(docs, "-W", quiet=False)
    assert (build.code, build.warnings) == (0, [])
    assert "1 added, 1 changed, 1 removed" in build.output  # svc9 added, the index changed, svc1 gone
    assert not (docs / "discovered" / "svc1.rst").exists()
    remaining = ["Service 0", "Service 2", "Service 3", "Service 4", "Service 9"]
    assert summary_names(build.page("discovered/index.html")) == remaining
    again = sphinx_build(docs, "-W", quiet=False)
    assert "0 added, 0 changed, 0 removed" in again.output


def test_two_files_with_one_service_name(tmp_path: Path, sphinx_build: Run) -> None:
    docs = monorepo(tmp_path, count=2)
    second = add(docs / "services", "zzz", "Another")
    second.write_text(named("svc0", "Service 0 again"), encoding="utf-8")
    build = sphinx_build(docs)
    assert build.warnings == [
        f"{second}:1: WARNING: service 'svc0' is also in {(docs / 'services' / 'svc0' / 'service.yaml').resolve()}; "
        "this file gets no page [svcready.duplicate]"
    ]


def test_a_root_outside_the_source_and_hand_written_pages_side_by_side(
    tmp_path: Path, sphinx_build: Run
) -> None:
    docs = monorepo(
        tmp_path, count=0, conf='svcready_discover = ["*/service.yaml"]\nsvcready_discover_root = "../repo"'
    )
    for number in range(2):
        add(tmp_path / "repo", f"svc{number}", f"Service {number}")
    # A Backstage file beside a service file under the root is read too.
    (tmp_path / "repo" / "svc0" / "catalog-info.yaml").write_text(
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc0\nspec:\n"
        "  type: service\n  lifecycle: production\n  owner: team-ledger\n  system: learner-records\n",
        encoding="utf-8",
    )
    (docs / "ledger").mkdir()
    (docs / "ledger" / "service.yaml").write_text(complete_text(), encoding="utf-8")
    (docs / "ledger" / "index.rst").write_text("Ledger\n======\n\n.. service-readiness::\n", encoding="utf-8")
    (docs / "index.rst").write_text(DISCOVERY_INDEX + "   ledger/index\n", encoding="utf-8")
    build = sphinx_build(docs, "-W")
    assert (build.code, build.warnings) == (0, [])
    assert summary_names(build.page("discovered/index.html")) == ["Ledger service", "Service 0", "Service 1"]
    assert "<p>learner-records</p>" in build.page("discovered/svc0.html")


def test_an_edited_generated_page_is_kept_and_warned(tmp_path: Path, sphinx_build: Run) -> None:
    docs = monorepo(tmp_path, count=1)
    sphinx_build(docs, "-W")
    page = docs / "discovered" / "svc0.rst"
    page.write_text(page.read_text(encoding="utf-8").replace("\n\n", "\n\nNotes.\n\n", 1), encoding="utf-8")
    build = sphinx_build(docs)
    assert build.warnings == [
        f"{page}:1: WARNING: this page is made by svcready_discover and was edited by hand; it is not "
        "rewritten until the edit is moved out (or the file deleted) [svcready.file]"
    ]
    assert "Notes." in page.read_text(encoding="utf-8")


def _in_system(path: Path, system: str) -> None:
    """Give the service file at ``path`` the system ``system``."""
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  owner: Team Ledger\n", f"  owner: Team Ledger\n  system: {system}\n"), "utf-8"
    )


def _toctree_links(html: str) -> list[str]:
    """The links of a page's body toctree, in order."""
    body = html.split('<div class="toctree-wrapper compound">', 1)[1].split("</div>", 1)[0]
    return re.findall(r'<a class="reference internal" href="([^"#]+)"', body)


def test_a_portfolio_of_several_systems_is_grouped_one_page_per_system(
    tmp_path: Path, sphinx_build: Run
) -> None:
    docs = monorepo(tmp_path, count=5)
    for number, system in [(0, "Payments"), (1, "search"), (2, "payments"), (3, "Search")]:
        _in_system(docs / "services" / f"svc{number}" / "service.yaml", system)
    build = sphinx_build(docs, "-W")
    assert (build.code, build.warnings) == (0, [])
    index = build.page("discovered/index.html")
    # Groups in the order of their names (one group whatever the case), the undeclared last.
    assert _toctree_links(index) == [
        "by-system/payments.html",
        "by-system/search.html",
        "by-system/no-system.html",
    ]
    rollup = re.findall(r'<table class="svcready-rollup.*?</table>', index, re.S)[0]
    assert re.findall(r'href="#svcready-group-\d+-\d+">([^<]+)</a>', rollup) == [
        "Payments",
        "search",
        "No system",
    ]
    assert [row[0] for row in summary_tables(index)[1]][1:] == ["Service 1", "Service 3"]
    payments = build.page("discovered/by-system/payments.html")
    assert "<h1>Payments" in payments
    assert summary_names(payments) == ["Service 0", "Service 2"]
    assert _toctree_links(payments) == ["../svc0.html", "../svc2.html"]
    assert summary_names(build.page("discovered/by-system/no-system.html")) == ["Service 4"]
    # A service page's navigation holds its own group's services, not the other groups'.
    sidebar = build.page("discovered/svc0.html").split('<div class="sphinxsidebar"', 1)[1]
    assert "Service 2" in sidebar and "Service 1" not in sidebar and "Service 4" not in sidebar


def test_more_than_thirty_systems_go_on_shelves_and_the_navigation_stays_short(
    tmp_path: Path, sphinx_build: Run
) -> None:
    docs = monorepo(tmp_path, count=32)
    for number in range(32):
        _in_system(docs / "services" / f"svc{number}" / "service.yaml", f"System {number:02d}")
    build = sphinx_build(docs, "-W")
    assert (build.code, build.warnings) == (0, [])
    # 32 systems on six shelves of six, six, five, five, five and five.
    assert _toctree_links(build.page("discovered/index.html")) == [
        "by-system/system-00--system-05.html",
        "by-system/system-06--system-11.html",
        "by-system/system-12--system-16.html",
        "by-system/system-17--system-21.html",
        "by-system/system-22--system-26.html",
        "by-system/system-27--system-31.html",
    ]
    shelf = build.page("discovered/by-system/system-06--system-11.html")
    assert "<h1>System 06 – System 11" in shelf
    # The roll-up by system, then each system's table of its one service.
    rollup = re.findall(r'<table class="svcready-rollup.*?</table>', shelf, re.S)[0]
    systems = [f"System {n:02d}" for n in range(6, 12)]
    assert re.findall(r'href="#svcready-group-\d+-\d+">([^<]+)</a>', rollup) == systems
    assert [[row[0] for row in table[1:]] for table in summary_tables(shelf)] == [
        [f"Service {n}"] for n in range(6, 12)
    ]
    assert _toctree_links(shelf) == [f"system-{n:02d}.html" for n in range(6, 12)]
    # A service page's navigation: the six shelves, its own shelf's systems and its own page
    # (then that page's sections, left out here).
    navigation = build.page("discovered/svc7.html").split("<h3>Navigation</h3>", 1)[1]
    navigation = navigation.split('<div class="relations">', 1)[0]
    links = re.findall(r'<a class="[^"]*reference internal" href="([^"]*)">([^<]+)</a>', navigation)
    assert [title for href, title in links if not href.startswith("#") or href == "#"] == [
        "Services",
        "System 00 – System 05",
        "System 06 – System 11",
        "System 06",
        "System 07",
        "Service 7",
        "System 08",
        "System 09",
        "System 10",
        "System 11",
        "System 12 – System 16",
        "System 17 – System 21",
        "System 22 – System 26",
        "System 27 – System 31",
    ]


def test_a_service_moving_to_another_system_moves_its_page_and_an_empty_group_goes(
    tmp_path: Path, sphinx_build: Run
) -> None:
    docs = monorepo(tmp_path, count=3)
    for number, system in [(0, "payments"), (1, "search"), (2, "search")]:
        _in_system(docs / "services" / f"svc{number}" / "service.yaml", system)
    sphinx_build(docs, "-W")
    moved = docs / "services" / "svc0" / "service.yaml"
    moved.write_text(moved.read_text(encoding="utf-8").replace("system: payments", "system: search"), "utf-8")
    add(docs / "services", "svc7", "Service 7")
    build = sphinx_build(docs, "-W", quiet=False)
    assert (build.code, build.warnings) == (0, [])
    assert not (docs / "discovered" / "by-system" / "payments.rst").exists()
    assert _toctree_links(build.page("discovered/index.html")) == [
        "by-system/search.html",
        "by-system/no-system.html",
    ]
    assert summary_names(build.page("discovered/by-system/search.html")) == [
        "Service 0",
        "Service 1",
        "Service 2",
    ]


def test_grouping_by_owner_and_none(tmp_path: Path, sphinx_build: Run) -> None:
    docs = monorepo(
        tmp_path,
        count=0,
        conf='svcready_discover = ["services/*/service.yaml"]\nsvcready_discover_group_by = "owner"',
    )
    for number, owner in enumerate(["Team A", "Team B", "Team A"]):
        path = add(docs / "services", f"svc{number}", f"Service {number}")
        path.write_text(
            path.read_text(encoding="utf-8").replace("owner: Team Ledger", f"owner: {owner}"), "utf-8"
        )
    build = sphinx_build(docs, "-W")
    assert (build.code, build.warnings) == (0, [])
    assert _toctree_links(build.page("discovered/index.html")) == [
        "by-owner/team-a.html",
        "by-owner/team-b.html",
    ]
    assert summary_names(build.page("discovered/by-owner/team-a.html")) == ["Service 0", "Service 2"]
    with (docs / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('svcready_discover_group_by = "none"\n')
    flat = sphinx_build(docs, "-W")
    assert _toctree_links(flat.page("discovered/index.html")) == ["svc0.html", "svc1.html", "svc2.html"]
    assert not (docs / "discovered" / "by-owner").exists()
