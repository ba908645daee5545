"""No leading indicator, or a leading one reviewed too rarely to steer by.

## What it does

Reports, once for the organization, metrics of which none is `kind: leading`; it
points at the `organization` key, else at the first `metrics` key in file order,
else at line 1, column 1 of the first governance file, and names no entities.

Reports, once per metric, a leading metric whose `reviewed_in` names cadences of
which none meets daily, weekly or biweekly, at its `reviewed_in` field; its
entities are the metric, then those cadences. A metric with no `reviewed_in` is
CD005's. A `kind` or an `every` that is not one of the known values (GL002) leaves
the rule silent where it would read it.

## Why is this bad?

Lagging numbers (revenue, retention, margin) report what already happened. A
leadership team that steers only by them learns about a problem a quarter late.
Leading indicators (decision cycle time, escalation frequency, rework rate) move
first, but only help when someone looks at them every week.

## Example

```yaml
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
cadences:
  monthly-operating-review: {title: Monthly operating review, every: monthly, chair: ceo}
metrics:
  net-revenue-retention:
    title: Net revenue retention
    owner: ceo
    kind: lagging
    reviewed_in: monthly-operating-review
```

## Fix

```yaml
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
cadences:
  weekly-execution-review: {title: Weekly execution review, every: weekly, chair: ceo}
  monthly-operating-review: {title: Monthly operating review, every: monthly, chair: ceo}
metrics:
  net-revenue-retention:
    title: Net revenue retention
    owner: ceo
    kind: lagging
    reviewed_in: monthly-operating-review
  decision-cycle-time:
    title: Decision cycle time
    owner: ceo
    kind: leading
    reviewed_in: weekly-execution-review
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.cadences import WEEKLY, every, organization_location, reviewed_in
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import listing
from governance_lint.rules._rule import Rule

CODE = "CD008"

STEERING = WEEKLY | {"daily"}


def _kind(metric: Entity) -> str | None:
    return metric.get("kind") if metric.sound("kind") else None


def check(org: Organization, config: Config) -> Iterator[Finding]:
    metrics = list(org.metrics.values())
    if (
        metrics
        and all(metric.sound("kind") for metric in metrics)
        and not any(_kind(metric) == "leading" for metric in metrics)
        and (where := organization_location(org, "metrics")) is not None
    ):
        yield Finding(
            CODE,
            where,
            f"none of the organization's {len(metrics)} metrics is `kind: leading`: every "
            "number it tracks reports an outcome after the fact",
            "add a leading indicator that moves before the outcome (decision cycle time, "
            "escalation frequency, rework rate) and review it weekly",
        )
    for metric in metrics:
        if _kind(metric) != "leading" or not metric.sound("reviewed_in"):
            continue
        cadences = reviewed_in(org, metric)
        if not cadences or any(not org.cadences[c].sound("every") for c in cadences):
            continue
        if any(every(org.cadences[c]) in STEERING for c in cadences):
            continue
        shown = listing([f"`{c}` ({every(org.cadences[c]) or 'no `every`'})" for c in cadences])
        yield Finding(
            CODE,
            metric.locate("reviewed_in"),
            f"leading metric `{metric.id}` is reviewed only in {shown}: it moves first, but "
            "nobody looks at it often enough to steer by it",
            "review it in a daily, weekly or biweekly cadence as well",
            entities=(metric.id, *cadences),
        )


RULE = Rule(
    code=CODE,
    name="no-leading-indicators",
    severity="info",
    check=check,
    doc=__doc__,
    identity="first-entity-or-nothing",
    cost="forked",
)
