"""github: one workflow command per finding, so GitHub Actions annotates the pull request.

Every value is escaped the way the runner unescapes it (``%``, CR, LF; in properties
also ``:`` and ``,``), so nothing from a governance file can end a command early or
start another one.
"""

from __future__ import annotations

import re

from governance_lint.display import escape_controls
from governance_lint.findings import Finding
from governance_lint.output.identity import project_path
from governance_lint.result import RenderOptions, Result

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
SHOWN_PER_SEVERITY = 10  # GitHub shows this many annotations of each severity in a step
_LINE_BREAKS = re.compile("([\r\n])")


def escape_data(text: str) -> str:
    """A command's message, as the runner's ``UnescapeData`` reads it back."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value, as the runner's ``UnescapeProperty`` reads it back."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: list[tuple[str, str]], message: str) -> str:
    shown = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{name} {shown}::{escape_data(message)}\n"


def file_property(path: str) -> str:
    """A file name as the ``file`` property: CR and LF stay, for ``escape_property`` to
    write as the runner's own ``%0D`` and ``%0A``, which it decodes back to the real
    name. Other control characters cannot be written raw and stay ``\\u`` escapes, and a
    byte that is not UTF-8 stays ``\\xNN``: the runner reads its input as UTF-8 text."""
    return "".join(
        part if index % 2 else escape_controls(part)
        for index, part in enumerate(_LINE_BREAKS.split(path))
    )


def annotation(finding: Finding, project_root: str, cwd: str) -> str:
    """The finding's command: its place (with the extent the ``^`` marker covers, when it
    covers more than one column), its code and name as title, and as message what is
    wrong then, on the next line, what to change: GitHub shows only the message."""
    location = finding.location
    properties = [("file", file_property(project_path(location.file, project_root, cwd)))]
    if location.line >= 1:  # never line=0: GitHub would drop the annotation's position
        properties.append(("line", str(location.line)))
        extent = location.column >= 1 and location.width > 1
        if extent:  # one line: the runner keeps columns only when line and endLine agree
            properties.append(("endLine", str(location.line)))
        if location.column >= 1:
            properties.append(("col", str(location.column)))
        if extent:  # the last column covered, as the text format's marker ends
            properties.append(("endColumn", str(location.column + location.width - 1)))
    properties.append(("title", f"{finding.code} {finding.name}".strip()))
    message = escape_controls(finding.message)
    if finding.help:
        message += "\nhelp: " + escape_controls(finding.help)
    return command(COMMANDS[finding.severity], properties, message)


def render(report: Result, options: RenderOptions) -> str:
    comparison = report.comparison
    changed = comparison.changed if comparison is not None else frozenset()
    root = report.config.project_root
    groups = {
        severity: sorted(
            (f for f in report.findings if f.severity == severity),
            key=lambda f: (f.location.file not in changed, f.sort_key()),
        )
        for severity in COMMANDS
    }
    limits = {"error": SHOWN_PER_SEVERITY, "warning": SHOWN_PER_SEVERITY}
    limits["info"] = SHOWN_PER_SEVERITY - 1  # one notice slot goes to the count below
    hidden = sum(max(0, len(groups[severity]) - limits[severity]) for severity in COMMANDS)
    lines = [
        annotation(f, root, options.cwd)
        for severity in ("error", "warning")
        for f in groups[severity]
    ]
    if hidden:
        lines.append(
            command(
                "notice",
                [("title", "governance-lint")],
                f"{hidden} findings are not shown as annotations (GitHub shows 10 per "
                "severity in a step); the log lists them all",
            )
        )
    lines.extend(annotation(f, root, options.cwd) for f in groups["info"])
    return "".join(lines)
