"""Wire the extension into Sphinx: options, the directive, environment events and the stylesheet."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file

from . import collector, config
from .directives import ServiceReadinessDirective

STATIC = Path(__file__).parent / "static"
STYLESHEET = "svcready.css"


def setup_extension(app: Sphinx) -> None:
    # Options, checked (and bad values replaced by defaults) as soon as conf.py is read.
    config.register(app)
    app.connect("config-inited", config.check)

    # The directive that renders a service.yaml into the page.
    app.add_directive("service-readiness", ServiceReadinessDirective)

    # Per-page records: dropped with their page, merged after parallel reads, re-read when a
    # waiver expires, and replayed as warnings on every build.
    app.connect("env-purge-doc", collector.purge_doc)
    app.connect("env-merge-info", collector.merge_info)
    app.connect("env-get-outdated", collector.outdated_by_waivers)
    app.connect("env-updated", collector.emit_warnings)
    app.connect("build-finished", collector.fail_if_unanswered)

    # HTML styling: the stylesheet is linked from every page and copied next to the output.
    app.connect("builder-inited", _link_stylesheet)
    app.connect("build-finished", _copy_stylesheet)


def _link_stylesheet(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(STYLESHEET)


def _copy_stylesheet(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        copy_asset_file(STATIC / STYLESHEET, Path(app.builder.outdir) / "_static")
