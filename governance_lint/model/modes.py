"""How a decision is taken: its mode and the fields that go with it, and who decides.

A decision owned by a body takes the body's mode (its `decides_by`), `threshold`,
`quorum`, `on_no_agreement`, `decide_within` and `tie_breaker`, each unless it writes
that field itself, and the body's `escalates_to` as its escalation target when it
writes none. Rules read these, never the decision's fields alone, so a body's
decisions are checked as the body decides them. Deciders are found here too, and
counted as people the way the deadlock rules count them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from governance_lint.findings import Location
from governance_lint.model.index import by_identity
from governance_lint.model.organization import Entity, Organization

if TYPE_CHECKING:
    from governance_lint.model.index import Index

GROUP_MODES = frozenset({"consent", "consensus", "vote"})
POOL = "any"  # any one of the deciders may decide alone
# the modes that have deciders: the group modes and a pool
DECIDING_MODES = GROUP_MODES | {POOL}

# The fields a decision takes from the body that owns it when it does not write them.
TAKEN_FROM_BODY = ("mode", "threshold", "quorum", "on_no_agreement", "decide_within", "tie_breaker")


@dataclass(frozen=True)
class Taken:
    """One of a decision's mode fields: the value, the entry that wrote it (the decision,
    its owning body, or None when neither did) and whether it can be read (no GL002 or
    GL005 finding there: a rule reading an unsound value stays silent)."""

    value: Any
    source: Entity | None
    sound: bool

    @property
    def written(self) -> bool:
        return self.source is not None

    @property
    def from_body(self) -> bool:
        return self.source is not None and self.source.kind == "team"


_NOT_WRITTEN = Taken(None, None, True)


@dataclass
class _Kept:
    """Answers kept for one run (one organization's index), found on first use."""

    sole_owner: dict[str, Entity | None] = field(default_factory=dict)


_KEPT_BY_RUN: WeakKeyDictionary[Index, _Kept] = WeakKeyDictionary()


def _kept(org: Organization) -> _Kept:
    found = _KEPT_BY_RUN.get(org.index)
    if found is None:
        found = _KEPT_BY_RUN[org.index] = _Kept()
    return found


def is_owner_list(decision: Entity) -> bool:
    """Two or more distinct ids in ``owner``: an id listed twice counts once, and a
    one-item list counts as that one id."""
    return isinstance(decision.get("owner"), list) and len(set(decision.ids("owner"))) >= 2


def sole_owner(org: Organization, decision: Entity) -> Entity | None:
    """The one defined entry ``owner`` names (a one-item list, or one id listed twice,
    included); None for an owner list, an unknown owner or one with a finding. Found
    once per decision: every mode field asks it."""
    table = _kept(org).sole_owner
    if decision.id in table:
        return table[decision.id]
    owners = set(decision.ids("owner"))
    found = None
    if len(owners) == 1 and decision.sound("owner"):
        found = org.entities.get(next(iter(owners)))
    table[decision.id] = found
    return found


def owning_body(org: Organization, decision: Entity) -> Entity | None:
    """The body that owns the decision alone, whose fields the decision takes."""
    owner = sole_owner(org, decision)
    return owner if owner is not None and owner.is_body else None


def owned_by_group(org: Organization, decision: Entity) -> bool:
    """Owned by a group (`kind: group`): it has no deciders, whatever the mode (DR003's)."""
    owner = sole_owner(org, decision)
    return owner is not None and owner.is_group


def taken(org: Organization, decision: Entity, name: str) -> Taken:
    """A mode field as the decision reads it: its own when written, else its owning
    body's (``mode`` from the body's `decides_by`)."""
    if decision.has(name):
        return Taken(decision.get(name), decision, decision.sound(name))
    if name not in TAKEN_FROM_BODY:
        return _NOT_WRITTEN
    body = owning_body(org, decision)
    own = "decides_by" if name == "mode" else name
    if body is None or not body.has(own):
        return _NOT_WRITTEN
    return Taken(body.get(own), body, body.sound(own))


def decision_mode(org: Organization, decision: Entity) -> str | None:
    """The decision's mode: its own, else its owning body's `decides_by`, else `dri`;
    None when the value read has a finding (the mode is unknown). Read once per decision
    (``DecisionFacts.mode``): most rules ask it."""
    return org.index.facts(decision).mode


def read_mode(org: Organization, decision: Entity) -> str | None:
    """``decision_mode`` worked out from the fields."""
    found = taken(org, decision, "mode")
    if not found.written:
        return "dri"
    return found.value if found.sound and isinstance(found.value, str) else None


def threshold(org: Organization, decision: Entity) -> str | None:
    """The decision's threshold (its own, else its body's, else `majority`); None when
    unknown."""
    found = taken(org, decision, "threshold")
    if not found.written:
        return "majority"
    return found.value if found.sound and isinstance(found.value, str) else None


def quorum(org: Organization, decision: Entity) -> Taken:
    """The decision's quorum (its own, else its body's), with where it was written."""
    return taken(org, decision, "quorum")


def decide_within(org: Organization, decision: Entity) -> Taken:
    """The decision's `decide_within` (its own, else its body's)."""
    return taken(org, decision, "decide_within")


def on_no_agreement(org: Organization, decision: Entity) -> Taken:
    """The decision's `on_no_agreement` (its own, else its body's)."""
    return taken(org, decision, "on_no_agreement")


def tie_breaker(org: Organization, decision: Entity) -> Taken:
    """The decision's `tie_breaker` (its own, else its body's)."""
    return taken(org, decision, "tie_breaker")


def escalation_target(org: Organization, decision: Entity) -> Taken:
    """The decision's `escalates_to`; else, when a body owns it, the body's."""
    if decision.has("escalates_to"):
        return Taken(decision.get("escalates_to"), decision, decision.sound("escalates_to"))
    body = owning_body(org, decision)
    if body is None or not body.has("escalates_to"):
        return _NOT_WRITTEN
    return Taken(body.get("escalates_to"), body, body.sound("escalates_to"))


def names_resolver(org: Organization, decision: Entity) -> bool:
    """A `tie_breaker`, an escalation target or an `on_no_agreement`, each the decision's
    own or its body's: a disagreement among its deciders, veto holders or approvers has a
    declared way out. Written is enough (an unknown id is GL005's, not a missing
    resolver). Reporting lines and a role's own `escalates_to` do not count."""
    return (
        tie_breaker(org, decision).written
        or escalation_target(org, decision).written
        or on_no_agreement(org, decision).written
    )


def joint_ownership(org: Organization, decision: Entity) -> bool:
    """An owner list that joint ownership reports: two or more distinct ids, in any mode
    but a pool. The deadlock rules stay silent for it: one owner removes the deadlock."""
    return is_owner_list(decision) and decision_mode(org, decision) != POOL


# -- deciders ------------------------------------------------------------------------------


def find_deciders(org: Organization, decision: Entity) -> tuple[str, ...] | None:
    """Who decides: for a decision in a group mode or `any`, or with an owner list,
    `deciders` when written; else the owner list's distinct ids; else a team or body
    owner's lead and direct members; else a shared seat's holders. A group owner gives
    none, even with `deciders` written. Each id once, in written order. None when the
    owner decides alone (or the mode is unknown)."""
    how = decision_mode(org, decision)
    if how not in DECIDING_MODES and not is_owner_list(decision):
        return None
    if owned_by_group(org, decision):
        return ()
    if decision.has("deciders"):
        return tuple(dict.fromkeys(decision.ids("deciders")))
    if is_owner_list(decision):
        return tuple(dict.fromkeys(decision.ids("owner")))
    owner = sole_owner(org, decision)
    if owner is None:
        return ()
    if owner.kind == "team":
        return team_deciders(org, owner.id)
    if owner.kind == "role" and len(owner.holders) >= 2:
        return owner.holders
    return ()


def team_deciders(org: Organization, team_id: str) -> tuple[str, ...]:
    """A team or body deciding as one: its lead and direct members, each once. Found
    once per team, the same tuple for every decision it owns (counted once)."""
    from governance_lint.model.terms import team_lead, team_members

    table = org.index.team_deciders
    found = table.get(team_id)
    if found is None:
        lead = team_lead(org, team_id)
        found = table[team_id] = tuple(
            dict.fromkeys((*((lead,) if lead else ()), *team_members(org, team_id)))
        )
    return found


def deciders_sound(org: Organization, decision: Entity) -> bool:
    """The fields a decision's deciders and mode are read from had no GL002 or GL005
    finding: the mode read, `deciders` when written, else `owner`, and for a team or
    body owner its `lead` and `members` (rules that count deciders stay silent
    otherwise)."""
    if decision_mode(org, decision) is None:
        return False
    if decision.has("deciders"):
        return decision.sound("deciders")
    if not decision.sound("owner"):
        return False
    owner = sole_owner(org, decision)
    if owner is not None and owner.kind == "team":
        return owner.sound("lead") and owner.sound("members")
    return True


def _seats(org: Organization, ids: Iterable[str]) -> frozenset[str]:
    found: set[str] = set()
    for entity_id in ids:
        role = org.roles.get(entity_id)
        if role is None:
            found.add(entity_id)
        elif role.holders:
            found.update(role.holders)
        else:
            found.add(entity_id)  # a vacant role is one seat
    return frozenset(found)


def decider_seats(org: Organization, ids: Iterable[str]) -> frozenset[str]:
    """Ids counted as distinct people, as deciders are: a person and a role they hold
    count once; a role counts as each of its holders; each vacant role is one seat.

    A team's deciders are one tuple however many decisions it owns: counted once."""
    return by_identity(org.index.seats_of, ids, lambda listed: _seats(org, listed))


def blocker_count(org: Organization, ids: Iterable[str]) -> int:
    """Veto holders counted as distinct people, except that a shared seat is one veto
    holder: ids that share a person (a role and its holder) count once."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    owner_of: dict[str, str] = {}  # a person -> the first holder key they were seen in
    for entity_id in dict.fromkeys(ids):
        parent.setdefault(entity_id, entity_id)
        role = org.roles.get(entity_id)
        people = role.holders if role is not None else (entity_id,)
        for person in people:
            seen = owner_of.setdefault(person, entity_id)
            parent.setdefault(seen, seen)
            first, second = root(seen), root(entity_id)
            if first != second:
                parent[second] = first
    return len({root(key) for key in parent})


def seat_holders(org: Organization, ids: Iterable[str]) -> int:
    """How many held seats a pool has: distinct people, counted as deciders are, vacant
    roles (and anything not a role or a person) left out."""
    return sum(1 for seat in decider_seats(org, ids) if org.kind_of(seat) == "person")


def pool(org: Organization, decision: Entity) -> tuple[str, ...]:
    """A decision in mode `any`: its deciders, any one of whom may decide alone."""
    if decision_mode(org, decision) != POOL:
        return ()
    return find_deciders(org, decision) or ()


def pool_is_shared(org: Organization, decision: Entity) -> bool | None:
    """A pool with two or more held seats: any of two people may decide. None when a
    field its deciders or mode are read from has a finding (rules stay silent). A team's
    pool is one tuple for every decision it owns, counted once."""
    if not deciders_sound(org, decision):
        return None
    return seat_holders(org, pool(org, decision)) >= 2


# -- findings about a body -----------------------------------------------------------------


def about_body(org: Organization, decision: Entity, fields: Iterable[str]) -> Entity | None:
    """The body whose own fields give the decision its fault, when the decision is owned
    by a body and writes none of ``fields``: the fault is then reported once, about the
    body. None when the decision is checked alone."""
    body = owning_body(org, decision)
    if body is None or any(decision.has(name) for name in fields):
        return None
    return body


def owner_entries(
    decisions: Iterable[Entity],
) -> tuple[tuple[str, Location, str, tuple[str, ...]], ...]:
    """Each listed decision of a finding about the body that owns them, in sorted order,
    as ``rules._grouped.grouped`` lists entries: its id, its `owner` field (a related
    location, where a suppression takes that decision out of the finding), what that
    place says, and no details."""
    return tuple(
        (decision.id, decision.locate("owner"), f"decision `{decision.id}` is owned by it", ())
        for decision in sorted(decisions, key=lambda entry: entry.id)
    )


# -- who settles ---------------------------------------------------------------------------

_CANDIDATES = 10  # candidates tried at most


def settler(org: Organization, group: tuple[str, ...]) -> str | None:
    """The tie-breaker a deadlock help names: the group's lowest common manager, else the
    nearest role above it along `reports_to`, passing over any that is one of the group
    (the same person as one of them): nobody settles their own disagreement. None when
    no candidate is left."""
    from governance_lint.model.terms import lowest_common_manager, manager_of

    seats = decider_seats(org, group)
    candidate = lowest_common_manager(org, group)
    tried: set[str] = set()
    while candidate is not None and candidate not in tried and len(tried) < _CANDIDATES:
        if not _among(org, candidate, seats):
            return candidate
        tried.add(candidate)
        candidate = manager_of(org, candidate)
    return None


def _among(org: Organization, candidate: str, seats: frozenset[str]) -> bool:
    """The candidate is the same person as one of the ids whose seats these are."""
    role = org.roles.get(candidate)
    if role is not None and role.holders:
        return any(person in seats for person in role.holders)
    return candidate in seats
