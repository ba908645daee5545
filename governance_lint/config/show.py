"""The text of ``governance-lint check --show-config``: every effective setting as
``KEY: VALUE  # SOURCE`` (the file, the command line or the default), then the rules
the run enables."""

from __future__ import annotations

import json
import os

from governance_lint.bounds import Bounds
from governance_lint.config.settings import DEFAULT_SELECT, Config
from governance_lint.display import escape_controls
from governance_lint.reading.discover import shown_path


def plain_number(value: object) -> object:
    """10.0 as 10: a whole number reads as one, whatever type declared it."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def describe(config: Config) -> str:
    """``--show-config``: every setting as ``KEY: VALUE  # SOURCE``, then the enabled rules."""
    values: list[tuple[str, object]] = [
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
