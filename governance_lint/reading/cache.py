"""The cache: storage of each file's parsed and validated Outcome, keyed by its content.

An entry is kept under ``.governance-lint-cache/`` in the configuration file's folder
(else the current folder) and named by the SHA-256 of the governance-lint version, the
bounds, the file's shown path and its bytes, so an entry can only describe exactly
those bytes read by exactly this version under exactly these bounds. The cache never
changes any output (a differential test holds it to that).

The folder lives in a checkout a pull request controls, so nothing in it is trusted:
entries are JSON, never pickle; an entry is read only when it is at most eight times
the size of its file plus 64 KiB, and is checked field by field, type by type, before
use, so a crafted or corrupt one is a miss (and is rewritten), never a crash. A cache folder
that is a symbolic link, or lies under one, is neither read nor written; entries are
opened inside the folder's own descriptor without following links, and written as new
files put in place by rename (writing.py), so a planted link is never written through.
Entries are written only while the folder's ``.gitignore`` says ``*``, repaired when
it does not. Any failure to read or write is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
from dataclasses import astuple
from typing import Any

from governance_lint import __version__
from governance_lint.bounds import Bounds
from governance_lint.document import Comment, Document, Spans
from governance_lint.findings import SEVERITIES, Finding, Location, NodePath, Related
from governance_lint.reading.loader import read_limited
from governance_lint.reading.outcome import Outcome
from governance_lint.schema.compile import accepts
from governance_lint.writing import FOLDER_FLAGS, replace_in

FOLDER = ".governance-lint-cache"
_FORMAT = 2
_IGNORE_ALL = b"*\n"
_SLACK = 64 * 1024  # an entry may exceed 8 times its file by this much


class Cache:
    """Outcomes on disk; every failure to read or write one is a miss, never an error."""

    def __init__(self, folder: str, bounds: Bounds) -> None:
        self.folder = os.path.join(folder, FOLDER)
        self.bounds = bounds
        self.salt = json.dumps([_FORMAT, __version__, astuple(bounds)]).encode()
        self.sizes: dict[str, int] = {}  # the size of the file each key stands for
        self._state = "unknown"  # of the folder: then "missing", "refused" or "open"
        self._descriptor: int | None = None
        self._writable: bool | None = None  # whether its .gitignore keeps entries out of git

    def key(self, shown: str, raw: bytes) -> str:
        digest = hashlib.sha256(self.salt)
        digest.update(shown.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(raw)
        key = digest.hexdigest()
        self.sizes[key] = len(raw)
        return key

    def limit(self, key: str) -> int:
        """The largest entry accepted for ``key``: a bigger one was not written by us."""
        return 8 * self.sizes.get(key, 0) + _SLACK

    def load(self, key: str, shown: str, text: str) -> Outcome | None:
        folder = self._folder()
        if folder is None:
            return None
        try:
            raw = _read_at(folder, key + ".json", self.limit(key))
            if raw is None:
                return None
            entry = json.loads(raw, parse_constant=_no_constant)
        except (OSError, ValueError, RecursionError):
            return None
        if not _valid_entry(entry, shown, self.bounds.max_depth):
            return None
        return _decode(entry, text, self.bounds)

    def store(self, key: str, outcome: Outcome) -> None:
        if outcome.broken:
            return  # a file with schema errors is parsed again: see _consistent
        folder = self._folder(create=True)
        if folder is None or not self._ignored(folder):
            return
        try:
            # json.dumps, not json.dump: the C encoder, several times faster; a value nested
            # deeper than Python's recursion limit (a raised max_depth) is not cached
            text = json.dumps(_encode(outcome), ensure_ascii=False, separators=(",", ":"))
        except (ValueError, RecursionError):
            return
        data = text.encode("utf-8", "surrogatepass")
        if len(data) > self.limit(key):
            return  # it would never be read back
        with contextlib.suppress(OSError):
            replace_in(folder, key + ".json", data)

    def _folder(self, create: bool = False) -> int | None:
        """A descriptor of the cache folder; None when it is missing (and not to be
        created), cannot be opened, or is a link or lies under one."""
        if self._state == "unknown" or (self._state == "missing" and create):
            self._state, self._descriptor = _open_folder(self.folder, create)
        return self._descriptor

    def _ignored(self, folder: int) -> bool:
        """Whether the folder's .gitignore says ``*`` (written or repaired here once), so
        entries are never committed by ``git add``."""
        if self._writable is None:
            try:
                if _read_at(folder, ".gitignore", len(_IGNORE_ALL)) != _IGNORE_ALL:
                    replace_in(folder, ".gitignore", _IGNORE_ALL)
                self._writable = _read_at(folder, ".gitignore", len(_IGNORE_ALL)) == _IGNORE_ALL
            except OSError:
                self._writable = False
        return self._writable


def _open_folder(folder: str, create: bool) -> tuple[str, int | None]:
    absolute = os.path.abspath(folder)
    if os.path.realpath(absolute) != absolute:
        return "refused", None  # a link on the way: neither read nor written
    try:
        if create:
            with contextlib.suppress(FileExistsError):
                os.mkdir(absolute)
        return "open", os.open(absolute, FOLDER_FLAGS)
    except FileNotFoundError:
        return ("refused" if create else "missing"), None
    except OSError:
        return "refused", None


def _read_at(folder: int, name: str, limit: int) -> bytes | None:
    """The bytes of a regular file in ``folder``, never through a link; None when it is
    missing, is not a regular file, or holds more than ``limit`` bytes."""
    try:
        data = read_limited(name, limit, dir_fd=folder)
    except OSError:  # missing, a link (ELOOP), not a regular file, unreadable
        return None
    return data if len(data) <= limit else None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# -- JSON form ----------------------------------------------------------------------------


def _location(location: Location) -> list[Any]:
    return [location.file, location.line, location.column, location.width, list(location.path)]


def _to_location(value: list[Any]) -> Location:
    file, line, column, width, path = value
    return Location(file, line, column, width, tuple(path))


def _finding(finding: Finding) -> list[Any]:
    return [
        finding.code,
        _location(finding.location),
        finding.message,
        finding.help,
        list(finding.entities),
        [[_location(r.location), r.message] for r in finding.related],
        finding.severity,
        finding.name,
    ]


def _to_finding(value: list[Any]) -> Finding:
    code, location, message, help, entities, related, severity, name = value
    return Finding(
        code,
        _to_location(location),
        message,
        help,
        tuple(entities),
        tuple(Related(_to_location(where), text) for where, text in related),
        severity,
        name,
    )


def _pairs(table: dict[NodePath, str]) -> list[list[Any]]:
    return [[list(path), value] for path, value in table.items()]


def _to_table(pairs: list[list[Any]]) -> dict[NodePath, str]:
    return {tuple(path): value for path, value in pairs}


def _encode(outcome: Outcome) -> dict[str, Any]:
    doc = outcome.doc
    return {
        "format": _FORMAT,
        "path": doc.path,
        "data": doc.data,
        "plain": _pairs(doc.plain),
        "odd_keys": _pairs(doc.odd_keys),
        "bad_scalars": _pairs(doc.bad_scalars),
        "comments": [[c.line, c.column, c.text, c.own_line] for c in doc.comments],
        "doc_problems": [_finding(f) for f in doc.problems],
        "events": doc.events,
        "nodes": doc.nodes,
        "failure": _finding(doc.failure) if doc.failure else None,
        "problems": [_finding(f) for f in outcome.problems],
        "broken": None if outcome.broken is None else [list(p) for p in outcome.broken],
        "unread": outcome.unread,
    }


def _decode(entry: dict[str, Any], text: str, bounds: Bounds) -> Outcome:
    """The Outcome of an entry that _valid_entry accepted."""
    path = entry["path"]
    doc = Document(
        path,
        text,
        entry["data"],
        spans=Spans.later(path, text, bounds),
        plain=_to_table(entry["plain"]),
        odd_keys=_to_table(entry["odd_keys"]),
        bad_scalars=_to_table(entry["bad_scalars"]),
        comments=[Comment(*comment) for comment in entry["comments"]],
        problems=[_to_finding(f) for f in entry["doc_problems"]],
        events=entry["events"],
        nodes=entry["nodes"],
        failure=_to_finding(entry["failure"]) if entry["failure"] else None,
    )
    broken = entry["broken"]
    return Outcome(
        doc,
        [_to_finding(f) for f in entry["problems"]],
        None if broken is None else {tuple(path) for path in broken},
        bool(entry["unread"]),
    )


# -- checking an entry before use ---------------------------------------------------------
# An entry comes from a folder the checkout controls: every field is checked for the type
# _encode writes, so that _decode and every later stage only ever see what parsing gives.


def _is_int(value: Any, least: int = 0) -> bool:
    return type(value) is int and value >= least


def _is_text(value: Any) -> bool:
    return type(value) is str


def _is_list(value: Any, check: Any, size: int | None = None) -> bool:
    return (
        type(value) is list
        and (size is None or len(value) == size)
        and all(check(item) for item in value)
    )


def _is_path(value: Any) -> bool:
    return _is_list(value, lambda part: _is_text(part) or _is_int(part))


def _is_location(value: Any) -> bool:
    return (
        type(value) is list
        and len(value) == 5
        and _is_text(value[0])
        and _is_int(value[1], 1)
        and _is_int(value[2], 1)
        and _is_int(value[3])
        and _is_path(value[4])
    )


def _is_related(value: Any) -> bool:
    return type(value) is list and len(value) == 2 and _is_location(value[0]) and _is_text(value[1])


def _is_finding(value: Any) -> bool:
    return (
        type(value) is list
        and len(value) == 8
        and all(_is_text(value[i]) for i in (0, 2, 3, 7))
        and _is_location(value[1])
        and _is_list(value[4], _is_text)
        and _is_list(value[5], _is_related)
        and value[6] in SEVERITIES
    )


def _is_table(value: Any) -> bool:
    return _is_list(
        value,
        lambda pair: _is_list(pair, lambda _: True, 2) and _is_path(pair[0]) and _is_text(pair[1]),
    )


def _is_comment(value: Any) -> bool:
    return (
        type(value) is list
        and len(value) == 4
        and _is_int(value[0], 1)
        and _is_int(value[1], 1)
        and _is_text(value[2])
        and type(value[3]) is bool
    )


def _is_data(value: Any, max_depth: int) -> bool:
    """Plain JSON values nested no deeper than the bounds let a parsed file nest."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        kind = type(item)
        if kind is dict or kind is list:
            if depth >= max_depth:
                return False
            children = item.values() if kind is dict else item
            stack.extend((child, depth + 1) for child in children)
        elif kind is float:
            if not math.isfinite(item):
                return False
        elif item is not None and kind not in (str, int, bool):
            return False
    return True


def _valid_entry(entry: Any, shown: str, max_depth: int) -> bool:
    return (
        type(entry) is dict
        and entry.get("format") == _FORMAT
        and entry.get("path") == shown
        and _is_data(entry.get("data"), max_depth)
        and all(_is_table(entry.get(name)) for name in ("plain", "odd_keys", "bad_scalars"))
        and _is_list(entry.get("comments"), _is_comment)
        and _is_list(entry.get("doc_problems"), _is_finding)
        and _is_int(entry.get("events"))
        and _is_int(entry.get("nodes"))
        and (entry.get("failure") is None or _is_finding(entry.get("failure")))
        and _is_list(entry.get("problems"), _is_finding)
        and (entry.get("broken") is None or _is_list(entry.get("broken"), _is_path))
        and type(entry.get("unread")) is bool
        and _consistent(entry)
    )


def _consistent(entry: dict[str, Any]) -> bool:
    """The entry says what parsing could have said: a file that failed has no data and is
    not merged; a merged file is a mapping the schema accepts, with nothing broken (so no
    later stage ever meets data validation did not pass)."""
    if entry["failure"] is not None:
        return entry["data"] is None and entry["broken"] is None and entry["unread"]
    if entry["broken"] is None:
        return True
    return type(entry["data"]) is dict and entry["broken"] == [] and accepts(entry["data"])
