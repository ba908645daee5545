"""The context of the report's Indicators section (templates/sections/indicators.html.j2):
shown only when the organization has decision records.

Every value from a governance file goes through the configured ``show`` and reaches the
page through Jinja2's autoescaping; the sparklines carry numbers only.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from governance_lint.indicators.definitions import Figure
from governance_lint.output.views.indicators_view import IndicatorsView, indicators_view, sparkline
from governance_lint.output.views.names import Show, entity_text
from governance_lint.result import Result

NO_VALUE = "\u2013"  # an en dash: no value, never 0
_UNITS = {
    "decision-cycle-time": " days",
    "escalation-frequency": "%",
    "delegation-durability": "%",
    "rework-rate": "%",
}


def figure_text(name: str, value: Figure) -> str:
    """A figure as a reader reads it: "3 days", "13%", "0.53", or an en dash."""
    if value is None:
        return NO_VALUE
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    unit = _UNITS.get(name, "")
    return f"{value} day" if unit == " days" and value == 1 else f"{value}{unit}"


def _week_text(week: dt.date, value: Figure, name: str) -> str:
    return f"week of {week.isoformat()}: {figure_text(name, value)}"


def _context(view: IndicatorsView, org: Any, show: Show) -> dict[str, Any]:
    return {
        "since": view.window.since.isoformat(),
        "until": view.window.until.isoformat(),
        "days": view.window.days,
        "records": view.records,
        "cycle_p90": figure_text("decision-cycle-time", view.cycle_p90),
        "open_past_due": view.open_past_due,
        "figures": [
            {
                "name": item.name,
                "label": item.label,
                "value": figure_text(item.name, item.value),
                "better": item.better,
                "spark": sparkline(item.weekly),
                "weeks": [
                    _week_text(week, value, item.name)
                    for week, value in zip(view.weeks, item.weekly, strict=True)
                ],
            }
            for item in view.indicators
        ],
        "pulled_up": [
            {
                "decision": entity_text(org, row.decision, show),
                "id": show(row.decision),
                "count": row.count,
                "decided": row.decided,
                "by": [(entity_text(org, closer, show), count) for closer, count in row.by],
            }
            for row in view.pulled_up
        ],
        "idle_meetings": [
            {
                "cadence": entity_text(org, row.cadence, show),
                "id": show(row.cadence),
                "decisions": [entity_text(org, d, show) for d in row.decisions],
            }
            for row in view.idle_meetings
        ],
    }


def indicators_context(report: Result) -> dict[str, Any] | None:
    """The section's ``indicators`` variable over the window ending today (``report
    --date`` sets today); None when no record exists, and then no section is shown."""
    view = indicators_view(report.org, report.config.today)
    return None if view is None else _context(view, report.org, report.config.show)
