"""Decision memos: markdown files whose front matter is a governance file.   GL001 GL006

A repository full of ordinary documentation must not slow a run: a `.md` file is a
*memo candidate* only when its first line (after an optional byte order mark, a final
CR ignored) is exactly ``---``; any other is skipped after reading that one line, never
decoded. A candidate's front matter runs up to the next line that is exactly ``---``
(its closing line), and only those bytes are read, at most ``max_file_bytes`` + 1 of
them. The front matter keeps its opening ``---`` line, which YAML reads as the start of
the document, so lines and columns count in the markdown file.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass

from governance_lint.document import Document
from governance_lint.findings import Finding, Location
from governance_lint.reading.discover import MEMO_SUFFIX
from governance_lint.rules.inputs import UNSAFE_YAML, YAML_SYNTAX

_BOM = b"\xef\xbb\xbf"
# the longest first line a candidate has: a byte order mark, ---, CR, LF
_FIRST_LINE_BYTES = len(_BOM) + 5
_CLOSING = re.compile(rb"^---\r?$", re.M)
_GOVERNANCE_LINE = re.compile(rb"^governance:", re.M)


def is_memo(path: str) -> bool:
    """A file read as a memo: its name ends in ``.md``."""
    return path.endswith(MEMO_SUFFIX)


def memo_id(shown: str) -> str:
    """A memo's record id: its file name without ``.md``, lowercased."""
    return shown.rsplit("/", 1)[-1].removesuffix(MEMO_SUFFIX).lower()


@dataclass(frozen=True)
class Skipped:
    """A ``.md`` file that is not a governance memo: skipped silently, never parsed.
    A memo candidate (first line ``---``) still counts among the files a run found."""

    candidate: bool = False


SKIPPED = Skipped()
SKIPPED_CANDIDATE = Skipped(candidate=True)


def _first_line_end(raw: bytes) -> int | None:
    """Where the candidate's first line ends (after its LF), or None: not a candidate."""
    start = len(_BOM) if raw.startswith(_BOM) else 0
    for fence in (b"---\n", b"---\r\n"):
        if raw.startswith(fence, start):
            return start + len(fence)
    return None


def candidate(raw: bytes) -> bool:
    """Whether these first bytes open a memo candidate."""
    return _first_line_end(raw) is not None


def _closing(raw: bytes | bytearray, start: int, complete: bool) -> re.Match[bytes] | None:
    """The closing line from ``start`` on; one at the very end of ``raw`` counts only
    when ``raw`` is the whole file (more bytes could make it ``----``)."""
    for match in _CLOSING.finditer(raw, start):
        if match.end() < len(raw) or complete:
            return match
    return None


def read_memo(fs_path: str, limit: int, dir_fd: int | None = None) -> bytes:
    """A memo's bytes as far as they matter: its first line only when it is not a
    candidate; else up to its closing line, at most ``limit`` + 1 bytes. Raises OSError
    or loader.NotRegular as ``read_limited`` does."""
    from governance_lint.reading.loader import OPEN_FLAGS, NotRegular

    descriptor = os.open(fs_path, OPEN_FLAGS, dir_fd=dir_fd)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegular(fs_path)
        buffer = bytearray()
        while len(buffer) < _FIRST_LINE_BYTES:
            chunk = os.read(descriptor, _FIRST_LINE_BYTES - len(buffer))
            if not chunk:
                return bytes(buffer)
            buffer += chunk
        start = _first_line_end(bytes(buffer))
        if start is None:
            return bytes(buffer)
        scanned = start
        while len(buffer) <= limit:
            chunk = os.read(descriptor, min(limit + 1 - len(buffer), 1 << 16))
            if not chunk:
                break
            buffer += chunk
            if _closing(buffer, scanned, False) is not None:
                break
            # a line cut by the chunk's end is looked at again with the next chunk
            scanned = max(start, buffer.rfind(b"\n", scanned) + 1)
        return bytes(buffer)
    finally:
        os.close(descriptor)


def front_matter(shown: str, raw: bytes, limit: int) -> bytes | Skipped | Document:
    """A memo's bytes (its first ``limit`` + 1 at most) -> the bytes YAML reads (the
    opening line and the front matter), SKIPPED when it is not a governance memo, or the
    Document of its one GL001/GL006 finding."""
    start = _first_line_end(raw)
    if start is None:
        return SKIPPED
    complete = len(raw) <= limit
    closing = _closing(raw, start, complete)
    # max_file_bytes counts the bytes up to and including the closing line
    through = closing.end() + raw.startswith(b"\n", closing.end()) if closing else limit + 1
    if closing is not None and through <= limit:
        front = raw[: closing.start()]
        return front if _GOVERNANCE_LINE.search(front, start) else SKIPPED_CANDIDATE
    if not complete:
        if _GOVERNANCE_LINE.search(raw[:limit], start) is None:
            return SKIPPED_CANDIDATE
        return Document(
            shown,
            "",
            None,
            failure=Finding(
                UNSAFE_YAML.code,
                Location(shown, 1, 1),
                f"the front matter's closing `---` does not come within {limit} bytes "
                "(bound max_file_bytes); not read",
                "close the front matter with a line `---` before the memo's text, and keep "
                "it short",
            ),
        )
    if _GOVERNANCE_LINE.search(raw, start) is None:
        return SKIPPED_CANDIDATE
    from governance_lint.reading.loader import Undecodable, decode, undecodable

    text = decode(raw)
    if isinstance(text, Undecodable):
        return Document(shown, "", None, failure=undecodable(shown, text))
    lines = text.split("\n")
    last = len(lines) - 1 if len(lines) > 1 and lines[-1] == "" else len(lines)
    return Document(
        shown,
        text,
        None,
        failure=Finding(
            YAML_SYNTAX.code,
            Location(shown, last, 1),
            "the front matter has no closing `---` line",
            "end the front matter with a line `---`; the memo's text comes after it",
        ),
    )
