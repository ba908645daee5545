"""An escalation chain that passes through a vacant role.

## What it does

Follows each decision's escalation chain and reports the decision when the chain
passes through a role with no `holder` before its end, naming the first vacant
role after the owner (a vacant owner is DR004), at the decision's `escalates_to`
when set, else at its `owner`. A vacant role where chains end, the final
authority or another top, is reported once, at that role's key, however many
chains end there.

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
from governance_lint.display import CHAIN_ENDS, CHAIN_SHOWN
from governance_lint.findings import Finding
from governance_lint.model.escalation import Chain, vacancy_after, walk
from governance_lint.model.organization import Organization
from governance_lint.model.terms import final_authority, is_vacant
from governance_lint.rules._rule import Rule

CODE = "ES005"


def _up_to_vacant(org: Organization, chain: Chain) -> tuple[str, ...] | None:
    """The chain from its owner to the first vacant role passed before its end, as the
    finding lists it (its first and last few ids when long, as ``chain_entities`` shows a
    chain); None when no vacant role is passed."""
    hops = chain.hops
    found: tuple[int, str, tuple[str, ...]] | None = next(
        ((i, role, ()) for i, role in enumerate(hops.head) if is_vacant(org, role)), None
    )
    if found is None and hops.rest is not None:
        after = vacancy_after(org, hops.rest)
        if after is not None:
            found = (len(hops.head) + after.index, after.role, after.before)
    if found is None or (chain.end == "end" and found[0] == len(hops) - 1):
        return None
    index, vacant, before = found
    shown = index + 2  # the owner, then the hops up to the vacant role
    if shown <= CHAIN_SHOWN:
        return chain.path.first(shown)
    # a head holds one hop at most, so here the vacancy lies deep in the walk and the
    # roles remembered before it are the chain's last few up to it
    return (*chain.path.first(CHAIN_ENDS), *before, vacant)


def check(org: Organization, config: Config) -> Iterator[Finding]:
    vacant_ends: set[str] = set()
    # by chain list: decisions with the same owners and escalates_to share one
    looked: dict[int, tuple[str, ...] | None] = {}
    for decision in org.decisions.values():
        found = org.index.facts(decision).chains
        if not found:
            continue
        if id(found) not in looked:
            for chain in found:
                if chain.end == "end" and chain.hops and is_vacant(org, chain.hops[-1]):
                    vacant_ends.add(chain.hops[-1])
            looked[id(found)] = next(
                (ids for c in found if (ids := _up_to_vacant(org, c)) is not None), None
            )
        shown = looked[id(found)]
        if shown is None:
            continue
        vacant = shown[-1]
        after = walk(org, vacant).next or final_authority(org)
        yield Finding(
            CODE,
            decision.locate("escalates_to" if decision.has("escalates_to") else "owner"),
            f"decision `{decision.id}` escalates through `{vacant}`, a vacant role: "
            "nobody is there to take the escalation",
            f"name a `holder` for `{vacant}`"
            + (f", or set the decision's `escalates_to: {after}`" if after else ""),
            entities=(decision.id, *shown),
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
