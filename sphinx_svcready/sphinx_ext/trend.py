"""The ``service-readiness-trend`` directive: a history (``svcready history``) drawn over time.

The portfolio's answered share and its share of ready services, or with ``:service: NAME`` that
service's answered share; drawn as an SVG line chart on the web (core/formats/svg_trend.py),
followed by its figures as a table, which is all the other builders write. The history is a file,
read relative to the page, or ``/``-rooted at the source, within the source directory like a
service file, checked against the history schema first; or, with ``:git: FOLDER``, made from the
repository during the build (git_history.py). A problem is a warning at the directive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from sphinx_svcready.core.checklist.loading import ChecklistError
from sphinx_svcready.core.formats.svg_trend import Series, line_chart
from sphinx_svcready.core.history import EVERY, ShallowHistory
from sphinx_svcready.core.reading.confinement import work_tree
from sphinx_svcready.core.reading.git_revision import RevisionUnavailable
from sphinx_svcready.core.subtypes import Subtype
from sphinx_svcready.core.trend import (
    TrendPoint,
    levels,
    portfolio_trend,
    service_names,
    service_trend,
)
from sphinx_svcready.sphinx_ext import config, store
from sphinx_svcready.sphinx_ext.charts import drawn
from sphinx_svcready.sphinx_ext.git_history import history_from_git
from sphinx_svcready.sphinx_ext.history_files import history_named
from sphinx_svcready.sphinx_ext.rendering import render_error

_ = get_translation("sphinx_svcready")


class ServiceReadinessTrendDirective(SphinxDirective):
    """``.. service-readiness-trend:: history.json`` or ``:git: FOLDER`` (with ``:every:``),
    optionally ``:service: NAME``."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "service": directives.unchanged_required,
        "git": directives.unchanged_required,
        "every": lambda argument: directives.choice(argument, EVERY),
    }
    #: What each option does, for the reference (``docs/reference/directives.rst``).
    option_help: ClassVar[dict[str, str]] = {
        "service": "Draws one service's answered share, with its level and what it left unanswered.",
        "git": (
            "Makes the history from the git repository that holds the docs, from the service files "
            "under this folder (relative to the page), as ``svcready history`` makes it."
        ),
        "every": "With ``:git:``, one point per ``commit``, ``day`` or ``week`` (as ``svcready history``).",
    }

    def run(self) -> list[nodes.Node]:
        argument = self.arguments[0] if self.arguments else f":git: {self.options.get('git', '')}"
        unavailable = render_error(f"The readiness history {argument!r} is not available.")
        document = self._document(argument)
        if document is None:
            return unavailable
        identifier = f"svcready-trend-{self.env.new_serialno('svcready-trend')}"
        name = self.options.get("service")
        if name is None:
            return self._portfolio(portfolio_trend(document), levels(document), identifier)
        trend = service_trend(document, name)
        if not trend:
            known = ", ".join(service_names(document)[:5]) or "none"
            self._problem(Subtype.REF, f"the history {argument!r} has no service {name!r} (it has: {known})")
            return unavailable
        title = next(
            (
                s["title"]
                for point in reversed(document["points"])
                for s in point["services"]
                if s["name"] == name
            ),
            name,
        )
        return self._service(title, trend, identifier)

    def _portfolio(
        self, trend: list[TrendPoint], levels: tuple[str, ...], identifier: str
    ) -> list[nodes.Node]:
        title = str(_("The portfolio over time"))
        answered = str(_("Answered share"))
        ready = str(_("Services ready"))
        series = [
            Series(answered, "answered", tuple(point.share for point in trend)),
            Series(ready, "ready", tuple(p.ready / p.services if p.services else 0.0 for p in trend)),
        ]
        description = _("%(first)s to %(last)s: %(figures)s.") % {
            "first": trend[0].at if trend else "",
            "last": trend[-1].at if trend else "",
            "figures": "; ".join(
                _("%(at)s, %(share)d%% answered, %(ready)d of %(services)d services ready")
                % {"at": p.at, "share": round(p.share * 100), "ready": p.ready, "services": p.services}
                for p in trend
            ),
        }
        # One column per level, highest first, then the services below every level.
        columns = [*reversed(levels), ""] if levels else []
        headers = [str(_("Point")), str(_("Services")), str(_("Ready")), answered]
        headers += [level or str(_("none")) for level in columns]
        rows = [
            [
                p.at,
                str(p.services),
                str(p.ready),
                f"{round(p.share * 100)}%",
                *(str(p.levels.get(level, 0)) for level in columns),
            ]
            for p in trend
        ]
        labels = [p.at for p in trend]
        svg = line_chart(labels, series, title=title, description=description, identifier=identifier)
        return drawn(title, svg, headers, rows, "trend")

    def _service(self, name: str, trend: list[TrendPoint], identifier: str) -> list[nodes.Node]:
        title = _("Readiness of %(service)s over time") % {"service": name}
        titles = self._consideration_titles()
        answered = str(_("Answered share"))
        series = [Series(answered, "answered", tuple(point.share for point in trend))]
        description = "; ".join(f"{p.at}: {round(p.share * 100)}%" for p in trend) + "."
        headers = [str(_("Point")), answered, str(_("Level")), str(_("Unanswered"))]
        rows = [
            [
                p.at,
                f"{round(p.share * 100)}%",
                next((level for level, count in p.levels.items() if count), "") or str(_("none")),
                _unanswered(p.unanswered, titles),
            ]
            for p in trend
        ]
        labels = [p.at for p in trend]
        svg = line_chart(labels, series, title=title, description=description, identifier=identifier)
        return drawn(title, svg, headers, rows, "trend")

    def _document(self, argument: str) -> dict[str, Any] | None:
        """The history the directive names, or ``None`` after a warning."""
        if self.arguments and "git" in self.options:
            self._problem(Subtype.FILE, "give a history file or :git:, not both")
            return None
        if "git" in self.options:
            return self._from_git(self.options["git"])
        if not self.arguments:
            self._problem(
                Subtype.FILE, "name a history file (svcready history -o FILE) or a folder with :git:"
            )
            return None
        return history_named(self, argument, self._problem)

    def _from_git(self, folder: str) -> dict[str, Any] | None:
        """The history of the service files under ``folder`` of the repository holding the docs."""
        srcdir = Path(self.env.srcdir).resolve()
        repository = work_tree(srcdir)
        if repository is None:
            self._problem(Subtype.FILE, f":git: {folder!r}: the documentation is not in a git work tree")
            return None
        base = srcdir if folder.startswith("/") else Path(self.env.doc2path(self.env.docname)).parent
        resolved = (base / folder.lstrip("/")).resolve()
        if not resolved.is_relative_to(repository.resolve()):
            self._problem(Subtype.FILE, f":git: {folder!r} is outside the repository {repository}")
            return None
        inside = resolved.relative_to(repository.resolve()).as_posix() or "."
        every = self.options.get("every", "week")
        try:
            document, head = history_from_git(
                self.env.doctreedir, repository, [inside], every, config.settings(self.config)
            )
        except (RevisionUnavailable, ShallowHistory) as error:
            self._problem(Subtype.FILE, f":git: {folder!r}: the history cannot be read: {error}")
            return None
        store.page(self.env, self.env.docname).setdefault("git-heads", []).append((str(repository), head))
        return document

    def _consideration_titles(self) -> dict[str, str]:
        try:
            return {c.key: c.title for c in config.checklist(self.config).considerations}
        except ChecklistError:
            return {}

    def _problem(self, subtype: Subtype, message: str) -> None:
        # Kept with the page's records, so that the warning is said on every build, as a service
        # file's are.
        store.record_problem(self.env, self.env.docname, self.get_location(), subtype, message)


#: How many unanswered considerations a row of one service's trend names; the rest are counted.
_NAMED = 3


def _unanswered(keys: tuple[str, ...], titles: dict[str, str]) -> str:
    """``18: Customers, Code, Settings and secrets and 15 more``; ``0`` when none is open."""
    if not keys:
        return "0"
    named = ", ".join(titles.get(key, key) for key in keys[:_NAMED])
    more = len(keys) - _NAMED
    rest = _(" and %(count)d more") % {"count": more} if more > 0 else ""
    return f"{len(keys)}: {named}{rest}"
