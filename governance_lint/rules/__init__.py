"""The rules: one module per rule, each ending with its ``RULE = Rule(...)`` declaration.

Importing this package imports no rule. The registry (``registry.py``) discovers the
rule modules on first use of ``ALL_RULES`` or ``find``, so the reading stage can import
the input rules' declarations (``inputs.py``) without importing the rules' logic, which
itself imports the reading stage through the configuration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from governance_lint.rules._rule import FAMILIES, Family, Rule

if TYPE_CHECKING:
    from governance_lint.rules.registry import ALL_RULES, find

__all__ = ["ALL_RULES", "FAMILIES", "Family", "Rule", "find"]


def __getattr__(name: str) -> object:
    """``ALL_RULES`` and ``find`` from the registry, imported when first asked for."""
    if name in ("ALL_RULES", "find"):
        from governance_lint.rules import registry

        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
