"""Keep the navigation tree every HTML page renders small, whatever the theme asks for.

A theme draws its navigation with the ``toctree()`` function Sphinx puts in each page's template
context. Some themes (furo among them) ask it for the whole tree, every branch open, on every page:
for a portfolio of thousands of services every page then carries a link to every other page, its
size and the time to write it grow with the portfolio, and the whole build grows with its square.
With ``svcready_collapse_navigation``, the function a theme is given draws the tree collapsed, as
alabaster draws it by default: the branches that lead to the page, each with its siblings, and
nothing below a branch the page is not in. Sphinx then resolves only those branches, so a grouped
portfolio (a page per system, each listing its services) costs each page the systems and its own
system's services, not every service. Other arguments (depth, hidden toctrees, titles only) are
passed on as the theme gives them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx

#: Before the themes' own handlers (priority 500), which read ``toctree`` from the context.
PRIORITY = 400


def collapse_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: with ``svcready_collapse_navigation``, give the theme a ``toctree()``
    that always draws the tree collapsed."""
    if not app.config.svcready_collapse_navigation:
        return
    toctree = context.get("toctree")
    if callable(toctree):
        context["toctree"] = _collapsed(toctree)


def _collapsed(toctree: Callable[..., str]) -> Callable[..., str]:
    def collapsed(**options: Any) -> str:
        return toctree(**{**options, "collapse": True})

    return collapsed
