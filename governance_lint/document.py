"""One YAML file as plain data, with the position of every key, value and list item."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from governance_lint.findings import Finding, Location, NodePath
from governance_lint.reading.positions import Comment, Span, Spans, Tables

__all__ = ["Comment", "Document", "Span", "Spans", "node_at"]


def node_at(data: Any, path: NodePath) -> tuple[bool, Any]:
    """Whether ``path`` leads to a node of ``data`` (keys and list indexes), and that node."""
    node = data
    for part in path:
        inside_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (inside_list or (isinstance(node, dict) and part in node)):
            return False, None
        node = node[part]
    return True, node


@dataclass(eq=False)
class Document:
    """A parsed file. Every later stage takes positions from here and never re-reads the text.

    ``plain`` holds the text as written of plain scalars that YAML 1.1 reads as
    something other than text (``no``, ``010``, ``1:30``), so free-text fields can keep
    what was written and id fields can say how to quote it. ``odd_keys`` names the
    mapping keys that are not text, by the path of their value; ``bad_scalars`` the
    scalars whose explicit tag does not fit their text (``!!int foo``), kept as text.
    """

    path: str
    text: str
    data: Any
    spans: Spans = field(default_factory=Spans)  # where each value and key stands
    plain: dict[NodePath, str] = field(default_factory=dict)
    odd_keys: dict[NodePath, str] = field(default_factory=dict)
    bad_scalars: dict[NodePath, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    events: int = 0
    nodes: int = 0
    failure: Finding | None = None  # the GL001/GL006 that stopped reading; data is then None
    _lines: list[str] | None = field(default=None, repr=False)

    def positions(self) -> Tables:
        """The spans of values and of keys (built now, if this file was parsed elsewhere)."""
        return self.spans.tables()

    def _span(self, spans: dict[NodePath, Span], path: NodePath) -> tuple[Span, NodePath]:
        """The span at ``path``, else at its nearest ancestor (alias expansions have none)."""
        while path not in spans and path:
            path = path[:-1]
        return spans.get(path, (1, 1, 1, 2)), path

    def _location(self, span: Span, path: NodePath) -> Location:
        line, column, end_line, end_column = span
        on_line = end_line == line
        width = end_column - column if on_line else len(self.line_text(line)) - column + 1
        return Location(self.path, line, column, max(width, 1), path)

    def value_location(self, path: NodePath) -> Location:
        """Where the node at ``path`` starts (a list item, a value)."""
        span, _ = self._span(self.positions()[0], path)
        return self._location(span, path)

    def key_location(self, path: NodePath) -> Location:
        """Where the key whose value is at ``path`` starts (an entry's id, a field's name)."""
        span = self.spans.key_span(path)
        if span is not None:
            return self._location(span, path)
        return self.value_location(path)

    def field_location(self, path: NodePath) -> Location:
        """A field as rules.md defines it: its value when on the key's line, else its key."""
        spans, key_spans = self.positions()
        key = key_spans.get(path)
        value = spans.get(path)
        if key is not None and value is not None and value[0] == key[0]:
            return self._location(value, path)
        return self.key_location(path)

    def line_text(self, line: int) -> str:
        """Line ``line`` (1-based) of the file, counted at line feeds only."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1].removesuffix("\r")
        return ""
