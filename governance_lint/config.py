"""Config: discovery, validation against its own schema, and where each setting came from."""

from __future__ import annotations

import datetime as dt
import errno
import json
import math
import os
import re
import sys
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from governance_lint.bounds import Bounds
from governance_lint.display import escape_controls, shown
from governance_lint.findings import GovernanceLintError
from governance_lint.reading.discover import shown_path
from governance_lint.reading.exclude import compile_pattern
from governance_lint.reading.loader import (
    NotRegular,
    Undecodable,
    decode,
    parse,
    read_limited,
    undecodable,
)
from governance_lint.rules._rule import FAMILIES, Rule
from governance_lint.schema.format import package_data
from governance_lint.selectors import check_known, enabled, most_specific

CONFIG_FILE = ".governance-lint.yaml"
DEFAULT_SELECT = tuple(family.prefix for family in FAMILIES)  # every family: every rule
LIST_KEYS = ("paths", "exclude", "select", "extend_select", "ignore", "extend_ignore")


@dataclass(frozen=True)
class Config:
    """The effective settings of one run."""

    rules: tuple[Rule, ...] = ()
    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    require_reason: bool = True
    cache: bool = True
    thresholds: dict[str, float] = field(default_factory=dict)
    bounds: Bounds = field(default_factory=Bounds)
    folder: str = "."  # the configuration file's folder, else the current folder
    project_root: str = "."  # the git work tree holding the current folder, else it
    file: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    today: dt.date = field(default_factory=lambda: dt.datetime.now(dt.UTC).date())

    def show(self, value: object) -> str:
        """A value from a governance file as a message may quote it."""
        return shown(value, self.bounds.max_scalar_shown)

    def threshold(self, name: str) -> float:
        return self.thresholds[name]

    def enabled_rules(self) -> list[Rule]:
        selected = None if self.select is None else (*self.select, *self.extend_select)
        return enabled(self.rules, selected, (*self.ignore, *self.extend_ignore))

    def severity_of(self, rule: Rule) -> str:
        chosen = most_specific(rule, self.severity)
        return chosen or rule.severity


def default_thresholds(rules: Sequence[Rule]) -> dict[str, float]:
    return {name: value for rule in rules for name, value in rule.thresholds.items()}


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


# -- reading and validating ----------------------------------------------------------------


@dataclass
class _Raw:
    """A configuration file's settings and a way to find the line of a key path."""

    values: dict[str, Any]
    line_of: Callable[[tuple[str | int, ...]], int]  # a list index is an int
    written: dict[Any, str] = field(default_factory=dict)  # YAML's plain text of numbers


def _read(path: str, cwd: str) -> _Raw:
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
    return _Raw(values, lambda key_path: doc.key_location(key_path).line, doc.plain)


def _read_toml(name: str, raw: bytes) -> _Raw:
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
    values: Any = table
    for depth, key in enumerate(("tool", "governance-lint"), 1):
        values = values.get(key, {})
        if not isinstance(values, dict):
            path = ("tool", "governance-lint")[:depth]
            line = _toml_line(lines, path)
            raise GovernanceLintError(f"{name}:{line}: {'.'.join(path)}: must be a table")
    header = next(
        (n for n, line in enumerate(lines, 1) if re.match(r"\s*\[tool\.governance-lint", line)),
        1,
    )

    def line_of(key_path: tuple[str | int, ...]) -> int:
        keys = [part for part in key_path if isinstance(part, str)]  # not list indices
        if not keys:
            return header
        pattern = re.compile(rf"\s*\"?{re.escape(keys[-1])}\"?\s*=")
        for number, line in enumerate(lines[header - 1 :], header):
            if pattern.match(line):
                return number
        return header

    return _Raw(values, line_of)


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


@cache
def _config_validator() -> Any:
    import jsonschema
    from referencing import Registry

    schema = json.loads(package_data("config.schema.json"))
    return jsonschema.Draft202012Validator(schema, registry=Registry())


def _fail(
    name: str, raw: _Raw, key_path: tuple[str | int, ...], message: str
) -> GovernanceLintError:
    dotted = shown(".".join(str(part) for part in key_path), Bounds().max_scalar_shown)
    dotted = dotted or "(top level)"
    return GovernanceLintError(f"{name}:{raw.line_of(key_path)}: {dotted}: {message}")


def _validate(name: str, raw: _Raw, rules: Sequence[Rule]) -> None:
    errors = sorted(
        _config_validator().iter_errors(raw.values), key=lambda e: list(map(str, e.absolute_path))
    )
    for error in errors[:1]:
        key_path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            raise _fail(name, raw, (*key_path, extra[0]), "unknown key")
        raise _fail(name, raw, key_path, _expected(error))
    _check_whole_numbers(name, raw)
    known = default_thresholds(rules)
    for threshold, value in raw.values.get("thresholds", {}).items():
        if threshold not in known:
            raise _fail(name, raw, ("thresholds", threshold), "unknown threshold")
        if isinstance(known[threshold], int) and not (
            isinstance(value, int) and not isinstance(value, bool)
        ):
            raise _fail(name, raw, ("thresholds", threshold), "must be a whole number")
        if isinstance(value, float) and not math.isfinite(value):  # .nan, .inf, 1e400
            raise _fail(name, raw, ("thresholds", threshold), "must be a finite number")
    for key in ("select", "extend_select", "ignore", "extend_ignore"):
        for index, selector in enumerate(raw.values.get(key, ())):
            try:
                check_known([selector], rules, "")
            except GovernanceLintError:
                raise _fail(
                    name,
                    raw,
                    (key,),
                    f"unknown rule code, name or prefix `{_shown(selector)}` (item {index + 1})",
                ) from None
    for selector in raw.values.get("severity", {}):
        try:
            check_known([selector], rules, "")
        except GovernanceLintError:
            raise _fail(
                name, raw, ("severity", selector), "unknown rule code, name or prefix"
            ) from None


def _expected(error: Any) -> str:
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


def _check_whole_numbers(name: str, raw: _Raw) -> None:
    """Bounds are whole numbers written plainly: not 1.0, and not YAML 1.1's 010 or 1:30
    (which read as 8 and 90); thresholds may not be written that way either."""
    numbers = [(("bounds", key), value) for key, value in raw.values.get("bounds", {}).items()]
    numbers += [
        (("thresholds", key), value) for key, value in raw.values.get("thresholds", {}).items()
    ]
    for key_path, value in numbers:
        if key_path[0] == "bounds" and type(value) is not int:
            raise _fail(name, raw, key_path, "must be a whole number")
        written = raw.written.get(key_path)
        if type(value) is int and written is not None and not _WHOLE.fullmatch(written):
            raise _fail(
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


def _inside(folder: str, root: str, configured: str, name: str, raw: _Raw, key: str) -> str:
    target = os.path.normpath(os.path.join(folder, configured))
    real_root = os.path.realpath(root)
    real = os.path.realpath(target)
    if os.path.commonpath([real_root, real]) != real_root:
        raise _fail(name, raw, (key,), f"`{_shown(configured)}` is outside the repository")
    return target


def _today() -> dt.date:
    value = os.environ.get("GOVERNANCE_LINT_TODAY")
    if value is None:
        return dt.datetime.now(dt.UTC).date()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise GovernanceLintError(
            f"GOVERNANCE_LINT_TODAY must be a date written YYYY-MM-DD, not `{shown(value, 40)}`"
        ) from None


def load(
    rules: Sequence[Rule],
    config_file: str | None = None,
    cli: dict[str, Any] | None = None,
    cwd: str | None = None,
) -> Config:
    """The effective configuration: defaults, then the file, then the command line."""
    cwd = cwd or os.getcwd()
    cli = {key: value for key, value in (cli or {}).items() if value is not None}
    path = config_file if config_file is not None else find_config_file(cwd)
    if config_file is not None and not os.path.isfile(config_file):
        raise GovernanceLintError(f"configuration file not found: {config_file}")
    config = Config(
        rules=tuple(rules),
        thresholds=default_thresholds(rules),
        folder=cwd,
        project_root=git_root(cwd) or cwd,
        today=_today(),
    )
    sources: dict[str, str] = {}
    if path is not None:
        config = _apply_file(config, path, rules, cwd, sources)
    for key in ("select", "ignore"):
        if key in cli:
            check_known(cli[key], rules, f"--{key}")
            config = replace(config, **{key: tuple(cli[key])})
            sources[key] = "command line"
    for key in ("extend_select", "extend_ignore"):
        if key in cli:
            check_known(cli[key], rules, "--" + key.replace("_", "-"))
            config = replace(config, **{key: (*getattr(config, key), *cli[key])})
            sources[key] = "command line"
    for key in ("fail_on", "cache"):  # --fail-on, and --no-cache as cache: false
        if key in cli:
            config = replace(config, **{key: cli[key]})
            sources[key] = "command line"
    return replace(config, sources=sources)


def _apply_file(
    config: Config, path: str, rules: Sequence[Rule], cwd: str, sources: dict[str, str]
) -> Config:
    name = shown_path(path, cwd)
    raw = _read(path, cwd)
    _validate(name, raw, rules)
    values = raw.values
    folder = os.path.dirname(os.path.abspath(path))
    root = git_root(folder) or folder
    changes: dict[str, Any] = {"file": name, "folder": folder}
    for key in LIST_KEYS:
        if key in values:
            changes[key] = tuple(values[key])
            sources[key] = name
    if "paths" in values:
        changes["paths"] = tuple(
            _inside(folder, root, p, name, raw, "paths") for p in values["paths"]
        )
    for pattern in values.get("exclude", ()):
        if pattern.lstrip("!/").startswith("..") or "/../" in pattern:
            raise _fail(name, raw, ("exclude",), f"`{_shown(pattern)}` is outside the repository")
        try:
            compile_pattern(pattern.strip().removeprefix("!").rstrip("/"))
        except ValueError as error:
            raise _fail(
                name, raw, ("exclude",), f"not a pattern: `{_shown(pattern)}`: {error}"
            ) from None
    for key in ("fail_on", "require_reason", "cache"):
        if key in values:
            changes[key] = values[key]
            sources[key] = name
    if "severity" in values:
        changes["severity"] = dict(values["severity"])
        sources["severity"] = name
    thresholds = dict(config.thresholds)
    for threshold, value in values.get("thresholds", {}).items():
        thresholds[threshold] = value
        sources[f"thresholds.{threshold}"] = name
    changes["thresholds"] = thresholds
    bounds = dict(values.get("bounds", {}))
    for bound in bounds:
        sources[f"bounds.{bound}"] = name
    changes["bounds"] = replace(config.bounds, **bounds)
    return replace(config, **changes)


def plain_number(value: Any) -> Any:
    """10.0 as 10: a whole number reads as one, whatever type declared it."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def describe(config: Config) -> str:
    """``--show-config``: every setting as ``KEY: VALUE  # SOURCE``, then the enabled rules."""
    values: list[tuple[str, Any]] = [
        # as output shows every path: relative to the current folder, never absolute
        ("paths", [shown_path(path, os.getcwd()) for path in config.paths] or ["."]),
        ("exclude", list(config.exclude)),
        ("select", list(config.select if config.select is not None else DEFAULT_SELECT)),
        ("extend_select", list(config.extend_select)),
        ("ignore", list(config.ignore)),
        ("extend_ignore", list(config.extend_ignore)),
        ("severity", config.severity),
        ("fail_on", config.fail_on),
        ("require_reason", config.require_reason),
        ("cache", config.cache),
        *((f"thresholds.{name}", value) for name, value in config.thresholds.items()),
        *((f"bounds.{name}", getattr(config.bounds, name)) for name in Bounds.__dataclass_fields__),
    ]
    # json.dumps leaves C1 controls, U+2028 and U+2029 raw; their \u escapes are JSON too
    lines = [
        escape_controls(
            f"{key}: {json.dumps(plain_number(value), ensure_ascii=False)}"
            f"  # {config.sources.get(key, 'default')}"
        )
        for key, value in values
    ]
    lines.append("enabled: " + ", ".join(rule.code for rule in config.enabled_rules()))
    return "\n".join(lines) + "\n"
