"""``svcready_collapse_navigation``: a theme that draws the whole navigation tree on every page (furo)
draws only the page's branches, and turning the option on rewrites the pages already written."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import Build

pytest.importorskip("furo")

SYSTEMS = {"billing": ["invoices", "payments"], "catalog": ["indexer", "query"]}


def _navigation_links(page: str) -> list[str]:
    tree = page.split('<div class="sidebar-tree">', 1)[1].split("</ul>\n\n</div>", 1)[0]
    return re.findall(r'<a class="[^"]*reference internal" href="([^"]+)"', tree)


def test_the_navigation_is_drawn_collapsed_and_turning_it_on_rewrites_every_page(
    project: Callable[..., Path], sphinx_build: Callable[..., Build]
) -> None:
    srcdir = project(
        index="Portfolio\n=========\n\n.. toctree::\n\n" + "".join(f"   {s}\n" for s in SYSTEMS),
        conf="html_theme = 'furo'",
    )
    for system, services in SYSTEMS.items():
        (srcdir / f"{system}.rst").write_text(
            f"{system.title()}\n{'=' * len(system)}\n\n.. toctree::\n\n"
            + "".join(f"   {service}\n" for service in services),
            encoding="utf-8",
        )
        for service in services:
            (srcdir / f"{service}.rst").write_text(
                f"{service.title()}\n{'=' * len(service)}\n\nThe {service} service.\n", encoding="utf-8"
            )
    whole = sphinx_build(srcdir, "-W")
    assert whole.code == 0
    # furo as it comes: every page links every page.
    assert _navigation_links(whole.page("query.html")) == [
        "billing.html",
        "invoices.html",
        "payments.html",
        "catalog.html",
        "indexer.html",
        "#",
    ]

    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("svcready_collapse_navigation = True\n")
    collapsed = sphinx_build(srcdir, "-W")
    assert collapsed.code == 0
    # The page's own branch with its siblings, the other systems without their services.
    assert _navigation_links(collapsed.page("query.html")) == [
        "billing.html",
        "catalog.html",
        "indexer.html",
        "#",
    ]
    assert _navigation_links(collapsed.page("invoices.html")) == [
        "billing.html",
        "#",
        "payments.html",
        "catalog.html",
    ]
    assert _navigation_links(collapsed.page("index.html")) == ["billing.html", "catalog.html"]
    # Only the navigation changes: the page's own content is as before.
    assert "The query service." in collapsed.page("query.html")
