"""Text from somebody else's file or server, made safe to put in a log line or a terminal.

Every message the extension logs and every line the command prints goes through
:func:`printable`, so that a value holding a carriage return, an ANSI escape or a newline cannot
write a fake warning into a terminal or a CI log. Text quoted from outside (a server's reason
phrase, a JSON string, a service name from another project) is also cut short by :func:`quoted`,
so that one hostile value cannot make a warning megabytes long.
"""

from __future__ import annotations

import re
import unicodedata

#: The most characters of one outside value a message quotes.
QUOTE_LIMIT = 200
#: The most characters of one whole message; longer ones are cut, saying how much was left out.
MESSAGE_LIMIT = 4000

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}
    return named.get(char, f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def printable(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """``text`` with every control character (and bidirectional override) written as an escape,
    cut to ``limit`` characters."""
    escaped = _CONTROL.sub(_escape, text)
    return _cut(escaped, limit)


def quoted(text: object, limit: int = QUOTE_LIMIT) -> str:
    """An outside value as a message quotes it: in single quotes, escaped, at most ``limit``
    characters of it."""
    value = unicodedata.normalize("NFC", str(text))
    return "'" + printable(value, limit) + "'"


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"
