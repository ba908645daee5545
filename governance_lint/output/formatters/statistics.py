"""--statistics: how many findings each code gave, most frequent first."""

from __future__ import annotations

from collections import Counter

from governance_lint.findings import Finding
from governance_lint.output.formatters.json_format import dumps, summary
from governance_lint.result import Result


def render_statistics(report: Result, name: str) -> str:
    counts = Counter(finding.code for finding in report.findings)
    first: dict[str, Finding] = {}
    for finding in report.findings:
        first.setdefault(finding.code, finding)
    ordered = sorted(counts, key=lambda code: (-counts[code], code))
    if name == "json":
        return dumps(
            {
                "version": 1,
                "statistics": [
                    {
                        "code": code,
                        "name": first[code].name,
                        "severity": first[code].severity,
                        "count": counts[code],
                    }
                    for code in ordered
                ],
                "summary": summary(report),
            }
        )
    return "".join(f"{counts[code]} {code} {first[code].name}\n" for code in ordered)
