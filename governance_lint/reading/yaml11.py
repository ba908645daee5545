"""YAML 1.1 scalar resolution, done by hand so that nothing is ever constructed from a tag."""

from __future__ import annotations

import re
from typing import Any

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
SCALAR_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL})

_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), None),
}
_BOOLS = {word: value for word, value in _WORDS.items() if value is not None}
_NULLS = frozenset(word for word, value in _WORDS.items() if value is None)

_INT = re.compile(
    r"""[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+""",
    re.X,
)
_FLOAT = re.compile(
    r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)""",
    re.X,
)
_NUMBER_START = frozenset("-+.0123456789")
# A number written with more characters than this stays text: converting it costs time
# that grows faster than its length (sexagesimal, big integers) and no field wants it.
LONGEST_NUMBER = 1000


class BadScalar(ValueError):
    """A scalar its explicit tag cannot describe (``!!int foo``, ``!!float ''``)."""


def _to_int(text: str) -> int | str:
    clean = text.replace("_", "")
    sign = -1 if clean.startswith("-") else 1
    digits = clean.lstrip("+-")
    try:
        if ":" in digits:
            value = 0
            for part in digits.split(":"):
                value = value * 60 + int(part)
            return sign * value
        if digits.startswith("0b"):
            return sign * int(digits[2:], 2)
        if digits.startswith("0x"):
            return sign * int(digits[2:], 16)
        if len(digits) > 1 and digits.startswith("0"):
            return sign * int(digits, 8)
        return sign * int(digits)
    except ValueError:
        return text  # more digits than Python converts: keep what was written


def _to_float(text: str) -> float:
    clean = text.replace("_", "").lower()
    sign = -1.0 if clean.startswith("-") else 1.0
    body = clean.lstrip("+-")
    if body == ".inf":
        return sign * float("inf")
    if body == ".nan":
        return float("nan")
    if ":" in body:
        value = 0.0
        for part in body.split(":"):
            value = value * 60 + float(part)
        return sign * value
    return sign * float(body)


def resolve_plain(text: str) -> Any:
    """What YAML 1.1 reads a plain scalar as: bool, None, int, float, else the text itself.

    Dates and timestamps stay text (JSON Schema sees JSON).
    """
    if text in _WORDS:
        return _WORDS[text]
    first = text[0]
    if first in _NUMBER_START and len(text) <= LONGEST_NUMBER:
        if text.isascii() and text.isdigit() and (first != "0" or len(text) == 1):
            return int(text)  # a plain decimal, by far the most common number
        if _INT.fullmatch(text):
            return _to_int(text)
        if _FLOAT.fullmatch(text):
            try:
                return _to_float(text)
            except (ValueError, OverflowError):
                return text
    return text


def resolve_tagged(text: str, tag: str) -> Any:
    """A scalar with an explicit standard tag; raises BadScalar when the text does not fit."""
    if tag == STR:
        return text
    if tag == NULL and text in _NULLS:
        return None
    if tag == BOOL and text in _BOOLS:
        return _BOOLS[text]
    if len(text) > LONGEST_NUMBER and tag in (INT, FLOAT):
        raise BadScalar(text)
    if tag == INT and _INT.fullmatch(text):
        return _to_int(text)
    if tag == FLOAT:
        try:
            if _FLOAT.fullmatch(text):
                return _to_float(text)
            number = _to_int(text) if _INT.fullmatch(text) else None
            if isinstance(number, int):
                return float(number)
        except (ValueError, OverflowError):
            pass
    raise BadScalar(text)


def describe(value: Any) -> str:
    """How YAML read a value, for messages: 'false', 'the number 90', 'null'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float) or (isinstance(value, str) and value[:1].isdigit()):
        return f"the number {value}" if isinstance(value, int | float) else "a number"
    return "text"
