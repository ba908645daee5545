"""The settings of one run as a typed value, and their defaults.

Every stage of governance-lint reads its settings from one frozen ``Config``; loading
one (files, validation, precedence) lives in the other modules of this package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from governance_lint.bounds import Bounds
from governance_lint.display import shown
from governance_lint.findings import Severity
from governance_lint.rules._rule import FAMILIES, Rule
from governance_lint.selectors import enabled, most_specific

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
    severity: dict[str, Severity] = field(default_factory=dict)
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

    def severity_of(self, rule: Rule) -> Severity:
        chosen = most_specific(rule, self.severity)
        return chosen or rule.severity


def default_thresholds(rules: Sequence[Rule]) -> dict[str, float]:
    return {name: value for rule in rules for name, value in rule.thresholds.items()}
