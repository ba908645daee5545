"""Findings merged by root cause: what a reader settles as one problem.

Several findings can come from one fault, and an executive team settles faults, not
findings. Three causes are merged: a decision with several owners and the deadlock or
tie among them (the joint-ownership finding with a consensus-deadlock, tie-possible or
open-ended-group-decision finding on the same decision); a vacant role or body and
everything waiting on it (its one vacancy finding, and every finding about it or about
an entry that finding lists); one person over two load limits (overloaded-owner and
sign-off-bottleneck on the same person). Every other finding is a problem of its own.
The report draws one card per problem, its agenda one item, and the markdown summary one
diagram.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from governance_lint.findings import SEVERITY_RANK, Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import is_body, is_vacant
from governance_lint.rules import (
    dl001_consensus_deadlock,
    dl003_tie_possible,
    dl006_open_ended_group_decision,
    dr002_joint_ownership,
    dr006_overloaded_owner,
    dr013_signoff_bottleneck,
)

# The root of each merged cause, first among its findings, and the codes it explains.
CO_OWNED = dr002_joint_ownership.RULE.code
WITH_CO_OWNED = frozenset(
    module.RULE.code
    for module in (dl001_consensus_deadlock, dl003_tie_possible, dl006_open_ended_group_decision)
)
OVERLOADED = dr006_overloaded_owner.RULE.code
WITH_OVERLOADED = frozenset({dr013_signoff_bottleneck.RULE.code})


@dataclass(frozen=True)
class Problem:
    """One root cause: its findings, the one that explains the others first, and the
    decisions it holds up (those its findings name, sorted)."""

    findings: tuple[Finding, ...]
    decisions: tuple[str, ...]

    @property
    def lead(self) -> Finding:
        return self.findings[0]

    @property
    def severity(self) -> str:
        return max((f.severity for f in self.findings), key=SEVERITY_RANK.__getitem__)

    @property
    def entities(self) -> tuple[str, ...]:
        """Every entity of its findings, each once, the lead's first."""
        return tuple(dict.fromkeys(e for f in self.findings for e in f.entities))


def vacant_seat(org: Organization, finding: Finding) -> str | None:
    """The vacant role or body a vacancy finding is about: its subject, when the finding
    lists what waits on it (one finding per vacant role or body)."""
    if finding.group is None or not finding.entities:
        return None
    seat = finding.entities[0]
    if (seat in org.roles or is_body(org, seat)) and is_vacant(org, seat):
        return seat
    return None


def _rank(org: Organization, finding: Finding) -> tuple[int, int]:
    """Which finding explains the others: a vacancy, then an owner list or a person's
    ownership, then the rest; the most severe first."""
    if vacant_seat(org, finding) is not None:
        kind = 0
    elif finding.code in (CO_OWNED, OVERLOADED):
        kind = 1
    else:
        kind = 2
    return kind, -SEVERITY_RANK[finding.severity]


def problems(org: Organization, findings: Sequence[Finding]) -> list[Problem]:
    """The findings merged by root cause, the most severe problems first, then those
    holding up the most decisions, then in the order of their first finding. Linear in
    the findings and the entities they name (a union-find)."""
    parent = list(range(len(findings)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def join(one: int, other: int) -> None:
        parent[root(one)] = root(other)

    about: dict[str, list[int]] = {}  # first entity -> findings about it
    for index, finding in enumerate(findings):
        if finding.entities:
            about.setdefault(finding.entities[0], []).append(index)
    for indexes in about.values():
        roots = {findings[i].code: i for i in indexes if findings[i].code in (CO_OWNED, OVERLOADED)}
        for index in indexes:
            code = findings[index].code
            lead = roots.get(
                CO_OWNED if code in WITH_CO_OWNED else OVERLOADED if code in WITH_OVERLOADED else ""
            )
            if lead is not None:
                join(index, lead)
    for index, finding in enumerate(findings):
        if vacant_seat(org, finding) is not None:
            for entity in dict.fromkeys(finding.entities):
                for other in about.get(entity, ()):
                    join(other, index)
    grouped: dict[int, list[int]] = {}
    for index in range(len(findings)):
        grouped.setdefault(root(index), []).append(index)
    found = []
    for members in grouped.values():
        ordered = sorted(members, key=lambda i: (_rank(org, findings[i]), i))
        merged = tuple(findings[i] for i in ordered)
        decisions = sorted({e for f in merged for e in f.entities if e in org.decisions})
        found.append((min(members), Problem(merged, tuple(decisions))))
    found.sort(
        key=lambda item: (-SEVERITY_RANK[item[1].severity], -len(item[1].decisions), item[0])
    )
    return [problem for _, problem in found]
