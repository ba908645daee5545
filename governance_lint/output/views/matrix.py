"""The decision-rights matrix (`matrix`): who does what for each decision, in one table
a management team can read: the people who carry decisions as columns, where each
decision is taken and how fast, and how much each column carries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.cadences import reviewed_in
from governance_lint.model.modes import decide_within, pool, tie_breaker
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import (
    deciders,
    holders,
    is_body,
    roles_held,
    team_lead,
    team_members,
)
from governance_lint.output.views.names import body_label, entity_text, person_name, role_lines
from governance_lint.rules import ALL_RULES
from governance_lint.rules._people import percent_shown, share_crossed
from governance_lint.rules.dr006_overloaded_owner import decisions_by_person
from governance_lint.rules.dr013_signoff_bottleneck import signers

# `A` would read as RACI's "Accountable", and `T` stood for two things: the letters say
# what each one does, in the order a decision goes through them.
LETTERS = "ODSVTRCIE"
LEGEND: dict[str, str] = {
    "O": "owns",
    "D": "decides with others",
    "S": "signs off (approves)",
    "V": "vetoes",
    "T": "tie-breaker (casting vote)",
    "R": "may overrule (override)",
    "C": "consulted",
    "I": "informed",
    "E": "executes",
}
# The letters a totals row counts as signing off: each is a queue in front of its column.
SIGN_OFF_LETTERS = frozenset("SVTR")
# Findings about a vacant role or body, a body or an alumni person, listed on the row of
# each decision their entities name (their rules declare `decision_rows`).
LISTED_ON_DECISIONS = frozenset(rule.code for rule in ALL_RULES if rule.decision_rows)
# The fields that give each letter (O and D are worked out from owner and deciders, T
# from the decision's tie-breaker, its own or the body's that owns it, E from
# executed_by with a team as one column).
_FIELD_LETTERS = (
    ("approvals", "S"),
    ("vetoes", "V"),
    ("override", "R"),
    ("consulted", "C"),
    ("informed", "I"),
)


@dataclass(frozen=True)
class Row:
    """One decision: its scope, the codes of its findings, a letters cell per column,
    the cadences it is taken in and how fast it must be decided."""

    decision: str
    title: str
    scope: str | None
    findings: tuple[str, ...]
    cells: dict[str, str]
    pool: tuple[str, ...] = ()  # mode `any`: the deciders any one of whom decides alone
    reviewed_in: tuple[str, ...] = ()
    decide_within: str | None = None


@dataclass(frozen=True)
class Total:
    """What one column carries: the rows it owns (`O`) and signs off on (`S`, `V`, `T`,
    `R`), and, for a person over the overloaded-owner or sign-off-bottleneck limit as
    those rules count them (across every role they hold), what the rule would say."""

    owns: int = 0
    signs_off: int = 0
    over_owns: str | None = None
    over_signs_off: str | None = None


@dataclass(frozen=True)
class Over:
    """One person over a load limit: their name, the titles of the columns that stand
    for them, and what the rules say ("owns 14 decisions; the limit is 12")."""

    name: str
    seats: tuple[str, ...]
    says: tuple[str, ...]


@dataclass(frozen=True)
class Matrix:
    """Columns (roles, then people who hold no role, then teams and bodies), each with a
    letter somewhere, and rows grouped by scope."""

    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    # How a reader names each column and cadence, raw: a role's title with its holders'
    # names ("Chief Executive Officer (Ana Lima)"), a person's or team's name, a body's
    # with its decision rule, a cadence's title.
    titles: dict[str, str] = field(default_factory=dict)
    totals: dict[str, Total] = field(default_factory=dict)
    over: tuple[Over, ...] = ()  # each person over a limit once, in column order

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


def _executing_columns(org: Organization, entity_id: str) -> tuple[str, ...]:
    """Who executes: a team is one column (the team does the work, not each member)."""
    return (entity_id,) if org.kind_of(entity_id) == "team" else columns_of(org, entity_id)


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
    if decision.sound("executed_by"):
        for target in decision.ids("executed_by"):
            mark(_executing_columns(org, target), "E")
    return {
        column: "".join(letter for letter in LETTERS if letter in letters)
        for column, letters in marks.items()
    }


def _text(decision: Entity, name: str) -> str | None:
    value = decision.get(name)
    return value if isinstance(value, str) and decision.sound(name) else None


def _within(org: Organization, decision: Entity) -> str | None:
    """The decision's `decide_within`, its own or its body's, when it can be read."""
    taken = decide_within(org, decision)
    return taken.value if taken.sound and isinstance(taken.value, str) else None


def _over(count: int, limit: float, share: float, total: int, verb: str) -> str | None:
    """What the load rule says of a person counted ``count`` times, or None under both
    limits: the absolute limit when crossed, else the share."""
    if count > limit:
        return f"{verb} {count} decisions; the limit is {limit:g}"
    if share_crossed(count, share, total):
        shown = percent_shown(count, share, total)
        return f"{verb} {count} of {total} decisions ({shown}%), more than {share:g}%"
    return None


def _person_limits(org: Organization, config: Config) -> tuple[dict[str, str], dict[str, str]]:
    """Person id -> what the overloaded-owner and the sign-off-bottleneck rules say of
    them, counted by the rules' own counting, for the people over a limit."""
    total = len(org.decisions)
    owned, _ = decisions_by_person(org, org.index.roles_held)
    signed: dict[str, int] = {}
    for decision in org.decisions.values():
        for person in signers(org, decision):
            signed[person] = signed.get(person, 0) + 1
    owns_limit = config.threshold("max_decisions_per_owner")
    owns_share = config.threshold("max_owned_share")
    signs_limit = config.threshold("max_signoffs_per_person")
    signs_share = config.threshold("max_signoff_share")
    over_owns = {
        person: text
        for person, decisions in owned.items()
        if (text := _over(len(decisions), owns_limit, owns_share, total, "owns"))
    }
    over_signs = {
        person: text
        for person, count in signed.items()
        if (text := _over(count, signs_limit, signs_share, total, "signs off on"))
    }
    return over_owns, over_signs


def _people_of(org: Organization, column: str) -> tuple[str, ...]:
    """The people a column stands for: a role's holders, a person; a team no one (a
    body decides as one)."""
    if column in org.roles:
        return holders(org, column)
    return (column,) if column in org.people else ()


def _totals(
    org: Organization, columns: tuple[str, ...], rows: list[Row], config: Config | None
) -> tuple[dict[str, Total], tuple[Over, ...]]:
    over_owns, over_signs = _person_limits(org, config) if config else ({}, {})
    owns: dict[str, int] = {}
    signs: dict[str, int] = {}
    for row in rows:  # one pass over the letters written, not every empty cell
        for column, letters in row.cells.items():
            owns[column] = owns.get(column, 0) + ("O" in letters)
            signs[column] = signs.get(column, 0) + bool(SIGN_OFF_LETTERS.intersection(letters))
    totals = {}
    seats: dict[str, list[str]] = {}
    for column in columns:
        people = _people_of(org, column)
        for person in people:
            if person in over_owns or person in over_signs:
                title = role_lines(org, column, str)[0] if column in org.roles else None
                seats.setdefault(person, []).extend((title,) if title else ())
        owned = [over_owns[p] for p in people if p in over_owns]
        signed = [over_signs[p] for p in people if p in over_signs]
        totals[column] = Total(
            owns=owns.get(column, 0),
            signs_off=signs.get(column, 0),
            over_owns="; ".join(owned) if owned else None,
            over_signs_off="; ".join(signed) if signed else None,
        )
    over = tuple(
        Over(
            person_name(org, person),
            tuple(titles),
            tuple(said for said in (over_owns.get(person), over_signs.get(person)) if said),
        )
        for person, titles in seats.items()
    )
    return totals, over


def build_matrix(
    org: Organization, findings: Sequence[Finding], config: Config | None = None
) -> Matrix:
    """The matrix of every decision, with the codes of the findings about each; with the
    run's configuration, the totals mark the columns whose people are over the load
    limits it sets."""
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
                reviewed_in(org, decision) if decision.sound("reviewed_in") else (),
                _within(org, decision),
            )
        )
    roles = tuple(role for role in org.roles if role in used)
    people = tuple(sorted(column for column in used if column in org.people))
    teams = tuple(sorted(column for column in used if column in org.teams))
    ordered = sorted(rows, key=lambda row: (row.scope is None, row.scope or "", row.decision))
    columns = (*roles, *people, *teams)
    titles = {column: _column_title(org, column) for column in columns}
    for row in ordered:
        titles.update((cadence, entity_text(org, cadence, str)) for cadence in row.reviewed_in)
    totals, over = _totals(org, columns, ordered, config)
    return Matrix(columns, tuple(ordered), titles, totals, over)


def _column_title(org: Organization, column: str) -> str:
    """A role with its holders ("Co-chairs (Bo Chen, Cy Park)", "CFO (vacant)"); a
    body with its decision rule; a person's or a team's name."""
    if column in org.roles:
        title, names = role_lines(org, column, str)
        return f"{title} ({names})"
    if is_body(org, column):
        return body_label(org, column, str)
    return entity_text(org, column, str)
