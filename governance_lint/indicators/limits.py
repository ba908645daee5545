"""What a metric's `measures` may name and how its `limit` is written for each indicator.

A metric that measures an indicator is computed from the decision records; its
`limit` is read here once, for the schema check (a bad limit is a schema violation)
and for the rule that compares the indicator with it. This module imports nothing of
the pipeline at load time, so schema validation can use it.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

# The five indicators a metric may measure, and how each one's limit is written.
LIMIT_KINDS: dict[str, str] = {
    "decision-cycle-time": "duration",
    "escalation-frequency": "percentage",
    "delegation-durability": "percentage",
    "rework-rate": "percentage",
    "decisions-per-meeting": "number",
}
MEASURES = tuple(LIMIT_KINDS)

# How a message asks for each kind of limit.
EXPECTED = {
    "duration": "a duration such as `5d` or `2w`",
    "percentage": "a percentage from 0% to 100% such as `20%`",
    "number": "a number such as `1.5`",
}

_PERCENT = re.compile(r"(?:0|[1-9][0-9]{0,2})(?:\.[0-9]{1,4})?%")


def limit_value(measures: str, value: object) -> Fraction | None:
    """The limit in the indicator's own unit (days, percent, decisions a meeting),
    exactly; None when it is not written as that indicator needs."""
    from governance_lint.indicators.definitions import duration_days

    kind = LIMIT_KINDS.get(measures)
    if kind == "duration":
        return duration_days(value) if isinstance(value, str) else None
    if kind == "percentage":
        if not isinstance(value, str) or not _PERCENT.fullmatch(value):
            return None
        found = Fraction(value[:-1])
        return found if found <= 100 else None
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return Fraction(value) if value >= 0 else None
    return None
