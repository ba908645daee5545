"""Decisions that wait on each other through `depends_on`.

## What it does

Reports every loop of `depends_on` lines between decisions, a decision that
depends on itself included, once per loop however many cycles run through it. It
names a shortest cycle through the loop's smallest id, then the loop's other
decisions, and points at the `depends_on` item that leaves the smallest id along
that cycle. A `depends_on` field with an unknown or malformed item (GL002, GL005)
is not followed.

## Why is this bad?

A decision that must wait for another decision that waits for it can never be
taken in the order written down. In practice somebody decides one of them
anyway, out of order and without the input the dependency promised.

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: cpo}
decisions:
  launch-date:
    title: When the product launches
    owner: cpo
    depends_on: [platform-choice]
  platform-choice:
    title: Which platform the product runs on
    owner: cto
    depends_on: [launch-date]
```

## Fix

Decide one of them first: remove the dependency that is not real.

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: cpo}
decisions:
  launch-date:
    title: When the product launches
    owner: cpo
    depends_on: [platform-choice]
  platform-choice:
    title: Which platform the product runs on
    owner: cto
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

CODE = "DL005"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for loop in loops(relation(org, "depends_on", "decision")):
        start = org.decisions[loop.start]
        location = start.locate_item("depends_on", loop.next)
        if len(loop.members) == 1:
            yield Finding(
                CODE,
                location,
                f"decision `{loop.start}` depends on itself: it waits for its own outcome",
                f"remove `{loop.start}` from its own `depends_on`",
                entities=loop.entities,
            )
            continue
        path = chain_text((*loop.cycle, loop.start))
        others = len(loop.members) - len(loop.cycle)
        extra = f" (and {others} more decision{'s' if others > 1 else ''} in the loop)"
        extra = extra if others else ""
        yield Finding(
            CODE,
            location,
            f"decisions wait on each other: {path}{extra}; none of them can be decided first",
            f"decide which comes first and remove the `depends_on` that points back, such as "
            f"`{loop.start}`'s dependency on `{loop.next}`",
            entities=loop.entities,
        )


RULE = Rule(
    code=CODE,
    name="dependency-cycle",
    severity="error",
    check=check,
    doc=__doc__,
    identity="loop",
    diagram=True,
    loop="depends_on",
)
