"""An escalation chain that passes through a vacant role.

## What it does

Follows each decision's escalation chains and reports each role with no `holder`
that they pass before their end (a vacant owner is DR004's), once, at the role's
key, listing every decision one of whose chains passes through it (first five, then
"and N more"). Each listed decision's `escalates_to` field when set, else its
`owner` field, is a related location; a suppression there takes that decision out
of the list. A vacant role where chains end, the final authority or another top,
is reported once, at that role's key, however many chains end there.

## Why is this bad?

An escalation sent to an empty seat waits for nobody. Vacancies on the way up are
where contested decisions disappear.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  dana: {name: Dana Ruiz}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, reports_to: ceo}
  ops-lead: {title: Operations Lead, holder: dana, reports_to: coo}
decisions:
  shift-plan:
    title: Warehouse shift plan
    owner: ops-lead
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  dana: {name: Dana Ruiz}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, reports_to: ceo}
  ops-lead: {title: Operations Lead, holder: dana, reports_to: coo}
decisions:
  shift-plan:
    title: Warehouse shift plan
    owner: ops-lead
    escalates_to: ceo
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding, Location
from governance_lint.model.escalation import Chain, vacancy_after, walk
from governance_lint.model.organization import Organization
from governance_lint.model.terms import final_authority, is_vacant, vacancy
from governance_lint.rules._grouped import grouped, subject_phrase
from governance_lint.rules._rule import Rule

CODE = "ES005"


def passed(org: Organization, chain: Chain) -> tuple[str, ...]:
    """The vacant roles a chain passes before its end, in chain order: one step per
    vacancy, each found from the last (``vacancy_after`` is remembered per role)."""
    hops = chain.hops
    found = [role for role in hops.head if is_vacant(org, role)]
    current = hops.rest
    while current is not None:
        after = vacancy_after(org, current)
        if after is None:
            break
        found.append(after.role)
        current = after.role
    if found and chain.end == "end" and found[-1] == hops[-1]:
        found.pop()  # where the chain ends: reported about the role itself
    return tuple(dict.fromkeys(found))


def check(org: Organization, config: Config) -> Iterator[Finding]:
    vacant_ends: set[str] = set()
    # by chain list: decisions with the same owners and escalates_to share one
    looked: dict[int, tuple[str, ...]] = {}
    through: dict[str, list[tuple[str, Location, str, tuple[str, ...]]]] = {}
    for decision in org.decisions.values():
        found = org.index.facts(decision).chains
        if not found:
            continue
        if id(found) not in looked:
            for chain in found:
                if chain.end == "end" and chain.hops and is_vacant(org, chain.hops[-1]):
                    vacant_ends.add(chain.hops[-1])
            looked[id(found)] = tuple(
                dict.fromkeys(role for chain in found for role in passed(org, chain))
            )
        field = "escalates_to" if decision.has("escalates_to") else "owner"
        for vacant in looked[id(found)]:
            through.setdefault(vacant, []).append(
                (
                    decision.id,
                    decision.locate(field),
                    f"`{decision.id}` escalates through `{vacant}`",
                    (),
                )
            )
    for vacant, decisions in sorted(through.items()):
        opening = subject_phrase(vacant, "role")
        after = walk(org, vacant).next or final_authority(org)
        fill = f"name a `holder` for `{vacant}`"
        if after is not None and after != vacant and vacancy(org, after) is None:
            fill += f", or set `escalates_to: {after}` on {{entries}}"
        yield grouped(
            CODE,
            org.roles[vacant],
            decisions,
            f"{opening} and 1 decision escalates through it: {{entries}}",
            f"{opening} and {{n}} decisions escalate through it: {{entries}}",
            fill,
        )
    authority = final_authority(org)
    for role_id in sorted(vacant_ends):
        what = "the final authority" if role_id == authority else "a top role"
        yield Finding(
            CODE,
            org.roles[role_id].locate(),
            f"role `{role_id}` is {what}, where escalation chains end, and it is vacant: "
            "escalations that reach it wait for nobody",
            f"name a `holder` for `{role_id}`",
            entities=(role_id,),
        )


RULE = Rule(
    code=CODE,
    name="vacant-escalation",
    severity="error",
    check=check,
    doc=__doc__,
    diagram=True,
)
