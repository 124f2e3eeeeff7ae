# Sphinx configuration for the Lumen Learning Platform example documentation.

project = "Lumen Learning Platform"
copyright = "2026, Lumen platform team"
version = release = "2026.11"

# The svcready_* options are described in the project README. myst_parser lets pages be written
# in Markdown too (services/notifications/index.md is).
extensions = ["myst_parser", "sphinx_svcready"]

html_theme = "alabaster"
exclude_patterns = ["_build"]
