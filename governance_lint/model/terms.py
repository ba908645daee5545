"""The contract's shared terms (rules.md, "Terms the rules use"), each implemented once.

Rules ask these questions and never walk raw YAML. Answers that many rules need are
computed once per run and kept in ``org.cache``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from governance_lint.model.graph import reachable, relation
from governance_lint.model.organization import Entity, Organization

GROUP_MODES = frozenset({"consent", "consensus", "vote"})
# Fields naming who must sign off on a decision or can hold it up (rules.md, DR013).
SIGN_OFF_FIELDS = ("approvals", "vetoes", "tie_breaker", "override", "escalates_to")


def remembered(function: Callable[[Organization, Any], Any]) -> Callable[[Organization, Any], Any]:
    """Keep a term's answer per id (or per entry) for the rest of the run: entries do not
    change once merged, and dozens of rules ask the same questions of every decision."""
    name = function.__name__

    def cached(org: Organization, subject: Any) -> Any:
        table = org.cache.get(name)
        if table is None:
            table = org.cache[name] = {}
        key = subject if isinstance(subject, str) else subject.id
        found = table.get(key, _MISSING)
        if found is _MISSING:
            found = table[key] = function(org, subject)
        return found

    cached.__doc__ = function.__doc__
    cached.__name__ = name
    return cached


_MISSING = object()


def memo(org: Organization, key: object) -> dict[str, object]:
    table = org.cache.get(key)
    if table is None:
        table = org.cache[key] = {}
    assert isinstance(table, dict)
    return table


# -- people and roles ---------------------------------------------------------------------


def holder(org: Organization, role_id: str) -> str | None:
    """The person holding a role, when the role names one that is defined."""
    holders = org.cache.get("holders")
    if holders is None:
        holders = org.cache["holders"] = {}
        for role in org.roles.values():
            person = role.get("holder") if role.sound("holder") else None
            holders[role.id] = person if person in org.people else None
    found: str | None = holders.get(role_id)
    return found


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


@remembered
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


@remembered
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


def resolve_owner(org: Organization, owner: str) -> tuple[str, ...]:
    """One written owner resolved: a role is itself; a person the roles they hold (or
    themself when none); a team its lead role (none without one)."""
    kind = org.kind_of(owner)
    if kind == "role":
        return (owner,)
    if kind == "person":
        return roles_held(org, owner) or (owner,)
    if kind == "team":
        lead = team_lead(org, owner)
        return (lead,) if lead is not None else ()
    return ()


@remembered
def resolved_owners(org: Organization, decision: Entity) -> tuple[str, ...]:
    """Each id of ``owner`` resolved (``resolve_owner``), in owner order, each once."""
    return tuple(
        dict.fromkeys(
            found for owner in decision.ids("owner") for found in resolve_owner(org, owner)
        )
    )


def matching_owner(org: Organization, decision: Entity, entity_id: str) -> str | None:
    """The decision's owner, as written, that ``entity_id`` is (the same role or person):
    the owner id itself, or an id standing for a common person; a team owner through its
    lead. A team named by ``entity_id`` is never expanded into its lead and members."""
    expand = org.kind_of(entity_id) != "team"
    for owner in decision.ids("owner"):
        if owner == entity_id:
            return owner
        if not expand:
            continue
        resolved = team_lead(org, owner) if org.kind_of(owner) == "team" else owner
        if resolved is not None and same_person(org, entity_id, resolved):
            return owner
    return None


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


def deciders_sound(org: Organization, decision: Entity) -> bool:
    """The fields a decision's deciders are read from had no GL002 or GL005 finding:
    ``deciders`` when written, else ``owner``, and for a team owner its ``lead`` and
    ``members`` (rules that count deciders stay silent otherwise)."""
    if decision.has("deciders"):
        return decision.sound("deciders")
    if not decision.sound("owner"):
        return False
    owners = decision.ids("owner")
    if not is_owner_list(decision) and len(owners) == 1 and org.kind_of(owners[0]) == "team":
        team = org.teams[owners[0]]
        return team.sound("lead") and team.sound("members")
    return True


# -- metrics -------------------------------------------------------------------------------


def metric_owner(org: Organization, metric: Entity) -> str | None:
    """A metric's one owner: a role with a holder, or a person. None when the owner is
    missing, a list, a team, a vacant role or unsound: CD004's fault, which the rules
    reading metric owners (DR007, DR012) leave alone."""
    owner = metric.get("owner")
    if not isinstance(owner, str) or not metric.sound("owner"):
        return None
    kind = org.kind_of(owner)
    if kind == "person" or (kind == "role" and not is_vacant(org, owner)):
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
    table = memo(org, "managers")
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


def lowest_role_above(org: Organization, ids: Iterable[str]) -> str | None:
    """The role strictly above every given id (rules.md, "above") that is farthest from the
    top along reports_to; None when no role is above them all (one of them is the final
    authority, holds no role, or their lines never meet).

    Unlike the lowest common manager, never one of the given roles: it is who can overrule
    or sign off for all of them.
    """
    authority = final_authority(org)
    common: set[str] | None = None
    for entity_id in ids:
        roles = as_roles(org, entity_id)
        if not roles:
            return None
        over: set[str] = set()  # above a person = above any role they hold
        for role in roles:
            over |= managers(org, role) - {role}
            if authority is not None and role != authority:
                over.add(authority)
        common = over if common is None else common & over
    if not common:
        return None
    return max(sorted(common), key=lambda role: len(managers(org, role)))


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
        person = holder(org, entity_id)
        if person is None:
            return f"`{entity_id}` (vacant)"
        name = name_of(org.people[person])
        return f"`{entity_id}` ({show(name)})" if name else f"`{entity_id}` (`{person}`)"
    if entity.kind == "person":
        name = name_of(entity)
        return f"{show(name)} (`{entity_id}`)" if name else f"`{entity_id}`"
    return f"`{entity_id}`"


def listing(names: Sequence[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or 'a, b or c' with ``conjunction="or"``)."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]
