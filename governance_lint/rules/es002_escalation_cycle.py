"""Escalation lines that loop.

## What it does

Each role escalates along its `escalates_to`, else its `reports_to`; a body (a
team with `decides_by`) along its `escalates_to`. This rule reports every loop in
those lines that passes through at least one `escalates_to`, once per loop however
many decisions would enter it, at the edge that leaves the loop's smallest id. A
loop may run through bodies (a role escalating to a steering committee that
escalates back to it). A loop made only of `reports_to` lines is OR001's finding,
and a role or body escalating to itself is ES003's.

## Why is this bad?

An escalation that goes round in a circle never reaches anyone who can decide:
the COO sends it to the CTO, the CTO sends it back, and the decision waits
forever.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, holder: lee, reports_to: ceo, escalates_to: cto}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo, escalates_to: coo}
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import chain_text
from governance_lint.findings import Finding
from governance_lint.model.escalation import escalation_loops, next_hop
from governance_lint.model.organization import Organization
from governance_lint.rules._rule import Rule

CODE = "ES002"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for loop in escalation_loops(org):
        if len(loop.members) == 1:
            continue  # a role or body escalating to itself is ES003; reporting to itself, OR001
        if all(next_hop(org, member)[1] == "reports_to" for member in loop.members):
            continue  # only reporting lines: OR001
        _, field = next_hop(org, loop.start)
        path = chain_text((*loop.cycle, loop.start))
        yield Finding(
            CODE,
            org.entities[loop.start].locate(field),
            f"escalation loops: {path}; a decision that enters it never reaches anyone who "
            "can decide",
            "point one `escalates_to` of the loop at a role above all of them, or remove it "
            "so the role escalates to its manager (a body without one ends its chains)",
            entities=loop.entities,
        )


RULE = Rule(
    code=CODE,
    name="escalation-cycle",
    severity="error",
    check=check,
    doc=__doc__,
    identity="loop",
    diagram=True,
    loop="escalates_to",
)
