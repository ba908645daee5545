"""sarif: SARIF 2.1.0 for GitHub code scanning, which tracks alerts by our fingerprints."""

from __future__ import annotations

import re
from importlib import metadata
from typing import Any
from urllib.parse import quote

from governance_lint import __version__
from governance_lint.display import name_bytes
from governance_lint.findings import SEVERITY_RANK, Finding, Location
from governance_lint.model.organization import kind_word
from governance_lint.output.formatters.json_format import dumps
from governance_lint.output.identity import fingerprint, identities, project_path
from governance_lint.result import RenderOptions, Result
from governance_lint.rules._rule import Rule
from governance_lint.rules.pages import file_name, page, summary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_RESULTS = 25_000  # what code scanning accepts in one run
MAX_RELATED = 100  # related locations code scanning shows for one alert
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "governanceLint/v1"


def project_urls() -> dict[str, str]:
    """The installed package's project URLs by label (``Homepage``, ``Documentation``)."""
    try:
        entries = metadata.metadata("governance-lint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return {}
    return {
        label.strip(): url.strip()
        for label, _, url in (entry.partition(",") for entry in entries)
        if url.strip()
    }


def _what_it_does(rule: Rule) -> str:
    """The page's "What it does" section as one paragraph, else its summary."""
    match = re.search(r"## What it does\n(.*?)(?=\n## |\Z)", page(rule), re.S)
    text = " ".join(match.group(1).split()) if match else ""
    return text or summary(rule)


def rule_object(rule: Rule, code: str, urls: dict[str, str]) -> dict[str, Any]:
    documentation = page(rule)
    described: dict[str, Any] = {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": summary(rule)},
        "fullDescription": {"text": _what_it_does(rule)},
        "help": {"text": documentation, "markdown": documentation},
    }
    if "Documentation" in urls:
        described["helpUri"] = urls["Documentation"] + "rules/" + file_name(rule)
    described["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    return described


def uri(file: str, project_root: str, cwd: str) -> str:
    """A project-relative URI reference (relative to %SRCROOT%) that names the real file:
    each byte of its name percent-encoded (RFC 3986) but unreserved ones and ``/``, a
    byte that is not UTF-8 as itself (``%FF``), never as the ``\\xff`` text shows."""
    return quote(name_bytes(project_path(file, project_root, cwd)), safe="/")


def physical(location: Location, project_root: str, cwd: str) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {
                "uri": uri(location.file, project_root, cwd),
                "uriBaseId": "%SRCROOT%",
            },
            "region": {"startLine": max(location.line, 1), "startColumn": max(location.column, 1)},
        }
    }


def related(finding: Finding, report: Result) -> list[tuple[Location, str]]:
    """The rule's related locations, else the entry key of every other entity."""
    if finding.related:
        return [(item.location, item.message) for item in finding.related]
    places: list[tuple[Location, str]] = []
    seen = set(finding.entities[:1])
    for entity_id in finding.entities[1:]:
        entity = report.org.entities.get(entity_id)
        if entity is None or entity_id in seen:
            continue
        seen.add(entity_id)
        places.append((entity.locate(), f"{kind_word(entity.kind)} `{entity_id}`"))
    return places


def result_object(
    finding: Finding,
    identity: str,
    rule_index: int,
    report: Result,
    reason: object,
    cwd: str,
) -> dict[str, Any]:
    root = report.config.project_root
    places = related(finding, report)
    message = finding.message
    if len(places) > MAX_RELATED:
        message += f" (and {len(places) - MAX_RELATED} more)"
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [physical(finding.location, root, cwd)],
    }
    if places:
        result["relatedLocations"] = [
            {"id": number, **physical(location, root, cwd), "message": {"text": text}}
            for number, (location, text) in enumerate(places[:MAX_RELATED], 1)
        ]
    result["partialFingerprints"] = {FINGERPRINT: fingerprint(identity)}
    if reason is not False:
        suppression: dict[str, Any] = {"kind": "inSource"}
        if reason is not None:
            suppression["justification"] = reason
        result["suppressions"] = [suppression]
    return result


def render(report: Result, options: RenderOptions) -> str:
    comparison = report.comparison
    findings = list(comparison.every if comparison is not None else report.findings)
    # (finding, suppression reason: False when not suppressed)
    entries: list[tuple[Finding, object]] = [(f, False) for f in findings]
    entries += [(item.finding, item.reason) for item in report.suppressed]
    ids = identities(
        [finding for finding, _ in entries],
        report.documents,
        report.config.project_root,
        options.cwd,
    )
    order = sorted(
        range(len(entries)),
        key=lambda i: (
            entries[i][1] is not False,
            -SEVERITY_RANK[entries[i][0].severity],
            entries[i][0].sort_key(),
        ),
    )
    kept, left_out = order[:MAX_RESULTS], len(order) - MAX_RESULTS
    catalogue = {rule.code: rule for rule in report.config.rules}
    present = {entries[i][0].code for i in kept}
    codes = [code for code in catalogue if code in present] + sorted(present - set(catalogue))
    index = {code: number for number, code in enumerate(codes)}
    urls = project_urls()
    driver: dict[str, Any] = {"name": "governance-lint", "version": __version__}
    if "Homepage" in urls:
        driver["informationUri"] = urls["Homepage"]
    driver["rules"] = [
        rule_object(catalogue[code], code, urls) if code in catalogue else {"id": code}
        for code in codes
    ]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if left_out > 0:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "warning",
                "message": {
                    "text": f"{left_out} results were left out: code scanning accepts at most "
                    f"{MAX_RESULTS} in a run (kept: unsuppressed first, then by severity)"
                },
            }
        ]
    results = [
        result_object(
            entries[i][0], ids[i], index[entries[i][0].code], report, entries[i][1], options.cwd
        )
        for i in kept
    ]
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]})
