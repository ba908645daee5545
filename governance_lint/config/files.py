"""Finding the configuration file and reading it as safely as a governance file.

The file is ``.governance-lint.yaml`` or a pyproject.toml with ``[tool.governance-lint]``,
in the current folder or a parent up to the git work tree's root. It is read without
following a symbolic link, never waiting on a FIFO, bounded in size and nesting, and an
unreadable file stops the run with one line saying where and why.
"""

from __future__ import annotations

import errno
import os
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from governance_lint.bounds import Bounds
from governance_lint.display import shown
from governance_lint.findings import GovernanceLintError, NodePath
from governance_lint.reading.discover import shown_path
from governance_lint.reading.loader import (
    NotRegular,
    Undecodable,
    decode,
    parse,
    read_limited,
    undecodable,
)

CONFIG_FILE = ".governance-lint.yaml"


# -- discovery -----------------------------------------------------------------------------


def git_root(folder: str) -> str | None:
    """The git work tree holding ``folder`` (a folder with a ``.git`` entry), if any."""
    current = os.path.abspath(folder)
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _has_tool_table(path: str) -> bool:
    try:
        return b"tool.governance-lint" in read_limited(path, Bounds().max_file_bytes)
    except OSError:  # a link, a FIFO or an unreadable file is not a configuration
        return False


def find_config_file(cwd: str) -> str | None:
    """The current folder, then each parent up to the git work-tree root: the first folder
    with ``.governance-lint.yaml``, or a pyproject.toml with ``[tool.governance-lint]``."""
    root = git_root(cwd)
    current = os.path.abspath(cwd)
    while True:
        candidate = os.path.join(current, CONFIG_FILE)
        if os.path.lexists(candidate):  # a link or a FIFO here is refused when read
            return candidate
        pyproject = os.path.join(current, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_tool_table(pyproject):
            return pyproject
        if root is None or current == root:
            return None
        current = os.path.dirname(current)


# -- reading -------------------------------------------------------------------------------


@dataclass
class FileSettings:
    """A configuration file's settings and a way to find the line of a key path."""

    values: dict[str, Any]
    line_of: Callable[[NodePath], int]  # a list index is an int
    written: dict[NodePath, str] = field(default_factory=dict)  # YAML's plain text of numbers


def read_settings(path: str, cwd: str) -> FileSettings:
    """A configuration file, read as governance files are: no links, bounded, safely."""
    name = shown_path(path, cwd)
    limit = Bounds().max_file_bytes
    try:
        raw = read_limited(path, limit)
    except NotRegular:
        raise GovernanceLintError(f"{name}: not a regular file; not read") from None
    except OSError as error:
        reason = "a symbolic link" if error.errno == errno.ELOOP else error.strerror
        raise GovernanceLintError(f"{name}: cannot be read: {reason}") from None
    if len(raw) > limit:
        raise GovernanceLintError(f"{name}: larger than {limit} bytes; not read")
    if path.endswith(".toml"):
        return _read_toml(name, raw)
    text = decode(raw)
    if isinstance(text, Undecodable):
        raise GovernanceLintError(f"{name}:{undecodable(name, text).location.line}: not valid text")
    doc = parse(name, text, Bounds())
    if doc.failure is not None:
        raise GovernanceLintError(
            f"{name}:{doc.failure.location.line}: cannot be parsed: {doc.failure.message}"
        )
    values = doc.data if doc.data is not None else {}
    if not isinstance(values, dict):
        raise GovernanceLintError(f"{name}:1: the configuration must be a mapping of settings")
    for key_path, what in doc.odd_keys.items():
        line = doc.key_location(key_path).line
        dotted = shown(".".join(map(str, key_path)), Bounds().max_scalar_shown)
        raise GovernanceLintError(f"{name}:{line}: {dotted}: key is {what}")
    return FileSettings(values, lambda key_path: doc.key_location(key_path).line, doc.plain)


def _read_toml(name: str, raw: bytes) -> FileSettings:
    """pyproject.toml's ``[tool.governance-lint]``: UTF-8, nested no deeper than the
    default ``max_depth``, and every table on the way to it a table."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise GovernanceLintError(f"{name}:{line}: not valid text") from None
    limit = Bounds().max_depth
    deep = _too_deep(text, limit)
    if deep is not None:
        raise GovernanceLintError(
            f"{name}:{deep}: cannot be parsed: nesting deeper than {limit} levels (bound max_depth)"
        )
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise GovernanceLintError(f"{name}: cannot be parsed: {error}") from None
    except ValueError:  # the one other error tomllib lets out: int() refusing digits
        raise GovernanceLintError(
            f"{name}: cannot be parsed: a whole number of more than"
            f" {sys.get_int_max_str_digits()} digits"
        ) from None
    lines = text.split("\n")
    values: dict[str, Any] = table
    for depth, key in enumerate(("tool", "governance-lint"), 1):
        inner = values.get(key, {})
        if not isinstance(inner, dict):
            path = ("tool", "governance-lint")[:depth]
            line = _toml_line(lines, path)
            raise GovernanceLintError(f"{name}:{line}: {'.'.join(path)}: must be a table")
        values = inner
    header = next(
        (n for n, line in enumerate(lines, 1) if re.match(r"\s*\[tool\.governance-lint", line)),
        1,
    )

    def line_of(key_path: NodePath) -> int:
        keys = [part for part in key_path if isinstance(part, str)]  # not list indices
        if not keys:
            return header
        pattern = re.compile(rf"\s*\"?{re.escape(keys[-1])}\"?\s*=")
        for number, line in enumerate(lines[header - 1 :], header):
            if pattern.match(line):
                return number
        return header

    return FileSettings(values, line_of)


def _toml_line(lines: list[str], parts: tuple[str, ...]) -> int:
    """The first line that writes the key ``parts`` (as a table header or a dotted key),
    else the first that writes its last parts, else line 1."""
    for start in range(len(parts)):
        key = r"\s*\.\s*".join(rf"[\"']?{re.escape(part)}[\"']?" for part in parts[start:])
        pattern = re.compile(rf"\s*(?:\[\[?\s*)?{key}\s*[.=\]]")
        for number, line in enumerate(lines, 1):
            if pattern.match(line):
                return number
    return 1


# What TOML's structure is made of; strings and comments are read whole, so that what
# they hold is not taken for structure. Possessive repeats keep the time linear.
_TOML_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*+"{3,5}'  # multi-line basic string
    r"|'''(?:[^']|'(?!''))*+'{3,5}"  # multi-line literal string
    r'|"(?:[^"\\\n]|\\[^\n])*+"'  # basic string
    r"|'[^'\n]*+'"  # literal string
    r"|#[^\n]*+"  # comment
    r"|[\[\]{}.=,\n]",
    re.DOTALL,
)


def _too_deep(text: str, limit: int) -> int | None:
    """The line where TOML nests deeper than ``limit``, if it does: open lists, inline
    tables and table headers, plus the dots of the key being written. Python's reader
    recurses once per level (100 000 ``[`` overflow its stack) and builds a dotted key
    of N parts in time and memory growing with N squared, so this is checked first."""
    depth = dots = 0
    line = 1
    for match in _TOML_TOKENS.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            dots = 0
        elif token in ("]", "}"):
            depth = max(depth - 1, 0)
            dots = 0
        elif token == ".":
            dots += 1
        elif token in ("=", ",", "\n"):
            dots = 0
            line += token == "\n"
        else:  # a string or a comment
            line += token.count("\n")
        if depth + dots > limit:
            return line
    return None
