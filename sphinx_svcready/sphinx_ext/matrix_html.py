"""The matrix grid written straight as HTML, for the HTML and dirhtml builders.

A thousand services by twenty considerations are twenty thousand linked cells: as docutils nodes
(an entry, a paragraph, a reference and two inlines each) they cost seconds to make and write, as
text a fraction of that. The markup is the one the docutils table writes (the same classes,
rows, links and hidden words), so the stylesheet, the themes and the tests see no difference.
Every text is escaped; the links are made as Sphinx makes a reference to another page.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from html import escape

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

from sphinx_svcready.core import portfolio
from sphinx_svcready.core.model import AnswerState
from sphinx_svcready.sphinx_ext.rendering import anchor

#: The builders whose links to another page are a relative address plus the anchor, as here.
BUILDERS = frozenset({"html", "dirhtml"})


class matrix_html(nodes.General, nodes.Element):  # type: ignore[misc]
    """Markup made by :func:`grid_html`, escaped already, written as it is."""


def visit_html(translator: HTML5Translator, node: matrix_html) -> None:
    translator.body.append(node["html"])
    raise nodes.SkipNode


def skip(translator: nodes.NodeVisitor, node: matrix_html) -> None:
    raise nodes.SkipNode


def grid_html(
    builder: Builder,
    docname: str,
    services: Sequence[portfolio.Documented],
    columns: Sequence[tuple[str, str]],
    labels: dict[AnswerState, str],
    service_heading: str,
) -> str:
    """The table of ``services`` by ``columns`` (``(key, title)``), each state said by ``labels``."""
    parts = ['<table class="svcready-matrix docutils align-default">\n<thead>\n<tr class="row-odd">']
    headings = [service_heading, *(title for _key, title in columns)]
    parts.append("\n".join(f'<th class="head"><p>{escape(text, quote=False)}</p></th>' for text in headings))
    parts.append("\n</tr>\n</thead>\n<tbody>\n")
    # A state's cell markup without its link, made once.
    inner = {
        state: (
            f'<span class="svcready-matrix-cell svcready-matrix-{state.value}">'
            f'<span class="svcready-visually-hidden">{escape(labels[state], quote=False)}</span></span>'
        )
        for state in AnswerState
    }
    for number, service in enumerate(services):
        page = _page(builder, docname, service)
        title = escape(service.title)
        parts.append(f'<tr class="row-{"even" if number % 2 == 0 else "odd"}"><td class="stub"><p>')
        parts.append(
            _link(page, anchor(service.name), title, f"<span>{escape(service.title, quote=False)}</span>")
        )
        parts.append("</p></td>\n")
        states = service.overview.get("states", {})
        for key, _title in columns:
            written = states.get(key)
            if written is None:
                parts.append('<td><p><span class="svcready-matrix-absent">–</span></p></td>\n')
                continue
            cell = inner[AnswerState(written)]
            parts.append(f"<td><p>{_link(page, anchor(service.name, key), title, cell)}</p></td>\n")
        parts[-1] = parts[-1].removesuffix("\n")
        parts.append("\n</tr>\n")
    parts.append("</tbody>\n</table>\n")
    return "".join(parts)


def _page(builder: Builder, docname: str, service: portfolio.Documented) -> tuple[str, bool] | None:
    """The address of the service's page from ``docname`` and whether it is this project's; ``None``
    for a service of another project with no page address."""
    if service.project is None:
        return builder.get_relative_uri(docname, service.docname), True
    if service.url is None:
        return None
    url = service.url
    if not urllib.parse.urlsplit(url).scheme:
        url = relative_uri(builder.get_target_uri(docname), url)
    return url, False


def _link(page: tuple[str, bool] | None, target: str, title: str, label: str) -> str:
    if page is None:
        return label
    address, local = page
    kind = "reference internal" if local else "svcready-remote reference external"
    return f'<a class="{kind}" href="{escape(address)}#{escape(target)}" title="{title}">{label}</a>'
