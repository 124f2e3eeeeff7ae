"""The core: read a service file, judge it against a checklist, and say what that means.

Nothing under this package imports Sphinx, docutils, the command line or the Sphinx layer
(``tests/test_layers.py`` enforces it); the command line and the Sphinx layer both call it.
"""
