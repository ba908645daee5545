"""The decision-rights matrix as markdown, CSV (RFC 4180) or JSON text: one table, the
decisions as rows grouped by scope, the people who carry them as columns."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable

from governance_lint.model.terms import listing
from governance_lint.output.formatters.markdown_format import code_span
from governance_lint.output.views.matrix import LEGEND, Matrix, Row, Total

MATRIX_FORMATS = ("markdown", "csv", "json")
NO_SCOPE = "Decisions with no scope"
# Past this many columns a printed table stops being readable: the rest of the columns
# go to an appendix table with the same rows (markdown and the page; CSV and JSON keep
# every column in one table).
MAIN_COLUMNS = 15
TAKEN_IN = "taken in"
DECIDE_WITHIN = "decide within"
TOTALS = "Totals: owns · signs off"
OVER = "!"  # marks a total whose person is over a load limit

# What could end a cell (|), open a tag, entity, link, image, autolink, emphasis, code
# span, heading or math in GitHub's markdown; ``www.`` separately for its autolinks.
_MARKUP = re.compile(r"([\\`*_\[\]<>|&~!#:@$])|(?<=www)(\.)", re.IGNORECASE)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What, after spaces, starts a workflow command of GitHub's runner: a CSV printed to a
# CI log must not begin a line with it (SECURITY.md), and a scope begins each row.
_COMMAND_START = ("::", "##[")

Show = Callable[[object], str]


def escape_markdown(text: str) -> str:
    """Backslash-escape markup characters, so text from a file cannot end a table cell,
    open a link, a tag, emphasis or a code span."""
    return _MARKUP.sub(lambda match: "\\" + match.group(), text)


def legend_line() -> str:
    return (
        "Legend: "
        + ", ".join(f"**{letter}** {meaning}" for letter, meaning in LEGEND.items())
        + f"; totals marked **{OVER}** are over a load limit."
    )


def split_columns(matrix: Matrix) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The columns of the main table and those of the appendix table."""
    return matrix.columns[:MAIN_COLUMNS], matrix.columns[MAIN_COLUMNS:]


def total_text(total: Total) -> str:
    """ "14! · 3": rows owned and signed off, each marked when over a limit."""
    owns = f"{total.owns}{OVER if total.over_owns else ''}"
    signs = f"{total.signs_off}{OVER if total.over_signs_off else ''}"
    return f"{owns} · {signs}"


def over_notes(matrix: Matrix, show: Show) -> list[str]:
    """Each person over a load limit, once, with the roles that stand for them:
    "Dana Ruiz, as Acting CFO and Chief Operating Officer: owns 5 of 16 decisions (31%),
    more than 25%" (markdown, escaped)."""
    notes = []
    for over in matrix.over:
        seats = [escape_markdown(show(seat)) for seat in over.seats]
        held = f", as {listing(seats)}" if seats else ""
        notes.append(f"{escape_markdown(show(over.name))}{held}: {' — '.join(over.says)}")
    return notes


def _decision_cell(row: Row, show: Show) -> str:
    title = escape_markdown(show(row.title))
    decision = f"{title} (`{row.decision}`)" if title else f"`{row.decision}`"
    if row.pool:
        decision += " any one of: " + ", ".join(code_span(seat) for seat in row.pool)
    return decision


def _table(matrix: Matrix, columns: tuple[str, ...], show: Show, *, main: bool) -> list[str]:
    """One table: the main one (findings, the columns, where and how fast) or the
    appendix (the other columns, for the decisions they act on)."""
    heads = [escape_markdown(show(matrix.titles.get(c, c))) for c in columns]
    extra = [TAKEN_IN, DECIDE_WITHIN] if main else []
    header = ["decision", *(["findings"] if main else []), *heads, *extra]
    blank = [""] * (len(header) - 1)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
    for scope, rows in matrix.groups():
        if not main:  # the appendix lists only the decisions its columns act on
            rows = [row for row in rows if any(row.cells.get(c) for c in columns)]
            if not rows:
                continue
        heading = NO_SCOPE if scope is None else f"Scope: {escape_markdown(show(scope))}"
        lines.append("| " + " | ".join([f"**{heading}**", *blank]) + " |")
        for row in rows:
            cells = [row.cells.get(column, "") for column in columns]
            where = ", ".join(
                escape_markdown(show(matrix.titles.get(c, c))) for c in row.reviewed_in
            )
            within = escape_markdown(show(row.decide_within)) if row.decide_within else ""
            values = [" ".join(row.findings), *cells, where, within] if main else cells
            lines.append("| " + " | ".join([_decision_cell(row, show), *values]) + " |")
    totals = [total_text(matrix.totals.get(column, Total())) for column in columns]
    filled = ["", *totals, "", ""] if main else totals
    lines.append("| " + " | ".join([f"**{TOTALS}**", *filled]) + " |")
    return lines


def render_markdown(matrix: Matrix, show: Show) -> str:
    """A legend line, then one table (scope rows inside it, a totals row last), the
    columns over a load limit, and past MAIN_COLUMNS columns an appendix table."""
    lines = [legend_line(), ""]
    if not matrix.rows:
        return "\n".join([*lines, "No decisions are written down.", ""])
    main, appendix = split_columns(matrix)
    lines += [*_table(matrix, main, show, main=True), ""]
    notes = over_notes(matrix, show)
    if notes:
        lines += ["Over a load limit:", ""]
        lines += [f"- {note}" for note in notes]
        lines.append("")
    if appendix:
        lines += [f"### Appendix: {len(appendix)} more columns", ""]
        lines += [*_table(matrix, appendix, show, main=False), ""]
    return "\n".join(lines)


def _guard(cell: str) -> str:
    """A cell a spreadsheet would read as a formula, or GitHub's runner as a workflow
    command at the start of a line, gets a leading quote."""
    risky = cell.startswith(_FORMULA_START) or cell.lstrip().startswith(_COMMAND_START)
    return "'" + cell if risky else cell


def render_csv(matrix: Matrix, show: Show) -> str:
    """RFC 4180, one table: a header row naming each column by title and holder, a row
    per decision, then the totals (and, when any, which are over a limit)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    heads = [show(matrix.titles.get(c, c)) for c in matrix.columns]
    header = ["scope", "decision", "title", "findings", *heads, TAKEN_IN, DECIDE_WITHIN]
    writer.writerow(_guard(c) for c in header)
    for _, rows in matrix.groups():
        for row in rows:
            values = [
                "" if row.scope is None else show(row.scope),
                row.decision,
                show(row.title),
                " ".join(row.findings),
                *(row.cells.get(column, "") for column in matrix.columns),
                " ".join(show(matrix.titles.get(c, c)) for c in row.reviewed_in),
                show(row.decide_within) if row.decide_within else "",
            ]
            writer.writerow(_guard(value) for value in values)
    totals = [matrix.totals.get(column, Total()) for column in matrix.columns]
    writer.writerow(["", "", "total: owns", "", *(str(t.owns) for t in totals), "", ""])
    writer.writerow(["", "", "total: signs off", "", *(str(t.signs_off) for t in totals), "", ""])
    if any(t.over_owns or t.over_signs_off for t in totals):
        over = ["; ".join(s for s in (t.over_owns, t.over_signs_off) if s) for t in totals]
        writer.writerow(["", "", "over a load limit", "", *over, "", ""])
    return out.getvalue()


def render_json(matrix: Matrix, show: Show) -> str:
    rows = [
        {
            "decision": row.decision,
            "title": show(row.title),
            "scope": None if row.scope is None else show(row.scope),
            "findings": list(row.findings),
            "cells": {c: row.cells[c] for c in matrix.columns if row.cells.get(c)},
            **({"pool": list(row.pool)} if row.pool else {}),
            "reviewed_in": list(row.reviewed_in),
            "decide_within": None if row.decide_within is None else show(row.decide_within),
        }
        for _, group in matrix.groups()
        for row in group
    ]
    totals = {}
    for column in matrix.columns:
        total = matrix.totals.get(column, Total())
        over = {"owns": total.over_owns, "signs_off": total.over_signs_off}
        totals[column] = {
            "owns": total.owns,
            "signs_off": total.signs_off,
            "over": {key: said for key, said in over.items() if said},
        }
    data = {
        "version": 1,
        "columns": list(matrix.columns),
        "rows": rows,
        "legend": LEGEND,
        "totals": totals,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[Matrix, Show], str]] = {
    "markdown": render_markdown,
    "csv": render_csv,
    "json": render_json,
}
