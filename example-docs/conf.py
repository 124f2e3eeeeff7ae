# Sphinx configuration for the Lumen Learning Platform example documentation.

project = "Lumen Learning Platform"

# The svcready_* options are described in the project README.
extensions = ["sphinx_svcready"]

html_theme = "alabaster"
exclude_patterns = ["_build"]
