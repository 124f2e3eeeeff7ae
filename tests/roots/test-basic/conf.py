project = "Ledger"
extensions = ["sphinx_svcready"]
show_warning_types = True
