"""Selectors: codes, names and code prefixes that pick rules for a run, a severity or a comment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from governance_lint.findings import GovernanceLintError
from governance_lint.rules._rule import Rule

Value = TypeVar("Value")


def specificity(selector: str, rule: Rule) -> int:
    """How specifically ``selector`` names ``rule``: 0 not at all, a prefix its length,
    a full code or name more than any prefix."""
    wanted = selector.strip().upper()
    if wanted in (rule.code, rule.name.upper()):
        return 100
    if wanted and rule.code.startswith(wanted):
        return len(wanted)
    return 0


def unknown(selectors: Iterable[str], rules: Sequence[Rule]) -> list[str]:
    """The selectors that match no rule at all."""
    return [s for s in selectors if not any(specificity(s, rule) for rule in rules)]


def check_known(selectors: Iterable[str], rules: Sequence[Rule], where: str) -> None:
    bad = unknown(selectors, rules)
    if bad:
        raise GovernanceLintError(f"{where}: unknown rule code, name or prefix `{bad[0]}`")


def enabled(
    rules: Sequence[Rule], selected: Sequence[str] | None, ignored: Sequence[str]
) -> list[Rule]:
    """The rules that run: for each, the most specific matching selector decides; at equal
    specificity ``ignore`` wins; with no selection every rule is selected."""
    chosen = []
    for rule in rules:
        # "every rule" is the least specific selection there is: any selector beats it
        best_select: float = (
            max((specificity(s, rule) for s in selected), default=0)
            if selected is not None
            else 0.5
        )
        best_ignore = max((specificity(s, rule) for s in ignored), default=0)
        if best_select and best_select > best_ignore:
            chosen.append(rule)
    return chosen


def most_specific(rule: Rule, mapping: Mapping[str, Value]) -> Value | None:
    """The value of the most specific selector in ``mapping`` that matches ``rule``."""
    best, value = 0, None
    for selector, candidate in mapping.items():
        score = specificity(selector, rule)
        if score > best:
            best, value = score, candidate
    return value
