# Sphinx configuration for the Lumen data team's docs: a monorepo whose services get their pages
# by discovery, and whose summary takes in the learning platform's services by federation.

project = "Lumen data platform"
copyright = "2026, Lumen data team"
version = release = "2026.11"

extensions = ["sphinx_svcready"]

html_theme = "alabaster"
exclude_patterns = ["_build"]

# Every services/<name>/service.yaml of the monorepo gets a page in discovered/, made at build time;
# nothing is written by hand per service.
svcready_discover_root = ".."
svcready_discover = ["services/*/service.yaml"]
# Each service's folder holds its code, so it is what the evidence probes read (its LICENSE,
# CODEOWNERS and package metadata), not the whole monorepo.
svcready_evidence_root = "service-folder"

# The organisation's checklist, shared with the learning platform's docs.
svcready_schema_extensions = ["../../example-docs/checklist/lumen.json"]
svcready_required_level = {"production": "silver"}
svcready_review_max_age_days = 180

# The learning platform's docs, built beside this project: their services join this summary and the
# :service: links. A published site would be named by its address instead, such as
# "https://docs.lumen.example/learning/svcready.json".
svcready_remote_exports = {"learning": "../../example-docs/_build/html/svcready.json"}

# Judged as of a fixed day, like example-docs, so that it builds the same on any later date.
svcready_today = "2026-11-20"
