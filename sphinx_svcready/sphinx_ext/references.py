"""Links between services: the ``:service:`` role and the links in answers that name services.

``:service:`credentials``` links to that service's page and ``:service:`credentials#monitoring```
to one consideration. References are recorded while reading (so an unknown target warns on every
build, from store.py) and resolved when the page is written, when every service is known.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole

from sphinx_svcready.core import portfolio
from sphinx_svcready.core.mentions import MentionFinder
from sphinx_svcready.core.reading.entity_refs import component_names, short_ref
from sphinx_svcready.sphinx_ext import store
from sphinx_svcready.sphinx_ext.domain import NAME, ROLE
from sphinx_svcready.sphinx_ext.links import service_link
from sphinx_svcready.sphinx_ext.rendering import DEPENDENCY_CLASS, MENTIONS_CLASS


class ServiceRole(XRefRole):
    """``:service:`name``` or ``:service:`text <name#consideration>```, resolved by the
    ``svcready`` domain (domain.py) whether it is written with the domain's name or without."""

    def create_xref_node(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = NAME, ROLE
        return super().create_xref_node()

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: nodes.Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        path = env.doc2path(env.docname)
        location = f"{path}:{self.lineno}"
        store.page(env, env.docname)["refs"].append((node["reftarget"], location, self._as_written(path)))
        return [node], []

    def _as_written(self, path: str | Path) -> str:
        """The reference as the page writes it: a warning on a Markdown page quotes MyST's syntax
        (myst-parser hands roles over in reStructuredText's)."""
        written: str = self.rawtext
        prefix = f":{self.name}:"
        if Path(path).suffix == ".md" and written.startswith(prefix):
            return f"{{{self.name}}}{written[len(prefix) :]}"
        return written


def link_mentions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: link the services that an answer names, by name or title, and the
    declared dependencies that are documented services."""
    containers: list[nodes.Element] = []
    declared: list[nodes.Element] = []
    for node in doctree.findall(nodes.Element):
        classes = node.get("classes", [])
        if MENTIONS_CLASS in classes:
            containers.append(node)
        elif DEPENDENCY_CLASS in classes:
            declared.append(node)
    if not containers and not declared:
        return
    services = store.services(app.env)
    finder = store.mention_finder(app.env)
    for node in declared:
        _fill_dependencies(app, docname, node, services, finder)
    if not containers:
        return
    for container in containers:
        own = container.get("svcready-service")
        for text in list(container.findall(nodes.Text)):
            if text.parent is None or _inside_link_or_code(text):
                continue
            found = [found for found in finder.find(str(text)) if found[2] != own]
            if found:
                text.parent.replace(text, _linked(app, docname, str(text), found, services))


def _fill_dependencies(
    app: Sphinx,
    docname: str,
    node: nodes.Element,
    services: dict[str, portfolio.Documented],
    finder: MentionFinder,
) -> None:
    """The page's "Depends on": the same services as the summary's column, then the declared refs
    that are no documented service; the whole field goes when there is nothing to list."""
    name, refs = node["svcready-service"], node["svcready-declared"]
    entry = store.entry(app.env, docname, name)
    overview = entry["overview"] if entry else {"mentions": [], "declared": component_names(refs)}
    names = finder.dependencies(name, overview["mentions"], overview["declared"])
    others = [short_ref(ref) for ref in refs if not set(component_names([ref])) & set(names)]
    items: list[nodes.Node] = [
        service_link(
            app.builder, docname, services[each], nodes.inline(services[each].title, services[each].title)
        )
        for each in names
    ]
    items += [nodes.inline(text, text) for text in others]
    if not items:
        field = node.parent.parent if isinstance(node.parent, nodes.field_body) else None
        (field or node).parent.remove(field or node)
        return
    node.children = []
    for index, item in enumerate(items):
        if index:
            node += nodes.Text(", ")
        node += item


def _inside_link_or_code(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (nodes.reference, nodes.literal, nodes.literal_block, pending_xref)):
            return True
        parent = parent.parent
    return False


def _linked(
    app: Sphinx,
    docname: str,
    text: str,
    found: list[tuple[int, int, str]],
    services: dict[str, portfolio.Documented],
) -> nodes.inline:
    result = nodes.inline()
    position = 0
    for start, end, name in found:
        result += nodes.Text(text[position:start])
        service = services[name]
        label = nodes.inline(text[start:end], text[start:end])
        result += service_link(app.builder, docname, service, label)
        position = end
    result += nodes.Text(text[position:])
    return result
