"""The contract's shared terms (rules.md, "Terms the rules use"), each implemented once.

Rules ask these questions and never walk raw YAML. Answers that many rules need are
computed once per run and kept in ``org.cache``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from governance_lint.findings import Location
from governance_lint.graph import digraph, loops, reachable, relation
from governance_lint.model import Entity, Organization

GROUP_MODES = frozenset({"consent", "consensus", "vote"})


def _memo(org: Organization, key: object) -> dict[str, object]:
    table = org.cache.get(key)
    if table is None:
        table = org.cache[key] = {}
    assert isinstance(table, dict)
    return table


# -- people and roles ---------------------------------------------------------------------


def holder(org: Organization, role_id: str) -> str | None:
    """The person holding a role, when the role names one that is defined."""
    role = org.roles.get(role_id)
    if role is None or not role.sound("holder"):
        return None
    person = role.get("holder")
    return person if person in org.people else None


def is_vacant(org: Organization, role_id: str) -> bool:
    """A role with no holder (absent or null)."""
    role = org.roles.get(role_id)
    return role is not None and not role.has("holder")


def roles_held(org: Organization, person_id: str) -> tuple[str, ...]:
    """The roles a person holds, in sorted order."""
    if "roles_held" not in org.cache:
        index: dict[str, list[str]] = {}
        for role_id in org.roles:  # already sorted
            person = holder(org, role_id)
            if person is not None:
                index.setdefault(person, []).append(role_id)
        org.cache["roles_held"] = {person: tuple(roles) for person, roles in index.items()}
    held: tuple[str, ...] = org.cache["roles_held"].get(person_id, ())
    return held


def as_roles(org: Organization, entity_id: str) -> tuple[str, ...]:
    """A role as itself, a person as the roles they hold (rules.md, "above")."""
    kind = org.kind_of(entity_id)
    if kind == "role":
        return (entity_id,)
    if kind == "person":
        return roles_held(org, entity_id)
    return ()


def team_lead(org: Organization, team_id: str) -> str | None:
    team = org.teams.get(team_id)
    if team is None or not team.sound("lead"):
        return None
    lead = team.get("lead")
    return lead if lead in org.roles else None


def team_members(org: Organization, team_id: str) -> tuple[str, ...]:
    """A team's direct members that are defined roles or people, as written."""
    team = org.teams.get(team_id)
    if team is None:
        return ()
    return tuple(m for m in team.ids("members") if org.kind_of(m) in ("role", "person"))


def stands_for(org: Organization, entity_id: str) -> frozenset[str]:
    """A role: itself and its holder; a person: themself and their roles; a team: its lead
    and direct members, each as above."""
    kind = org.kind_of(entity_id)
    if kind == "role":
        person = holder(org, entity_id)
        return frozenset((entity_id, person) if person else (entity_id,))
    if kind == "person":
        return frozenset((entity_id, *roles_held(org, entity_id)))
    if kind == "team":
        lead = team_lead(org, entity_id)
        found: set[str] = set()
        for member in (*((lead,) if lead else ()), *team_members(org, entity_id)):
            found |= stands_for(org, member)
        return frozenset(found)
    return frozenset()


def persons(org: Organization, entity_id: str) -> frozenset[str]:
    """The people (person ids) an id stands for."""
    return frozenset(i for i in stands_for(org, entity_id) if org.kind_of(i) == "person")


def same_person(org: Organization, first: str, second: str) -> bool:
    """The same role, or two ids that stand for a common person."""
    return first == second or bool(persons(org, first) & persons(org, second))


def seat(org: Organization, entity_id: str) -> str:
    """Who an id counts as when people are counted: a role's holder, else the role itself."""
    if org.kind_of(entity_id) == "role":
        return holder(org, entity_id) or entity_id
    return entity_id


def distinct_people(org: Organization, ids: Iterable[str]) -> set[str]:
    """Ids counted as distinct people: a person and a role they hold count once; each
    vacant role is one seat."""
    return {seat(org, entity_id) for entity_id in ids}


# -- teams ---------------------------------------------------------------------------------


def teams_of(org: Organization, entity_id: str) -> frozenset[str]:
    """A role: the teams it leads or that list it; a person: the teams listing them and
    the teams of the roles they hold."""
    if "teams_of" not in org.cache:
        index: dict[str, set[str]] = {}
        for team_id in org.teams:
            lead = team_lead(org, team_id)
            for member in (*((lead,) if lead else ()), *team_members(org, team_id)):
                index.setdefault(member, set()).add(team_id)
        org.cache["teams_of"] = index
    direct: dict[str, set[str]] = org.cache["teams_of"]
    found = set(direct.get(entity_id, ()))
    if org.kind_of(entity_id) == "person":
        for role_id in roles_held(org, entity_id):
            found |= direct.get(role_id, set())
    return frozenset(found)


def team_ancestors(org: Organization, team_id: str) -> tuple[str, ...]:
    """A team's parent, that team's parent, and so on, stopping where the lines loop."""
    found: list[str] = []
    current = team_id
    while True:
        team = org.teams.get(current)
        if team is None or not team.sound("parent"):
            break
        parent = team.get("parent")
        if parent not in org.teams or parent == team_id or parent in found:
            break
        found.append(parent)
        current = parent
    return tuple(found)


def led_teams(org: Organization, role_id: str) -> tuple[str, ...]:
    return tuple(team_id for team_id in org.teams if team_lead(org, team_id) == role_id)


def leads(org: Organization, entity_id: str, team_id: str) -> bool:
    """A role leads the team it is the lead of; a person, the teams their roles lead."""
    lead = team_lead(org, team_id)
    return lead is not None and lead in as_roles(org, entity_id)


def is_descendant(org: Organization, team_id: str, ancestor_id: str) -> bool:
    """``team_id`` sits below ``ancestor_id`` along ``parent`` lines (not the team itself)."""
    return ancestor_id in team_ancestors(org, team_id)


def in_reach(org: Organization, entity_id: str, team_id: str) -> bool:
    """Work reaches the team without a handoff (RD001): it is one of the role's or person's
    teams, or a descendant of a team they lead."""
    if team_id in teams_of(org, entity_id):
        return True
    return any(leads(org, entity_id, ancestor) for ancestor in team_ancestors(org, team_id))


# -- decisions -----------------------------------------------------------------------------


def is_owner_list(decision: Entity) -> bool:
    """Two or more ids in ``owner`` (a one-item list counts as that one id)."""
    return isinstance(decision.get("owner"), list) and len(decision.ids("owner")) >= 2


def mode(decision: Entity) -> str:
    value = decision.get("mode") if decision.sound("mode") else None
    return value if isinstance(value, str) else "dri"


def resolved_owners(org: Organization, decision: Entity) -> tuple[str, ...]:
    """A role is itself; a person stands for the roles they hold (or themself when none);
    a team for its lead role (none without one); a list for each listed id."""
    found: list[str] = []
    for owner in decision.ids("owner"):
        kind = org.kind_of(owner)
        if kind == "role":
            found.append(owner)
        elif kind == "person":
            found.extend(roles_held(org, owner) or (owner,))
        elif kind == "team":
            lead = team_lead(org, owner)
            if lead is not None:
                found.append(lead)
    return tuple(dict.fromkeys(found))


def deciders(org: Organization, decision: Entity) -> tuple[str, ...] | None:
    """Who decides a group decision, as written; None when the owner decides alone."""
    if mode(decision) not in GROUP_MODES and not is_owner_list(decision):
        return None
    if decision.has("deciders"):
        return decision.ids("deciders")
    if is_owner_list(decision):
        return decision.ids("owner")
    owners = decision.ids("owner")
    if len(owners) == 1 and org.kind_of(owners[0]) == "team":
        lead = team_lead(org, owners[0])
        return tuple(dict.fromkeys((*((lead,) if lead else ()), *team_members(org, owners[0]))))
    return ()


# -- reporting lines -----------------------------------------------------------------------


def tops(org: Organization) -> tuple[str, ...]:
    """Roles with neither ``reports_to`` nor ``escalates_to``, in sorted order."""
    return tuple(
        role_id
        for role_id, role in org.roles.items()
        if not role.has("reports_to") and not role.has("escalates_to")
    )


def final_authority(org: Organization) -> str | None:
    """The role ``final_authority`` names; without it, the only top."""
    if "final_authority" not in org.cache:
        named = None
        if org.organization is not None and org.organization.sound("final_authority"):
            value = org.organization.get("final_authority")
            named = value if value in org.roles else None
        if named is None and (
            org.organization is None or not org.organization.has("final_authority")
        ):
            all_tops = tops(org)
            named = all_tops[0] if len(all_tops) == 1 else None
        org.cache["final_authority"] = named
    result: str | None = org.cache["final_authority"]
    return result


def managers(org: Organization, role_id: str) -> frozenset[str]:
    """Strict ancestors of a role through ``reports_to``."""
    table = _memo(org, "managers")
    if role_id not in table:
        table[role_id] = frozenset(reachable(relation(org, "reports_to", "role"), role_id))
    result = table[role_id]
    assert isinstance(result, frozenset)
    return result


def above(org: Organization, upper: str, lower: str) -> bool:
    """``upper`` is above ``lower``: a strict ancestor through reports_to, or the final
    authority over anyone else; a person through the roles they hold."""
    authority = final_authority(org)
    lower_roles = as_roles(org, lower)
    for role in as_roles(org, upper):
        for other in lower_roles:
            if role in managers(org, other) or (role == authority and other != authority):
                return True
    return False


def at_or_above(org: Organization, upper: str, lower: str) -> bool:
    return same_person(org, upper, lower) or above(org, upper, lower)


def lowest_common_manager(org: Organization, ids: Iterable[str]) -> str | None:
    """The role at or above all the given roles (people: the roles they hold) that is
    farthest from the top along reports_to; where none exists, the final authority."""
    roles = {role for entity_id in ids for role in as_roles(org, entity_id)}
    authority = final_authority(org)
    if not roles:
        return authority
    common: set[str] | None = None
    for role in roles:
        at_or_over = {role, *managers(org, role), *((authority,) if authority else ())}
        common = at_or_over if common is None else common & at_or_over
    if not common:
        return authority
    return max(sorted(common), key=lambda role: len(managers(org, role)))


# -- escalation chains ---------------------------------------------------------------------

End = Literal["end", "loop", "broken", "roleless"]


@dataclass(frozen=True)
class Chain:
    """One escalation chain of a decision (format.md, "Escalation chains").

    ``hops`` are the roles after ``owner`` (the first hop is 1). ``end`` says why it
    stops: at the final authority or a top, on entering a loop, at a broken reference,
    or at a person who holds no role (then the last hop, or the owner, is that person).
    """

    owner: str
    hops: tuple[str, ...]
    end: End

    @property
    def path(self) -> tuple[str, ...]:
        return (self.owner, *self.hops)


def next_hop(org: Organization, role_id: str) -> tuple[str | None, str | None]:
    """A role's next hop and the field naming it: ``escalates_to``, else ``reports_to``.

    (None, field) when that field's reference is broken; (None, None) for a top.
    """
    role = org.roles[role_id]
    for name in ("escalates_to", "reports_to"):
        if role.has(name):
            target = role.get(name)
            ok = role.sound(name) and target in org.roles
            return (target if ok else None), name
    return None, None


def escalation_loops(org: Organization) -> list:  # type: ignore[type-arg]
    """Loops of the escalation lines (each role's escalates_to, else its reports_to)."""
    if "escalation_loops" not in org.cache:
        pairs = []
        for role_id in org.roles:
            target, _ = next_hop(org, role_id)
            if target is not None:
                pairs.append((role_id, target))
        org.cache["escalation_loops"] = loops(digraph(pairs))
    result: list = org.cache["escalation_loops"]  # type: ignore[type-arg]
    return result


def _in_loop(org: Organization) -> frozenset[str]:
    if "in_escalation_loop" not in org.cache:
        org.cache["in_escalation_loop"] = frozenset(
            member for loop in escalation_loops(org) for member in loop.members
        )
    result: frozenset[str] = org.cache["in_escalation_loop"]
    return result


def is_chain_end(org: Organization, role_id: str) -> bool:
    role = org.roles.get(role_id)
    return role is not None and (
        role_id == final_authority(org)
        or (not role.has("reports_to") and not role.has("escalates_to"))
    )


def _walk(org: Organization, role_id: str) -> tuple[tuple[str, ...], End]:
    """The hops after ``role_id`` to the end of its chain, memoized per role."""
    table = _memo(org, "walk")
    if role_id in table:
        cached = table[role_id]
        assert isinstance(cached, tuple)
        return cached  # type: ignore[return-value]
    hops: list[str] = []
    current = role_id
    end: End = "end"
    in_loop = _in_loop(org)
    while not is_chain_end(org, current):
        target, _ = next_hop(org, current)
        if target is None:
            end = "broken"
            break
        if target in in_loop and not is_chain_end(org, target):
            end = "loop"
            break
        hops.append(target)
        current = target
    result = (tuple(hops), end)
    table[role_id] = result
    return result


def chains(org: Organization, decision: Entity) -> list[Chain]:
    """The decision's chains, one per resolved owner and first hop, in owner order.

    Empty when the owner or the decision's ``escalates_to`` is broken (GL002/GL005).
    """
    if not decision.sound("owner") or not decision.sound("escalates_to"):
        return []
    escalation = decision.get("escalates_to")
    starts: list[str] = []
    for owner in decision.ids("owner"):
        kind = org.kind_of(owner)
        if kind == "role":
            starts.append(owner)
        elif kind == "person":
            starts.extend(roles_held(org, owner) or (owner,))
        elif kind == "team":
            lead = team_lead(org, owner)
            if lead is not None:
                starts.append(lead)
            elif escalation is not None:
                starts.append(owner)
    found: list[Chain] = []
    in_loop = _in_loop(org)
    for start in dict.fromkeys(starts):
        if escalation is not None:
            first_hops = as_roles(org, escalation)
            if not first_hops:
                found.append(Chain(start, (escalation,), "roleless"))
            for first in first_hops:
                if first in in_loop and not is_chain_end(org, first):
                    found.append(Chain(start, (), "loop"))
                    continue
                hops, end = _walk(org, first)
                found.append(Chain(start, (first, *hops), end))
        elif org.kind_of(start) == "role":
            if start in in_loop and not is_chain_end(org, start):
                found.append(Chain(start, (), "loop"))
                continue
            hops, end = _walk(org, start)
            found.append(Chain(start, hops, end))
        else:
            found.append(Chain(start, (), "roleless"))
    return found


# -- cadences -----------------------------------------------------------------------------

WEEKLY = frozenset({"weekly", "biweekly"})  # biweekly counts as weekly (rules.md, "Terms")
MEETINGS_PER_WEEK: dict[str, float] = {
    "daily": 5,
    "weekly": 1,
    "biweekly": 0.5,
    "monthly": 0.25,
    "quarterly": 0,
    "yearly": 0,
}


def every(cadence: Entity) -> str | None:
    """How often a cadence meets, when ``every`` is written and sound."""
    value = cadence.get("every") if cadence.sound("every") else None
    return value if isinstance(value, str) else None


def reviewed_in(org: Organization, entity: Entity) -> tuple[str, ...]:
    """The defined cadences a decision's or metric's ``reviewed_in`` names, each once."""
    return tuple(dict.fromkeys(c for c in entity.ids("reviewed_in") if c in org.cadences))


def agenda(org: Organization, cadence_id: str) -> tuple[str, ...]:
    """The decisions and metrics whose ``reviewed_in`` names the cadence, in sorted order."""
    if "agenda" not in org.cache:
        index: dict[str, list[str]] = {}
        for entity in (*org.decisions.values(), *org.metrics.values()):
            for cadence in reviewed_in(org, entity):
                index.setdefault(cadence, []).append(entity.id)
        org.cache["agenda"] = {cadence: tuple(sorted(ids)) for cadence, ids in index.items()}
    found: tuple[str, ...] = org.cache["agenda"].get(cadence_id, ())
    return found


def present(org: Organization, cadence: Entity) -> tuple[str, ...]:
    """Who is in the room: the chair, then the attendees, a team through its lead and direct
    members; role and person ids, each once. Fields with a GL002/GL005 finding are left out."""
    found: list[str] = []
    if cadence.sound("chair") and org.kind_of(cadence.get("chair") or "") in ("role", "person"):
        found.append(cadence.get("chair"))
    if cadence.sound("attendees"):
        for attendee in cadence.ids("attendees"):
            kind = org.kind_of(attendee)
            if kind in ("role", "person"):
                found.append(attendee)
            elif kind == "team":
                lead = team_lead(org, attendee)
                found.extend((*((lead,) if lead else ()), *team_members(org, attendee)))
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Room:
    """Who a cadence brings together: the ids present, the people they stand for, and the
    roles they hold or are."""

    ids: frozenset[str]
    people: frozenset[str]
    roles: frozenset[str]


def room(org: Organization, cadence: Entity) -> Room:
    """The cadence's :func:`present` ids, with their people and roles, built once per cadence."""
    rooms: dict[str, Room] = org.cache.setdefault("room", {})
    found = rooms.get(cadence.id)
    if found is None:
        ids = present(org, cadence)
        found = rooms[cadence.id] = Room(
            frozenset(ids),
            frozenset(p for i in ids for p in persons(org, i)),
            frozenset(r for i in ids for r in as_roles(org, i)),
        )
    return found


def answers_for(org: Organization, where: Room, owner: str) -> bool:
    """Someone in the room is at or above ``owner`` (the same person, or above them)."""
    if owner in where.ids or persons(org, owner) & where.people:
        return True
    authority = final_authority(org)
    return any(
        managers(org, role) & where.roles or (authority in where.roles and role != authority)
        for role in as_roles(org, owner)
    )


def attended(org: Organization, entity_id: str) -> tuple[str, ...]:
    """The cadences, in sorted order, where the id or a person it stands for is present in
    person (chair or attendee); cadences with an unsound ``chair`` or ``attendees`` left out."""
    if "attended" not in org.cache:
        index: dict[str, list[str]] = {}
        for cadence in org.cadences.values():
            if cadence.sound("chair") and cadence.sound("attendees"):
                where = room(org, cadence)
                for present_id in where.ids | where.people:
                    index.setdefault(present_id, []).append(cadence.id)
        org.cache["attended"] = index
    table: dict[str, list[str]] = org.cache["attended"]
    found = {c for key in (entity_id, *persons(org, entity_id)) for c in table.get(key, ())}
    return tuple(sorted(found))


def organization_location(org: Organization, section: str) -> Location | None:
    """Where a finding about the whole organization points: the ``organization`` key; else
    the first ``section`` key in file order; else line 1, column 1 of the first file."""
    if org.organization is not None:
        return org.organization.locate()
    for doc in org.documents:
        if isinstance(doc.data, dict) and section in doc.data:
            return doc.key_location((section,))
    return Location(org.documents[0].path, 1, 1) if org.documents else None


# -- naming --------------------------------------------------------------------------------


def who(org: Organization, entity_id: str, show: Callable[[object], str]) -> str:
    """An id as messages name it: a role with its holder, a person with their name."""
    entity = org.entities.get(entity_id)
    if entity is None:
        return f"`{show(entity_id)}`"
    if entity.kind == "role":
        person = holder(org, entity_id)
        if person is None:
            return f"`{entity_id}` (vacant)"
        return f"`{entity_id}` ({show(org.people[person].get('name'))})"
    if entity.kind == "person":
        return f"{show(entity.get('name'))} (`{entity_id}`)"
    return f"`{entity_id}`"


def listing(names: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
