"""Escalation chains (format.md, "Escalation chains"): where an unmade decision goes.

Each role's next hop is its ``escalates_to``, else its ``reports_to``; a chain runs
from a decision's resolved owners to the final authority or a top. Walks are memoized
per role, so every decision's chains cost a few dictionary lookups.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from governance_lint.graph import Loop, digraph, loops
from governance_lint.model import Entity, Organization
from governance_lint.terms import as_roles, final_authority, memo, resolve_owner

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


def escalation_loops(org: Organization) -> list[Loop]:
    """Loops of the escalation lines (each role's escalates_to, else its reports_to)."""
    if "escalation_loops" not in org.cache:
        pairs = []
        for role_id in org.roles:
            target, _ = next_hop(org, role_id)
            if target is not None:
                pairs.append((role_id, target))
        org.cache["escalation_loops"] = loops(digraph(pairs))
    result: list[Loop] = org.cache["escalation_loops"]
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
    table = memo(org, "walk")
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
    Three rules and the report ask for them: each decision's are found once.
    """
    table = memo(org, "chains")
    found = table.get(decision.id)
    if found is None:
        found = table[decision.id] = _chains(org, decision)
    assert isinstance(found, list)
    return found


def _chains(org: Organization, decision: Entity) -> list[Chain]:
    if not decision.sound("owner") or not decision.sound("escalates_to"):
        return []
    escalation = decision.get("escalates_to")
    starts: list[str] = []
    for owner in decision.ids("owner"):
        resolved = resolve_owner(org, owner)
        if not resolved and escalation is not None and org.kind_of(owner) == "team":
            resolved = (owner,)  # a team with no lead escalates only where the decision says
        starts.extend(resolved)
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
