"""How the generated index groups a portfolio: which field, which groups, which page names."""

from __future__ import annotations

from pathlib import Path

from sphinx_svcready.core.page_groups import grouping, groups
from sphinx_svcready.core.stub_pages import Stub, layout


def stub(name: str, system: str = "", owner: str = "Team A") -> Stub:
    return Stub(Path(f"/repo/{name}/service.yaml"), name, name.title(), system=system, owner=owner)


def test_auto_groups_by_system_when_any_service_declares_one_else_by_owner() -> None:
    assert grouping([stub("a", "pay"), stub("b")], "auto") == "system"
    assert grouping([stub("a", owner="X"), stub("b", owner="Y")], "auto") == "owner"
    # One group alone would only add a page: the list stays flat.
    assert grouping([stub("a", owner="X"), stub("b", owner="x")], "auto") is None
    assert grouping([stub("a", "pay"), stub("b", "search")], "none") is None
    assert grouping([stub("a", "pay"), stub("b", "search")], "lifecycle") is None


def test_groups_fold_case_put_the_undeclared_last_and_never_share_a_page_name() -> None:
    made = groups(
        [stub("d"), stub("c", "Pay!"), stub("b", "pay?"), stub("a", "PAY"), stub("e", "Search")], "system"
    )
    assert [(g.title, g.page, [s.name for s in g.stubs]) for g in made] == [
        ("PAY", "by-system/pay", ["a"]),
        ("Pay!", "by-system/pay-2", ["c"]),
        ("pay?", "by-system/pay-3", ["b"]),
        ("Search", "by-system/search", ["e"]),
        ("No system", "by-system/no-system", ["d"]),
    ]


def test_the_layout_names_every_page_and_the_index_rolls_up_by_the_field() -> None:
    pages = layout([stub("a", "pay"), stub("b", "search"), stub("c", "pay")], Path("/repo/docs/svc"))
    assert sorted(pages) == [
        "a.rst",
        "b.rst",
        "by-system/pay.rst",
        "by-system/search.rst",
        "c.rst",
        "index.rst",
    ]
    assert ":group-by: system\n" in pages["index.rst"]
    assert "   by-system/pay\n   by-system/search\n" in pages["index.rst"]
    assert "   :services: a, c\n" in pages["by-system/pay.rst"]


def test_thirty_groups_stay_on_the_index_and_more_go_on_shelves_of_about_the_square_root() -> None:
    thirty = [stub(f"s{n:02d}", f"System {n:02d}") for n in range(30)]
    pages = layout(thirty, Path("/repo/docs/svc"))
    assert not [page for page in pages if "--" in page]
    assert "   by-system/system-00\n" in pages["index.rst"]

    many = [stub(f"s{n:02d}", f"System {n:02d}") for n in range(31)]
    pages = layout(many, Path("/repo/docs/svc"))
    shelf_pages = sorted(page for page in pages if "--" in page)
    # Six shelves: 31 groups shared out six, five, five, five, five and five.
    assert shelf_pages == [
        "by-system/system-00--system-05.rst",
        "by-system/system-06--system-10.rst",
        "by-system/system-11--system-15.rst",
        "by-system/system-16--system-20.rst",
        "by-system/system-21--system-25.rst",
        "by-system/system-26--system-30.rst",
    ]
    index = pages["index.rst"]
    assert "   :group-by: system\n" in index
    assert index.count("\n   by-system/") == 6
    assert "   by-system/system-00--system-05\n   by-system/system-06--system-10\n" in index
    # Every group's page is still made, and each is on exactly one shelf.
    assert len([page for page in pages if page.startswith("by-system/") and "--" not in page]) == 31
    first = pages["by-system/system-00--system-05.rst"]
    assert first.startswith("System 00 – System 05\n=====================\n\n")
    assert "   :group-by: system\n   :services: s00, s01, s02, s03, s04, s05\n" in first
    assert "   system-00\n   system-01\n   system-02\n   system-03\n   system-04\n   system-05\n" in first
    listed = [
        line.strip()
        for page in shelf_pages
        for line in pages[page].splitlines()[8:]
        if line.startswith("   system-")
    ]
    assert listed == [f"system-{n:02d}" for n in range(31)]
