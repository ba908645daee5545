"""The decision-rights matrix (`matrix`): who does what for each decision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from governance_lint.findings import Finding
from governance_lint.model.modes import pool, tie_breaker
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import deciders, is_body, roles_held, team_lead, team_members
from governance_lint.output.views.names import body_rule, seat_label
from governance_lint.rules import ALL_RULES

LETTERS = "ODAVTCIE"
LEGEND: dict[str, str] = {
    "O": "owns",
    "D": "decides with others",
    "A": "approves",
    "V": "vetoes",
    "T": "holds the casting vote or the override",
    "C": "consulted",
    "I": "informed",
    "E": "executes",
}
# Findings about a vacant role or body, a body or an alumni person, listed on the row of
# each decision their entities name (their rules declare `decision_rows`).
LISTED_ON_DECISIONS = frozenset(rule.code for rule in ALL_RULES if rule.decision_rows)
# The fields that give each letter (O and D are worked out from owner and deciders, T
# from the decision's tie-breaker, its own or the body's that owns it).
_FIELD_LETTERS = (
    ("approvals", "A"),
    ("vetoes", "V"),
    ("override", "T"),
    ("consulted", "C"),
    ("informed", "I"),
    ("executed_by", "E"),
)


@dataclass(frozen=True)
class Row:
    """One decision: its scope, the codes of its findings, and a letters cell per column."""

    decision: str
    title: str
    scope: str | None
    findings: tuple[str, ...]
    cells: dict[str, str]
    pool: tuple[str, ...] = ()  # mode `any`: the deciders any one of whom decides alone


@dataclass(frozen=True)
class Matrix:
    """Columns (roles, then people who hold no role, then bodies) and rows grouped by
    scope."""

    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    # What a column's id alone does not say, raw: a shared seat's title and holders, a
    # body's decision rule.
    labels: dict[str, str] = field(default_factory=dict)

    def groups(self) -> list[tuple[str | None, list[Row]]]:
        """Rows by scope, scopes in sorted order, the decisions with no scope last."""
        grouped: dict[str | None, list[Row]] = {}
        for row in self.rows:
            grouped.setdefault(row.scope, []).append(row)
        return [(scope, grouped[scope]) for scope in _scope_order(grouped)]


def _scope_order(grouped: dict[str | None, list[Row]]) -> list[str | None]:
    named = sorted(scope for scope in grouped if scope is not None)
    return [*named, *([None] if None in grouped else [])]


def columns_of(org: Organization, entity_id: str) -> tuple[str, ...]:
    """The columns an id marks: a role itself; a person the roles they hold (else
    themself; an alumni person who holds none, nothing: they carry no load); a team its
    lead and its members, each as above."""
    kind = org.kind_of(entity_id)
    if kind == "role":
        return (entity_id,)
    if kind == "person":
        held = roles_held(org, entity_id)
        if held or org.people[entity_id].status == "alumni":
            return held
        return (entity_id,)
    if kind == "team":
        lead = team_lead(org, entity_id)
        found: list[str] = []
        for member in (*((lead,) if lead else ()), *team_members(org, entity_id)):
            found.extend(columns_of(org, member))
        return tuple(dict.fromkeys(found))
    return ()


def _acting_columns(org: Organization, entity_id: str) -> tuple[str, ...]:
    """Where one who acts as one is named (owner, tie-breaker, override): a body is its
    own column, deciding by its own rule; anything else as ``columns_of``."""
    return (entity_id,) if is_body(org, entity_id) else columns_of(org, entity_id)


def _owner_columns(org: Organization, decision: Entity) -> tuple[str, ...]:
    """Owners as written; a body owns as itself; a plain team owner marks only its lead."""
    found: list[str] = []
    for owner in decision.ids("owner") if decision.sound("owner") else ():
        if is_body(org, owner):
            found.append(owner)
        elif org.kind_of(owner) == "team":
            lead = team_lead(org, owner)
            found.extend(columns_of(org, lead) if lead else ())
        else:
            found.extend(columns_of(org, owner))
    return tuple(dict.fromkeys(found))


def cells_of(org: Organization, decision: Entity) -> dict[str, str]:
    """Column -> letters in legend order, for one decision."""
    marks: dict[str, set[str]] = {}

    def mark(columns: tuple[str, ...], letter: str) -> None:
        for column in columns:
            marks.setdefault(column, set()).add(letter)

    owners = _owner_columns(org, decision)
    mark(owners, "O")
    if decision.sound("owner") and decision.sound("deciders"):
        for decider in deciders(org, decision) or ():
            mark(tuple(c for c in columns_of(org, decider) if c not in owners), "D")
    casting = tie_breaker(org, decision)
    if casting.sound and isinstance(casting.value, str) and casting.value in org.entities:
        mark(_acting_columns(org, casting.value), "T")
    for name, letter in _FIELD_LETTERS:
        if decision.sound(name):
            for target in decision.ids(name):
                found = _acting_columns(org, target) if name == "override" else None
                mark(found if found is not None else columns_of(org, target), letter)
    return {
        column: "".join(letter for letter in LETTERS if letter in letters)
        for column, letters in marks.items()
    }


def _text(decision: Entity, name: str) -> str | None:
    value = decision.get(name)
    return value if isinstance(value, str) and decision.sound(name) else None


def build_matrix(org: Organization, findings: Sequence[Finding]) -> Matrix:
    """The matrix of every decision, with the codes of the findings about each."""
    codes: dict[str, set[str]] = {}
    for finding in findings:
        if finding.entities and finding.entities[0] in org.decisions:
            codes.setdefault(finding.entities[0], set()).add(finding.code)
        elif finding.code in LISTED_ON_DECISIONS:
            for entity in dict.fromkeys(finding.entities):
                if entity in org.decisions:
                    codes.setdefault(entity, set()).add(finding.code)
    rows = []
    used: set[str] = set()
    for decision_id, decision in org.decisions.items():
        cells = cells_of(org, decision)
        used.update(cells)
        rows.append(
            Row(
                decision_id,
                _text(decision, "title") or "",
                _text(decision, "scope"),
                tuple(sorted(codes.get(decision_id, ()))),
                cells,
                pool(org, decision) if decision.sound("owner") else (),
            )
        )
    roles = tuple(org.roles)
    people = tuple(sorted(column for column in used if column in org.people))
    bodies = tuple(sorted(column for column in used if column in org.teams))
    ordered = sorted(rows, key=lambda row: (row.scope is None, row.scope or "", row.decision))
    columns = (*roles, *people, *bodies)
    labels = {}
    for column in columns:
        label = seat_label(org, column, str) if column in org.roles else body_rule(org, column)
        if label:
            labels[column] = label
    return Matrix(columns, tuple(ordered), labels)
