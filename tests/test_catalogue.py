"""The registry holds exactly the catalogue: 64 rules, codes, names and order fixed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import governance_lint
from governance_lint.rules import ALL_RULES, find

PACKAGE = Path(governance_lint.__file__).parent
A_CODE = re.compile(r"\b(?:GL|DR|ES|DL|RD|CD|OR|RC)[0-9]{3}\b")

CATALOGUE = """
GL001 yaml-syntax error | GL002 schema-violation error | GL003 duplicate-key error
GL004 duplicate-id error | GL005 unknown-reference error | GL006 unsafe-yaml error
GL007 unused-suppression warning | GL008 missing-version warning
GL009 expired-suppression warning | GL010 missing-suppression-reason warning
DR001 missing-owner error | DR002 joint-ownership error | DR003 team-owner error
DR004 vacant-owner error | DR005 overlapping-scope warning | DR006 overloaded-owner warning
DR007 accountability-without-authority warning | DR008 approval-chain-too-long warning
DR009 override-not-above-owner warning | DR010 redundant-raci info
DR011 self-approval warning | DR012 conflicting-incentives warning
DR013 sign-off-bottleneck warning | DR014 consultation-overload info
ES001 no-escalation-path error | ES002 escalation-cycle error | ES003 self-escalation error
ES004 escalation-too-deep warning | ES005 vacant-escalation error
DL001 consensus-deadlock error | DL002 multiple-vetoes warning | DL003 tie-possible warning
DL004 unreachable-quorum error | DL005 dependency-cycle error
DL006 open-ended-group-decision warning | DL007 vacant-casting-vote error
DL008 blocking-peer warning
RD001 handoff-without-ready warning | RD002 empty-ready error
RD003 ready-without-acceptor warning
CD001 decision-never-reviewed warning | CD002 cadence-without-chair warning
CD003 idle-cadence warning | CD004 metric-without-owner warning
CD005 metric-never-reviewed warning | CD006 missing-operating-rhythm info
CD007 owner-absent-from-review warning | CD008 no-leading-indicators info
CD009 meeting-overload info
OR001 reporting-cycle error | OR002 multiple-tops warning | OR003 role-overload warning
OR004 unplaced-person info | OR005 team-without-lead warning | OR006 team-parent-cycle error
OR007 former-member-in-role warning
RC001 decided-above-owner warning | RC002 decided-elsewhere warning | RC003 late-decisions warning
RC004 habitual-escalation warning | RC005 frequent-rework info
RC006 meeting-without-decisions info | RC007 indicator-off-limit warning
RC008 stale-open-record info
"""
THRESHOLDS = {
    "max_decisions_per_owner": ("DR006", 12),
    "max_owned_share": ("DR006", 25),
    "max_approvals": ("DR008", 3),
    "max_signoffs_per_person": ("DR013", 12),
    "max_signoff_share": ("DR013", 33),
    "max_consulted": ("DR014", 5),
    "max_escalation_hops": ("ES004", 4),
    "max_meetings_per_week": ("CD009", 10),
    "max_roles_per_person": ("OR003", 3),
    "max_decided_above_share": ("RC001", 25),
    "max_late_share": ("RC003", 25),
    "max_escalation_share": ("RC004", 30),
    "max_rework_share": ("RC005", 20),
}


def catalogue() -> list[tuple[str, str, str]]:
    entries = CATALOGUE.replace("\n", " | ").split("|")
    return [tuple(entry.split()) for entry in entries if entry.strip()]  # type: ignore[misc]


def test_the_registry_is_the_catalogue_in_its_order() -> None:
    assert [(r.code, r.name, r.severity) for r in ALL_RULES] == catalogue()
    assert len(ALL_RULES) == 64


def test_every_rule_is_found_by_code_and_by_name() -> None:
    for rule in ALL_RULES:
        assert find(rule.code) is rule and find(rule.name) is rule and find(rule.code.lower())


def test_thresholds_have_the_catalogue_defaults_on_the_right_rules() -> None:
    declared = {
        name: (rule.code, value) for rule in ALL_RULES for name, value in rule.thresholds.items()
    }
    assert declared == THRESHOLDS


def test_no_rule_code_is_written_outside_the_rules_package() -> None:
    """Every fact about a rule is read from its declaration: a code written as a string
    elsewhere is a list keyed by code growing back (docstrings may name codes)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] == "rules":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        found += [
            f"{path.relative_to(PACKAGE)}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and A_CODE.search(node.value)
        ]
    assert found == []
