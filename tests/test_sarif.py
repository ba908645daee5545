"""sarif: valid against the vendored SARIF 2.1.0 schema, and exactly what cli.md says."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from governance_lint import __version__
from governance_lint.output.formatters import sarif_format
from governance_lint.output.identity import fingerprint

from helpers import EXAMPLES, invoke, lint_paths, plain, valid_sarif


def git_project(tmp_path: Path, *examples: Path) -> Path:
    """A git work tree holding copies of ``examples`` (the project root of the run)."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for example in examples:
        shutil.copytree(example, tmp_path / example.name)
    return tmp_path


def sarif_of(*args: str, cwd: Path) -> dict[str, Any]:
    result = invoke("check", "--format", "sarif", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return valid_sarif(result.stdout)


def test_the_schema_rejects_what_it_should() -> None:
    with pytest.raises(AssertionError):
        valid_sarif('{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}')


def test_a_run_names_the_tool_the_rules_that_fired_and_every_result(tmp_path: Path) -> None:
    project = git_project(tmp_path, EXAMPLES / "series-c-saas" / "before")
    # paths are relative to the project root; these two rules are the example's story
    # (its owner list is joint ownership alone: no consensus-deadlock with it)
    sarif = sarif_of("--select", "DR002,RD001", ".", cwd=project / "before")
    assert sarif["version"] == "2.1.0" and len(sarif["runs"]) == 1
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("governance-lint", __version__)
    assert driver["informationUri"] == "https://github.com/governance-lint/governance-lint"
    assert [rule["id"] for rule in driver["rules"]] == ["DR002", "RD001"]  # catalogue order
    dr002 = driver["rules"][0]
    assert dr002["name"] == "joint-ownership"
    assert dr002["shortDescription"]["text"].startswith("A decision owned by two or more")
    assert dr002["fullDescription"]["text"].startswith(
        "Reports, at the `owner` field, a decision whose `owner`"
    )
    page = invoke("explain", "DR002").stdout
    assert dr002["help"] == {"text": page, "markdown": page}
    assert dr002["helpUri"] == (
        "https://github.com/governance-lint/governance-lint/blob/main/rules/"
        "DR002-joint-ownership.md"
    )
    assert dr002["defaultConfiguration"] == {"level": "error"}
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True}]
    first = run["results"][0]
    assert (first["ruleId"], first["ruleIndex"], first["level"]) == ("DR002", 0, "error")
    assert first["message"]["text"].startswith("decision `roadmap-timeline` has 2 owners")
    assert first["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "before/decisions.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 7, "startColumn": 12},
            }
        }
    ]
    identity = "DR002\nroadmap-timeline"
    assert first["partialFingerprints"] == {"governanceLint/v1": fingerprint(identity)}
    assert [r["ruleIndex"] for r in run["results"]] == [
        [rule["id"] for rule in driver["rules"]].index(r["ruleId"]) for r in run["results"]
    ]
    assert str(tmp_path) not in json.dumps(sarif)


def test_related_locations_are_the_other_entities_entry_keys(tmp_path: Path) -> None:
    project = git_project(tmp_path, EXAMPLES / "series-c-saas" / "before")
    sarif = sarif_of("--select", "DR002", str(project / "before"), cwd=project)
    result = sarif["runs"][0]["results"][0]
    org_lines = (project / "before" / "organization.yaml").read_text().splitlines()
    related = result["relatedLocations"]
    assert [item["message"]["text"] for item in related] == ["role `cpo`", "role `cto`"]
    for item, role in zip(related, ("cpo", "cto"), strict=True):
        where = item["physicalLocation"]
        assert where["artifactLocation"]["uri"] == "before/organization.yaml"
        line = org_lines[where["region"]["startLine"] - 1]
        assert line[where["region"]["startColumn"] - 1 :].startswith(f"{role}:")


def test_more_than_100_related_locations_are_cut_and_counted(tmp_path: Path) -> None:
    roles = "".join(
        f"  r{n:03}: {{title: R, reports_to: r{(n + 1) % 105:03}}}\n" for n in range(105)
    )
    (tmp_path / "org.yaml").write_text(f"governance: 1\nroles:\n{roles}")
    sarif = sarif_of("--select", "OR001", "org.yaml", cwd=tmp_path)
    (result,) = sarif["runs"][0]["results"]
    assert len(result["relatedLocations"]) == 100
    assert result["message"]["text"].endswith("(and 4 more)")
    assert result["relatedLocations"][0]["message"]["text"] == "role `r001`"


def test_suppressed_findings_are_results_with_an_in_source_suppression(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(
        "governance: 1\nroles:\n  cpo: {title: CPO}\n  cto: {title: CTO}\ndecisions:\n"
        "  # governance-lint: disable=DR002 -- split into two decisions in Q3\n"
        "  timeline: {title: Timeline, owner: [cpo, cto], tie_breaker: cpo}\n"
        "  plan: {title: Plan, owner: [cpo, cto], tie_breaker: cto}  "
        "# governance-lint: disable=joint-ownership\n"
    )
    sarif = sarif_of("--select", "DR002", "--fail-on", "info", "org.yaml", cwd=tmp_path)
    run = sarif["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["DR002"]
    by_line = {
        r["locations"][0]["physicalLocation"]["region"]["startLine"]: r for r in run["results"]
    }
    assert by_line[7]["suppressions"] == [
        {"kind": "inSource", "justification": "split into two decisions in Q3"}
    ]
    assert by_line[8]["suppressions"] == [{"kind": "inSource"}]


def test_uris_are_percent_encoded_and_project_relative(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    folder = tmp_path / "gov docs"
    folder.mkdir()
    (folder / "rôles #1 [draft] 100%.yaml").write_text(
        "governance: 1\ndecisions:\n  pricing: {title: Pricing}\n"
    )
    sarif = sarif_of("--select", "DR001", ".", cwd=folder)
    (result,) = sarif["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "gov%20docs/r%C3%B4les%20%231%20%5Bdraft%5D%20100%25.yaml"


def test_results_beyond_the_limit_are_left_out_suppressed_and_least_severe_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "org.yaml").write_text(
        "governance: 1\nroles:\n  lead: {title: Lead}\nteams:\n  ops: {name: Ops, lead: lead}\n"
        "decisions:\n  a: {title: A}\n  b: {title: B}\n  c: {title: C}\n"
        "  d: {title: D}  # governance-lint: disable=DR001 -- being drafted\n"
        "  e: {title: E, owner: ops}\n  f: {title: F, owner: ops}\n"
    )
    report = lint_paths(
        [tmp_path / "org.yaml"], select=["DR001", "DR003"], severity={"DR003": "warning"}
    )
    assert len(report.findings) == 5 and len(report.suppressed) == 1
    monkeypatch.setattr(sarif_format, "MAX_RESULTS", 4)
    run = valid_sarif(sarif_format.render(report, plain()))["runs"][0]
    kept = [(r["ruleId"], r["level"], "suppressions" in r) for r in run["results"]]
    assert kept == [("DR001", "error", False)] * 3 + [("DR003", "warning", False)]
    (notification,) = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "warning"
    assert notification["message"]["text"].startswith("2 results were left out")
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["DR001", "DR003"]
