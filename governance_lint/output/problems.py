"""Findings grouped by root cause: what a reader settles as one problem.

Several findings can come from one fault: a decision with two owners that also cannot
break a tie, a vacant role and every entry waiting on it, one person over the ownership
and the sign-off limits. The markdown summary draws one diagram per problem, and the
report's agenda can list one item per problem, from ``problems(findings)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from governance_lint.findings import SEVERITIES, Finding

# A vacant role's or body's one finding, listing the entries that wait on it.
VACANCY_CODES = frozenset({"DR004", "ES005", "DL007", "OR005", "CD002", "CD004", "RD003"})
# Findings about the same first entity that one change removes together: an owner list
# (DR002) is also why a decision cannot break a tie or end (DL001, DL003, DL006); one
# person's load shows as owning (DR006) and signing off (DR013).
SAME_FAULT: dict[str, frozenset[str]] = {
    "DR002": frozenset({"DL001", "DL003", "DL006"}),
    "DR006": frozenset({"DR013"}),
}
_JOINED = {code: root for root, codes in SAME_FAULT.items() for code in codes}


@dataclass(frozen=True)
class Problem:
    """One root cause: its findings, the one that explains the others first."""

    findings: tuple[Finding, ...]

    @property
    def root(self) -> Finding:
        return self.findings[0]

    @property
    def severity(self) -> str:
        return min((f.severity for f in self.findings), key=SEVERITIES.index)

    @property
    def entities(self) -> tuple[str, ...]:
        """Every entity of its findings, each once, the root's first."""
        return tuple(dict.fromkeys(e for f in self.findings for e in f.entities))


def is_vacancy(finding: Finding) -> bool:
    """A vacant role's or body's one finding that lists what waits on it."""
    return finding.code in VACANCY_CODES and finding.group is not None


def _rank(finding: Finding) -> tuple[int, int]:
    """Which finding explains the others: a vacancy, then an owner list or a person's
    ownership, then the rest; errors before warnings."""
    kind = 0 if is_vacancy(finding) else 1 if finding.code in SAME_FAULT else 2
    return kind, SEVERITIES.index(finding.severity)


def problems(findings: Sequence[Finding]) -> list[Problem]:
    """The findings grouped by root cause, in the order of each problem's first finding:
    findings of the same fault about the same first entity (DR002 with DL001, DL003 or
    DL006; DR006 with DR013); a vacancy finding with every finding about the vacant
    seat or an entry it lists. Linear in the findings and their entities."""
    parent = list(range(len(findings)))

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def join(first: int, second: int) -> None:
        parent[find(second)] = find(first)

    about: dict[str, list[int]] = {}
    for index, finding in enumerate(findings):
        if finding.entities:
            about.setdefault(finding.entities[0], []).append(index)
    for indexes in about.values():
        roots = {findings[i].code: i for i in indexes if findings[i].code in SAME_FAULT}
        for index in indexes:
            root = roots.get(_JOINED.get(findings[index].code, ""))
            if root is not None:
                join(root, index)
    for index, finding in enumerate(findings):
        if is_vacancy(finding):
            for entity in dict.fromkeys(finding.entities):
                for other in about.get(entity, ()):
                    join(index, other)
    grouped: dict[int, list[int]] = {}
    for index in range(len(findings)):
        grouped.setdefault(find(index), []).append(index)
    ordered = sorted(grouped.values(), key=min)
    return [
        Problem(tuple(findings[i] for i in sorted(members, key=lambda i: (_rank(findings[i]), i))))
        for members in ordered
    ]
