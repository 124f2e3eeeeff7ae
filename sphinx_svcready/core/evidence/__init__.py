"""Evidence: answers checked against the service's repository by probes the checklist declares.

``probes`` reads the probes of a question (``x-svcready-evidence``), ``repository`` is the
read-only, confined view of the files they look at, ``findings`` runs one probe, and ``checking``
compares each finding with the answer. Nothing here runs a program or imports Sphinx.
"""
