"""Wire the extension into Sphinx: options, directives, the role, events and the stylesheet."""

from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_svcready.sphinx_ext import (
    campaign,
    charts,
    config,
    discovery,
    federation,
    garbage_collection,
    git_history,
    html_fragment,
    matrix,
    navigation,
    outdated,
    outputs,
    references,
    sarif_output,
    scroll_region,
    search_stems,
    store,
    summary,
    trend,
)
from sphinx_svcready.sphinx_ext.domain import NAME, ROLE, ServiceDomain, note_output
from sphinx_svcready.sphinx_ext.service_directive import ServiceReadinessDirective

STATIC = Path(__file__).parent / "static"
LOCALE = Path(__file__).parent / "locale"
STYLESHEET = "svcready.css"


def setup_extension(app: Sphinx) -> None:
    # Labels the extension writes ("answered", table headings) in the project's `language`.
    app.add_message_catalog("sphinx_svcready", str(LOCALE))

    # Options, checked (and bad values replaced by defaults) as soon as conf.py is read.
    config.register(app)
    # Before anything is said: svcready_sarif writes what this build says, from its first warning.
    app.connect("config-inited", sarif_output.start, priority=100)
    app.connect("config-inited", config.check)

    # The service page, the summary of every service, the matrix, the charts, and links between services.
    app.add_directive("service-readiness", ServiceReadinessDirective)
    app.add_directive("service-readiness-summary", summary.ServiceReadinessSummaryDirective)
    skip = (summary.skip, None)
    app.add_node(summary.summary_placeholder, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_directive("service-readiness-matrix", matrix.ServiceReadinessMatrixDirective)
    app.add_node(matrix.matrix_placeholder, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    unwritten = (html_fragment.skip, None)
    app.add_node(
        html_fragment.html_fragment,
        html=(html_fragment.visit_html, None),
        latex=unwritten,
        text=unwritten,
        man=unwritten,
        texinfo=unwritten,
    )
    app.add_directive("service-readiness-chart", charts.ServiceReadinessChartDirective)
    app.add_directive("service-readiness-trend", trend.ServiceReadinessTrendDirective)
    app.add_directive("service-readiness-campaign", campaign.ServiceReadinessCampaignDirective)
    app.add_node(campaign.campaign_placeholder, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_node(charts.chart_placeholder, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    chart_other = (charts.visit_chart_other, charts.depart_chart_other)
    app.add_node(
        charts.chart,
        html=(charts.visit_chart_html, charts.depart_chart_html),
        latex=chart_other,
        text=chart_other,
        man=chart_other,
        texinfo=chart_other,
    )
    other = (scroll_region.visit_other, scroll_region.depart_other)
    app.add_node(
        scroll_region.scroll_region,
        html=(scroll_region.visit_html, scroll_region.depart_html),
        latex=other,
        text=other,
        man=other,
        texinfo=other,
    )
    # The domain keeps every page's records (dropped with their page, merged after parallel
    # reads) and resolves :service:, which is also a role of its own, written without the domain.
    app.add_domain(ServiceDomain)
    service_role = references.ServiceRole(innernodeclass=nodes.inline, warn_dangling=False)
    app.add_role_to_domain(NAME, ROLE, service_role)
    app.add_role(ROLE, service_role)

    # Pages read again when a waiver expires, a deadline comes closer, or a catalog-info.yaml
    # appears beside a service file; after reading, every warning is replayed and pages that show
    # other pages' data are rewritten when that data changed.
    app.connect("env-get-outdated", outdated.outdated_by_waivers)
    app.connect("env-get-outdated", outdated.outdated_by_reviews)
    app.connect("env-get-outdated", outdated.outdated_by_deadlines)
    app.connect("env-get-outdated", git_history.outdated_by_head)
    app.connect("env-get-outdated", outdated.outdated_by_catalogs)
    app.connect("env-get-outdated", outdated.outdated_by_folders)
    app.connect("env-updated", store.after_read)

    # Memory and time: the pages just read are freed once, before writing starts, and what
    # survives is kept out of the garbage collector's way until the build ends.
    app.connect("env-before-read-docs", garbage_collection.count_pages_to_read)
    app.connect("env-updated", garbage_collection.collect_after_reading)
    app.connect("source-read", garbage_collection.refreeze_while_reading)
    app.connect("doctree-resolved", garbage_collection.refreeze_while_writing)
    app.connect("build-finished", garbage_collection.unfreeze, priority=100)
    # Every theme's navigation drawn collapsed, with svcready_collapse_navigation.
    app.connect("html-page-context", navigation.collapse_navigation, priority=navigation.PRIORITY)
    # The search index stems the words every service page shares once per build, not once a page.
    app.connect("doctree-resolved", search_stems.keep_stems)

    # Writing: summary tables and links to mentioned services need every service's data.
    app.connect("doctree-resolved", summary.build_summaries)
    app.connect("doctree-resolved", matrix.build_matrices)
    app.connect("doctree-resolved", charts.build_charts)
    app.connect("doctree-resolved", campaign.build_campaigns)
    app.connect("doctree-resolved", references.link_mentions)

    # End of the build: the JSON export and the Tech Insights facts, and the exit status for
    # unanswered questions.
    app.connect("build-finished", outputs.write_export)
    app.connect("build-finished", outputs.write_facts)
    app.connect("build-finished", outputs.fail_if_unanswered)
    app.connect("build-finished", sarif_output.write_sarif)

    # Discovery: pages for the service files the svcready_discover globs find, before reading.
    app.connect("builder-inited", note_output)
    app.connect("builder-inited", discovery.generate_pages)

    # Federation: other docs projects' exports, fetched or read (and cached) before reading.
    app.connect("builder-inited", federation.load)

    # HTML styling: the stylesheet is linked from every page and copied next to the output.
    app.connect("builder-inited", _link_stylesheet)
    app.connect("build-finished", _copy_stylesheet)


def _link_stylesheet(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(STYLESHEET)


def _copy_stylesheet(app: Sphinx, exception: Exception | None) -> None:
    # Written over every time: Sphinx's asset copy keeps (and warns about) an older stylesheet
    # already in the output, which an upgrade of the extension would leave in place.
    if exception is None and app.builder.format == "html":
        static = Path(app.builder.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STATIC / STYLESHEET, static / STYLESHEET)
