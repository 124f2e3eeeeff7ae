"""A region that scrolls on its own when its table is wider than the page.

On the web it is a ``<div role="region" tabindex="0">`` with a label, so that keyboard users can
scroll it and screen readers name it; every other builder writes its content as a container's.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator


class scroll_region(nodes.container):  # type: ignore[misc]
    """A container that scrolls by itself on the web; ``label`` names it."""


def scrolling(label: str, kind: str, content: nodes.Node) -> nodes.Element:
    """``content`` in a region named ``label``, with the class ``svcready-<kind>-region``."""
    region: nodes.Element = scroll_region(label=label, classes=[f"svcready-{kind}-region"])
    region += content
    return region


def visit_html(translator: HTML5Translator, node: scroll_region) -> None:
    classes = " ".join(["svcready-scroll", *node["classes"]])
    label = translator.attval(node["label"])
    translator.body.append(f'<div class="{classes}" role="region" aria-label="{label}" tabindex="0">\n')


def depart_html(translator: HTML5Translator, node: scroll_region) -> None:
    translator.body.append("</div>\n")


def visit_other(translator: nodes.NodeVisitor, node: scroll_region) -> None:
    translator.visit_container(node)


def depart_other(translator: nodes.NodeVisitor, node: scroll_region) -> None:
    translator.depart_container(node)
