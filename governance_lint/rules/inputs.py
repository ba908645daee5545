"""The input rules: findings made while reading, validating and merging the files.

The reading stage, the schema and the model make these findings themselves and name
their rule through these declarations. The direction is one way: those stages import
this module, which imports only the declaration modules of the input rules, which
import only ``_rule.py``: no configuration, model or rule logic, so no import cycle.
"""

from __future__ import annotations

from governance_lint.rules.gl001_yaml_syntax import RULE as YAML_SYNTAX
from governance_lint.rules.gl002_schema_violation import RULE as SCHEMA_VIOLATION
from governance_lint.rules.gl003_duplicate_key import RULE as DUPLICATE_KEY
from governance_lint.rules.gl004_duplicate_id import RULE as DUPLICATE_ID
from governance_lint.rules.gl005_unknown_reference import RULE as UNKNOWN_REFERENCE
from governance_lint.rules.gl006_unsafe_yaml import RULE as UNSAFE_YAML
from governance_lint.rules.gl008_missing_version import RULE as MISSING_VERSION

__all__ = [
    "DUPLICATE_ID",
    "DUPLICATE_KEY",
    "MISSING_VERSION",
    "SCHEMA_VIOLATION",
    "UNKNOWN_REFERENCE",
    "UNSAFE_YAML",
    "YAML_SYNTAX",
]
