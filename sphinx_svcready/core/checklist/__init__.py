"""The checklist: loading a checklist schema, applying an organisation's extensions, refusing what
a checklist may not ask, and the quick validator."""
