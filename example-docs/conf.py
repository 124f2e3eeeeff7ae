# Sphinx configuration for the Lumen Learning Platform example documentation.

project = "Lumen Learning Platform"
copyright = "2026, Lumen platform team"
version = release = "2026.11"

# The svcready_* options are described in the project README. myst_parser lets pages be written
# in Markdown too (services/notifications/index.md is).
extensions = ["myst_parser", "sphinx_svcready"]

html_theme = "alabaster"
# The site's own stylesheet: code blocks wrap long lines on narrow screens (see _static/lumen.css).
html_static_path = ["_static"]
html_css_files = ["lumen.css"]
# services/*/docs/ stand for files in the services' own repositories (their runbooks), not pages.
exclude_patterns = ["_build", "services/*/docs"]

# The organisation's additions to the packaged checklist: an on-call and runbook consideration.
svcready_schema_extensions = ["checklist/lumen.json"]

# Readiness policy. Production services must reach the silver level; answers are reviewed at least
# every 180 days; waivers are flagged a month before they end.
svcready_required_level = {"production": "silver"}
# Only production and deprecated services fail the build when they are not ready: an experimental
# one (services/recommendations) is shown as it is, every open question on its page and in the
# summary, and its problems are logged as messages instead of warnings.
svcready_gate = ["production", "deprecated"]
svcready_review_max_age_days = 180
svcready_waiver_warn_days = 30

# Evidence: answers are checked against each service's repository. Here each service's folder
# stands for its repository (its LICENSE and CODEOWNERS); a service documented in its own
# repository leaves this out, and the git work tree holding its service.yaml is read.
svcready_evidence_root = "service-folder"

# The example is judged as of a fixed day, so that it builds the same on any later date (the
# waiver's countdown and the review ages included). A real project leaves this out and is judged
# as of the day it is built (or SOURCE_DATE_EPOCH's day).
svcready_today = "2026-11-20"
