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

Besides naming a holder, the help suggests who could own these decisions in its
place: the vacant role's `reports_to` (a body's `escalates_to`). The suggestion is
checked: the help names a candidate only when putting it in place of the vacant role
or body in the `owner` of every listed decision, in a copy of the organization, makes
this finding go away and adds no error or warning. After the first candidate come the
roles above it, nearest first, then its peers; when none passes, the help only says
to fill the seat.

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
from governance_lint.rules._grouped import filling, grouped, next_up, subject_phrase
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import candidates, replace_item, suggest_among, suggesting

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
        fill, _ = filling(org, vacant_id, kind)
        one = f"{opening} and owns 1 decision: {{entries}}"
        many = f"{opening} and owns {{n}} decisions: {{entries}}"
        finding = grouped(CODE, org.entities[vacant_id], decisions, one, many, fill)
        targets = [org.decisions[entry[0]] for entry in decisions]
        chosen = suggest_among(
            org,
            config,
            finding,
            targets,
            "owner",
            candidates(org, next_up(org, vacant_id, kind)),
            (),
            replace_item(targets, "owner", vacant_id),
        )
        if chosen is not None:
            fill += (
                f", or put `{chosen}` in its place in the `owner` of {{entries}}"
                if vacant_id in in_lists
                else f", or set `owner: {chosen}` on {{entries}}"
            )
            finding = suggesting(grouped(CODE, org.entities[vacant_id], decisions, one, many, fill))
        yield finding


RULE = Rule(
    code=CODE,
    name="vacant-owner",
    severity="error",
    check=check,
    doc=__doc__,
    cost="forked",
    decision_rows=True,
)
