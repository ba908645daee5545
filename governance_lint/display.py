"""How values from governance files are shown: cut to a bound, control characters escaped."""

from __future__ import annotations

import re

# C0 but tab, DEL, C1, the Unicode line and paragraph separators, and lone surrogates
# (bytes of a file name that were not UTF-8): none may reach a terminal or a CI log raw.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def escape_controls(text: str) -> str:
    """Write every unsafe character as a ``\\uXXXX`` escape."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def cut(text: str, limit: int) -> str:
    """At most ``limit`` code points of ``text``; a cut text ends with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + "…"


def shown(value: object, limit: int) -> str:
    """A value as a message may quote it: cut first, then escaped."""
    return escape_controls(cut(str(value), limit))
