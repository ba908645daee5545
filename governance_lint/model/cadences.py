"""The operating rhythm: who is in each meeting, what it reviews, how often it meets.

A cadence's agenda is derived (the decisions and metrics whose ``reviewed_in`` names
it) and its room is its chair and attendees, a team through its lead and members.
"""

from __future__ import annotations

from dataclasses import dataclass

from governance_lint.findings import Location
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import (
    as_roles,
    final_authority,
    managers,
    persons,
    team_lead,
    team_members,
)

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
    table = org.index.reviewed_in
    found = table.get(entity.id)
    if found is None:
        found = table[entity.id] = tuple(
            dict.fromkeys(c for c in entity.ids("reviewed_in") if c in org.cadences)
        )
    return found


def agenda(org: Organization, cadence_id: str) -> tuple[str, ...]:
    """The decisions and metrics whose ``reviewed_in`` names the cadence, in sorted order."""
    return org.index.agendas.get(cadence_id, ())


def present(org: Organization, cadence: Entity) -> tuple[str, ...]:
    """Who is in the room: the chair, then the attendees, a team (a body chairing too)
    through its lead and direct members; role and person ids, each once. Fields with a
    GL002/GL005 finding are left out."""
    found: list[str] = []
    chair = cadence.get("chair") if cadence.sound("chair") else None
    if isinstance(chair, str) and org.kind_of(chair) in ("role", "person"):
        found.append(chair)
    elif isinstance(chair, str) and org.kind_of(chair) == "team":  # a body chairs as a team
        lead = team_lead(org, chair)
        found.extend((*((lead,) if lead else ()), *team_members(org, chair)))
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
    rooms = org.index.rooms
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
    person (chair or attendee); cadences with an unsound ``chair`` or ``attendees`` left out.

    Found once per id. A role with a holder attends what its holder does (a role in the
    room brings its holder), so a person holding a thousand roles is looked up once and
    each role shares the holder's answer, the same tuple."""
    kept = org.index.attended
    found = kept.get(entity_id)
    if found is None:
        people = persons(org, entity_id)
        if org.kind_of(entity_id) == "role" and len(people) == 1:  # a shared seat: below
            (person,) = people
            found = attended(org, person)
        else:
            table = org.index.attendance
            found = tuple(sorted({c for key in (entity_id, *people) for c in table.get(key, ())}))
        kept[entity_id] = found
    return found


def organization_location(org: Organization, section: str) -> Location | None:
    """Where a finding about the whole organization points: the ``organization`` key; else
    the first ``section`` key in file order; else line 1, column 1 of the first file."""
    if org.organization is not None:
        return org.organization.locate()
    for doc in org.documents:
        if isinstance(doc.data, dict) and section in doc.data:
            return doc.key_location((section,))
    return Location(org.documents[0].path, 1, 1) if org.documents else None
