"""The decision-rights matrix as markdown, CSV (RFC 4180) or JSON text."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable

from governance_lint.output.formatters.markdown_format import code_span
from governance_lint.output.views.matrix import LEGEND, Matrix

MATRIX_FORMATS = ("markdown", "csv", "json")
NO_SCOPE = "Decisions with no scope"

# What could end a cell (|), open a tag, entity, link, image, autolink, emphasis, code
# span, heading or math in GitHub's markdown; ``www.`` separately for its autolinks.
_MARKUP = re.compile(r"([\\`*_\[\]<>|&~!#:@$])|(?<=www)(\.)", re.IGNORECASE)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What, after spaces, starts a workflow command of GitHub's runner: a CSV printed to a
# CI log must not begin a line with it (SECURITY.md), and a scope begins each row.
_COMMAND_START = ("::", "##[")


def escape_markdown(text: str) -> str:
    """Backslash-escape markup characters, so text from a file cannot end a table cell,
    open a link, a tag, emphasis or a code span."""
    return _MARKUP.sub(lambda match: "\\" + match.group(), text)


def legend_line() -> str:
    return "Legend: " + ", ".join(f"**{letter}** {meaning}" for letter, meaning in LEGEND.items())


def render_markdown(matrix: Matrix, show: Callable[[object], str]) -> str:
    """A legend line, then per scope a heading and a table."""
    lines = [legend_line(), ""]
    # ids in code spans, as the markdown format shows them: in plain text GitHub would
    # autolink an id such as `www.login-acme.com`, or one that looks like a commit hash
    header = ["decision", "findings", *(_column_head(matrix, c, show) for c in matrix.columns)]
    for scope, rows in matrix.groups():
        heading = NO_SCOPE if scope is None else f"Scope: {escape_markdown(show(scope))}"
        lines += [f"## {heading}", ""]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "|".join(["---"] * len(header)) + "|")
        for row in rows:
            title = escape_markdown(show(row.title))
            decision = f"{title} (`{row.decision}`)" if title else f"`{row.decision}`"
            if row.pool:
                decision += " any one of: " + ", ".join(code_span(seat) for seat in row.pool)
            cells = [row.cells.get(column, "") for column in matrix.columns]
            lines.append("| " + " | ".join([decision, " ".join(row.findings), *cells]) + " |")
        lines.append("")
    if not matrix.rows:
        lines += ["No decisions are written down.", ""]
    return "\n".join(lines)


def _column_head(matrix: Matrix, column: str, show: Callable[[object], str]) -> str:
    """The column's id, and what the id does not say: "`board` (vote, two-thirds)",
    "`co-chairs` (Co-chairs: Ann Lee, Bo Park)"."""
    label = matrix.labels.get(column)
    head = code_span(column)
    return f"{head} ({escape_markdown(show(label))})" if label else head


def _guard(cell: str) -> str:
    """A cell a spreadsheet would read as a formula, or GitHub's runner as a workflow
    command at the start of a line, gets a leading quote."""
    risky = cell.startswith(_FORMULA_START) or cell.lstrip().startswith(_COMMAND_START)
    return "'" + cell if risky else cell


def render_csv(matrix: Matrix, show: Callable[[object], str]) -> str:
    """RFC 4180: a header row, CRLF line ends, fields quoted where needed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_guard(c) for c in ("scope", "decision", "title", "findings", *matrix.columns))
    for _, rows in matrix.groups():
        for row in rows:
            values = [
                "" if row.scope is None else show(row.scope),
                row.decision,
                show(row.title),
                " ".join(row.findings),
                *(row.cells.get(column, "") for column in matrix.columns),
            ]
            writer.writerow(_guard(value) for value in values)
    return out.getvalue()


def render_json(matrix: Matrix, show: Callable[[object], str]) -> str:
    rows = [
        {
            "decision": row.decision,
            "title": show(row.title),
            "scope": None if row.scope is None else show(row.scope),
            "findings": list(row.findings),
            "cells": {c: row.cells[c] for c in matrix.columns if row.cells.get(c)},
            **({"pool": list(row.pool)} if row.pool else {}),
        }
        for _, group in matrix.groups()
        for row in group
    ]
    data = {"version": 1, "columns": list(matrix.columns), "rows": rows, "legend": LEGEND}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[Matrix, Callable[[object], str]], str]] = {
    "markdown": render_markdown,
    "csv": render_csv,
    "json": render_json,
}
