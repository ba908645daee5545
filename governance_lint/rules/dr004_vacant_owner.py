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
from governance_lint.model.modes import POOL, deciders_sound, decision_mode, pool
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import vacancy
from governance_lint.rules._grouped import filling, grouped, subject_phrase
from governance_lint.rules._rule import Rule

CODE = "DR004"


def _pool_can_decide(org: Organization, decision: Entity, vacant_id: str) -> bool:
    """In mode `any`, whether another member of the pool is a held role or a person; a
    pool read from a field with a finding is taken as able to decide (the field's fault
    is reported elsewhere)."""
    if not deciders_sound(org, decision):
        return True
    return any(
        member != vacant_id
        and (
            org.kind_of(member) == "person"
            or (org.kind_of(member) == "role" and vacancy(org, member) is None)
        )
        for member in pool(org, decision)
    )


def check(org: Organization, config: Config) -> Iterator[Finding]:
    owned: dict[str, list[tuple[str, Location, str, tuple[str, ...]]]] = {}
    in_lists: set[str] = set()
    for decision in org.decisions.values():
        if not decision.sound("owner"):
            continue
        is_pool = decision_mode(org, decision) == POOL
        for owner in dict.fromkeys(decision.ids("owner")):
            if vacancy(org, owner) is None:
                continue
            if is_pool and _pool_can_decide(org, decision, owner):
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
        kind = vacancy(org, vacant_id)
        assert kind is not None
        opening = subject_phrase(vacant_id, kind)
        fill, candidate = filling(org, vacant_id, kind)
        if candidate is not None:
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
    decision_rows=True,
)
