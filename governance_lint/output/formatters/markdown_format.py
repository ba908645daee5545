"""markdown: a summary for ``$GITHUB_STEP_SUMMARY`` or a pull-request comment.

Values from governance files (messages, paths, ids) appear inside code spans, where
GitHub renders no link, mention, HTML tag or emphasis; a ``|`` is escaped so it cannot
end a table cell, and the fence is longer than any run of backticks in the value. A
finding's help is prose a reader acts on: its ids are code spans, every other
punctuation character is backslash-escaped, so nothing in it opens markup either.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from governance_lint.display import cut, escape_controls
from governance_lint.findings import SEVERITIES
from governance_lint.output.formatters.mermaid import DIAGRAM_CODES, diagram
from governance_lint.output.identity import project_path
from governance_lint.output.problems import problems
from governance_lint.output.views.indicators_view import summary_line
from governance_lint.result import RenderOptions, Result

MAX_BYTES = 1_048_576  # GitHub's limit for one step summary
MAX_ROWS = 1_000
MAX_DIAGRAMS = 20
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# What a help writes between backticks (an id, a field to set): a code span. A backtick
# of a value from a file may pair up with another: the span it makes is still inert.
_HELP_SPAN = re.compile(r"`([^`\r\n]{1,400})`")


def code_span(text: str) -> str:
    """A value as an inline code span that is safe in a table cell."""
    text = escape_controls(text).replace("|", "\\|")
    runs = re.findall(r"`+", text)
    fence = "`" * (max((len(run) for run in runs), default=0) + 1)
    return f"{fence} {text} {fence}"


def plain(text: str) -> str:
    """Text outside code spans with every ASCII punctuation character escaped."""
    return _PUNCTUATION.sub(r"\\\1", escape_controls(text))


def prose(text: str) -> str:
    """A help as prose: what it writes between backticks as code spans, everything
    else escaped (``|`` included), so markup in a name from a file is shown as written."""
    parts = _HELP_SPAN.split(escape_controls(text))
    return "".join(
        code_span(part) if index % 2 else plain(part) for index, part in enumerate(parts)
    )


def _head(report: Result) -> list[str]:
    lines = ["## governance-lint", ""]
    indicators = summary_line(report.org, report.config.today)
    if indicators is not None:
        lines += [indicators, ""]
    comparison = report.comparison
    if comparison is not None:
        lines += [comparison.counts_line(lambda ref: plain(cut(ref, 200))), ""]
    counts = {severity: report.count(severity) for severity in SEVERITIES}
    lines += [
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info, "
        f"{len(report.suppressed)} suppressed, in {report.files} files.",
        "",
    ]
    if not report.findings:
        return lines
    by_code = Counter((f.severity, f.code, f.name) for f in report.findings)
    lines += ["| severity | code | name | count |", "|---|---|---|---|"]
    for (severity, code, name), count in sorted(
        by_code.items(), key=lambda item: (SEVERITIES.index(item[0][0]), item[0][1])
    ):
        lines.append(f"| {severity} | {code} | {name} | {count} |")
    return [*lines, ""]


def _rows(report: Result, cwd: str) -> list[str]:
    """The table rows of the first MAX_ROWS findings: no more can be shown."""
    root = report.config.project_root
    return [
        f"| {f.severity} | {f.code} | "
        f"{code_span(f'{project_path(f.location.file, root, cwd)}:{f.location.line}')} | "
        f"{code_span(f.message)} help: {prose(f.help)} |\n"
        for f in report.findings[:MAX_ROWS]
    ]


def _diagrams(report: Result) -> tuple[list[str], int]:
    """The first MAX_DIAGRAMS diagrams, one per problem (findings merged by root cause)
    with a finding that has one, of every entity of the problem; and how many problems
    have one: only those few are drawn, however many thousands of findings a run has."""
    drawn = [
        problem
        for problem in problems(report.org, report.findings)
        if any(finding.code in DIAGRAM_CODES for finding in problem.findings)
    ]
    blocks = []
    for problem in drawn[:MAX_DIAGRAMS]:
        root = problem.lead
        chart, left_out = diagram(replace(root, entities=problem.entities), report.org)
        about = code_span(root.entities[0]) if root.entities else ""
        others = list(dict.fromkeys(f.code for f in problem.findings[1:] if f.code != root.code))
        also = f" with {', '.join(others)}" if others else ""
        more = f" (and {left_out} more entities not drawn)" if left_out else ""
        blocks.append(f"#### {root.code} {root.name} {about}{also}{more}\n\n{chart}\n")
    return blocks, len(drawn)


def _assemble(head: list[str], rows: list[str], diagrams: list[str], note: str) -> str:
    text = "\n".join(head) + "\n"
    if rows:
        text += "| severity | code | location | message |\n|---|---|---|---|\n" + "".join(rows)
        text += "\n"
    if diagrams:
        text += "### Diagrams\n\n" + "".join(diagrams)
    return text + note


def _note(rows_left: int, diagrams_left: int) -> str:
    if not rows_left and not diagrams_left:
        return ""
    return (
        f"_{rows_left} table rows and {diagrams_left} diagrams were left out to stay within "
        "GitHub's limits; the log and the SARIF file list every finding._\n"
    )


def _largest(fits: Callable[[int], bool], upper: int) -> int:
    """The largest n in 0..upper with fits(n) true (fits is monotone), else 0."""
    low, high = 0, upper
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def render(report: Result, options: RenderOptions) -> str:
    head = _head(report)
    rows, (diagrams, total_diagrams) = _rows(report, options.cwd), _diagrams(report)
    total_rows = len(report.findings)

    def text(row_count: int, diagram_count: int) -> str:
        note = _note(total_rows - row_count, total_diagrams - diagram_count)
        return _assemble(head, rows[:row_count], diagrams[:diagram_count], note)

    def fits(row_count: int, diagram_count: int) -> bool:
        return len(text(row_count, diagram_count).encode("utf-8", "backslashreplace")) <= MAX_BYTES

    kept_diagrams = len(diagrams)
    if not fits(0, kept_diagrams):
        kept_diagrams = _largest(lambda n: fits(0, n), kept_diagrams)
    kept_rows = _largest(lambda n: fits(n, kept_diagrams), len(rows))
    return text(kept_rows, kept_diagrams)
