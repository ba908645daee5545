"""What a reader asks first: how healthy the decision system is, who carries the load,
and what the meetings review. Counts follow the rules' terms (seats, chains)."""

from __future__ import annotations

from dataclasses import dataclass

from governance_lint.model.cadences import MEETINGS_PER_WEEK, every
from governance_lint.model.escalation import Chain, chains
from governance_lint.model.graph import relation
from governance_lint.model.modes import decision_mode, owning_body, tie_breaker
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import (
    GROUP_MODES,
    final_authority,
    is_body,
    is_vacant,
    seats,
    team_lead,
    team_members,
)

# What the page counts as signing off: an approval, a veto, a casting vote or an
# override. A decision's own `escalates_to` is where it goes when stuck, shown apart.
SIGN_OFF = ("approvals", "vetoes", "tie_breaker", "override")


def seats_of(org: Organization, entity_id: str) -> set[str]:
    """Who an id counts as: a role its holder (a vacant role itself), a person themself,
    a body itself (it acts as one), a team its lead and members, each as above."""
    kind = org.kind_of(entity_id)
    if kind in ("role", "person"):
        return set(seats(org, entity_id))  # a shared seat: each holder
    if is_body(org, entity_id):
        return {entity_id}
    if kind == "team":
        lead = team_lead(org, entity_id)
        members = (*((lead,) if lead else ()), *team_members(org, entity_id))
        return {found for member in members for found in seats_of(org, member)}
    return set()


def _field_seats(org: Organization, decision: Entity, name: str) -> set[str]:
    if name == "tie_breaker":
        return _casting_seats(org, decision)
    if not decision.sound(name):
        return set()
    return {found for target in decision.ids(name) for found in seats_of(org, target)}


def _casting_seats(org: Organization, decision: Entity) -> set[str]:
    """The decision's `tie_breaker`: its own, else its owning body's, as the sign-off
    bottleneck rule counts it (on each decision that takes it)."""
    found = tie_breaker(org, decision)
    if found.source is None or not found.sound:
        return set()
    return {seat for target in found.source.ids("tie_breaker") for seat in seats_of(org, target)}


@dataclass
class Load:
    """One seat's load: a person, a body (the decisions it takes as one), or a vacant
    role that still carries decisions."""

    seat: str
    owned: int = 0
    approvals: int = 0
    vetoes: int = 0
    casting: int = 0
    signoffs: int = 0
    escalations: int = 0  # decisions whose own `escalates_to` names it: not a sign-off
    on: int = 0  # decisions it owns or signs off on, each once
    meetings: int = 0
    weekly: float = 0.0

    @property
    def weight(self) -> int:
        return self.owned + self.signoffs


def loads(org: Organization) -> list[Load]:
    """Every active person, every body that carries decisions, and every vacant role
    that decisions wait on, heaviest first. Alumni are left out: they have left, and
    OR007 reports what still relies on them."""
    table: dict[str, Load] = {
        person: Load(person) for person, entry in org.people.items() if entry.status != "alumni"
    }

    def load(of: str) -> Load:
        return table.setdefault(of, Load(of))

    for decision in org.decisions.values():
        owning: set[str] = set()
        if decision.sound("owner"):
            # a body takes the decision as one: its load, not its chair's; a shared seat
            # is each holder's
            body = owning_body(org, decision)
            owning = set((body.id,) if body else org.index.facts(decision).seats)
            for owner in owning:
                load(owner).owned += 1
        for found in _field_seats(org, decision, "approvals"):
            load(found).approvals += 1
        for found in _field_seats(org, decision, "vetoes"):
            load(found).vetoes += 1
        casting = _field_seats(org, decision, "tie_breaker")
        for found in casting | _field_seats(org, decision, "override"):
            load(found).casting += 1
        signing = {s for name in SIGN_OFF for s in _field_seats(org, decision, name)}
        for found in signing:
            load(found).signoffs += 1
        for found in _field_seats(org, decision, "escalates_to"):
            load(found).escalations += 1
        for found in owning | signing:
            load(found).on += 1
    for cadence in org.cadences.values():
        present = _field_seats(org, cadence, "chair") | _field_seats(org, cadence, "attendees")
        weight = MEETINGS_PER_WEEK.get(every(cadence) or "", 0)
        for found in present:
            load(found).meetings += 1
            load(found).weekly += weight
    alumni = {person for person, entry in org.people.items() if entry.status == "alumni"}
    rows = [
        row
        for row in table.values()
        if row.seat not in alumni and (row.seat in org.people or row.weight or row.escalations)
    ]
    return sorted(rows, key=lambda row: (-row.weight, -row.meetings, row.seat))


@dataclass(frozen=True)
class Health:
    """The summary's numbers."""

    decisions: int
    one_owner: int
    to_final_authority: int
    reviewed: int
    final_authority: str | None
    vacant_roles: tuple[str, ...]
    longest: tuple[str, Chain] | None
    vacant_bodies: tuple[str, ...] = ()  # none of their deciders a held role or a person
    looping: int = 0  # decisions whose escalation chain loops


def has_one_owner(org: Organization, decision: Entity) -> bool:
    """Exactly one accountable owner: one role or person, or a team deciding as a body."""
    owners = decision.ids("owner") if decision.sound("owner") else ()
    if len(owners) != 1:
        return False
    kind = org.kind_of(owners[0])
    if kind == "team":  # deciding as one: the decision's mode, a body's `decides_by` included
        return decision_mode(org, decision) in GROUP_MODES
    return kind in ("role", "person")


def is_reviewed(org: Organization, decision: Entity) -> bool:
    return decision.sound("reviewed_in") and any(
        org.kind_of(cadence) == "cadence" for cadence in decision.ids("reviewed_in")
    )


def health(org: Organization) -> Health:
    authority = final_authority(org)
    one = reaching = reviewed = looping = 0
    longest: tuple[str, Chain] | None = None
    for decision_id, decision in org.decisions.items():
        one += has_one_owner(org, decision)
        reviewed += is_reviewed(org, decision)
        found = chains(org, decision)
        reaching += bool(found) and all(c.end == "end" and c.path[-1] == authority for c in found)
        looping += any(c.end == "loop" for c in found)
        for chain in found:
            if chain.end != "loop" and (longest is None or len(chain.hops) > len(longest[1].hops)):
                longest = (decision_id, chain)
    vacant = tuple(role for role in org.roles if is_vacant(org, role))
    bodies = tuple(team for team in org.teams if is_body(org, team) and is_vacant(org, team))
    return Health(
        len(org.decisions), one, reaching, reviewed, authority, vacant, longest, bodies, looping
    )


@dataclass(frozen=True)
class Meeting:
    """One cadence and its derived agenda."""

    id: str
    every: str | None
    chair: tuple[str, ...]
    attendees: tuple[str, ...]
    decisions: tuple[str, ...]
    metrics: tuple[str, ...]


def rhythm(org: Organization) -> tuple[list[Meeting], list[str], list[str]]:
    """Each cadence with what it reviews; the decisions and metrics reviewed nowhere."""
    agenda: dict[str, list[str]] = {}
    for source, target in relation(org, "reviewed_in").edges():
        agenda.setdefault(target, []).append(source)
    meetings = []
    for cadence_id, cadence in org.cadences.items():
        every = cadence.get("every")
        items = sorted(agenda.get(cadence_id, ()))
        meetings.append(
            Meeting(
                cadence_id,
                every if isinstance(every, str) and cadence.sound("every") else None,
                cadence.ids("chair") if cadence.sound("chair") else (),
                cadence.ids("attendees") if cadence.sound("attendees") else (),
                tuple(i for i in items if i in org.decisions),
                tuple(i for i in items if i in org.metrics),
            )
        )
    unreviewed = [d for d, entity in org.decisions.items() if not is_reviewed(org, entity)]
    unwatched = [m for m, entity in org.metrics.items() if not is_reviewed(org, entity)]
    return meetings, unreviewed, unwatched
