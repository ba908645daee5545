"""The rule registry: every rule module of this package, found by discovery, in
catalogue order (family order, then code; a test pins the catalogue)."""

from __future__ import annotations

import importlib
import pkgutil
import re

import governance_lint.rules as package
from governance_lint.rules._rule import Rule

# A rule module is named after its code and name: dr002_joint_ownership.py.
RULE_MODULE = re.compile(r"[a-z]{2}[0-9]{3}_[a-z0-9_]+")


def discover() -> tuple[Rule, ...]:
    """The ``RULE`` of every rule module, in catalogue order; a module named like a rule
    without a ``Rule`` declaration, or whose name does not start with its code, is an
    error, so a rule cannot be lost or registered twice by a typo."""
    rules = []
    for module_info in pkgutil.iter_modules(package.__path__):
        if not RULE_MODULE.fullmatch(module_info.name):
            continue
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        rule = getattr(module, "RULE", None)
        if not isinstance(rule, Rule):
            raise TypeError(f"{module.__name__} declares no `RULE = Rule(...)`")
        if not module_info.name.startswith(f"{rule.code.lower()}_"):
            raise ValueError(f"{module.__name__} declares {rule.code}: its name starts otherwise")
        rules.append(rule)
    codes = [rule.code for rule in rules]
    if len(set(codes)) != len(codes):
        raise ValueError(f"two rule modules declare one code: {sorted(codes)}")
    return tuple(sorted(rules, key=Rule.sort_key))


ALL_RULES: tuple[Rule, ...] = discover()
BY_CODE = {rule.code: rule for rule in ALL_RULES}


def find(code_or_name: str) -> Rule | None:
    """A rule by its code or name, ignoring case."""
    wanted = code_or_name.strip().lower()
    return next((rule for rule in ALL_RULES if wanted in (rule.code.lower(), rule.name)), None)
