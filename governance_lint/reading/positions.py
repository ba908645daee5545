"""Where things are, as GitHub shows them: lines counted at line feeds only, and comments.

PyYAML also breaks lines at a lone CR, U+0085, U+2028 and U+2029; git and GitHub do not,
so positions are taken from character indices whenever a file holds one of those.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from governance_lint.document import Comment

_ODD_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


class Positions:
    """Turns PyYAML marks into lines and columns counted as git and GitHub count them."""

    def __init__(self, text: str) -> None:
        self.text = text
        # PyYAML also breaks lines at a lone CR, U+0085, U+2028 and U+2029; only then do
        # its line numbers differ from GitHub's, and positions come from the index.
        self.odd = _ODD_BREAKS.search(text) is not None
        self._feeds: list[int] | None = None

    def at_index(self, index: int) -> tuple[int, int]:
        if self._feeds is None:
            self._feeds = [match.start() for match in re.finditer("\n", self.text)]
        line = bisect.bisect_left(self._feeds, index)
        start = self._feeds[line - 1] + 1 if line else 0
        return line + 1, index - start + 1

    def of(self, mark: Any) -> tuple[int, int]:
        if self.odd:
            return self.at_index(mark.index)
        return mark.line + 1, mark.column + 1


def comments(text: str, scalar_spans: list[tuple[int, int]], pos: Positions) -> list[Comment]:
    """Comments: a ``#`` outside every scalar, at a line start or after whitespace."""
    found: list[Comment] = []
    previous = 0
    for begin, end in [*scalar_spans, (len(text), len(text))]:
        gap_start = previous
        while True:
            hash_at = text.find("#", gap_start, begin)
            if hash_at < 0:
                break
            gap_start = hash_at + 1
            if hash_at > 0 and text[hash_at - 1] not in " \t\n\r":
                continue
            line_end = text.find("\n", hash_at)
            line_end = len(text) if line_end < 0 else line_end
            line_start = text.rfind("\n", 0, hash_at) + 1
            line, column = pos.at_index(hash_at)
            body = text[hash_at + 1 : line_end].rstrip("\r")
            found.append(Comment(line, column, body, not text[line_start:hash_at].strip()))
            gap_start = line_end
        previous = max(previous, end)
    return found
