"""PyYAML events to plain data and positions, one node at a time, under every bound.

Nothing here composes or constructs: data is built from events, so each bound is
checked at the node that crosses it. Positions are kept only where a finding can
point (entries, fields and list items; never inside `x-` values), so a large or
hostile file costs little more memory than its data.
"""

from __future__ import annotations

from typing import Any, cast

import yaml
from yaml import events as ev

from governance_lint.display import shown
from governance_lint.document import Document, Span, node_at
from governance_lint.findings import Finding, Location, NodePath
from governance_lint.reading import yaml11
from governance_lint.reading.positions import Positions
from governance_lint.rules.inputs import DUPLICATE_KEY

TAG_NAMES = {
    yaml11.STR: "!!str",
    yaml11.INT: "!!int",
    yaml11.FLOAT: "!!float",
    yaml11.BOOL: "!!bool",
    yaml11.NULL: "!!null",
    yaml11.MAP: "!!map",
    yaml11.SEQ: "!!seq",
}
_NO_KEY = object()
_PLAIN, _BAD, _ODD = 0, 1, 2  # kinds of notes replayed when an alias copies its node
_RESOLVED_KEPT = 4096  # plain texts whose reading is kept: a file's ids, dates, field names
_DEEPEST_RECORDED = 4  # (section, id, field, item): the deepest node a finding names


class Refused(Exception):
    """The file crosses a bound or uses a forbidden construct: one GL006 finding."""

    def __init__(self, message: str, position: tuple[int, int], help: str) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.help = help


def _extension_slot(path: NodePath, index: int) -> bool:
    """Whether ``path[index]`` is a place where an `x-` key starts an extension."""
    if index == 0:
        return True
    return index == (1 if path[0] == "organization" else 2)


def _starts_extension(path: NodePath) -> bool:
    last = path[-1]
    return isinstance(last, str) and last.startswith("x-") and _extension_slot(path, len(path) - 1)


def copied(value: Any) -> Any:
    """A deep copy of lists and mappings, without recursion (nesting may be deep)."""
    if not isinstance(value, dict | list):
        return value
    root: Any = {} if isinstance(value, dict) else []
    stack = [(value, root)]
    while stack:
        source, target = stack.pop()
        pairs = source.items() if isinstance(source, dict) else enumerate(source)
        for key, item in pairs:
            if isinstance(item, dict | list):
                fresh: Any = {} if isinstance(item, dict) else []
                stack.append((item, fresh))
                item = fresh
            if isinstance(target, dict):
                target[key] = item
            else:
                target.append(item)
    return root


class _Frame:
    __slots__ = (
        "anchor",
        "as_key",
        "container",
        "extension",
        "height",
        "is_map",
        "key",
        "key_span",
        "notes_from",
        "path",
        "record",
        "seen",
        "start",
        "weight",
    )

    def __init__(self, container: Any, path: NodePath, start: tuple[int, int]) -> None:
        self.container = container
        self.is_map = isinstance(container, dict)
        self.path = path
        self.start = start
        self.height = 1
        self.weight = 0
        self.anchor: str | None = None
        self.as_key = False
        self.extension = False  # inside an `x-` value: nothing there is ever reported
        self.record = False  # whether the children's positions are kept
        self.notes_from = 0
        self.key: Any = _NO_KEY
        self.key_span: Span = (1, 1, 1, 1)
        self.seen: dict[str, int] = {}


def check_tag(tag: str | None, allowed: str, position: tuple[int, int], limit: int) -> None:
    if tag is not None and tag != allowed:
        written = tag.replace("tag:yaml.org,2002:", "!!")
        raise Refused(
            f"tag `{shown(written, limit)}` is not allowed here; nothing is constructed from tags",
            position,
            "remove the tag: governance files use plain YAML and the tags "
            + ", ".join(TAG_NAMES.values()),
        )


class Builder:
    """Plain data and positions from one pass over the events."""

    def __init__(self, doc: Document, bounds: Any, positions: Positions, comments: bool) -> None:
        self.doc = doc
        self.max_nodes: int = bounds.max_nodes
        self.max_depth: int = bounds.max_depth
        self.max_expansion: int = bounds.max_alias_expansion
        self.limit: int = bounds.max_scalar_shown
        self.pos = positions
        self.odd = positions.odd  # else a mark's own line and column are GitHub's
        # what each plain text reads as: files repeat their ids, dates and field names
        self.resolved: dict[str, Any] = {}
        self.spans, self.key_spans = doc.positions()  # filled here, as the events come
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.nodes = 0
        self.weight = 0  # nodes written plus nodes added by aliases
        self.expanded = 0
        # name -> (node, weight, height, path, first note, end of notes); None while open
        self.anchors: dict[str, tuple[Any, int, int, NodePath, int, int] | None] = {}
        self.open_anchors = 0
        self.notes: list[tuple[int, NodePath, str]] = []  # kept only while an anchor is open
        self.scalar_spans: list[tuple[int, int]] | None = [] if comments else None
        self.replaced = False  # a duplicate key replaced a value: some notes may be stale

    # -- bounds -------------------------------------------------------------------------

    def _at(self, mark: Any) -> tuple[int, int]:
        if self.odd:
            return self.pos.at_index(mark.index)
        return mark.line + 1, mark.column + 1

    def _too_many(self, position: tuple[int, int]) -> Refused:
        return Refused(
            f"more than {self.max_nodes} nodes (bound max_nodes); the file is not read",
            position,
            "split the organization into several files",
        )

    # -- notes: written text, odd keys, values that do not fit their tag ----------------

    def _note(self, kind: int, path: NodePath, text: str, store: bool = True) -> None:
        """Keep a note for validation (``store``) and, while an anchor is open, for
        the aliases that will copy it."""
        if store:
            doc = self.doc
            if kind == _PLAIN:
                if len(path) <= _DEEPEST_RECORDED:
                    doc.plain[path] = text
            elif kind == _BAD:
                doc.bad_scalars[path] = text
            else:
                doc.odd_keys[path] = text
        if self.open_anchors:
            self.notes.append((kind, path, text))

    def _replay(self, path: NodePath, anchor_path: NodePath, first: int, end: int) -> None:
        """An alias's copy keeps the notes of the node it names, at its own paths."""
        cut = len(anchor_path)
        for kind, old, text in self.notes[first:end]:
            new = (*path, *old[cut:])
            inside_extension = any(
                isinstance(part, str) and part.startswith("x-") and _extension_slot(new, index)
                for index, part in enumerate(new[:-1])
            )
            self._note(kind, new, text, store=not inside_extension)

    def drop_stale_notes(self) -> None:
        """After a duplicate key replaced a value, the notes taken inside the value it
        replaced describe nothing in the data: keep a note only where the data still
        holds what it describes (the value a plain text reads as, the text a tag could
        not read, a mapping's non-text key)."""
        doc = self.doc
        for path, text in list(doc.plain.items()):
            found, value = node_at(doc.data, path)
            expected = yaml11.resolve_plain(text)
            same = type(value) is type(expected) and (value == expected or value != value)
            if not (found and same):
                del doc.plain[path]
        for path, tagged in list(doc.bad_scalars.items()):
            found, value = node_at(doc.data, path)
            if not (found and value == tagged.split(" ", 1)[1]):
                del doc.bad_scalars[path]
        for path in list(doc.odd_keys):
            if not node_at(doc.data, path)[0]:
                del doc.odd_keys[path]

    # -- attaching nodes ----------------------------------------------------------------

    def _take_key(self, parent: _Frame, key: str, start: tuple[int, int], event: Any) -> None:
        first = parent.seen.get(key)
        if first is None and not parent.record:
            parent.seen[key] = start[0]
            parent.key = key
            parent.key_span = (*start, start[0], start[1] + 1)
            return
        end = self._at(event.end_mark)
        if first is not None:
            self.replaced = True
            self.doc.problems.append(
                Finding(
                    DUPLICATE_KEY.code,
                    Location(
                        self.doc.path,
                        start[0],
                        start[1],
                        max(end[1] - start[1], 1) if end[0] == start[0] else 1,
                        (*parent.path, key),
                    ),
                    f"duplicate key `{shown(key, self.limit)}`: first written on line {first}; "
                    "YAML keeps only the last value",
                    f"remove one of the two `{shown(key, self.limit)}` keys or merge their "
                    "contents",
                )
            )
        else:
            parent.seen[key] = start[0]
        parent.key = key
        parent.key_span = (*start, *end)

    def _place(self, value: Any, start: tuple[int, int], event: Any) -> NodePath | None:
        """Put a finished value into its parent; its path when someone may ask for it."""
        if not self.stack:
            self.root = value
            self.spans[()] = (*start, *self._at(event.end_mark))
            return ()
        parent = self.stack[-1]
        container = parent.container
        if parent.is_map:
            key = parent.key
            container[key] = value
            parent.key = _NO_KEY
            if not (parent.record or self.open_anchors):
                return None
            path: NodePath = (*parent.path, key)
            if parent.record:
                self.spans[path] = (*start, *self._at(event.end_mark))
                self.key_spans[path] = parent.key_span
            return path
        container.append(value)
        if not (parent.record or self.open_anchors):
            return None
        path = (*parent.path, len(container) - 1)
        if parent.record:
            self.spans[path] = (*start, *self._at(event.end_mark))
        return path

    def _odd_key(self, parent: _Frame, key: str, what: str) -> None:
        """A key that is not text, noted by the path of its value."""
        path = (*parent.path, key)
        self._note(_ODD, path, what, store=not parent.extension)
        if not parent.extension:
            self.key_spans.setdefault(path, parent.key_span)

    # -- events -------------------------------------------------------------------------

    def scalar(self, event: ev.ScalarEvent) -> None:
        marked: Any = event  # events always carry marks, though the stubs allow none
        mark = marked.start_mark
        start = self.pos.at_index(mark.index) if self.odd else (mark.line + 1, mark.column + 1)
        self.nodes += 1
        self.weight += 1
        if self.nodes > self.max_nodes:
            raise self._too_many(start)
        if self.scalar_spans is not None:
            self.scalar_spans.append((marked.start_mark.index, marked.end_mark.index))
        text: str = event.value
        parent = self.stack[-1] if self.stack else None
        as_key = parent is not None and parent.is_map and parent.key is _NO_KEY
        plain = event.tag is None and event.implicit[0]
        bad = None
        if plain:
            resolved = self.resolved
            value = resolved.get(text, _NO_KEY)
            if value is _NO_KEY:
                value = yaml11.resolve_plain(text)
                if len(resolved) < _RESOLVED_KEPT:
                    resolved[text] = value
            if as_key and text == "<<":
                raise Refused(
                    "merge key `<<` is not allowed", start, "write the fields out in full"
                )
        elif event.tag is None:
            value = text
        else:
            if event.tag not in yaml11.SCALAR_TAGS:
                check_tag(event.tag, yaml11.STR, start, self.limit)
            try:
                value = yaml11.resolve_tagged(text, event.tag)
            except yaml11.BadScalar:
                value, bad = text, f"{TAG_NAMES[event.tag]} {text}"
        anchor = event.anchor
        if anchor is not None:
            self.open_anchors += 1
            first = len(self.notes)
        path: NodePath | None
        if as_key:
            assert parent is not None
            self._take_key(parent, text, start, event)
            if not isinstance(value, str):
                self._odd_key(parent, text, yaml11.describe(value) if plain else "tagged")
            path = (*parent.path, text) if anchor is not None else None
        else:
            path = self._place(value, start, event)
            if path is not None:
                store = parent is None or not parent.extension
                if bad is not None:
                    self._note(_BAD, path, bad, store)
                    if store and path not in self.spans:
                        self.spans[path] = (*start, *self._at(event.end_mark))
                elif plain and value is not None and not isinstance(value, str):
                    self._note(_PLAIN, path, text, store)
        if anchor is not None:
            self.open_anchors -= 1
            # a key's notes describe a key, not a value: an alias of it copies none
            end = first if as_key else len(self.notes)
            self.anchors[anchor] = (value, 1, 0, path or (), first, end)

    def start(self, event: ev.CollectionStartEvent, is_map: bool) -> None:
        start = self._at(event.start_mark)
        self.nodes += 1
        self.weight += 1
        if self.nodes > self.max_nodes:
            raise self._too_many(start)
        check_tag(event.tag, yaml11.MAP if is_map else yaml11.SEQ, start, self.limit)
        depth = len(self.stack) + 1
        if depth > self.max_depth:
            raise Refused(
                f"nesting deeper than {self.max_depth} levels (bound max_depth); "
                "the file is not read",
                start,
                "flatten the structure: governance entries need only a few levels",
            )
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            path: NodePath = ()
        elif parent.is_map:
            path = (*parent.path, "?" if parent.key is _NO_KEY else parent.key)
        else:
            path = (*parent.path, len(parent.container))
        frame = _Frame({} if is_map else [], path, start)
        frame.weight = self.weight - 1  # the node itself counts
        if parent is None:
            frame.record = True
        else:
            frame.as_key = parent.is_map and parent.key is _NO_KEY
            # nothing inside an `x-` value or a key is ever reported; only positions
            # of entries, fields and list items are kept
            frame.extension = parent.extension or frame.as_key or _starts_extension(path)
            frame.record = (
                parent.record
                and not frame.extension
                and not frame.as_key
                and len(path) < _DEEPEST_RECORDED
            )
        if event.anchor is not None:
            self.anchors[event.anchor] = None
            frame.anchor = event.anchor
            frame.notes_from = len(self.notes)
            self.open_anchors += 1
        self.stack.append(frame)

    def end(self, event: ev.CollectionEndEvent) -> None:
        frame = self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        if parent is not None:
            parent.height = max(parent.height, frame.height + 1)
        path: NodePath | None
        if frame.as_key:
            assert parent is not None
            # a list or mapping as a key: never a field name or an id; each one is its own
            key = f"?{frame.start[0]}:{frame.start[1]}"
            self._take_key(parent, key, frame.start, event)
            self._odd_key(parent, key, "a list or mapping")
            path = (*parent.path, key)
        else:
            path = self._place(frame.container, frame.start, event)
        if frame.anchor is not None:
            self.open_anchors -= 1
            self.anchors[frame.anchor] = (
                frame.container,
                self.weight - frame.weight,
                frame.height,
                frame.path if path is None else path,
                frame.notes_from,
                len(self.notes),
            )

    def alias(self, event: ev.AliasEvent) -> None:
        start = self._at(event.start_mark)
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise self._too_many(start)
        name = event.anchor
        if name not in self.anchors:
            raise yaml.MarkedYAMLError(
                problem=f"undefined alias `*{shown(name, self.limit)}`",
                problem_mark=cast(yaml.error.Mark, event.start_mark),
            )
        target = self.anchors[name]
        if target is None:
            raise Refused(
                f"alias `*{shown(name, self.limit)}` is inside the node it names",
                start,
                "remove the alias: a node cannot contain itself",
            )
        value, weight, height, anchor_path, first, end = target
        self.expanded += weight
        self.weight += weight
        if self.expanded > self.max_expansion:
            raise Refused(
                f"aliases expand to more than {self.max_expansion} nodes "
                "(bound max_alias_expansion); the file is not read",
                start,
                "write the repeated values out, or use fewer aliases",
            )
        if len(self.stack) + height > self.max_depth:
            raise Refused(
                f"alias `*{shown(name, self.limit)}` nests deeper than {self.max_depth} "
                "levels (bound max_depth); the file is not read",
                start,
                "flatten the structure: governance entries need only a few levels",
            )
        parent = self.stack[-1] if self.stack else None
        if parent is not None:
            parent.height = max(parent.height, height + 1)
        if parent is not None and parent.is_map and parent.key is _NO_KEY:
            key = value if isinstance(value, str) else f"*{name}"
            self._take_key(parent, key, start, event)
            if not isinstance(value, str):
                self._odd_key(parent, key, "an alias")
            return
        path = self._place(copied(value), start, event)
        if path is not None and end > first:
            self._replay(path, anchor_path, first, end)
