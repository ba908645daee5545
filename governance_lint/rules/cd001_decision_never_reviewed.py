"""A decision that no cadence reviews.

## What it does

Reports a decision whose `reviewed_in` is absent or empty, at the decision's key.
A `reviewed_in` that names an unknown cadence is GL005's, not this rule's. The
help suggests a cadence one of the decision's owners already chairs or attends,
when there is one.

## Why is this bad?

A decision right that is never looked at again drifts: nobody checks whether it
was taken in time, whether it held, or whether it still sits with the right
owner. The operating rhythm is where decision rights are seen working or failing.

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
cadences:
  weekly-product-review: {title: Weekly product review, every: weekly, chair: cpo}
decisions:
  feature-scope:
    title: What goes into each feature
    owner: cpo
```

## Fix

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
cadences:
  weekly-product-review: {title: Weekly product review, every: weekly, chair: cpo}
decisions:
  feature-scope:
    title: What goes into each feature
    owner: cpo
    reviewed_in: weekly-product-review
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.cadences import review_help
from governance_lint.model.organization import Organization
from governance_lint.rules._rule import Rule

CODE = "CD001"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.decisions.values():
        if decision.ids("reviewed_in") or not decision.sound("reviewed_in"):
            continue
        owners = org.index.facts(decision).owners if decision.sound("owner") else ()
        yield Finding(
            CODE,
            decision.locate(),
            f"decision `{decision.id}` is reviewed in no cadence: nobody checks whether it is "
            "taken in time or still sits with the right owner",
            review_help(org, owners),
            entities=(decision.id,),
        )


RULE = Rule(
    code=CODE,
    name="decision-never-reviewed",
    severity="warning",
    check=check,
    doc=__doc__,
    cost="forked",
)
