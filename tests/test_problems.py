"""problems(): findings grouped by root cause, for the summary's diagrams and the agenda."""

from __future__ import annotations

from governance_lint.findings import Finding, Group, Location
from governance_lint.model.organization import Organization
from governance_lint.output.problems import problems

from helpers import lint_text

# `cfo` is vacant; `maya` holds `ceo`; `ops` is a team with no lead.
ORG = """governance: 1
people:
  maya: {name: Maya}
roles:
  ceo: {title: CEO, holder: maya}
  cfo: {title: CFO, reports_to: ceo}
teams:
  ops: {name: Ops}
decisions:
""" + "".join(
    f"  {d}: {{title: {d}}}\n"
    for d in ("pricing", "budget", "payroll", "tax", "expansion", "a", "b")
)


def _org() -> Organization:
    return lint_text(ORG, []).org


def _finding(code: str, *entities: str, severity: str = "error", listed: bool = False) -> Finding:
    group = Group(entities[1:], (), "", "", "") if listed else None
    return Finding(
        code,
        Location("org.yaml", 1, 1),
        code,
        "fix it",
        entities=entities,
        severity=severity,  # type: ignore[arg-type]
        group=group,
    )


def test_findings_of_one_root_cause_are_one_problem() -> None:
    dl001 = _finding("DL001", "pricing", "cpo", "cto")
    dr002 = _finding("DR002", "pricing", "cpo", "cto")
    cd001 = _finding("CD001", "pricing", severity="warning")  # another fault of `pricing`
    es001 = _finding("ES001", "budget")
    dr004 = _finding("DR004", "cfo", "budget", "payroll", listed=True)
    dl007 = _finding("DL007", "cfo", "tax", listed=True)
    dr013 = _finding("DR013", "maya", "ceo", "a", severity="warning")
    dr006 = _finding("DR006", "maya", "ceo", "b", severity="warning")
    dr005 = _finding("DR005", "expansion", severity="warning")
    found = problems(_org(), [dl001, dr002, cd001, es001, dr004, dl007, dr013, dr006, dr005])
    # errors first, then the problems holding up the most decisions, then first seen
    assert [p.findings for p in found] == [
        (dr004, dl007, es001),  # the vacant `cfo` and what waits on it: 3 decisions
        (dr002, dl001),  # the owner list explains the deadlock: 1 decision
        (dr006, dr013),  # one person over two limits: `a` and `b`
        (cd001,),
        (dr005,),
    ]
    assert [p.severity for p in found] == ["error", "error", "warning", "warning", "warning"]
    assert found[0].entities == ("cfo", "budget", "payroll", "tax")
    assert found[0].decisions == ("budget", "payroll", "tax")


def test_an_unlisted_finding_about_a_seat_is_not_merged() -> None:
    """OR005 about a team with no lead lists nothing: only a vacancy's listing merges."""
    or005 = _finding("OR005", "ops")
    dr003 = _finding("DR003", "ops")
    assert [p.findings for p in problems(_org(), [or005, dr003])] == [(or005,), (dr003,)]
