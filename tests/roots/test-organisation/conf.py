project = "Northwind services"
extensions = ["sphinx_svcready"]
show_warning_types = True

# Northwind's own checklist replaces the packaged one: tiers A, B and C, no earned levels.
svcready_schema_extensions = ["checklist/northwind.json"]
svcready_review_max_age_days = 365
# Only production services fail the build; an experimental one is shown as it is.
svcready_gate = ["production"]
svcready_today = "2026-11-20"
# An experimental service is shown incomplete while the build passes; nothing gated is left open.
svcready_fail_on_unanswered = True
svcready_export_facts = "svcready-facts.json"
