"""A metric that no cadence reviews.

## What it does

Reports a metric whose `reviewed_in` is absent or empty, at the metric's key. The
help suggests a cadence the metric's owner already chairs or attends, when there
is one.

## Why is this bad?

A metric is only worth tracking if someone looks at it on a rhythm and acts on
it. A number nobody reviews is noticed when the outcome it predicts has already
happened.

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
cadences:
  weekly-product-review: {title: Weekly product review, every: weekly, chair: cpo}
metrics:
  activation-rate:
    title: New accounts active in their first week
    owner: cpo
    kind: leading
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
metrics:
  activation-rate:
    title: New accounts active in their first week
    owner: cpo
    kind: leading
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

CODE = "CD005"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for metric in org.metrics.values():
        if metric.ids("reviewed_in") or not metric.sound("reviewed_in"):
            continue
        owners = metric.ids("owner")[:1] if metric.sound("owner") else ()
        yield Finding(
            CODE,
            metric.locate(),
            f"metric `{metric.id}` is reviewed in no cadence: nobody looks at it on a rhythm",
            review_help(org, owners),
            entities=(metric.id,),
        )


RULE = Rule(
    code=CODE,
    name="metric-never-reviewed",
    severity="warning",
    check=check,
    doc=__doc__,
    cost="forked",
)
