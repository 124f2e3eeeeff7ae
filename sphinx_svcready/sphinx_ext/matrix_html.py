"""The matrix grid written straight as HTML (:mod:`.html_fragment`), for the HTML and dirhtml builders.

A thousand services by twenty considerations are twenty thousand linked cells. The markup is the
one the docutils table writes (the same classes, rows, links and hidden words).
"""

from __future__ import annotations

from collections.abc import Sequence

from sphinx.builders import Builder

from sphinx_svcready.core import portfolio
from sphinx_svcready.core.model import AnswerState
from sphinx_svcready.sphinx_ext.html_fragment import link, service_page, text
from sphinx_svcready.sphinx_ext.rendering import anchor


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
    parts.append("\n".join(f'<th class="head"><p>{text(heading)}</p></th>' for heading in headings))
    parts.append("\n</tr>\n</thead>\n<tbody>\n")
    # A state's cell markup without its link, made once.
    inner = {
        state: (
            f'<span class="svcready-matrix-cell svcready-matrix-{state.value}">'
            f'<span class="svcready-visually-hidden">{text(labels[state])}</span></span>'
        )
        for state in AnswerState
    }
    for number, service in enumerate(services):
        page = service_page(builder, docname, service)
        parts.append(f'<tr class="row-{"even" if number % 2 == 0 else "odd"}"><td class="stub"><p>')
        parts.append(link(page, anchor(service.name), service.title, f"<span>{text(service.title)}</span>"))
        parts.append("</p></td>\n")
        states = service.overview.get("states", {})
        for key, _title in columns:
            written = states.get(key)
            if written is None:
                parts.append('<td><p><span class="svcready-matrix-absent">–</span></p></td>\n')
                continue
            cell = inner[AnswerState(written)]
            parts.append(f"<td><p>{link(page, anchor(service.name, key), service.title, cell)}</p></td>\n")
        parts[-1] = parts[-1].removesuffix("\n")
        parts.append("\n</tr>\n")
    parts.append("</tbody>\n</table>\n")
    return "".join(parts)
