"""Gitignore-style ``exclude`` patterns, matched against paths relative to the config folder."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence


def _translate(pattern: str) -> str:
    """One gitignore glob as a regular expression over a ``/``-separated relative path."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("/**", index) and index + 3 == len(pattern):
            out.append("(?:/.*)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        elif pattern[index] == "[" and "]" in pattern[index + 1 :]:
            end = pattern.index("]", index + 1)
            body = pattern[index + 1 : end].replace("\\", "\\\\")
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append(f"[{body}]")
            index = end + 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return "".join(out)


def excluder(patterns: Sequence[str], folder: str) -> Callable[[str, bool], bool]:
    """``excluded(path, is_dir)``: whether the last matching pattern excludes ``path``."""
    rules: list[tuple[bool, re.Pattern[str], bool]] = []
    for raw in patterns:
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negate = pattern.startswith("!")
        pattern = pattern.removeprefix("!")
        dir_only = pattern.endswith("/")
        pattern = pattern.rstrip("/")
        anchored = "/" in pattern
        regex = _translate(pattern.lstrip("/"))
        rules.append((negate, re.compile(regex if anchored else f"(?:.*/)?{regex}"), dir_only))
    base = os.path.abspath(folder)

    def excluded(path: str, is_dir: bool) -> bool:
        if not rules:
            return False
        relative = os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")
        if relative.startswith("../"):
            return False
        result = False
        for negate, regex, dir_only in rules:
            if (is_dir or not dir_only) and regex.fullmatch(relative):
                result = not negate
        return result

    return excluded
