"""Markup the extension writes straight as HTML text, for the HTML and dirhtml builders.

A table of thousands of services is tens of thousands of linked cells: as docutils nodes they cost
seconds to make and to write, as text a fraction of that. The tables written this way (the matrix
grid, the summary) are the markup the HTML writer would write for their nodes, byte for byte, so
stylesheets, themes and tests see no difference. Every text goes through :func:`text` or
:func:`attribute`, which escape as the writer does; links are made as Sphinx makes a reference to
another page.
"""

from __future__ import annotations

import re
import urllib.parse

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

from sphinx_svcready.core import portfolio

#: The builders whose links to another page are a relative address plus the anchor, as here.
BUILDERS = frozenset({"html", "dirhtml"})

#: What the docutils HTML writer writes for each character HTML gives a meaning (and for ``@``, which
#: it hides from address harvesters).
_ENTITIES = {ord("&"): "&amp;", ord("<"): "&lt;", ord('"'): "&quot;", ord(">"): "&gt;", ord("@"): "&#64;"}
_WHITESPACE = re.compile(r"\s")


class html_fragment(nodes.General, nodes.Element):  # type: ignore[misc]
    """Markup made by this extension, escaped already, written as it is.

    Its only child, if any, is the plain text of the markup, for the search index: the HTML
    writer never writes it.
    """


def visit_html(translator: HTML5Translator, node: html_fragment) -> None:
    translator.body.append(node["html"])
    raise nodes.SkipNode


def skip(translator: nodes.NodeVisitor, node: html_fragment) -> None:
    raise nodes.SkipNode


def text(value: str) -> str:
    """``value`` as the HTML writer writes a text."""
    return value.translate(_ENTITIES)


def attribute(value: str) -> str:
    """``value`` as the HTML writer writes an attribute's value."""
    return _WHITESPACE.sub(" ", value).translate(_ENTITIES)


def service_page(builder: Builder, docname: str, service: portfolio.Documented) -> tuple[str, bool] | None:
    """The address of the service's page from ``docname`` and whether it is this project's;
    ``None`` for a service of another project with no page address."""
    if service.project is None:
        return builder.get_relative_uri(docname, service.docname), True
    if service.url is None:
        return None
    url = service.url
    if not urllib.parse.urlsplit(url).scheme:
        url = relative_uri(builder.get_target_uri(docname), url)
    return url, False


def link(page: tuple[str, bool] | None, target: str, title: str, label: str) -> str:
    """A link to ``target`` on ``page`` (from :func:`service_page`) around the markup ``label``; the
    label alone where there is no page."""
    if page is None:
        return label
    address, local = page
    kind = "reference internal" if local else "svcready-remote reference external"
    href = f"{attribute(address)}#{attribute(target)}"
    return f'<a class="{kind}" href="{href}" title="{attribute(title)}">{label}</a>'
