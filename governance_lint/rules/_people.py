"""Who a role, an owner or a sign-off counts as, with shared seats, bodies and pools.

The rules about people's load and place (DR002, DR003, DR006, DR013, OR003, OR004,
OR007) ask these questions of format 1.1: a shared seat counts for each of its holders,
a body and a group for no one, a decision owned by a body takes the body's mode. Kept
here, private to those rules, until the shared terms answer them; each answer costs one
pass over the organization at most.
"""

from __future__ import annotations

from collections.abc import Iterable

from governance_lint.model.organization import Entity, Organization

GROUP_MODES = frozenset({"consent", "consensus", "vote"})


def holders_of(org: Organization, entity_id: str) -> tuple[str, ...]:
    """The people a role or a person counts as: a role each of its holders (none when
    vacant), a person themself; anything else no one."""
    kind = org.kind_of(entity_id)
    if kind == "role":
        return org.roles[entity_id].holders
    if kind == "person":
        return (entity_id,)
    return ()


def roles_by_person(org: Organization) -> dict[str, tuple[str, ...]]:
    """Person id -> the roles they hold, each of a shared seat's holders included, in
    sorted order (people holding none are absent)."""
    found: dict[str, list[str]] = {}
    for role in org.roles.values():  # sorted by id
        for person in role.holders:
            found.setdefault(person, []).append(role.id)
    return {person: tuple(roles) for person, roles in found.items()}


def distinct_owners(decision: Entity) -> tuple[str, ...]:
    """The ids of ``owner`` as written, each once (an id listed twice counts once)."""
    return tuple(dict.fromkeys(decision.ids("owner")))


def owning_body(org: Organization, decision: Entity) -> Entity | None:
    """The body that owns the decision alone (one distinct owner id, a body), else None."""
    owners = distinct_owners(decision)
    if len(owners) != 1:
        return None
    team = org.teams.get(owners[0])
    return team if team is not None and team.is_body else None


def decision_mode(org: Organization, decision: Entity) -> str | None:
    """The decision's mode: as written; else, owned by a body, the body's `decides_by`;
    else `dri`. None when unknown (a written `mode` or the body's `decides_by` with a
    GL002 finding): rules that read the mode stay silent for that decision."""
    if decision.has("mode"):
        value = decision.get("mode")
        return value if decision.sound("mode") and isinstance(value, str) else None
    body = owning_body(org, decision)
    if body is not None:
        by = body.body()
        return by.decides_by if by is not None and isinstance(by.decides_by, str) else None
    return "dri"


def team_deciders(org: Organization, team: Entity) -> tuple[str, ...]:
    """A team's lead and direct members that are defined roles or people, each once."""
    lead = team.get("lead") if team.sound("lead") else None
    found = (lead,) if isinstance(lead, str) and lead in org.roles else ()
    members = tuple(m for m in team.ids("members") if org.kind_of(m) in ("role", "person"))
    return tuple(dict.fromkeys((*found, *members)))


def pool(org: Organization, decision: Entity) -> tuple[str, ...] | None:
    """The deciders of a decision in mode `any`: `deciders` when written; else the owner
    list; else a team owner's lead and direct members; else a shared seat's holders.
    None when a field they are read from has a finding (not followed)."""
    if decision.has("deciders"):
        return decision.ids("deciders") if decision.sound("deciders") else None
    if not decision.sound("owner"):
        return None
    owners = distinct_owners(decision)
    if len(owners) >= 2:
        return owners
    if len(owners) == 1:
        team = org.teams.get(owners[0])
        if team is not None:
            if team.is_group:
                return ()
            if not (team.sound("lead") and team.sound("members")):
                return None
            return team_deciders(org, team)
        role = org.roles.get(owners[0])
        if role is not None and len(role.holders) >= 2:
            return role.holders
    return ()


def pool_is_shared(
    org: Organization, decision: Entity, memo: dict[str, bool] | None = None
) -> bool | None:
    """Whether a decision's pool has two or more held seats (distinct people); None when
    its fields cannot be followed. A pool read from the owner (a team's lead and members,
    a shared seat's holders) is counted once per owner through ``memo``, so a team of
    thousands owning thousands of decisions costs one count, not one per decision."""
    owners = distinct_owners(decision)
    key = owners[0] if len(owners) == 1 and not decision.has("deciders") else None
    if memo is not None and key is not None and key in memo:
        return memo[key]
    deciders = pool(org, decision)
    if deciders is None:
        return None
    shared = len(held_seats(org, deciders)) >= 2
    if memo is not None and key is not None and decision.sound("owner"):
        memo[key] = shared
    return shared


def held_seats(org: Organization, ids: Iterable[str]) -> set[str]:
    """The distinct people among ids, counted as deciders are (a person and a role they
    hold count once, a shared seat as each of its holders), vacant roles left out."""
    return {person for entity_id in ids for person in holders_of(org, entity_id)}


def share_crossed(count: int, share: float, decisions: int) -> bool:
    """A share threshold: from 15 decisions in all, at least 5 counted and more than
    ``share`` percent of them, compared exactly."""
    return decisions >= 15 and count >= 5 and count * 100 > share * decisions


def percent_shown(count: int, share: float, decisions: int) -> int:
    """The share shown in a message: rounded down, but at least the limit plus one, so a
    message never says "25%, more than 25%"."""
    return max(count * 100 // decisions, int(share) + 1)


LIST_SHOWN = 5


def shown_ids(ids: list[str] | tuple[str, ...]) -> str:
    """Ids as a message lists them: each in backticks, separated by `, `; with more than
    five, the first five, then "and N more"."""
    shown = ", ".join(f"`{each}`" for each in ids[:LIST_SHOWN])
    more = len(ids) - LIST_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown
