"""How values from governance files are shown: cut to a bound, control characters escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

# C0 but tab, DEL, C1, the Unicode line and paragraph separators, and lone surrogates
# (bytes of a file name that were not UTF-8): none may reach a terminal or a CI log raw.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def escape_controls(text: str) -> str:
    """Write every unsafe character as a ``\\uXXXX`` escape."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def line_start(path: str) -> str:
    """A shown path that begins a line: GitHub's runner reads a log line starting with
    ``::`` or ``##[`` (after spaces) as a command, so such a file name is written ``./NAME``."""
    return "./" + path if path.lstrip().startswith(("::", "##[")) else path


# How discovery shows a byte of a file name that is not UTF-8 (surrogateescape, then
# backslashreplace): ``\x80`` to ``\xff``; a byte below 0x80 is always valid UTF-8.
_NOT_UTF8 = re.compile(r"\\x([89a-f][0-9a-f])")


def name_bytes(shown: str) -> bytes:
    """The bytes of the file name a shown path stands for, for outputs that can name any
    file (SARIF URIs): each ``\\xNN`` escape back to its byte, the rest as UTF-8."""
    pieces = _NOT_UTF8.split(shown)
    return b"".join(
        bytes([int(piece, 16)]) if index % 2 else piece.encode("utf-8", "surrogateescape")
        for index, piece in enumerate(pieces)
    )


def cut(text: str, limit: int) -> str:
    """At most ``limit`` code points of ``text``; a cut text ends with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + "…"


def shown(value: object, limit: int) -> str:
    """A value as a message may quote it: cut first, then escaped."""
    return escape_controls(cut(text_of(value, limit + 1), limit))


def text_of(value: object, limit: int) -> str:
    """``str(value)``, but at most about ``limit`` characters of it, built without
    recursion: a list from a file may be nested a thousand deep or hold a million items,
    and only the start of it is ever shown."""
    if isinstance(value, str):
        return value
    parts: list[str] = []
    size = 0
    for text in _written(value):
        parts.append(text)
        size += len(text)
        if size > limit:
            break
    return "".join(parts)


def _written(value: object) -> Iterator[str]:
    """The pieces of ``str(value)`` for lists, mappings and scalars, in order."""
    stack: list[Iterator[object]] = [iter([value])]
    while stack:
        item = next(stack[-1], _END)
        if item is _END:
            stack.pop()
        elif isinstance(item, _Punctuation):
            yield item.text
        elif isinstance(item, list | tuple):
            yield "[" if isinstance(item, list) else "("
            stack.append(_between(item, "]" if isinstance(item, list) else ")"))
        elif isinstance(item, dict):
            yield "{"
            stack.append(_between(item.items(), "}"))
        elif isinstance(item, str) and len(stack) > 1:
            yield repr(item)
        else:
            try:
                yield str(item)
            except ValueError:  # an integer of more digits than Python converts
                yield "a number"


def _between(items: Iterable[object], closing: str) -> Iterator[object]:
    """Items with their separators, then the closing bracket; a pair is key: value."""
    for index, item in enumerate(items):
        if index:
            yield _Punctuation(", ")
        if isinstance(item, tuple) and len(item) == 2 and closing == "}":
            yield item[0]
            yield _Punctuation(": ")
            yield item[1]
        else:
            yield item
    yield _Punctuation(closing)


class _Punctuation:
    """Brackets and separators between the items of a list or mapping."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


_END = object()


# A chain or loop of more ids than CHAIN_SHOWN is shown by its first and last CHAIN_ENDS
# ids around "… N more …", in messages and in a finding's entities alike: a line of
# thousands of roles reaches every decision below it, and each decision's finding must
# stay small, or a run's output grows with the square of the line (SECURITY.md).
CHAIN_SHOWN = 10
CHAIN_ENDS = 4


def chain_ends(ids: Sequence[str]) -> tuple[tuple[str, ...], int, tuple[str, ...]]:
    """(the first ids, how many are left out, the last ids) of a chain or loop as shown:
    the whole of a short one (nothing left out, no last ids). Only the ids shown are
    read: ``ids`` may be a long lazy sequence whose ends are cheap (escalation.Hops)."""
    if len(ids) <= CHAIN_SHOWN:
        return tuple(ids), 0, ()
    return tuple(ids[:CHAIN_ENDS]), len(ids) - 2 * CHAIN_ENDS, tuple(ids[-CHAIN_ENDS:])


def chain_text(ids: Sequence[str]) -> str:
    """A chain or loop as messages write it, `a` → `b` → `c`; a long one cut, its first
    and last few around "… N more …"."""
    first, left_out, last = chain_ends(ids)
    parts = [f"`{each}`" for each in first]
    if left_out:
        parts += [f"… {left_out} more …", *(f"`{each}`" for each in last)]
    return " → ".join(parts)


def chain_entities(ids: Sequence[str]) -> tuple[str, ...]:
    """The ids of a chain or loop that a finding's entities list: those its message shows."""
    first, _, last = chain_ends(ids)
    return (*first, *last)


# A list of ids that one finding names (a team's deciders on each decision it owns, the
# owners of a decision on each cadence reviewing it, a person's cadences) is shown to its
# first LIST_SHOWN, then "and N more", in the message and the entities alike: one such
# list can recur in thousands of findings.
LIST_SHOWN = 25


def few(ids: Sequence[str]) -> tuple[tuple[str, ...], int]:
    """The first LIST_SHOWN ids, and how many more there are."""
    return tuple(ids[:LIST_SHOWN]), max(len(ids) - LIST_SHOWN, 0)


def and_more(names: Sequence[str], more: int) -> list[str]:
    """Names to list, then "N more" when some were left out (``listing`` joins them)."""
    return [*names, f"{more} more"] if more else list(names)


# Ids a finding's message lists before " and N more" (its entities still list them all).
IDS_SHOWN = 5


def listed_ids(ids: Iterable[str]) -> str:
    """The entries of a finding as its message lists them: each id once, in sorted order,
    in backticks, `, ` between; with more than five, the first five then " and N more"
    ("`a`, `b`, `c`, `d`, `e` and 2 more")."""
    ordered = sorted(set(ids))
    shown = ", ".join(f"`{entry}`" for entry in ordered[:IDS_SHOWN])
    more = len(ordered) - IDS_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown
