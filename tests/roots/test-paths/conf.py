project = "Paths"
extensions = ["sphinx_svcready"]
show_warning_types = True
