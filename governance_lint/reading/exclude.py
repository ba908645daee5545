"""Gitignore-style ``exclude`` patterns, matched against paths relative to the config folder.

Patterns come from a configuration file that a pull request may change, so they are
matched by a small automaton that follows every way a pattern can match at once: the
time is at most the pattern's length times the path's, whatever the pattern. (Turned
into a regular expression, `*a*a*a*a*a*a*a*a*b` took a minute on one file name.)
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from governance_lint.display import shown

# token kinds
_LITERAL, _ONE, _CLASS, _STAR, _ANY, _FOLDERS, _BELOW = range(7)

# The named classes git's wildmatch knows, in ASCII as git reads them.
_NAMED: dict[str, tuple[tuple[str, str], ...]] = {
    "alnum": (("0", "9"), ("A", "Z"), ("a", "z")),
    "alpha": (("A", "Z"), ("a", "z")),
    "blank": (("\t", "\t"), (" ", " ")),
    "cntrl": (("\x00", "\x1f"), ("\x7f", "\x7f")),
    "digit": (("0", "9"),),
    "graph": (("!", "~"),),
    "lower": (("a", "z"),),
    "print": ((" ", "~"),),
    "punct": (("!", "/"), (":", "@"), ("[", "`"), ("{", "~")),
    "space": (("\t", "\n"), ("\r", "\r"), (" ", " ")),
    "upper": (("A", "Z"),),
    "xdigit": (("0", "9"), ("A", "F"), ("a", "f")),
}


@dataclass(frozen=True)
class _Members:
    """A character class: sorted, disjoint code-point ranges, looked up by bisection
    (built here rather than by ``re``, which warns about classes gitignore allows)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    negated: bool

    def __contains__(self, char: str) -> bool:
        code = ord(char)
        at = bisect_right(self.starts, code) - 1
        return (at >= 0 and code <= self.ends[at]) != self.negated


def _members(ranges: list[tuple[str, str]], negated: bool) -> _Members:
    starts: list[int] = []
    ends: list[int] = []
    for low, high in sorted((ord(low), ord(high)) for low, high in ranges):
        if ends and low <= ends[-1] + 1:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    return _Members(tuple(starts), tuple(ends), negated)


@dataclass(frozen=True)
class _Token:
    kind: int
    text: str = ""  # the literal character
    members: _Members | None = None  # a character class, for one character


def _class(pattern: str, start: int) -> tuple[_Members, int] | None:
    """The class opened by the ``[`` at ``start`` and the index after its ``]``, read as
    git's wildmatch reads one: ``!`` or ``^`` first negates; a ``]`` first is a member;
    ``\\`` escapes; ``a-z`` is a range (a ``-`` first or last is a member);
    ``[:digit:]`` names a class; any other ``[`` is a member. None when it never closes
    (the ``[`` is then an ordinary character). Raises ValueError for a range written
    backwards or an unknown class name."""
    index = start + 1
    negated = pattern.startswith(("!", "^"), index)
    index += negated
    ranges: list[tuple[str, str]] = []
    previous = ""  # the last single member, which a `-` may start a range from
    first = True
    close = -1  # the next `]` after a `[:`, found once for every `[:` before it
    while index < len(pattern):
        char = pattern[index]
        if char == "]" and not first:
            return _members(ranges, negated), index + 1
        first = False
        if char == "\\":
            index += 1
            if index == len(pattern):
                return None
            previous = pattern[index]
            ranges.append((previous, previous))
        elif char == "-" and previous and pattern[index + 1 : index + 2] not in ("", "]"):
            index += 1
            high = pattern[index]
            if high == "\\":
                index += 1
                if index == len(pattern):
                    return None
                high = pattern[index]
            if high < previous:
                raise ValueError(f"bad character range {previous}-{high}")
            ranges.append((previous, high))
            previous = ""
        elif char == "[" and pattern.startswith(":", index + 1):
            if close < index + 2:
                close = pattern.find("]", index + 2)
                if close == -1:
                    return None
            if close - 1 > index + 1 and pattern[close - 1] == ":":  # `[:name:]`
                name = pattern[index + 2 : close - 1]
                if name not in _NAMED:
                    raise ValueError(f"unknown character class [:{shown(name, 40)}:]")
                ranges.extend(_NAMED[name])
                previous = ""
                index = close
            else:  # not a named class: this `[` is a member, and `:` comes next
                previous = char
                ranges.append((char, char))
        else:
            previous = char
            ranges.append((char, char))
        index += 1
    return None


def _tokens(pattern: str) -> tuple[_Token, ...]:
    """``**/`` any folders (or none), ``/**`` at the end anything below, other ``**``
    anything, ``*`` anything within a name, ``?`` one character of a name, ``[...]`` a
    class (``_class``; a ``[`` that opens none is an ordinary character); a ``\\``
    escapes the next character."""
    found: list[_Token] = []
    index = 0
    classes = True  # once a class never closes, no later `[` opens one: each `[` would
    # read on to the end of the pattern again, in time growing with its square
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
        elif pattern[index] == "[" and classes and (read := _class(pattern, index)):
            found.append(_Token(_CLASS, members=read[0]))
            index = read[1]
        elif pattern[index] == "\\" and index + 1 < len(pattern):
            found.append(_Token(_LITERAL, pattern[index + 1]))
            index += 2
        else:
            classes = classes and pattern[index] != "["
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
            if char != "/" and token.members is not None and char in token.members:
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
