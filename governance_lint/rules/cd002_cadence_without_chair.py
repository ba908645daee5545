"""A cadence with no chair, or whose chair is a vacant role.

## What it does

Reports a cadence with no `chair`, at the cadence's key, and a cadence whose
`chair` is a role with no `holder`, at the `chair` field. The help suggests the
lowest manager over the attendees, or the vacant role's manager.

## Why is this bad?

A meeting nobody runs has no agenda owner: nobody decides what comes up, nobody
closes items, and it slides into status updates. A chair whose seat is empty is
the same meeting with a name on it.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, reports_to: ceo}
cadences:
  weekly-execution-review:
    title: Weekly execution review
    every: weekly
    chair: coo
    attendees: [ceo]
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, reports_to: ceo}
cadences:
  weekly-execution-review:
    title: Weekly execution review
    every: weekly
    chair: ceo
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.cadences import present
from governance_lint.model.organization import Organization
from governance_lint.model.terms import is_vacant, lowest_common_manager, manager_of
from governance_lint.rules._rule import Rule

CODE = "CD002"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for cadence in org.cadences.values():
        if not cadence.has("chair"):
            attendees = present(org, cadence)
            manager = lowest_common_manager(org, attendees) if attendees else None
            yield Finding(
                CODE,
                cadence.locate(),
                f"cadence `{cadence.id}` has no chair: nobody owns its agenda or closes its items",
                f"set `chair: {manager}`, the lowest manager over its attendees"
                if manager and not is_vacant(org, manager)
                else "name a `chair`: the role that runs the meeting and owns its agenda",
                entities=(cadence.id,),
            )
            continue
        chair = cadence.get("chair")
        if not cadence.sound("chair") or not is_vacant(org, chair):
            continue
        role = org.roles[chair]
        manager = manager_of(org, role.id)
        yield Finding(
            CODE,
            cadence.locate("chair"),
            f"cadence `{cadence.id}` is chaired by `{chair}`, a vacant role: nobody runs it",
            f"name a `holder` for `{chair}`"
            + (
                f", or let `{manager}` chair it until the role is filled"
                if manager in org.roles
                else ", or hand the chair to a role that has one"
            ),
            entities=(cadence.id, chair),
        )


RULE = Rule(
    code=CODE,
    name="cadence-without-chair",
    severity="warning",
    check=check,
    doc=__doc__,
    cost="forked",
)
