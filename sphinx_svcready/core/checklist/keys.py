"""The keys a consideration may hold besides its questions, which no question may be named."""

from __future__ import annotations

#: Instead of an answer, for a question or for a whole consideration.
MARKER_KEYS = ("not-applicable", "waived")
#: Everything a consideration may hold that is not a question.
CONSIDERATION_KEYS = (*MARKER_KEYS, "last-reviewed", "evidence", "sign-off")
