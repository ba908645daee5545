"""Checking a configuration file's settings before any is used.

The settings' shape is checked against the configuration schema shipped with
governance-lint (``data/config.schema.json``); what a schema cannot say is checked here:
known thresholds, rules and selectors, numbers written plainly, paths and exclude
patterns inside the repository. The first problem stops the run with one line naming
the file, the line and the key.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any, Protocol

from governance_lint.bounds import Bounds
from governance_lint.config.files import FileSettings
from governance_lint.config.settings import default_thresholds
from governance_lint.display import shown
from governance_lint.findings import GovernanceLintError, NodePath
from governance_lint.reading.exclude import compile_pattern
from governance_lint.rules._rule import Rule
from governance_lint.schema.format import package_data
from governance_lint.selectors import check_known


class _SchemaError(Protocol):
    """What is read of one jsonschema ``ValidationError``."""

    validator: str
    validator_value: Any  # the schema keyword's value: a type name, a list, a number
    instance: Any  # the configured value that failed
    schema: dict[str, Any]
    absolute_path: Iterable[str | int]
    message: str


class _Validator(Protocol):
    def iter_errors(self, instance: object) -> Iterator[_SchemaError]: ...


@cache
def _config_validator() -> _Validator:
    import jsonschema
    from referencing import Registry

    schema = json.loads(package_data("config.schema.json"))
    validator: _Validator = jsonschema.Draft202012Validator(schema, registry=Registry())
    return validator


def fail(name: str, raw: FileSettings, key_path: NodePath, message: str) -> GovernanceLintError:
    """The error for the setting at ``key_path``: ``FILE:LINE: KEY: MESSAGE``."""
    dotted = shown(".".join(str(part) for part in key_path), Bounds().max_scalar_shown)
    dotted = dotted or "(top level)"
    return GovernanceLintError(f"{name}:{raw.line_of(key_path)}: {dotted}: {message}")


def validate(name: str, raw: FileSettings, rules: Sequence[Rule]) -> None:
    """Raise the error of the first problem with the file's settings, if any."""
    errors = sorted(
        _config_validator().iter_errors(raw.values), key=lambda e: list(map(str, e.absolute_path))
    )
    for error in errors[:1]:
        key_path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            raise fail(name, raw, (*key_path, extra[0]), "unknown key")
        raise fail(name, raw, key_path, _expected(error))
    _check_whole_numbers(name, raw)
    known = default_thresholds(rules)
    for threshold, value in raw.values.get("thresholds", {}).items():
        if threshold not in known:
            raise fail(name, raw, ("thresholds", threshold), "unknown threshold")
        if isinstance(known[threshold], int) and not (
            isinstance(value, int) and not isinstance(value, bool)
        ):
            raise fail(name, raw, ("thresholds", threshold), "must be a whole number")
        if isinstance(value, float) and not math.isfinite(value):  # .nan, .inf, 1e400
            raise fail(name, raw, ("thresholds", threshold), "must be a finite number")
    for key in ("select", "extend_select", "ignore", "extend_ignore"):
        for index, selector in enumerate(raw.values.get(key, ())):
            try:
                check_known([selector], rules, "")
            except GovernanceLintError:
                raise fail(
                    name,
                    raw,
                    (key,),
                    f"unknown rule code, name or prefix `{_shown(selector)}` (item {index + 1})",
                ) from None
    for selector in raw.values.get("severity", {}):
        try:
            check_known([selector], rules, "")
        except GovernanceLintError:
            raise fail(
                name, raw, ("severity", selector), "unknown rule code, name or prefix"
            ) from None


def _expected(error: _SchemaError) -> str:
    """What a value that failed the configuration schema must be, in words."""
    wanted = error.validator_value
    if error.validator == "type":
        words = [
            _TYPE_WORDS.get(kind, kind)
            for kind in ([wanted] if isinstance(wanted, str) else wanted)
        ]
        return "must be " + " or ".join(words)
    if error.validator == "enum":
        return "must be one of " + ", ".join(map(str, wanted))
    if error.validator == "minimum":
        return f"must be at least {wanted}"
    if error.validator == "maximum":
        return f"must be at most {wanted}"
    if error.validator == "pattern" and wanted in _PATTERN_WORDS:
        return _PATTERN_WORDS[wanted]
    return shown(error.message, Bounds().max_scalar_shown)


# the patterns of config.schema.json, in words
_PATTERN_WORDS = {"^[^\\u0000]*$": "must not contain a NUL character"}


def _shown(value: str) -> str:
    """A configured value as an error line quotes it: cut to the default bound, escaped."""
    return shown(value, Bounds().max_scalar_shown)


_WHOLE = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")


def _check_whole_numbers(name: str, raw: FileSettings) -> None:
    """Bounds are whole numbers written plainly: not 1.0, and not YAML 1.1's 010 or 1:30
    (which read as 8 and 90); thresholds may not be written that way either."""
    numbers: list[tuple[NodePath, object]] = [
        (("bounds", key), value) for key, value in raw.values.get("bounds", {}).items()
    ]
    numbers += [
        (("thresholds", key), value) for key, value in raw.values.get("thresholds", {}).items()
    ]
    for key_path, value in numbers:
        if key_path[0] == "bounds" and type(value) is not int:
            raise fail(name, raw, key_path, "must be a whole number")
        written = raw.written.get(key_path)
        if type(value) is int and written is not None and not _WHOLE.fullmatch(written):
            raise fail(
                name,
                raw,
                key_path,
                f"`{shown(written, 40)}` is read as {value} (YAML 1.1); write {value}",
            )


_TYPE_WORDS = {
    "array": "a list",
    "object": "a mapping",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
}


def path_inside(folder: str, root: str, configured: str, name: str, raw: FileSettings) -> str:
    """A configured path, relative to the file's ``folder``, if it stays inside ``root``
    once links are resolved: a configuration never points governance-lint elsewhere."""
    target = os.path.normpath(os.path.join(folder, configured))
    real_root = os.path.realpath(root)
    real = os.path.realpath(target)
    if os.path.commonpath([real_root, real]) != real_root:
        raise fail(name, raw, ("paths",), f"`{_shown(configured)}` is outside the repository")
    return target


def check_exclude(name: str, raw: FileSettings) -> None:
    """Every exclude pattern compiles and stays inside the repository."""
    for pattern in raw.values.get("exclude", ()):
        if pattern.lstrip("!/").startswith("..") or "/../" in pattern:
            raise fail(name, raw, ("exclude",), f"`{_shown(pattern)}` is outside the repository")
        try:
            compile_pattern(pattern.strip().removeprefix("!").rstrip("/"))
        except ValueError as error:
            raise fail(
                name, raw, ("exclude",), f"not a pattern: `{_shown(pattern)}`: {error}"
            ) from None
