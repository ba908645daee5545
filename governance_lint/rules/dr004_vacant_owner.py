"""A decision owned by a vacant role.

## What it does

Reports each role named in a decision's `owner`, alone or in an owner list, that
has no `holder`, and each body (a team with `decides_by`) named there with no held
role or person among its lead and members: one finding per vacant role or body, at
its key, the place to fill it, listing every decision it owns (first five, then
"and N more"). Each decision's `owner` field, or the vacant item of its owner list,
is a related location; a suppression there takes that decision out of the list.

A decision in `mode: any` is listed only when no other member of its pool (its
deciders) is a held role or a person: while one is, the pool can still decide.

## Why is this bad?

Attaching decision rights to roles is right, because roles outlive the people in
them; but while the role is empty, the decision has no one to take it. Vacancies
are exactly when decisions pile up unnoticed.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cfo: {title: Chief Financial Officer, reports_to: ceo}
decisions:
  budget:
    title: Annual budget
    owner: cfo
```

## Fix

Name a holder, or give the decisions to a role that has one until the seat is filled
(the help suggests the role the vacant one reports to; for a body, its `escalates_to`).

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cfo: {title: Chief Financial Officer, reports_to: ceo}
decisions:
  budget:
    title: Annual budget
    owner: ceo
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding, Location
from governance_lint.model.organization import Entity, Organization
from governance_lint.rules._grouped import Vacancies, grouped, next_up, subject_phrase
from governance_lint.rules._rule import Rule

CODE = "DR004"


def pool(org: Organization, decision: Entity) -> tuple[str, ...] | None:
    """The pool of a decision in `mode: any`, the deciders any one of whom may decide
    alone: `deciders` when written; else the owner list's ids; else a team owner's lead
    and direct members; else a role owner's holders when it has two or more; else the
    owner. None when the field it is read from is broken."""
    if decision.has("deciders"):
        return decision.ids("deciders") if decision.sound("deciders") else None
    owners = tuple(dict.fromkeys(decision.ids("owner")))
    if len(owners) != 1:
        return owners
    owner = org.entities[owners[0]]
    if owner.kind == "team":
        if not owner.sound("lead") or not owner.sound("members"):
            return None
        return (*owner.ids("lead"), *owner.ids("members"))
    if owner.kind == "role" and len(owner.holders) >= 2:
        return owner.holders
    return owners


def _pool_can_decide(
    org: Organization, decision: Entity, vacant_id: str, vacancy: Vacancies
) -> bool:
    """In `mode: any`, whether another member of the pool is a held role or a person;
    an unreadable pool is taken as able to decide (its broken field is GL002's)."""
    members = pool(org, decision)
    if members is None:
        return True
    return any(
        member != vacant_id
        and (
            org.kind_of(member) == "person"
            or (org.kind_of(member) == "role" and vacancy(member) is None)
        )
        for member in members
    )


def check(org: Organization, config: Config) -> Iterator[Finding]:
    vacancy = Vacancies(org)
    owned: dict[str, list[tuple[str, Location, str, tuple[str, ...]]]] = {}
    in_lists: set[str] = set()
    for decision in org.decisions.values():
        if not decision.sound("owner"):
            continue
        is_pool = decision.get("mode") == "any" and decision.sound("mode")
        for owner in dict.fromkeys(decision.ids("owner")):
            if vacancy(owner) is None:
                continue
            if is_pool and _pool_can_decide(org, decision, owner, vacancy):
                continue
            if isinstance(decision.get("owner"), list):
                in_lists.add(owner)
            owned.setdefault(owner, []).append(
                (
                    decision.id,
                    decision.locate_item("owner", owner),
                    f"`{decision.id}` names `{owner}` as owner",
                    (),
                )
            )
    for vacant_id, decisions in sorted(owned.items()):
        kind = vacancy(vacant_id)
        assert kind is not None
        opening = subject_phrase(vacant_id, kind)
        fill = (
            f"name a `holder` for `{vacant_id}`"
            if kind == "role"
            else f"name a held role or person as the lead or a member of `{vacant_id}`"
        )
        candidate = next_up(org, vacant_id, kind)
        if candidate is not None and candidate != vacant_id and vacancy(candidate) is None:
            fill += (
                f", or put `{candidate}` in its place in the `owner` of {{entries}}"
                if vacant_id in in_lists
                else f", or set `owner: {candidate}` on {{entries}}"
            )
        yield grouped(
            CODE,
            org.entities[vacant_id],
            decisions,
            f"{opening} and owns 1 decision: {{entries}}",
            f"{opening} and owns {{n}} decisions: {{entries}}",
            fill,
        )


RULE = Rule(
    code=CODE,
    name="vacant-owner",
    severity="error",
    check=check,
    doc=__doc__,
    cost="forked",
)
