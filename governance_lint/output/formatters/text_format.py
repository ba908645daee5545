"""text: one block per finding with the source line and a marker, then a summary."""

from __future__ import annotations

from governance_lint.display import cut, escape_controls, line_start
from governance_lint.findings import Finding
from governance_lint.result import RenderOptions, Result

_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _excerpt(report: Result, finding: Finding, colour: bool) -> list[str]:
    location = finding.location
    doc = report.documents.get(location.file)
    if doc is None or not doc.text:
        return []
    line = doc.line_text(location.line)
    limit = report.config.bounds.max_scalar_shown
    visible = cut(line, limit)  # the marker never runs past what the excerpt shows
    start = min(location.column - 1, len(line))
    shown_line = escape_controls(visible)
    before = escape_controls(visible[:start]) if start < limit else shown_line
    width = max(1, min(location.width, len(visible) - start)) if start < len(visible) else 1
    marked = escape_controls(visible[start : start + width])
    pad = "".join("\t" if char == "\t" else " " for char in before)
    marker = "^" * max(1, len(marked) if start < limit else 1)
    if colour:
        marker = _COLOURS[finding.severity] + marker + _RESET
    return [f"{location.line:>5} | {shown_line}", f"      | {pad}{marker}"]


def render(report: Result, options: RenderOptions) -> str:
    colour = options.colour
    blocks: list[str] = []
    for finding in report.findings:
        location = finding.location
        path = line_start(escape_controls(location.file))
        code = f"{finding.code} [{finding.severity}]"
        if colour:
            path = _BOLD + path + _RESET
            code = _COLOURS[finding.severity] + code + _RESET
        lines = [f"{path}:{location.line}:{location.column}: {code} {finding.message}"]
        lines.extend(_excerpt(report, finding, colour))
        lines.append(f"  help: {finding.help}")
        blocks.append("\n".join(lines) + "\n\n")
    summary = (
        f"errors: {report.count('error')}, warnings: {report.count('warning')}, "
        f"info: {report.count('info')}, suppressed: {len(report.suppressed)}, "
        f"files: {report.files}\n"
    )
    return "".join(blocks) + (_DIM + summary.rstrip("\n") + _RESET + "\n" if colour else summary)
