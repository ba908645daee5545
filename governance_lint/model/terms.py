"""The contract's shared terms (rules.md, "Terms the rules use"), each implemented once.

Rules ask these questions and never walk raw YAML. Answers that many rules need are
computed once per run and kept in the organization's typed ``Index`` (``org.index``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from governance_lint.model.index import Lines, Managers, by_identity
from governance_lint.model.modes import (  # a decision's mode and deciders live there
    GROUP_MODES as GROUP_MODES,
)
from governance_lint.model.modes import decider_seats
from governance_lint.model.modes import deciders_sound as deciders_sound
from governance_lint.model.modes import find_deciders as find_deciders
from governance_lint.model.modes import is_owner_list as is_owner_list
from governance_lint.model.modes import team_deciders as team_deciders
from governance_lint.model.organization import Entity, Organization

# Fields naming who must sign off on a decision or can hold it up (rules.md, DR013).
SIGN_OFF_FIELDS = ("approvals", "vetoes", "tie_breaker", "override", "escalates_to")


# -- people and roles ---------------------------------------------------------------------


def holders(org: Organization, role_id: str) -> tuple[str, ...]:
    """A role's holders: the distinct defined people its ``holder`` names (one, or each
    of a shared seat's list), in written order; none for a vacant role."""
    return org.index.holders.get(role_id, ())


def holder(org: Organization, role_id: str) -> str | None:
    """A role's first holder: for callers that name one person (a shared seat has
    several; rules that count people read ``holders``)."""
    found = holders(org, role_id)
    return found[0] if found else None


Vacancy = Literal["role", "body"]


def is_vacant(org: Organization, entity_id: str) -> bool:
    """A role whose ``holder`` is absent, null or ``[]`` (an item with a finding leaves
    it held: the fault is that item's); a body none of whose deciders, its lead and
    direct members, is a held role or a person (one with no lead and no members
    included). A body whose `lead` or `members` has a finding is not judged."""
    return vacancy(org, entity_id) is not None


def vacancy(org: Organization, entity_id: str) -> Vacancy | None:
    """What is vacant at ``entity_id``: "role", "body" or None (``is_vacant``). A body's
    answer reads each of its deciders, and it may own thousands of decisions: it is
    found once per run."""
    role = org.roles.get(entity_id)
    if role is not None:
        return "role" if role.get("holder") in (None, []) else None
    team = org.teams.get(entity_id)
    if team is None or not team.is_body:
        return None
    table = org.index.vacant_bodies
    found = table.get(entity_id)
    if found is None:
        found = table[entity_id] = (
            team.sound("lead")
            and team.sound("members")
            and not any(
                org.kind_of(decider) == "person" or not is_vacant(org, decider)
                for decider in (*_lead_of(org, entity_id), *team_members(org, entity_id))
            )
        )
    return "body" if found else None


def _lead_of(org: Organization, team_id: str) -> tuple[str, ...]:
    lead = team_lead(org, team_id)
    return (lead,) if lead is not None else ()


def roles_held(org: Organization, person_id: str) -> tuple[str, ...]:
    """The roles a person holds, in sorted order."""
    return org.index.roles_held.get(person_id, ())


def is_body(org: Organization, entity_id: str) -> bool:
    team = org.teams.get(entity_id)
    return team is not None and team.is_body


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
    """A role: itself and each of its holders; a person: themself and their roles; a team
    (a body wherever it is named): its lead and direct members, each as above."""
    table = org.index.stands_for
    found = table.get(entity_id)
    if found is None:
        found = table[entity_id] = _stands_for(org, entity_id)
    return found


def _stands_for(org: Organization, entity_id: str) -> frozenset[str]:
    kind = org.kind_of(entity_id)
    if kind == "role":
        return frozenset((entity_id, *holders(org, entity_id)))
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
    table = org.index.persons
    found = table.get(entity_id)
    if found is None:
        found = table[entity_id] = frozenset(
            i for i in stands_for(org, entity_id) if org.kind_of(i) == "person"
        )
    return found


def same_person(org: Organization, first: str, second: str) -> bool:
    """The same id, or two ids, neither a team, that stand for a common person (a shared
    seat is thus the same person as each holder; a team, body or group only as itself)."""
    if first == second:
        return True
    if org.kind_of(first) == "team" or org.kind_of(second) == "team":
        return False
    return bool(persons(org, first) & persons(org, second))


def seats(org: Organization, entity_id: str) -> tuple[str, ...]:
    """Who an id counts as when people are counted: a role as each of its holders (a
    vacant role as itself, one seat), anything else as itself."""
    if org.kind_of(entity_id) == "role":
        return holders(org, entity_id) or (entity_id,)
    return (entity_id,)


def counted_as(org: Organization, entity_id: str) -> tuple[str, ...]:
    """Who an id counts as where a rule counts people: a role each of its holders (none
    when vacant), a person themself, a team, body or group no one."""
    kind = org.kind_of(entity_id)
    if kind == "role":
        return holders(org, entity_id)
    return (entity_id,) if kind == "person" else ()


def distinct_people(org: Organization, ids: Iterable[str]) -> set[str]:
    """Ids counted as distinct people: a person and a role they hold count once; a role
    counts as each of its holders; each vacant role is one seat.

    A team's deciders are one tuple however many decisions the team owns (``deciders``):
    they are counted once, not once per decision."""
    return set(decider_seats(org, ids))


# -- teams ---------------------------------------------------------------------------------


def teams_of(org: Organization, entity_id: str) -> frozenset[str]:
    """A role: the teams it leads or that list it; a person: the teams listing them and
    the teams of the roles they hold, shared seats included. Groups count as teams."""
    direct = org.index.teams_of
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


def leads(org: Organization, entity_id: str, team_id: str) -> bool:
    """A role leads the team it is the lead of; a person, the teams their roles lead."""
    lead = team_lead(org, team_id)
    return lead is not None and lead in as_roles(org, entity_id)


def in_reach(org: Organization, entity_id: str, team_id: str) -> bool:
    """Work reaches the team without a handoff (RD001): it is one of the role's or person's
    teams, or a descendant of a team they lead."""
    if team_id in teams_of(org, entity_id):
        return True
    return any(leads(org, entity_id, ancestor) for ancestor in team_ancestors(org, team_id))


# -- decisions -----------------------------------------------------------------------------


def mode(decision: Entity) -> str:
    """The mode written on the decision itself (`dri` when none or broken). A decision's
    mode as rules read it, a body's `decides_by` included, is ``modes.decision_mode``."""
    value = decision.get("mode") if decision.sound("mode") else None
    return value if isinstance(value, str) else "dri"


def resolve_owner(org: Organization, owner: str) -> tuple[str, ...]:
    """One written owner resolved: a role is itself; a person the roles they hold (or
    themself when none); a body itself; a group none; another team its lead role (none
    without one)."""
    kind = org.kind_of(owner)
    if kind == "role":
        return (owner,)
    if kind == "person":
        return roles_held(org, owner) or (owner,)
    if kind == "team":
        team = org.teams[owner]
        if team.is_group:
            return ()
        if team.is_body:
            return (owner,)
        return _lead_of(org, owner)
    return ()


def resolved_owners(org: Organization, decision: Entity) -> tuple[str, ...]:
    """Each id of ``owner`` resolved (``resolve_owner``), in owner order, each once."""
    return org.index.facts(decision).owners


def owners_resolved(org: Organization, written: tuple[str, ...]) -> tuple[str, ...]:
    """Owner ids as written, resolved (``resolve_owner``) in order, each once; found once
    for each way of writing them, the same tuple for every decision written alike."""
    table = org.index.owners_of
    found = table.get(written)
    if found is None:
        if len(written) == 1:
            found = resolve_owner(org, written[0])  # already distinct
        else:
            found = tuple(
                dict.fromkeys(role for owner in written for role in resolve_owner(org, owner))
            )
        table[written] = found
    return found


def owner_seats(org: Organization, owner: str) -> tuple[str, ...]:
    """Who one written owner counts as when people are counted: a person themself; a
    role, or a plain team through its lead role, each of its holders (a vacant role
    itself); a body, a group or a team with no lead no one (a body's decisions are no
    one person's)."""
    table = org.index.owner_seats
    found = table.get(owner)
    if found is None:
        kind = org.kind_of(owner)
        if kind == "person":
            found = (owner,)
        else:
            resolved = resolve_owner(org, owner) if kind in ("role", "team") else ()
            counted = bool(resolved) and org.kind_of(resolved[0]) == "role"
            found = seats(org, resolved[0]) if counted else ()
        table[owner] = found
    return found


def matching_owner(org: Organization, decision: Entity, entity_id: str) -> str | None:
    """The decision's owner, as written, that ``entity_id`` is: the owner id itself, or
    the same person as one of its resolved owners (a plain team owner through its lead
    only, a body as itself, a group never). A team is never expanded into its members."""
    for owner in decision.ids("owner"):
        if owner == entity_id:
            return owner
        for resolved in resolve_owner(org, owner):
            if same_person(org, entity_id, resolved):
                return owner
    return None


def deciders(org: Organization, decision: Entity) -> tuple[str, ...] | None:
    """Who decides a decision in a group mode or `any`, or with an owner list, as
    written (``modes.find_deciders``); None when the owner decides alone."""
    return org.index.facts(decision).deciders


# -- metrics -------------------------------------------------------------------------------


def metric_owner(org: Organization, metric: Entity) -> str | None:
    """A metric's one owner: a role with one holder, or a person. None when the owner is
    missing, a list, a team, a vacant role, a shared seat or unsound: CD004's fault,
    which the rules reading metric owners (DR007, DR012) leave alone."""
    owner = metric.get("owner")
    if not isinstance(owner, str) or not metric.sound("owner"):
        return None
    kind = org.kind_of(owner)
    if kind == "person" or (kind == "role" and len(holders(org, owner)) == 1):
        return owner
    return None


# -- reporting lines -----------------------------------------------------------------------


def manager_of(org: Organization, role_id: str) -> str | None:
    """A role's direct manager: its ``reports_to``, when that names a defined role."""
    role = org.roles.get(role_id)
    if role is None or not role.sound("reports_to"):
        return None
    manager = role.get("reports_to")
    return manager if manager in org.roles else None


def tops(org: Organization) -> tuple[str, ...]:
    """Roles with neither ``reports_to`` nor ``escalates_to``, in sorted order, except the
    lead and direct member roles of a final-authority body (their chains end there)."""
    return org.index.tops


def body_tops(org: Organization) -> tuple[str, ...]:
    """Bodies that end a decision's chain (no ``escalates_to``) and are not the final
    authority, led by it or with it among their direct members: tops for OR002."""
    return org.index.body_tops


def final_authority(org: Organization) -> str | None:
    """The role or body ``final_authority`` names; without it, the only top role."""
    return org.index.final_authority


def managers(org: Organization, role_id: str) -> Managers:
    """Strict ancestors of a role through ``reports_to`` (the role itself too when its line
    loops through it): a set read from the reporting lines, never copied out."""
    return Managers(org.index.lines, role_id)


def _upper(org: Organization, entity_id: str) -> tuple[str, ...]:
    """What "above" compares for an upper id: a role itself, a person's roles, a body."""
    if is_body(org, entity_id):
        return (entity_id,)
    return as_roles(org, entity_id)


def _node_above(org: Organization, upper: str, lower: str, authority: str | None) -> bool:
    """Role or body ``upper`` above role or body ``lower``: the final authority above any
    other; a body through the roles it stands for; above a body, above its lead."""
    if upper == authority and lower != authority:
        return True
    if lower in org.teams:
        lead = team_lead(org, lower)
        if lead is None:
            return False
        lower = lead
    if upper not in org.teams:
        return org.index.lines.over(upper, lower)
    roles = _body_roles(org, upper)
    if authority in roles and lower != authority:
        return True
    lines = org.index.lines
    if len(roles) <= lines.height.get(lower, 0):
        return any(lines.over(role, lower) for role in roles)
    return any(manager in roles for manager in lines.walk(lower))  # the shorter search


def _body_roles(org: Organization, body_id: str) -> frozenset[str]:
    """The roles a body stands for (its lead, member roles, and its people's roles)."""
    table = org.index.body_roles
    found = table.get(body_id)
    if found is None:
        found = table[body_id] = frozenset(
            r for r in stands_for(org, body_id) if org.kind_of(r) == "role"
        )
    return found


def above(org: Organization, upper: str, lower: str) -> bool:
    """``upper`` is above ``lower``: a strict ancestor through reports_to, or the final
    authority over anyone else; a person through the roles they hold; a body through the
    roles it stands for, and above a body is above its lead role."""
    authority = final_authority(org)
    lower_nodes = _upper(org, lower)
    return any(
        _node_above(org, node, other, authority)
        for node in _upper(org, upper)
        for other in lower_nodes
    )


def at_or_above(org: Organization, upper: str, lower: str) -> bool:
    return same_person(org, upper, lower) or above(org, upper, lower)


def lowest_common_manager(org: Organization, ids: Iterable[str]) -> str | None:
    """The role at or above all the given roles (people: the roles they hold; a body: its
    lead role) that is farthest from the top along reports_to; where none exists, or a
    body without a lead is among them, the final authority (a role or a body).

    A team's deciders are one tuple for every decision the team owns: their manager is
    found once."""
    return by_identity(
        org.index.common_manager_of, ids, lambda found: _lowest_common_manager(org, found)
    )


def _lowest_common_manager(org: Organization, ids: Iterable[str]) -> str | None:
    authority = final_authority(org)
    roles: set[str] = set()
    for entity_id in ids:
        if is_body(org, entity_id):
            lead = team_lead(org, entity_id)
            if lead is None:
                return authority
            roles.add(lead)
        else:
            roles.update(as_roles(org, entity_id))
    if not roles:
        return authority
    lines = org.index.lines

    def over_all(candidate: str) -> bool:
        return candidate == authority or all(
            candidate == role or lines.over(candidate, role) for role in roles
        )

    start = next(iter(roles))  # every common role is on its line, or is the authority
    common = _lowest_on_line(lines, (start, *lines.walk(start)), over_all)
    if authority is not None and (authority in org.roles or not common):
        common.add(authority)  # a body authority is above every role: only when none is
    if not common:
        return authority
    return max(sorted(common), key=lambda role: lines.height.get(role, 0))


def _lowest_on_line(lines: Lines, line: Iterable[str], test: Callable[[str], bool]) -> set[str]:
    """The first role of a line (nearest first) passing ``test``; when it is in a loop,
    every member of the loop passing it (they are equally far from the top)."""
    for role in line:
        if not test(role):
            continue
        loop = lines.loop_of.get(role)
        if loop is None:
            return {role}
        return {member for member in lines.loops[loop] if test(member)}
    return set()


def lowest_role_above(org: Organization, ids: Iterable[str]) -> str | None:
    """The role strictly above every given id (rules.md, "above") that is farthest from the
    top along reports_to, or the final authority (which may be a body) when only it is;
    None when nothing is above them all (one of them is the final authority, holds no
    role, or their lines never meet).

    Unlike the lowest common manager, never one of the given roles: it is who can overrule
    or sign off for all of them. Only the first id's lines are walked, each up to the
    first role above them all, so an owner low in a long line costs a step or two.
    """
    authority = final_authority(org)
    lines = org.index.lines
    groups: list[tuple[str, ...]] = []
    for entity_id in ids:
        roles = _upper(org, entity_id)
        if not roles:
            return None
        groups.append(roles)
    if not groups:
        return None

    def over_all(candidate: str) -> bool:  # above a person = above any role they hold
        return all(
            any(_node_above(org, candidate, node, authority) for node in nodes) for nodes in groups
        )

    common: set[str] = set()
    for node in groups[0]:
        start = team_lead(org, node) if node in org.teams else node
        if start is not None:
            common |= _lowest_on_line(lines, lines.walk(start), over_all)
    if authority is not None and (authority in org.roles or not common) and over_all(authority):
        common.add(authority)
    if not common:
        return None
    return max(sorted(common), key=lambda role: lines.height.get(role, 0))


# -- naming --------------------------------------------------------------------------------


def name_of(person: Entity) -> str | None:
    """A person's display name, when it was written as text (a malformed one is GL002's)."""
    name = person.get("name")
    return name if isinstance(name, str) and person.well_formed("name") and name else None


def who(org: Organization, entity_id: str, show: Callable[[object], str]) -> str:
    """An id as messages name it: a role with its holder, a person with their name."""
    entity = org.entities.get(entity_id)
    if entity is None:
        return f"`{show(entity_id)}`"
    if entity.kind == "role":
        people = holders(org, entity_id)
        if not people:
            return f"`{entity_id}` (vacant)" if is_vacant(org, entity_id) else f"`{entity_id}`"
        shown = []
        for person in people:
            name = name_of(org.people[person])
            shown.append(show(name) if name else f"`{person}`")
        return f"`{entity_id}` ({listing(shown)})"
    if entity.kind == "person":
        name = name_of(entity)
        return f"{show(name)} (`{entity_id}`)" if name else f"`{entity_id}`"
    return f"`{entity_id}`"


def listing(names: Sequence[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or 'a, b or c' with ``conjunction="or"``)."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]
