"""A decision that trades off metrics of different people, with nobody to adjudicate.

## What it does

Reports a decision that `affects` metrics owned by two or more different people
when none of its resolved owners, its `tie_breaker` and its `override` is at or
above every one of those metric owners, at the `affects` field. "At or above" is
the contract's term: the same person, or above in the reporting lines (the final
authority is above everyone else).

Only metrics with one sound owner take part: a metric whose owner is missing, a
list, a team or a vacant role is CD004's, and this rule ignores that metric. A
decision whose `owner`, `tie_breaker`, `override` or `affects` names an unknown id
is left alone.

The entities are the decision, the metrics taking part in `affects` order, then
their owners, each once. The help names the metric owners' lowest common manager
as `tie_breaker`.

## Why is this bad?

When a decision moves sales' revenue and operations' margin, each side is paid to
pull it their way. Unless someone who answers for both numbers can settle it, the
trade-off is fought out in every meeting, or quietly decided by whoever owns the
decision at the other side's expense.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  rosa: {name: Rosa Diaz}
  dana: {name: Dana Ruiz}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cro: {title: Chief Revenue Officer, holder: rosa, reports_to: ceo}
  coo: {title: Chief Operating Officer, holder: dana, reports_to: ceo}
decisions:
  discount-policy:
    title: Discounts sales may offer
    owner: cro
    affects: [revenue, gross-margin]
metrics:
  revenue: {title: New revenue, owner: cro}
  gross-margin: {title: Gross margin, owner: coo}
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  rosa: {name: Rosa Diaz}
  dana: {name: Dana Ruiz}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cro: {title: Chief Revenue Officer, holder: rosa, reports_to: ceo}
  coo: {title: Chief Operating Officer, holder: dana, reports_to: ceo}
decisions:
  discount-policy:
    title: Discounts sales may offer
    owner: cro
    tie_breaker: ceo
    affects: [revenue, gross-margin]
metrics:
  revenue: {title: New revenue, owner: cro}
  gross-margin: {title: Gross margin, owner: coo}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import (
    at_or_above,
    distinct_people,
    listing,
    lowest_common_manager,
    metric_owner,
    who,
)
from governance_lint.rules._rule import Rule

CODE = "DR012"
FOLLOWED = ("owner", "tie_breaker", "override", "affects")


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.having("decision", "affects"):
        if not all(decision.sound(field) for field in FOLLOWED):
            continue
        owned: dict[str, str] = {}  # metric -> its owner, in `affects` order
        for metric_id in decision.ids("affects"):
            metric = org.metrics.get(metric_id)
            owner = metric_owner(org, metric) if metric is not None else None
            if owner is not None:
                owned.setdefault(metric_id, owner)
        metric_owners = list(dict.fromkeys(owned.values()))
        if len(distinct_people(org, metric_owners)) < 2:
            continue
        judges = [
            *org.index.facts(decision).owners,
            *(decision.ids("tie_breaker")),
            *(decision.ids("override")),
        ]
        if any(all(at_or_above(org, j, m) for m in metric_owners) for j in judges):
            continue
        manager = lowest_common_manager(org, metric_owners)
        numbers = listing(
            [f"`{metric}` of {who(org, owner, config.show)}" for metric, owner in owned.items()]
        )
        yield Finding(
            CODE,
            decision.locate("affects"),
            f"decision `{decision.id}` moves metrics owned by different people ({numbers}), "
            "and none of its owners, tie-breaker or override is at or above all of them: "
            "nobody can settle the trade-off between their numbers",
            f"set `tie_breaker: {manager}`, the lowest common manager of the metric owners"
            if manager
            else "name a `tie_breaker` who answers for all of these metrics",
            entities=(decision.id, *owned, *metric_owners),
        )


RULE = Rule(
    code=CODE,
    name="conflicting-incentives",
    severity="warning",
    check=check,
    doc=__doc__,
    diagram=True,
    cost="forked",
)
