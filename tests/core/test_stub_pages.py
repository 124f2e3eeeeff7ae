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
