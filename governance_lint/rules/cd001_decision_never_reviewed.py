"""A decision that no cadence reviews.

## What it does

Reports a decision whose `reviewed_in` is absent or empty, at the decision's key.
A `reviewed_in` that names an unknown cadence is GL005's, not this rule's. The
help suggests a cadence to add to `reviewed_in`: one where one of the decision's
resolved owners, or someone above them, is present (as the owner-absent-from-review
rule counts presence), the first in sorted order whose addition passes a check: in a
copy of the organization, it makes this finding go away and adds no error or warning.
When none passes, the help names no cadence.

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
from governance_lint.model.cadences import room
from governance_lint.model.organization import Entity, Organization
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import add_item, helped, suggest_listed
from governance_lint.rules.cd007_owner_absent_from_review import answered, answering

CODE = "CD001"

PRESENT = "a cadence where its owner or someone above them is present"


def _present(org: Organization, decision: Entity) -> Iterator[str]:
    """The cadences, in sorted order, where one of the decision's owners answers for it,
    looked at one by one as they are asked for."""
    who_answers = answering(org, decision)
    if who_answers is None:
        return
    memo: dict[tuple[int, int], bool] = {}
    for cadence_id in sorted(org.cadences):
        cadence = org.cadences[cadence_id]
        if not cadence.sound("chair") or not cadence.sound("attendees"):
            continue
        if answered(org, room(org, cadence), who_answers, memo):
            yield cadence_id


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.decisions.values():
        if decision.ids("reviewed_in") or not decision.sound("reviewed_in"):
            continue
        finding = Finding(
            CODE,
            decision.locate(),
            f"decision `{decision.id}` is reviewed in no cadence: nobody checks whether it is "
            "taken in time or still sits with the right owner",
            "name in `reviewed_in` the cadence where its owner reports on it",
            entities=(decision.id,),
        )
        chosen = suggest_listed(
            org,
            config,
            finding,
            [(decision, "reviewed_in")],
            _present(org, decision),
            add_item(decision, "reviewed_in"),
        )
        if chosen is not None:
            finding = helped(finding, f"add `{chosen}` to `reviewed_in`, {PRESENT}")
        yield finding


RULE = Rule(
    code=CODE,
    name="decision-never-reviewed",
    severity="warning",
    check=check,
    doc=__doc__,
    cost="forked",
)
