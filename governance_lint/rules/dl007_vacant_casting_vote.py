"""A tie-breaker, override, veto or sign-off held by a vacant role.

## What it does

Reports each vacant role (a role with no `holder`) that a decision names as its
`tie_breaker`, its `override`, a veto holder (`vetoes`) or an approver
(`approvals`): one finding per vacant role, however many of these it is, at the
first place it is named (the `tie_breaker` or `override` field, or the `vetoes` or
`approvals` item). A vacant owner is DR004.

## Why is this bad?

A casting vote or a sign-off that nobody holds resolves nothing: the tie stays
tied, the override never comes, and every approval step waiting on the empty seat
blocks the decision until someone is appointed.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cfo: {title: Chief Financial Officer, reports_to: ceo}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
decisions:
  discount-policy:
    title: Discounts sales may offer
    owner: cpo
    approvals: [cfo]
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cfo: {title: Chief Financial Officer, reports_to: ceo}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
decisions:
  discount-policy:
    title: Discounts sales may offer
    owner: cpo
    approvals: [ceo]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding, Location
from governance_lint.model.organization import Organization
from governance_lint.model.terms import is_vacant, listing, manager_of
from governance_lint.rules._rule import Rule

CODE = "DL007"

CAPACITIES = {
    "tie_breaker": "tie-breaker",
    "override": "override",
    "vetoes": "veto holder",
    "approvals": "approver",
}


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.having("decision", "tie_breaker", "override", "vetoes", "approvals"):
        named: dict[str, list[tuple[Location, str]]] = {}
        for field, capacity in CAPACITIES.items():
            if not decision.sound(field):
                continue
            for role_id in dict.fromkeys(decision.ids(field)):
                if is_vacant(org, role_id):
                    place = decision.locate_item(field, role_id)
                    named.setdefault(role_id, []).append((place, capacity))
        for role_id, places in sorted(named.items(), key=lambda item: min(item[1])):
            role = org.roles[role_id]
            manager = manager_of(org, role.id)
            capacities = listing([capacity for _, capacity in sorted(places)])
            yield Finding(
                CODE,
                min(places)[0],
                f"decision `{decision.id}` names `{role_id}`, a vacant role, as {capacities}: "
                "nobody is there to give it",
                f"name a `holder` for `{role_id}`"
                + (
                    f", or name `{manager}`, the role it reports to, until it is filled"
                    if manager
                    else ", or name a role that has one"
                ),
                entities=(decision.id, role_id),
            )


RULE = Rule(
    code=CODE,
    name="vacant-casting-vote",
    severity="error",
    check=check,
    doc=__doc__,
    identity="first-two",
)
