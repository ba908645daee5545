"""Bytes to a Document: read under bounds, decoded, parsed from PyYAML's events.  GL001 GL006

Nothing here composes or constructs: the C composer crashes on deep nesting and a
constructor runs whatever a tag names. ``builder`` turns events into data one node at
a time, so every bound is checked at the node that crosses it.
"""

from __future__ import annotations

import errno
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

from governance_lint._speed import collector_paused
from governance_lint.bounds import Bounds
from governance_lint.display import cut
from governance_lint.document import Document
from governance_lint.findings import Finding, Location
from governance_lint.reading.builder import Builder, Refused
from governance_lint.reading.discover import Source, unreadable
from governance_lint.reading.memo import is_memo, read_memo
from governance_lint.reading.positions import Positions, Spans, comments
from governance_lint.rules.inputs import UNSAFE_YAML, YAML_SYNTAX


class _PurePythonParser(_Reader, _Scanner, _PyParser):
    """PyYAML's own parser: slower than libyaml's, but without its nesting limit of 1000."""

    def __init__(self, stream: str) -> None:
        _Reader.__init__(self, stream)
        _Scanner.__init__(self)
        _PyParser.__init__(self)


_FastParser: type[Any]
try:  # the C parser is several times faster; both yield the same events
    from yaml._yaml import CParser as _FastParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _FastParser = _PurePythonParser


__all__ = [
    "Bounds",  # for callers that still import it from here; it lives in bounds.py
    "Refused",
    "fetch_source",
    "load_bytes",
    "parse",
    "read_limited",
    "read_source",
]


def unsafe(path: str, message: str, help: str, line: int = 1, column: int = 1) -> Finding:
    """A GL006 finding: a file the tool refuses to read or stops reading."""
    return Finding(UNSAFE_YAML.code, Location(path, line, column), message, help)


@dataclass(frozen=True)
class Undecodable:
    """Where decoding stopped: the first bad byte, and the text before it."""

    offset: int
    encoding: str  # as messages name it: "UTF-8", "UTF-16"
    before: str  # the decoded text before the bad byte (no byte order mark)
    note: str = ""


def decode(raw: bytes) -> str | Undecodable:
    """UTF-8 or UTF-16 text without its byte order mark, else where decoding stopped."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return Undecodable(0, "UTF-8 or UTF-16", "", " (a UTF-32 byte order mark)")
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding, start = "utf-8", 3
    elif raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding, start = ("utf-16-le" if raw[0] == 0xFF else "utf-16-be"), 2
    elif len(raw) >= 2 and raw[0] == 0 and raw[1] != 0:
        encoding, start = "utf-16-be", 0
    elif len(raw) >= 2 and raw[0] != 0 and raw[1] == 0:
        encoding, start = "utf-16-le", 0
    else:
        encoding, start = "utf-8", 0
    try:
        text = raw[start:].decode(encoding)
    except UnicodeDecodeError as error:
        offset = error.start + start
        before = raw[start:offset].decode(encoding, "replace")
        name = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
        return Undecodable(offset, name, before)
    return text.removeprefix("\ufeff")


def undecodable(path: str, problem: Undecodable) -> Finding:
    """GL006 at the first byte that does not decode; the bytes are never echoed."""
    before = problem.before
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return unsafe(
        path,
        f"not valid {problem.encoding} at byte {problem.offset}{problem.note}",
        "save the file as UTF-8; governance files are text",
        line,
        column,
    )


def parse(path: str, text: str, bounds: Bounds) -> Document:
    """A Document; when reading stopped, its ``failure`` is the one GL001/GL006 finding."""
    bad = _Reader.NON_PRINTABLE.search(text)
    if bad is not None:
        # A character YAML never allows is reported wherever it stands, before anything
        # else: libyaml checks characters one buffer at a time and PyYAML's own reader
        # all at once, so which problem either meets first would depend on buffer sizes.
        line, column = Positions(text).at_index(bad.start())
        return _failed(
            Document(path, text, None),
            Finding(
                YAML_SYNTAX.code,
                Location(path, line, column),
                "invalid YAML: control characters are not allowed "
                f"(character U+{ord(bad.group()):04X})",
                "remove the character, or write it as an escape in a double-quoted value",
            ),
        )
    result = _parse_with(_FastParser, path, text, bounds)
    failure = result.failure
    if (
        failure is not None
        and failure.code == YAML_SYNTAX.code
        and "maximum nesting depth" in failure.message
        and _FastParser is not _PurePythonParser
    ):
        # libyaml scans up to 1024 characters ahead and stops at 1000 levels before
        # yielding the events that cross max_depth; the pure parser yields them, and the
        # bound is then reported at the node that crosses it.
        result = _parse_with(_PurePythonParser, path, text, bounds)
    return result


def _parse_with(parser_class: Any, path: str, text: str, bounds: Bounds) -> Document:
    doc = Document(path, text, None, spans=Spans((path, text, bounds)))
    positions = Positions(text)
    wants_comments = "governance-lint" in text  # only suppression comments are ever read
    builder = Builder(doc, bounds, positions, wants_comments)
    # building many small containers otherwise spends most time in the collector
    with collector_paused():
        failure = _read_events(parser_class, text, doc, builder, positions, bounds)
    if failure is not None:
        return _failed(doc, failure)
    doc.data = builder.root
    doc.nodes = builder.nodes
    if builder.replaced:
        builder.drop_stale_notes()
    if builder.scalar_spans is not None:
        doc.comments = comments(text, builder.scalar_spans, positions)
    return doc


def _read_events(
    parser_class: Any,
    text: str,
    doc: Document,
    builder: Builder,
    positions: Positions,
    bounds: Bounds,
) -> Finding | None:
    """Feed every event to the builder; the GL001/GL006 finding that stopped it, if any."""
    path = doc.path
    documents = 0
    try:
        parser = parser_class(text)  # PyYAML's own reader checks every character right here
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
                return None
    except Refused as refused:
        return unsafe(path, refused.message, refused.help, *refused.position)
    except (yaml.MarkedYAMLError, yaml.reader.ReaderError) as error:
        return _syntax_error(path, error, positions, bounds.max_scalar_shown)


def _failed(doc: Document, failure: Finding) -> Document:
    """The document of a file that was not read to its end: its text, for excerpts, only."""
    return Document(doc.path, doc.text, None, events=doc.events, failure=failure)


_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|`[^`]*`")


def _cut_quoted(problem: str, limit: int) -> str:
    """PyYAML quotes what it found (a tag handle, a character): cut each quote to the bound."""
    return _QUOTED.sub(
        lambda match: match[0][0] + cut(match[0][1:-1], limit) + match[0][-1], problem
    )


def _syntax_error(path: str, error: yaml.YAMLError, positions: Positions, limit: int) -> Finding:
    """GL001 at the parser's problem position, counted as GitHub counts lines."""
    if isinstance(error, yaml.reader.ReaderError):
        # libyaml counts this position in bytes; the character itself is unambiguous,
        # since a character the reader refuses is refused wherever it stands
        character = error.character if isinstance(error.character, int) else 0
        found = positions.text.find(chr(character))
        index = found if found >= 0 else error.position
        problem = f"{error.reason} (character U+{character:04X})"
    else:
        assert isinstance(error, yaml.MarkedYAMLError)
        mark = error.problem_mark or error.context_mark
        index = mark.index if mark is not None else 0
        problem = _cut_quoted(error.problem or "not valid YAML", limit)
    index = min(max(index, 0), len(positions.text))
    line, column = positions.at_index(index)
    if positions.text[index : index + 1] == "\t":
        help = "indent with spaces: YAML does not allow tabs at the start of a line"
    elif isinstance(error, yaml.MarkedYAMLError) and error.context:
        help = f"fix the YAML syntax here ({error.context})"
    else:
        help = "fix the YAML syntax here"
    return Finding(YAML_SYNTAX.code, Location(path, line, column), f"invalid YAML: {problem}", help)


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)  # a link swapped in after the walk is still not followed
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)  # no program started later inherits it
    | getattr(os, "O_BINARY", 0)
)


OPEN_FLAGS = _OPEN_FLAGS  # for the other readers of files (memos)


class NotRegular(OSError):
    """A FIFO, device, socket or folder where a file was expected."""


def read_limited(fs_path: str, limit: int, dir_fd: int | None = None) -> bytes:
    """At most ``limit`` + 1 bytes of a regular file, never through a symbolic link and
    never waiting on a FIFO; ``fs_path`` is taken inside the folder ``dir_fd`` when given
    (the cache reads its entries so). Raises OSError (errno ELOOP for a link) or
    NotRegular."""
    descriptor = os.open(fs_path, _OPEN_FLAGS, dir_fd=dir_fd)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegular(fs_path)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(descriptor)
    return b"".join(chunks)


def fetch_source(source: Source, bounds: Bounds) -> bytes | Document:
    """The bytes of one file, at most ``max_file_bytes`` + 1 of them; or, for a file that
    cannot be read, the Document of its one refusal."""
    shown = source.shown
    try:
        if is_memo(source.fs_path):
            return read_memo(source.fs_path, bounds.max_file_bytes)
        return read_limited(source.fs_path, bounds.max_file_bytes)
    except NotRegular:
        return _unread(
            shown, unsafe(shown, "not a regular file; not read", "lint regular files only")
        )
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


def read_source(source: Source, bounds: Bounds) -> Document:
    """Read one file, at most ``max_file_bytes`` + 1 bytes of it, and parse it."""
    fetched = fetch_source(source, bounds)
    return fetched if isinstance(fetched, Document) else load_bytes(source.shown, fetched, bounds)


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
    if isinstance(text, Undecodable):
        return _unread(shown, undecodable(shown, text))
    return parse(shown, text, bounds)


def _unread(shown: str, failure: Finding) -> Document:
    """A file whose text was never decoded: no source line is ever shown for it."""
    return Document(shown, "", None, failure=failure)
