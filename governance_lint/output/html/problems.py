"""Findings merged by root cause, so one fault is one card with one fix to settle.

Three causes are merged, as the offsite report asks: a decision with several owners and
the deadlock or tie it brings (DR002 with DL001 or DL003 on the same decision); a vacant
role or body and everything waiting on it (its vacancy findings, and every finding
about an entry the vacancy lists); one person over two load limits (DR006 and DR013 on
the same person). Every other finding is a problem of its own.
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
    dr002_joint_ownership,
    dr006_overloaded_owner,
    dr013_signoff_bottleneck,
)

# Several owners, and the deadlock or tie among them; one person over two load limits.
CO_OWNED = frozenset(
    module.RULE.code
    for module in (dr002_joint_ownership, dl001_consensus_deadlock, dl003_tie_possible)
)
OVERLOADED = frozenset(
    module.RULE.code for module in (dr006_overloaded_owner, dr013_signoff_bottleneck)
)


@dataclass(frozen=True)
class Problem:
    """One root cause: its findings, the most severe first."""

    findings: tuple[Finding, ...]

    @property
    def lead(self) -> Finding:
        return self.findings[0]

    @property
    def severity(self) -> str:
        return self.lead.severity

    def decisions(self, org: Organization) -> int:
        """How many decisions it holds up: those its findings name."""
        return len({e for f in self.findings for e in f.entities if e in org.decisions})


def _vacant_seat(org: Organization, finding: Finding) -> str | None:
    """The vacant role or body a finding is about: its subject, its first entity (a rule
    about a vacancy reports one finding per vacant role or body)."""
    if not finding.entities:
        return None
    seat = finding.entities[0]
    if (seat in org.roles or is_body(org, seat)) and is_vacant(org, seat):
        return seat
    return None


def problems(org: Organization, findings: Sequence[Finding]) -> list[Problem]:
    """The findings merged by root cause, ordered by severity, then by how many decisions
    each holds up, then as the findings are sorted. Linear in the findings and the
    entities they name (a union-find over keys)."""
    parent = list(range(len(findings)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def join(one: int, other: int) -> None:
        parent[root(one)] = root(other)

    owner_of: dict[tuple[str, str], int] = {}  # (cause, entity) -> first finding
    subject_of: dict[str, list[int]] = {}  # first entity -> findings about it
    for index, finding in enumerate(findings):
        subject = finding.entities[0] if finding.entities else None
        if subject is None:
            continue
        subject_of.setdefault(subject, []).append(index)
        cause = (
            "decision"
            if finding.code in CO_OWNED
            else "person"
            if finding.code in OVERLOADED
            else "seat"
            if _vacant_seat(org, finding)
            else None
        )
        if cause is not None:
            first = owner_of.setdefault((cause, subject), index)
            join(index, first)
    for index, finding in enumerate(findings):
        if _vacant_seat(org, finding) is None:
            continue
        for entity in finding.entities[1:]:
            for other in subject_of.get(entity, ()):
                join(other, index)
    grouped: dict[int, list[Finding]] = {}
    for index, finding in enumerate(findings):
        grouped.setdefault(root(index), []).append(finding)
    found = [
        Problem(tuple(sorted(group, key=lambda f: -SEVERITY_RANK[f.severity])))
        for group in grouped.values()
    ]
    first_seen = {id(p): n for n, p in enumerate(found)}
    return sorted(
        found,
        key=lambda p: (-SEVERITY_RANK[p.severity], -p.decisions(org), first_seen[id(p)]),
    )
