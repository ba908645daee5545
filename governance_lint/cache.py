"""The cache: each file's parsed and validated outcome, keyed by its content.

An entry is kept under ``.governance-lint-cache/`` in the configuration file's folder
(else the current folder) and named by the SHA-256 of the governance-lint version, the
bounds, the file's shown path and its bytes, so an entry can only describe exactly
those bytes read by exactly this version under exactly these bounds. Entries are JSON,
never pickle: a hostile entry can at worst be wrong, never run anything, and one that
is corrupt, truncated or of another shape is ignored and rewritten. A folder that
cannot be written is skipped silently. The cache never changes any output (a
differential test holds it to that).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import astuple, dataclass
from typing import Any

from governance_lint import __version__
from governance_lint.document import Comment, Document
from governance_lint.findings import Finding, Location, NodePath, Related
from governance_lint.loader import Bounds, positions_later, read_limited

FOLDER = ".governance-lint-cache"
_FORMAT = 1


@dataclass
class Outcome:
    """What reading one file gives the rest of the pipeline.

    ``broken`` is None when the document is not merged (not a governance file, or one
    that could not be read or has an unsupported version)."""

    doc: Document
    problems: list[Finding]
    broken: set[NodePath] | None
    unread: bool = False


class Cache:
    """Outcomes on disk; every failure to read or write one is a miss, never an error."""

    def __init__(self, folder: str, bounds: Bounds) -> None:
        self.folder = os.path.join(folder, FOLDER)
        self.bounds = bounds
        self.salt = json.dumps([_FORMAT, __version__, astuple(bounds)]).encode()
        self.ready: bool | None = None  # whether the folder exists and is ours to write

    def key(self, shown: str, raw: bytes) -> str:
        digest = hashlib.sha256(self.salt)
        digest.update(shown.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def load(self, key: str, text: str) -> Outcome | None:
        try:
            raw = read_limited(os.path.join(self.folder, key + ".json"), 1 << 30)
            return _decode(json.loads(raw), text, self.bounds)
        except (
            OSError,
            ValueError,
            TypeError,
            KeyError,
            IndexError,
            AttributeError,
            RecursionError,
        ):
            return None

    def store(self, key: str, outcome: Outcome) -> None:
        if not self._prepare():
            return
        target = os.path.join(self.folder, key + ".json")
        temporary = f"{target}.{os.getpid()}.tmp"
        try:
            # json.dumps, not json.dump: the C encoder, several times faster; a value nested
            # deeper than Python's recursion limit (a raised max_depth) is not cached
            text = json.dumps(_encode(outcome), ensure_ascii=False, separators=(",", ":"))
        except (ValueError, RecursionError):
            return
        try:
            with open(temporary, "w", encoding="utf-8", errors="surrogatepass") as handle:
                handle.write(text)
            os.replace(temporary, target)  # readers see the whole entry or none of it
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def _prepare(self) -> bool:
        """Create the folder with its .gitignore once; False when it cannot be written or
        is not a plain folder (a link is never followed)."""
        if self.ready is None:
            try:
                if not os.path.lexists(self.folder):
                    os.mkdir(self.folder)
                    with open(os.path.join(self.folder, ".gitignore"), "w") as handle:
                        handle.write("*\n")
                self.ready = os.path.isdir(self.folder) and not os.path.islink(self.folder)
            except OSError:
                self.ready = False
        return self.ready


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


def _decode(entry: dict[str, Any], text: str, bounds: Bounds) -> Outcome | None:
    if entry.get("format") != _FORMAT:
        return None
    path = entry["path"]
    doc = Document(
        path,
        text,
        entry["data"],
        restore=positions_later(path, text, bounds),
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
