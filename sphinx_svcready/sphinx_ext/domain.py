"""The ``svcready`` domain: every page's service records, the index of every service, and ``:service:``.

Each page's records are plain data (store.py says what they hold) kept in the domain's data, so
Sphinx pickles them with the environment, drops them with their page (:meth:`clear_doc`) and
merges them after a parallel read (:meth:`merge_domaindata`). The index of every service, this
project's and the remote exports', and the finder of services named in answers are worked out
once after reading and kept on the domain for the writing phase, with the index the summaries'
filters pick from: a build writing N pages that each looked every service up afresh would cost N
squared. ``:service:`` references are resolved here
(:meth:`resolve_xref`), and the inventory lists every service, so other projects can link to them
with intersphinx.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, cast

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment

from sphinx_svcready.core import portfolio
from sphinx_svcready.core.mentions import MentionFinder
from sphinx_svcready.core.portfolio_index import PortfolioIndex
from sphinx_svcready.core.remote.exports import Remote
from sphinx_svcready.sphinx_ext.links import service_link
from sphinx_svcready.sphinx_ext.rendering import anchor

NAME = "svcready"
ROLE = "service"


class ServiceDomain(Domain):
    """Services documented in this project, and those of the remote exports it reads."""

    name = NAME
    label = "Service readiness"
    object_types = {ROLE: ObjType("service", ROLE)}
    initial_data = {
        #: ``{docname: page record}``, see store.py.
        "pages": {},
        #: What the pages that show other pages' data were last written from (store.py).
        "digests": {},
    }
    # Worked out for one build and never pickled: see the module's docstring.
    _index: dict[str, portfolio.Documented] | None = None
    _finder: MentionFinder | None = None
    _portfolio: PortfolioIndex | None = None
    #: The remote exports this build read, in the order ``svcready_remote_exports`` names them.
    remotes: tuple[Remote, ...] = ()
    #: The folders this build writes (its output and doctrees), which evidence probes skip.
    output: tuple[Path, ...] = ()

    @property
    def pages(self) -> dict[str, dict[str, Any]]:
        return cast(dict[str, dict[str, Any]], self.data["pages"])

    # -- the environment's life cycle -------------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        self.pages.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["pages"]:
                self.pages[docname] = otherdata["pages"][docname]

    def forget_index(self) -> None:
        """After reading: the records changed, so the index is worked out again when asked."""
        self._index = None
        self._finder = None
        self._portfolio = None

    # -- every service ------------------------------------------------------------------------

    def services(self) -> dict[str, portfolio.Documented]:
        """Every documented service by name, this project's first, then the remote exports' (the
        first page, then the first remote, wins for a duplicated name)."""
        if self._index is None:
            found = portfolio.index(self.pages)
            for remote in self.remotes:
                for service in remote.services:
                    found.setdefault(service.name, service)
            self._index = found
        return self._index

    def portfolio_index(self) -> PortfolioIndex:
        """Every service a summary may show, indexed by what its filters ask: each page's services
        (a name documented twice is there twice), then the remote exports' that no page documents."""
        if self._portfolio is None:
            remote = [service for service in self.services().values() if service.project is not None]
            self._portfolio = PortfolioIndex(portfolio.documented(self.pages) + remote)
        return self._portfolio

    def mention_finder(self) -> MentionFinder:
        """Finds the documented services an answer names."""
        if self._finder is None:
            self._finder = MentionFinder({name: service.title for name, service in self.services().items()})
        return self._finder

    # -- references and the inventory ------------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.Element | None:
        """``:service:`name``` or ``:service:`name#consideration``` as a link; an unknown service
        stays text (store.py warns about it on every build)."""
        name, consideration = portfolio.split_target(target)
        service = self.services().get(name)
        if service is None:
            return None
        section = service.considerations.get(consideration) if consideration else None
        parts = (consideration,) if consideration and section else ()
        if not node.get("refexplicit"):
            title = f"{service.title}: {section}" if section else service.title
            contnode = nodes.inline(title, title, classes=contnode.get("classes", []))
        return service_link(builder, fromdocname, service, contnode, *parts)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.Element]]:
        found = self.resolve_xref(env, fromdocname, builder, ROLE, target, node, contnode)
        return [(f"{NAME}:{ROLE}", found)] if found is not None else []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for service in self.services().values():
            if service.project is None:  # a remote export's services are its own project's to list
                yield service.name, service.title, ROLE, service.docname, anchor(service.name), 1


def note_output(app: Sphinx) -> None:
    """``builder-inited``: remember the folders the build writes."""
    domain(app.env).output = (Path(app.outdir), Path(app.doctreedir))


def domain(env: BuildEnvironment) -> ServiceDomain:
    """The ``svcready`` domain of ``env``."""
    return cast(ServiceDomain, env.get_domain(NAME))
