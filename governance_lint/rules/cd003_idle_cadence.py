"""A cadence that reviews no decision and tracks no metric.

## What it does

Reports a cadence that no decision's or metric's `reviewed_in` names, at the
cadence's key. A cadence's agenda is derived: the decisions and metrics that name
it.

## Why is this bad?

A recurring meeting with nothing to decide and no number to look at becomes a
status round. It costs every attendee's time each cycle and moves nothing; worse,
the decisions that should come to it are taken somewhere nobody wrote down.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
cadences:
  weekly-execution-review: {title: Weekly execution review, every: weekly, chair: ceo}
```

## Fix

Name the cadence in the `reviewed_in` of the decisions and metrics it reviews, or
stop holding it.

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
cadences:
  weekly-execution-review: {title: Weekly execution review, every: weekly, chair: ceo}
metrics:
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
from governance_lint.model.cadences import agenda
from governance_lint.model.organization import Organization
from governance_lint.rules._rule import Rule

CODE = "CD003"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for cadence in org.cadences.values():
        if agenda(org, cadence.id):
            continue
        yield Finding(
            CODE,
            cadence.locate(),
            f"cadence `{cadence.id}` reviews no decision and tracks no metric: a meeting "
            "with nothing to decide",
            f"name `{cadence.id}` in the `reviewed_in` of the decisions and metrics it "
            "reviews, or stop holding it",
            entities=(cadence.id,),
        )


RULE = Rule(
    code=CODE,
    name="idle-cadence",
    severity="warning",
    check=check,
    doc=__doc__,
    cost="forked",
)
