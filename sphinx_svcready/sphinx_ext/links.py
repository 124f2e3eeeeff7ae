"""A link from one page to a service's page, or to a part of it, in this project or another."""

from __future__ import annotations

import urllib.parse

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from sphinx_svcready.core import portfolio
from sphinx_svcready.sphinx_ext.rendering import anchor


def service_link(
    builder: Builder, fromdoc: str, service: portfolio.Documented, label: nodes.Element, *parts: str
) -> nodes.Element:
    """A link from ``fromdoc`` to a service's page (or a part of it), in this project or another.

    A service of another docs project with no page address (its export came from ``svcready
    check``), or one whose address is relative to this output when the output is not HTML, is
    shown as its label alone.
    """
    target = anchor(service.name, *parts)
    if service.project is None:
        return make_refnode(builder, fromdoc, service.docname, target, label, service.title)
    url = service.url
    if url is None:
        return label
    if not urllib.parse.urlsplit(url).scheme:
        if builder.format != "html":
            return label
        url = relative_uri(builder.get_target_uri(fromdoc), url)
    return nodes.reference(
        "",
        "",
        label,
        internal=False,
        refuri=f"{url}#{target}",
        reftitle=service.title,
        classes=["svcready-remote"],
    )
