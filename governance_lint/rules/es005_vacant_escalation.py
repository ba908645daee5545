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
from governance_lint.escalation import Chain, chains
from governance_lint.findings import Finding
from governance_lint.model import Organization
from governance_lint.terms import final_authority, is_vacant

CODE = "ES005"
NAME = "vacant-escalation"
SEVERITY = "error"


def _first_vacant(org: Organization, chain: Chain) -> int | None:
    """Index in ``chain.hops`` of the first vacant role passed before the chain's end."""
    passed = chain.hops[:-1] if chain.end == "end" else chain.hops
    return next((i for i, role in enumerate(passed) if is_vacant(org, role)), None)


def check(org: Organization, config: Config) -> Iterator[Finding]:
    vacant_ends: set[str] = set()
    for decision in org.decisions.values():
        found = chains(org, decision)
        for chain in found:
            if chain.end == "end" and chain.hops and is_vacant(org, chain.hops[-1]):
                vacant_ends.add(chain.hops[-1])
        failing = next(((c, i) for c in found if (i := _first_vacant(org, c)) is not None), None)
        if failing is None:
            continue
        chain, index = failing
        vacant = chain.hops[index]
        after = chain.hops[index + 1] if index + 1 < len(chain.hops) else final_authority(org)
        yield Finding(
            CODE,
            decision.locate("escalates_to" if decision.has("escalates_to") else "owner"),
            f"decision `{decision.id}` escalates through `{vacant}`, a vacant role: "
            "nobody is there to take the escalation",
            f"name a `holder` for `{vacant}`"
            + (f", or set the decision's `escalates_to: {after}`" if after else ""),
            entities=(decision.id, *chain.path[: index + 2]),
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
