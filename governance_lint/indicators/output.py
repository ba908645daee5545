"""The indicators table as text (aligned), csv (formula cells guarded), json, markdown."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from governance_lint.indicators.definitions import NAMES, Figure, Window
from governance_lint.indicators.grouping import Row
from governance_lint.output.views.matrix_format import _guard, escape_markdown

NO_VALUE = "\u2013"  # an en dash: no value, never 0
FORMATS = ("text", "csv", "json", "markdown")
Show = Callable[[object], str]


def _cell(value: Figure) -> str:
    if value is None:
        return NO_VALUE
    return f"{value:.2f}" if isinstance(value, Decimal) else str(value)


def _number(value: Figure) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


def _heads(weekly: bool) -> list[str]:
    return ["group", *(["week"] if weekly else []), *NAMES]


def _values(row: Row, show: Show, weekly: bool) -> list[str]:
    week = [row.week.isoformat() if row.week else ""] if weekly else []
    return [show(row.group), *week, *(_cell(row.figures[name]) for name in NAMES)]


def render_text(rows: Sequence[Row], window: Window, records: int, show: Show, weekly: bool) -> str:
    table = [_heads(weekly), *(_values(row, show, weekly) for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    lines = []
    for line in table:
        cells = [
            cell.ljust(width) if index < (2 if weekly else 1) else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    lines.append("")
    lines.append(
        f"window: {window.since.isoformat()} to {window.until.isoformat()}, records: {records}"
    )
    return "\n".join(lines) + "\n"


def render_csv(rows: Sequence[Row], window: Window, records: int, show: Show, weekly: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_heads(weekly))
    for row in rows:
        values = _values(row, show, weekly)
        writer.writerow(_guard(value) if value != NO_VALUE else "" for value in values)
    return out.getvalue()


def render_json(rows: Sequence[Row], window: Window, records: int, show: Show, weekly: bool) -> str:
    listed = []
    for row in rows:
        item: dict[str, Any] = {"group": show(row.group)}
        if weekly:
            item["week"] = row.week.isoformat() if row.week else None
        item.update({name: _number(row.figures[name]) for name in NAMES})
        listed.append(item)
    document = {
        "window": {"since": window.since.isoformat(), "until": window.until.isoformat()},
        "records": records,
        "rows": listed,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_markdown(
    rows: Sequence[Row], window: Window, records: int, show: Show, weekly: bool
) -> str:
    heads = _heads(weekly)
    lines = [
        "| " + " | ".join(heads) + " |",
        "|"
        + "|".join("---" if i < (2 if weekly else 1) else "---:" for i in range(len(heads)))
        + "|",
    ]
    for row in rows:
        values = _values(row, show, weekly)
        values[0] = escape_markdown(values[0])
        lines.append("| " + " | ".join(values) + " |")
    lines.append("")
    lines.append(
        f"Window {window.since.isoformat()} to {window.until.isoformat()}, {records} records."
    )
    return "\n".join(lines) + "\n"


RENDERERS = {
    "text": render_text,
    "csv": render_csv,
    "json": render_json,
    "markdown": render_markdown,
}
