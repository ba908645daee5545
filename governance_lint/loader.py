"""Bytes to a Document, reading PyYAML's event stream under bounds.        GL001 GL003 GL006

Nothing here composes or constructs: the C composer crashes on deep nesting and a
constructor runs whatever a tag names. Data is built from events, one node at a time,
so every bound is checked at the node that crosses it.
"""

from __future__ import annotations

import bisect
import errno
import gc
import os
import re
import stat
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import events as ev
from yaml.parser import Parser as _PyParser
from yaml.reader import Reader as _Reader
from yaml.scanner import Scanner as _Scanner

from governance_lint import yaml11
from governance_lint.discovery import Source, unreadable
from governance_lint.document import Comment, Document, Span
from governance_lint.findings import Finding, Location, NodePath


class _PurePythonParser(_Reader, _Scanner, _PyParser):
    """PyYAML's own parser: slower than libyaml's, but without its nesting limit of 1000."""

    def __init__(self, stream: str) -> None:
        _Reader.__init__(self, stream)
        _Scanner.__init__(self)
        _PyParser.__init__(self)


try:  # the C parser is several times faster; both yield the same events
    from yaml._yaml import CParser as _FastParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _FastParser = _PurePythonParser


@dataclass(frozen=True)
class Bounds:
    """Reading limits per file (cli.md, Configuration)."""

    max_file_bytes: int = 8_388_608
    max_depth: int = 64
    max_alias_expansion: int = 10_000
    max_nodes: int = 5_000_000
    max_scalar_shown: int = 200


_ODD_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
_TAG_NAMES = {
    yaml11.STR: "!!str",
    yaml11.INT: "!!int",
    yaml11.FLOAT: "!!float",
    yaml11.BOOL: "!!bool",
    yaml11.NULL: "!!null",
    yaml11.MAP: "!!map",
    yaml11.SEQ: "!!seq",
}
_NO_KEY = object()


class Refused(Exception):
    """The file crosses a bound or uses a forbidden construct: one GL006 finding."""

    def __init__(self, message: str, position: tuple[int, int], help: str) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.help = help


def unsafe(path: str, message: str, help: str, line: int = 1, column: int = 1) -> Finding:
    """A GL006 finding: a file the tool refuses to read or stops reading."""
    return Finding("GL006", Location(path, line, column), message, help)


def decode(raw: bytes) -> str | tuple[int, str]:
    """UTF-8 or UTF-16 text without its byte order mark, else (first bad byte, encoding)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding, start = "utf-8", 3
    elif raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding, start = "utf-16", 0
    elif len(raw) >= 2 and raw[0] == 0 and raw[1] != 0:
        encoding, start = "utf-16-be", 0
    elif len(raw) >= 2 and raw[0] != 0 and raw[1] == 0:
        encoding, start = "utf-16-le", 0
    else:
        encoding, start = "utf-8", 0
    try:
        text = raw[start:].decode(encoding)
    except UnicodeDecodeError as error:
        return error.start + start, "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
    return text.removeprefix("\ufeff")


def undecodable(path: str, raw: bytes, offset: int, encoding: str) -> Finding:
    """GL006 at the first byte that does not decode; the bytes are never echoed."""
    line = raw.count(b"\n", 0, offset) + 1
    line_start = raw.rfind(b"\n", 0, offset) + 1
    prefix = raw[line_start:offset]
    if line_start == 0 and prefix.startswith(b"\xef\xbb\xbf"):
        prefix = prefix[3:]
    column = len(prefix.decode("utf-8", "replace")) + 1 if encoding == "UTF-8" else 1
    return unsafe(
        path,
        f"not valid {encoding} at byte {offset}",
        "save the file as UTF-8; governance files are text",
        line,
        column,
    )


class _Positions:
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


class _Frame:
    __slots__ = (
        "anchor",
        "as_key",
        "container",
        "depth",
        "height",
        "key",
        "key_span",
        "path",
        "seen",
        "start",
        "start_index",
        "weight",
    )

    def __init__(
        self,
        container: Any,
        path: NodePath,
        depth: int,
        start: tuple[int, int],
        start_index: int,
        weight: int,
        anchor: str | None,
        as_key: bool,
    ) -> None:
        self.container = container
        self.path = path
        self.depth = depth
        self.height = 1
        self.start = start
        self.start_index = start_index
        self.weight = weight
        self.anchor = anchor
        self.as_key = as_key
        self.key: Any = _NO_KEY
        self.key_span: Span = (1, 1, 1, 1)
        self.seen: dict[str, int] = {}


def _check_tag(tag: str | None, allowed: str, position: tuple[int, int]) -> None:
    if tag is not None and tag != allowed:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise Refused(
            f"tag `{shown}` is not allowed here; nothing is constructed from tags",
            position,
            "remove the tag: governance files use plain YAML and the tags "
            + ", ".join(_TAG_NAMES.values()),
        )


class _Builder:
    """Plain data and positions from one pass over the events."""

    def __init__(self, doc: Document, bounds: Bounds, positions: _Positions) -> None:
        self.doc = doc
        self.bounds = bounds
        self.pos = positions
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.nodes = 0
        self.weight = 0  # nodes written plus nodes added by aliases
        self.expanded = 0
        self.anchors: dict[str, tuple[Any, int, int] | None] = {}  # None while still open
        self.scalar_spans: list[tuple[int, int]] = []

    # -- bounds -------------------------------------------------------------------------

    def _count(self, position: tuple[int, int]) -> None:
        self.nodes += 1
        self.weight += 1
        if self.nodes > self.bounds.max_nodes:
            raise Refused(
                f"more than {self.bounds.max_nodes} nodes (bound max_nodes); the file is not read",
                position,
                "split the organization into several files",
            )

    # -- attaching nodes ----------------------------------------------------------------

    def _attach(self, value: Any, span: Span, key_text: str | None = None) -> NodePath | None:
        """Put a finished node into its parent; returns its path (None when it is a key)."""
        if not self.stack:
            self.root = value
            return ()
        parent = self.stack[-1]
        if isinstance(parent.container, list):
            path = (*parent.path, len(parent.container))
            parent.container.append(value)
            self.doc.spans[path] = span
            return path
        if parent.key is _NO_KEY:
            self._take_key(parent, value if key_text is None else key_text, span)
            return None
        path = (*parent.path, parent.key)
        parent.container[parent.key] = value
        self.doc.spans[path] = span
        self.doc.key_spans[path] = parent.key_span
        parent.key = _NO_KEY
        return path

    def _take_key(self, parent: _Frame, key: Any, span: Span) -> None:
        first = parent.seen.get(key)
        if first is not None:
            self.doc.problems.append(
                Finding(
                    "GL003",
                    Location(
                        self.doc.path,
                        span[0],
                        span[1],
                        max(span[3] - span[1], 1),
                        (*parent.path, key),
                    ),
                    f"duplicate key `{key}`: first written on line {first}; YAML keeps only "
                    "the last value",
                    f"remove one of the two `{key}` keys or merge their contents",
                )
            )
        else:
            parent.seen[key] = span[0]
        parent.key = key
        parent.key_span = span

    def _expecting_key(self) -> bool:
        return (
            bool(self.stack)
            and isinstance(self.stack[-1].container, dict)
            and (self.stack[-1].key is _NO_KEY)
        )

    # -- events -------------------------------------------------------------------------

    def scalar(self, event: ev.ScalarEvent) -> None:
        start = self.pos.of(event.start_mark)
        self._count(start)
        span = (*start, *self.pos.of(event.end_mark))
        self.scalar_spans.append((event.start_mark.index, event.end_mark.index))
        text = event.value
        plain = event.tag is None and event.implicit[0]
        if plain:
            value = yaml11.resolve_plain(text)
            if text == "<<" and self._expecting_key():
                raise Refused(
                    "merge key `<<` is not allowed", start, "write the fields out in full"
                )
        elif event.tag is None:
            value = text
        else:
            if event.tag not in yaml11.SCALAR_TAGS:
                _check_tag(event.tag, yaml11.STR, start)
            try:
                value = yaml11.resolve_tagged(text, event.tag)
            except yaml11.BadScalar:
                value = text
                if not self._expecting_key():
                    self._remember_bad_tag(event.tag, text)
        if self._expecting_key():
            if not isinstance(value, str):
                self.doc.odd_keys[(*self.stack[-1].path, text)] = (
                    yaml11.describe(value) if plain else "tagged"
                )
            self._attach(value, span, key_text=text)
        else:
            path = self._attach(value, span)
            if path is not None and plain and not isinstance(value, str) and value is not None:
                self.doc.plain[path] = text
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1, 0)

    def _remember_bad_tag(self, tag: str, text: str) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            return
        index: str | int = (
            len(parent.container) if isinstance(parent.container, list) else parent.key
        )
        self.doc.bad_scalars[(*parent.path, index)] = f"{_TAG_NAMES[tag]} {text}"

    def start(self, event: ev.CollectionStartEvent, is_map: bool) -> None:
        start = self.pos.of(event.start_mark)
        self._count(start)
        _check_tag(event.tag, yaml11.MAP if is_map else yaml11.SEQ, start)
        depth = len(self.stack) + 1
        if depth > self.bounds.max_depth:
            raise Refused(
                f"nesting deeper than {self.bounds.max_depth} levels (bound max_depth); "
                "the file is not read",
                start,
                "flatten the structure: governance entries need only a few levels",
            )
        container: Any = {} if is_map else []
        as_key = self._expecting_key()
        if as_key:
            path: NodePath = (*self.stack[-1].path, "?")
        elif not self.stack:
            path = ()
        else:
            parent = self.stack[-1]
            if isinstance(parent.container, list):
                path = (*parent.path, len(parent.container))
            else:
                path = (*parent.path, parent.key)
        if event.anchor is not None:
            self.anchors[event.anchor] = None
        self.stack.append(
            _Frame(
                container,
                path,
                depth,
                start,
                event.start_mark.index,
                self.weight,
                event.anchor,
                as_key,
            )
        )

    def end(self, event: ev.CollectionEndEvent) -> None:
        frame = self.stack.pop()
        span = (*frame.start, *self.pos.of(event.end_mark))
        if self.stack:
            self.stack[-1].height = max(self.stack[-1].height, frame.height + 1)
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, self.weight - frame.weight, frame.height)
        if frame.as_key:
            self.doc.odd_keys[(*self.stack[-1].path, "?")] = "a list or mapping"
            self._attach(frame.container, span, key_text="?")
        else:
            self._attach(frame.container, span)

    def alias(self, event: ev.AliasEvent) -> None:
        start = self.pos.of(event.start_mark)
        self._count(start)
        name = event.anchor
        if name not in self.anchors:
            raise yaml.MarkedYAMLError(
                problem=f"undefined alias `*{name}`", problem_mark=event.start_mark
            )
        target = self.anchors[name]
        if target is None:
            raise Refused(
                f"alias `*{name}` is inside the node it names",
                start,
                "remove the alias: a node cannot contain itself",
            )
        value, weight, height = target
        self.expanded += weight
        self.weight += weight
        if self.expanded > self.bounds.max_alias_expansion:
            raise Refused(
                f"aliases expand to more than {self.bounds.max_alias_expansion} nodes "
                "(bound max_alias_expansion); the file is not read",
                start,
                "write the repeated values out, or use fewer aliases",
            )
        if len(self.stack) + height > self.bounds.max_depth:
            raise Refused(
                f"alias `*{name}` nests deeper than {self.bounds.max_depth} levels "
                "(bound max_depth); the file is not read",
                start,
                "flatten the structure: governance entries need only a few levels",
            )
        if self.stack:
            self.stack[-1].height = max(self.stack[-1].height, height + 1)
        span = (*start, *self.pos.of(event.end_mark))
        if self._expecting_key() and not isinstance(value, str):
            self.doc.odd_keys[(*self.stack[-1].path, f"*{name}")] = "an alias"
            self._attach(value, span, key_text=f"*{name}")
        else:
            self._attach(value, span)


def _comments(text: str, scalar_spans: list[tuple[int, int]], pos: _Positions) -> list[Comment]:
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


def parse(path: str, text: str, bounds: Bounds) -> Document:
    """A Document; when reading stopped, its ``failure`` is the one GL001/GL006 finding."""
    result = _parse_with(_FastParser, path, text, bounds)
    failure = result.failure
    if (
        failure is not None
        and failure.code == "GL001"
        and "maximum nesting depth" in failure.message
        and _FastParser is not _PurePythonParser
    ):
        # libyaml scans up to 1024 characters ahead and stops at 1000 levels before
        # yielding the events that cross max_depth; the pure parser yields them, and the
        # bound is then reported at the node that crosses it.
        result = _parse_with(_PurePythonParser, path, text, bounds)
    return result


def _parse_with(parser_class: Any, path: str, text: str, bounds: Bounds) -> Document:
    doc = Document(path, text, None)
    positions = _Positions(text)
    builder = _Builder(doc, bounds, positions)
    parser = parser_class(text)
    documents = 0
    gc_was_enabled = gc.isenabled()
    gc.disable()  # building many small containers otherwise spends most time in the collector
    try:
        while True:
            event = parser.get_event()
            doc.events += 1
            kind = type(event)
            if kind is ev.ScalarEvent:
                builder.scalar(event)
            elif kind is ev.MappingStartEvent:
                builder.start(event, True)
            elif kind is ev.SequenceStartEvent:
                builder.start(event, False)
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                builder.end(event)
            elif kind is ev.AliasEvent:
                builder.alias(event)
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise Refused(
                        "a second YAML document; a governance file holds exactly one",
                        positions.of(event.start_mark),
                        "move the second document into a file of its own",
                    )
            elif kind is ev.StreamEndEvent:
                break
    except Refused as refused:
        return _failed(doc, unsafe(path, refused.message, refused.help, *refused.position))
    except (yaml.MarkedYAMLError, yaml.reader.ReaderError) as error:
        return _failed(doc, _syntax_error(path, error, positions))
    finally:
        if gc_was_enabled:
            gc.enable()
    doc.data = builder.root
    doc.nodes = builder.nodes
    if "governance-lint" in text:
        doc.comments = _comments(text, builder.scalar_spans, positions)
    return doc


def _failed(doc: Document, failure: Finding) -> Document:
    """The document of a file that was not read to its end: its text, for excerpts, only."""
    return Document(doc.path, doc.text, None, events=doc.events, failure=failure)


def _syntax_error(path: str, error: yaml.YAMLError, positions: _Positions) -> Finding:
    """GL001 at the parser's problem position, counted as GitHub counts lines."""
    if isinstance(error, yaml.reader.ReaderError):
        index, problem = error.position, f"{error.reason} (character U+{error.character:04X})"
    else:
        assert isinstance(error, yaml.MarkedYAMLError)
        mark = error.problem_mark or error.context_mark
        index = mark.index if mark is not None else 0
        problem = error.problem or "not valid YAML"
    index = min(max(index, 0), len(positions.text))
    line, column = positions.at_index(index)
    if positions.text[index : index + 1] == "\t":
        help = "indent with spaces: YAML does not allow tabs at the start of a line"
    elif isinstance(error, yaml.MarkedYAMLError) and error.context:
        help = f"fix the YAML syntax here ({error.context})"
    else:
        help = "fix the YAML syntax here"
    return Finding("GL001", Location(path, line, column), f"invalid YAML: {problem}", help)


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)  # a link swapped in after the walk is still not followed
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_source(source: Source, bounds: Bounds) -> Document:
    """Read one file, at most ``max_file_bytes`` + 1 bytes of it, and parse it."""
    shown = source.shown
    try:
        descriptor = os.open(source.fs_path, _OPEN_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return _unread(
                shown,
                unsafe(
                    shown,
                    "symbolic link; not read",
                    "governance-lint never follows links: name the file it points to",
                ),
            )
        return _unread(shown, unreadable(shown, error))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            return _unread(
                shown, unsafe(shown, "not a regular file; not read", "lint regular files only")
            )
        chunks: list[bytes] = []
        remaining = bounds.max_file_bytes + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as error:
        return _unread(shown, unreadable(shown, error))
    finally:
        os.close(descriptor)
    return load_bytes(shown, b"".join(chunks), bounds)


def load_bytes(shown: str, raw: bytes, bounds: Bounds) -> Document:
    """Bytes of one file (from disk or from git) to a Document or its one refusal."""
    if len(raw) > bounds.max_file_bytes:
        return _unread(
            shown,
            unsafe(
                shown,
                f"file is larger than {bounds.max_file_bytes} bytes (bound max_file_bytes); "
                "not read",
                "split the organization into several files",
            ),
        )
    text = decode(raw)
    if isinstance(text, tuple):
        return _unread(shown, undecodable(shown, raw, *text))
    return parse(shown, text, bounds)


def _unread(shown: str, failure: Finding) -> Document:
    """A file whose text was never decoded: no source line is ever shown for it."""
    return Document(shown, "", None, failure=failure)
