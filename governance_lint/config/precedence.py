"""The effective settings of a run: defaults, then the configuration file, then the
command line, each setting remembering which of them it came from (``--show-config``
prints that source next to every value)."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from governance_lint.config.files import find_config_file, git_root, read_settings
from governance_lint.config.settings import LIST_KEYS, Config, default_thresholds
from governance_lint.config.validate import check_exclude, path_inside, validate
from governance_lint.display import shown
from governance_lint.findings import GovernanceLintError
from governance_lint.reading.discover import shown_path
from governance_lint.rules._rule import Rule
from governance_lint.selectors import check_known

COMMAND_LINE = "command line"  # the source of a setting given as an option


def _today() -> dt.date:
    """Today in UTC, unless ``GOVERNANCE_LINT_TODAY`` names the date (for reproducible runs)."""
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
    # --select and --ignore replace the file's lists; the --extend-* options add to them
    for key in ("select", "ignore", "extend_select", "extend_ignore"):
        if key in cli:
            check_known(cli[key], rules, "--" + key.replace("_", "-"))
            sources[key] = COMMAND_LINE
    for key in ("fail_on", "cache"):  # --fail-on, and --no-cache as cache: false
        if key in cli:
            sources[key] = COMMAND_LINE
    return replace(
        config,
        select=tuple(cli["select"]) if "select" in cli else config.select,
        ignore=tuple(cli["ignore"]) if "ignore" in cli else config.ignore,
        extend_select=(*config.extend_select, *cli.get("extend_select", ())),
        extend_ignore=(*config.extend_ignore, *cli.get("extend_ignore", ())),
        fail_on=cli.get("fail_on", config.fail_on),
        cache=cli.get("cache", config.cache),
        sources=sources,
    )


def _apply_file(
    config: Config, path: str, rules: Sequence[Rule], cwd: str, sources: dict[str, str]
) -> Config:
    """``config`` with the settings of the file at ``path``, once they are checked."""
    name = shown_path(path, cwd)
    raw = read_settings(path, cwd)
    validate(name, raw, rules)
    values = raw.values
    folder = os.path.dirname(os.path.abspath(path))
    root = git_root(folder) or folder
    changes: dict[str, Any] = {"file": name, "folder": folder}
    for key in LIST_KEYS:
        if key in values:
            changes[key] = tuple(values[key])
            sources[key] = name
    if "paths" in values:
        changes["paths"] = tuple(path_inside(folder, root, p, name, raw) for p in values["paths"])
    check_exclude(name, raw)
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
