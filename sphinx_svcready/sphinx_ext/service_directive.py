"""The ``service-readiness`` directive: read a ``service.yaml`` and render it into the page."""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_svcready.core.checklist.loading import ChecklistError
from sphinx_svcready.core.model import Problem, ServiceReport
from sphinx_svcready.core.pipeline import judge
from sphinx_svcready.core.reading.confinement import catalog_root
from sphinx_svcready.core.subtypes import Subtype
from sphinx_svcready.sphinx_ext import config, store
from sphinx_svcready.sphinx_ext.answer_markup import parse_answer, parse_checklist_text
from sphinx_svcready.sphinx_ext.discovery import discover_root
from sphinx_svcready.sphinx_ext.domain import domain
from sphinx_svcready.sphinx_ext.rendering import AnswerParser, TextParser, render_error, render_report
from sphinx_svcready.sphinx_ext.repository_web import web_address
from sphinx_svcready.sphinx_ext.warn import warn

DEFAULT_FILENAME = "service.yaml"
_NO_CHECKLIST = "The checklist could not be loaded, so this service is not judged; see the build's warning."
#: Markup problems in the checklist's own texts already warned about in this process: each is
#: the checklist's, not a page's, so it is said once, at the checklist file.
_SAID: set[tuple[str, str]] = set()


class ServiceReadinessDirective(SphinxDirective):
    """``.. service-readiness:: [path]``: relative to the page, or ``/``-rooted at the source."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        argument = self.arguments[0] if self.arguments else DEFAULT_FILENAME
        unavailable = render_error(f"The readiness file {argument!r} is not available.")
        path = self._resolve(argument)
        if path is None:
            return unavailable
        # Noted even when missing, so that creating or fixing the file rebuilds this page.
        self.env.note_dependency(str(path))
        try:
            report = self._report(path)
        except ChecklistError:
            # Said once, when the configuration was read (config.py): the page only shows it.
            return render_error(_NO_CHECKLIST)
        if not report.loaded and any(p.subtype == Subtype.FILE.value for p in report.problems):
            for problem in report.problems:
                self._record_directive_problem(Subtype(problem.subtype), f"{argument!r} {problem.message}")
            return unavailable
        if report.catalog_read is not None:
            self.env.note_dependency(report.catalog_read)
        # What the evidence probes looked at: a change there re-reads this page, and nothing else does.
        folders = []
        for looked_at in report.evidence_files:
            if Path(looked_at).is_dir():
                folders.append((looked_at, Path(looked_at).stat().st_mtime_ns))
            else:
                self.env.note_dependency(looked_at)
        problems = list(report.problems)
        parse = self._answer_parser(problems)
        rendered = render_report(
            report,
            parse,
            self._answer_parser(problems, report.service.summary_source),
            web_address(self.config, report),
            self._describer(),
        )
        store.record_service(
            self.env,
            self.env.docname,
            self.get_location(),
            report,
            problems,
            watch=report.catalog_absent,
            folders=folders,
        )
        # Translations take only the text blocks that know where they came from, and warnings
        # point there. Containers are left without: two more attributes on each of a page's
        # hundreds of them cost about 35 KiB a page, kept for the whole build (the parser leaves
        # inline nodes without a line too).
        source, line = self.get_source_info()
        for top in rendered:
            for node in (top, *top.findall(nodes.TextElement)):
                if node.line is None and not isinstance(node, nodes.Inline):
                    node.source, node.line = source, line
        return rendered

    def _resolve(self, argument: str) -> Path | None:
        """The file to read; ``None`` (after a warning) when it may not be read."""
        srcdir = Path(self.env.srcdir).resolve()
        if argument.startswith("/"):
            candidate = srcdir / argument.lstrip("/")
        else:
            candidate = Path(self.env.doc2path(self.env.docname)).parent / argument
        resolved = candidate.resolve()
        # Files under svcready_discover_root were named in conf.py, so they may be read.
        allowed = [srcdir, discover_root(self.config, srcdir)]
        inside = any(resolved.is_relative_to(folder) for folder in allowed)
        if not inside and not self.config.svcready_allow_outside_srcdir:
            self._record_directive_problem(
                Subtype.FILE,
                f"{argument!r} is outside the documentation source directory and is not read; move it "
                "under the source directory or set svcready_allow_outside_srcdir = True",
            )
            return None
        return resolved

    def _report(self, path: Path) -> ServiceReport:
        settings = config.settings(self.config)
        checklist = settings.checklist()
        for source in checklist.sources:
            self.env.note_dependency(source)
        root = None if self.config.svcready_allow_outside_srcdir else self._confinement(path)
        # The build writes its output after reading: probes that walked into it would find it changed.
        output = domain(self.env).output
        return judge(path, settings, checklist=checklist, catalog_root=root, ignored=output)

    def _confinement(self, path: Path) -> Path:
        """The folder a catalog file for ``path`` must lie in: the git work tree that holds the
        source directory (the source directory itself outside one), or the discovery root for a
        service file under it and outside that."""
        srcdir = Path(self.env.srcdir).resolve()
        root = catalog_root(srcdir)
        discovered = discover_root(self.config, srcdir)
        resolved = path.resolve()
        return (
            discovered if resolved.is_relative_to(discovered) and not resolved.is_relative_to(root) else root
        )

    def _record_directive_problem(self, subtype: Subtype, message: str) -> None:
        """A problem with the directive itself, located at the directive."""
        store.record_problem(self.env, self.env.docname, self.get_location(), subtype, message)

    def _describer(self) -> TextParser:
        """Parses the checklist's questions and descriptions; refused markup is shown as text and
        warned about once, at the checklist file that has it."""
        document = self.state.document
        sources = config.settings(self.config).checklist().sources

        def describe(text: str) -> list[nodes.Node]:
            parsed, messages = parse_checklist_text(text, document)
            for message in messages:
                if (text, message) not in _SAID:
                    _SAID.add((text, message))
                    warn(Subtype.MARKUP, f"checklist text markup: {message}", _where_written(text, sources))
            return parsed

        return describe

    def _answer_parser(self, problems: list[Problem], source: str | None = None) -> AnswerParser:
        """Parses answers; refused markup is a problem at the answer's line (in ``source``, if given)."""
        document = self.state.document

        def parse(text: str, line: int | None) -> list[nodes.Node]:
            parsed, messages = parse_answer(text, document)
            problems.extend(
                Problem(Subtype.MARKUP.value, f"answer markup: {m}", line, source) for m in messages
            )
            return parsed

        return parse


def _where_written(text: str, sources: tuple[str, ...]) -> str:
    """``file:line`` of the checklist file (the last extension first) whose JSON holds ``text``."""
    written = json.dumps(text, ensure_ascii=False)[1:-1][:60]
    for source in reversed(sources):
        try:
            lines = Path(source).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            if written in line:
                return f"{source}:{number}"
    return f"{sources[-1]}:1"
