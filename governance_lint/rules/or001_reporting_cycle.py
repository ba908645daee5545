"""Reporting lines that loop.

## What it does

Reports every loop of `reports_to` lines between roles, a role reporting to itself
included, once per loop however many cycles run through it, at the `reports_to`
field of the loop's smallest id. Escalations that would run through it are not
also reported.

## Why is this bad?

A loop in the reporting lines means nobody in it has a manager outside it: there
is no one above them to settle what they cannot, and "above" stops meaning
anything.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
roles:
  ceo: {title: Chief Executive Officer, holder: priya, reports_to: cpo}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import chain_text
from governance_lint.findings import Finding
from governance_lint.model.graph import loops, relation
from governance_lint.model.organization import Organization
from governance_lint.rules._rule import Rule

CODE = "OR001"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for loop in loops(relation(org, "reports_to", "role")):
        path = chain_text((*loop.cycle, loop.start))
        yield Finding(
            CODE,
            org.roles[loop.start].locate("reports_to"),
            f"reporting lines loop: {path}; nobody in the loop has a manager outside it",
            "make one role of the loop report to a role above all of them, or leave the top "
            "role without `reports_to`",
            entities=loop.entities,
        )


RULE = Rule(
    code=CODE,
    name="reporting-cycle",
    severity="error",
    check=check,
    doc=__doc__,
    identity="loop",
    diagram=True,
    loop="reports_to",
)
