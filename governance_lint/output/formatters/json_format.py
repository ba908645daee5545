"""json: exactly the contract's shape, sorted, byte-identical across runs."""

from __future__ import annotations

import json
from typing import Any

from governance_lint.findings import Finding
from governance_lint.result import RenderOptions, Result


def finding_object(finding: Finding) -> dict[str, Any]:
    location = finding.location
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity,
        "message": finding.message,
        "help": finding.help,
        "file": location.file,
        "line": location.line,
        "column": location.column,
        "entities": list(finding.entities),
    }


def summary(report: Result) -> dict[str, Any]:
    result: dict[str, Any] = {
        "error": report.count("error"),
        "warning": report.count("warning"),
        "info": report.count("info"),
        "suppressed": len(report.suppressed),
        "files": report.files,
    }
    comparison = report.comparison
    if comparison is not None:
        result["base"] = {
            "ref": comparison.ref,
            "new": comparison.new,
            "fixed": comparison.fixed,
            "persisting": comparison.persisting,
        }
    return result


def dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def render(report: Result, options: RenderOptions) -> str:
    return dumps(
        {
            "version": 1,
            "findings": [finding_object(finding) for finding in report.findings],
            "suppressed": [
                {**finding_object(item.finding), "reason": item.reason, "until": item.until}
                for item in report.suppressed
            ],
            "summary": summary(report),
        }
    )
