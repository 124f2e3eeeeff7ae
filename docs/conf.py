"""The sphinx-svcready documentation: a Sphinx site that uses the extension it documents."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

from sphinx_svcready import __version__

project = "sphinx-svcready"
author = "The sphinx-svcready authors"
copyright = "2026, the sphinx-svcready authors; the checklist after Open edX (CC BY-SA 4.0)"
version = release = __version__

extensions = ["myst_parser", "sphinx_svcready", "svcready_reference", "svcready_schemas"]
myst_heading_anchors = 4
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]

html_theme = "furo"
html_title = f"sphinx-svcready {release}"
# Pages say where their source is in the repository, not on a server.
html_show_sourcelink = False

# Live examples: the example docs' services, each given a page of this site by discovery, judged
# by the example docs' own checklist extension and policy, as of the same day.
svcready_discover = ["*/service.yaml"]
svcready_discover_root = "../example-docs/services"
svcready_discover_dir = "examples"
svcready_schema_extensions = ["../example-docs/checklist/lumen.json"]
svcready_required_level = {"production": "silver"}
svcready_gate = ["production", "deprecated"]
svcready_review_max_age_days = 180
svcready_evidence_root = "service-folder"
svcready_today = "2026-11-20"
# The example services' own pages name files of the example docs; this site does not publish them.
svcready_export = None
