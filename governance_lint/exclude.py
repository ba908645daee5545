"""Gitignore-style ``exclude`` patterns, matched against paths relative to the config folder.

Patterns come from a configuration file that a pull request may change, so they are
matched by a small automaton that follows every way a pattern can match at once: the
time is at most the pattern's length times the path's, whatever the pattern. (Turned
into a regular expression, `*a*a*a*a*a*a*a*a*b` took a minute on one file name.)
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# token kinds
_LITERAL, _ONE, _CLASS, _STAR, _ANY, _FOLDERS, _BELOW = range(7)


@dataclass(frozen=True)
class _Token:
    kind: int
    text: str = ""  # the literal character
    members: re.Pattern[str] | None = None  # a character class, for one character


def _tokens(pattern: str) -> tuple[_Token, ...]:
    """``**/`` any folders (or none), ``/**`` at the end anything below, other ``**``
    anything, ``*`` anything within a name, ``?`` one character of a name, ``[...]`` a
    class (``[!...]`` negated); a ``\\`` escapes the next character."""
    found: list[_Token] = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            if not found or found[-1].kind != _FOLDERS:  # `**/**/` is `**/`
                found.append(_Token(_FOLDERS))
            index += 3
        elif pattern.startswith("/**", index) and index + 3 == len(pattern):
            found.append(_Token(_BELOW))
            index += 3
        elif pattern.startswith("**", index):
            found.append(_Token(_ANY))
            index += 2
        elif pattern[index] == "*":
            if not found or found[-1].kind not in (_STAR, _ANY):
                found.append(_Token(_STAR))
            index += 1
        elif pattern[index] == "?":
            found.append(_Token(_ONE))
            index += 1
        elif pattern[index] == "[" and "]" in pattern[index + 2 :]:
            end = pattern.index("]", index + 2)
            body = pattern[index + 1 : end]
            body = "^" + body[1:] if body.startswith("!") else body
            try:
                members = re.compile("[" + body.replace("\\", "\\\\") + "]")
            except re.error as error:
                raise ValueError(f"`{pattern}`: {error.msg}") from None
            found.append(_Token(_CLASS, members=members))
            index = end + 1
        elif pattern[index] == "\\" and index + 1 < len(pattern):
            found.append(_Token(_LITERAL, pattern[index + 1]))
            index += 2
        else:
            found.append(_Token(_LITERAL, pattern[index]))
            index += 1
    return tuple(found)


def _close(tokens: Sequence[_Token], states: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Add the states reachable without reading a character (the empty matches)."""
    pending = list(states)
    while pending:
        index, inside = pending.pop()
        if index < len(tokens) and inside == 0 and tokens[index].kind >= _STAR:
            following = (index + 1, 0)
            if following not in states:
                states.add(following)
                pending.append(following)
        elif index < len(tokens) and tokens[index].kind == _BELOW and inside == 1:
            states.add((index + 1, 0))
    return states


def _step(
    tokens: Sequence[_Token], states: set[tuple[int, int]], char: str
) -> set[tuple[int, int]]:
    after: set[tuple[int, int]] = set()
    for index, inside in states:
        if index == len(tokens):
            continue
        token = tokens[index]
        kind = token.kind
        if kind == _LITERAL:
            if char == token.text:
                after.add((index + 1, 0))
        elif kind == _ONE:
            if char != "/":
                after.add((index + 1, 0))
        elif kind == _CLASS:
            if char != "/" and token.members is not None and token.members.fullmatch(char):
                after.add((index + 1, 0))
        elif kind == _STAR:
            if char != "/":
                after.add((index, 0))
        elif kind == _ANY:
            after.add((index, 0))
        elif kind == _FOLDERS:  # (.*/)? : anything, ending with a slash
            after.add((index, 1))
            if char == "/":
                after.add((index + 1, 0))
        elif inside == 1 or char == "/":  # _BELOW: (/.*)?
            after.add((index, 1))
    return _close(tokens, after)


def matches(tokens: Sequence[_Token], path: str) -> bool:
    """Whether the whole of ``path`` matches the pattern's tokens."""
    states = _close(tokens, {(0, 0)})
    for char in path:
        states = _step(tokens, states, char)
        if not states:
            return False
    return (len(tokens), 0) in states


def compile_pattern(pattern: str) -> tuple[_Token, ...]:
    """The tokens of one pattern, anchored as gitignore anchors it: a pattern with a
    ``/`` (other than a trailing one) matches from the folder; one without, at any depth.
    Raises ValueError for a character class that is not one."""
    anchored = "/" in pattern
    tokens = _tokens(pattern.lstrip("/"))
    return tokens if anchored else (_Token(_FOLDERS), *tokens)


def excluder(patterns: Sequence[str], folder: str) -> Callable[[str, bool], bool]:
    """``excluded(path, is_dir)``: whether the last matching pattern excludes ``path``."""
    rules: list[tuple[bool, tuple[_Token, ...], bool]] = []
    for raw in patterns:
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negate = pattern.startswith("!")
        pattern = pattern.removeprefix("!")
        dir_only = pattern.endswith("/")
        rules.append((negate, compile_pattern(pattern.rstrip("/")), dir_only))
    base = os.path.abspath(folder)

    def excluded(path: str, is_dir: bool) -> bool:
        if not rules:
            return False
        relative = os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")
        if relative.startswith("../"):
            return False
        result = False
        for negate, tokens, dir_only in rules:
            if (is_dir or not dir_only) and matches(tokens, relative):
                result = not negate
        return result

    return excluded
