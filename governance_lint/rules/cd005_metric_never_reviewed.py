"""A metric that no cadence reviews.

## What it does

Reports a metric whose `reviewed_in` is absent or empty, at the metric's key. The
help suggests a cadence to add to `reviewed_in`: one where the metric's owner, or
someone above them, is present (as the owner-absent-from-review rule counts
presence), the first in sorted order whose addition passes a check: in a copy of the
organization, it makes this finding go away and adds no error or warning. When none
passes, the help names no cadence.

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
from governance_lint.model.cadences import answers_for, room
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import resolve_owner
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import add_item, helped, suggest_listed
from governance_lint.rules.cd001_decision_never_reviewed import PRESENT

CODE = "CD005"


def _present(org: Organization, metric: Entity) -> Iterator[str]:
    """The cadences, in sorted order, where the metric's owner or someone above them is
    present, looked at one by one as they are asked for."""
    owners = metric.ids("owner")[:1] if metric.sound("owner") else ()
    resolved = [each for owner in owners for each in resolve_owner(org, owner)]
    if not resolved:
        return
    for cadence_id in sorted(org.cadences):
        cadence = org.cadences[cadence_id]
        if not cadence.sound("chair") or not cadence.sound("attendees"):
            continue
        where = room(org, cadence)
        if any(answers_for(org, where, each) for each in resolved):
            yield cadence_id


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for metric in org.metrics.values():
        if metric.ids("reviewed_in") or not metric.sound("reviewed_in"):
            continue
        finding = Finding(
            CODE,
            metric.locate(),
            f"metric `{metric.id}` is reviewed in no cadence: nobody looks at it on a rhythm",
            "name in `reviewed_in` the cadence where its owner reports on it",
            entities=(metric.id,),
        )
        chosen = suggest_listed(
            org,
            config,
            finding,
            [(metric, "reviewed_in")],
            _present(org, metric),
            add_item(metric, "reviewed_in"),
        )
        if chosen is not None:
            finding = helped(finding, f"add `{chosen}` to `reviewed_in`, {PRESENT}")
        yield finding


RULE = Rule(
    code=CODE,
    name="metric-never-reviewed",
    severity="warning",
    check=check,
    doc=__doc__,
    cost="forked",
)
