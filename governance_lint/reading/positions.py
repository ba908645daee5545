"""Where things are, as GitHub shows them: lines counted at line feeds only, comments,
and the spans of a document's keys and values.

PyYAML also breaks lines at a lone CR, U+0085, U+2028 and U+2029; git and GitHub do not,
so positions are taken from character indices whenever a file holds one of those.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from governance_lint.findings import NodePath

if TYPE_CHECKING:
    from governance_lint.bounds import Bounds

# (line, column, end line, end column), 1-based as GitHub shows them; the end is exclusive.
Span = tuple[int, int, int, int]
# The spans of values and the spans of keys, each by the path of the value.
Tables = tuple[dict[NodePath, Span], dict[NodePath, Span]]

_ODD_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


@dataclass(frozen=True)
class Comment:
    """A YAML comment: its ``#`` position, its text after the ``#``, alone on its line or not."""

    line: int
    column: int
    text: str
    own_line: bool


class Spans:
    """Where each value and each key of one document stands: the one source of its positions.

    Built while the file is parsed; or built later, from the text, by parsing it again
    under the same bounds (so they are the same spans) when a finding first needs one.
    That is what a document read from the cache or in the forked reader gets: most files
    of a run have no finding at all, and the tables are much larger than the text. So a
    pickled Spans carries only what it is rebuilt from, never its tables; the text it
    names is the document's own, which pickle sends once.
    """

    __slots__ = ("_entry_keys", "_source", "_tables")

    def __init__(self, source: tuple[str, str, Bounds] | None = None, built: bool = True) -> None:
        # (shown path, text, bounds) of the parse that gives these spans, when known
        self._source = source
        self._tables: Tables | None = ({}, {}) if built else None
        # the keys of entries (a section's ids): where most findings point, so a pickled
        # Spans carries them and a finding on a record or entry rebuilds nothing
        self._entry_keys: dict[NodePath, Span] | None = None

    @classmethod
    def later(
        cls, path: str, text: str, bounds: Bounds, entry_keys: dict[NodePath, Span] | None = None
    ) -> Spans:
        """Spans of ``text`` not built until first asked for (but the entry keys given)."""
        spans = cls((path, text, bounds), built=False)
        spans._entry_keys = entry_keys
        return spans

    def key_span(self, path: NodePath) -> Span | None:
        """Where the key of the value at ``path`` stands; an entry's key without
        building the tables when they came with a pickled Spans."""
        if self._tables is None and self._entry_keys is not None and len(path) == 2:
            found = self._entry_keys.get(path)
            if found is not None:
                return found
        return self.tables()[1].get(path)

    def tables(self) -> Tables:
        """The spans of values and of keys, parsing the text again if not built yet."""
        if self._tables is None:
            # imported here: the loader builds on this module
            from governance_lint.reading.loader import parse

            assert self._source is not None
            self._tables = parse(*self._source).spans.tables()
        return self._tables

    def __reduce__(self) -> tuple[Any, ...]:
        if self._source is not None:
            if self._tables is None:
                return (Spans.later, (*self._source, self._entry_keys))
            keys = {path: span for path, span in self._tables[1].items() if len(path) == 2}
            return (Spans.later, (*self._source, keys))
        return (_built, self.tables())


def _built(values: dict[NodePath, Span], keys: dict[NodePath, Span]) -> Spans:
    """Spans with no text to rebuild them from, unpickled with their tables."""
    spans = Spans()
    spans._tables = (values, keys)
    return spans


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
