"""Teams whose `parent` lines loop.

## What it does

Reports every loop of `parent` lines between teams, a team that is its own parent
included, once per loop however many cycles run through it. It names a shortest
cycle through the loop's smallest id, then the loop's other teams, and points at
the `parent` field of the smallest id. A `parent` with a GL002 or GL005 finding is
not followed.

## Why is this bad?

A team inside itself has no place in the organization: its ancestors never reach
the top, so nobody outside the loop leads it, and handoffs that rely on a parent
team's lead to accept work have nobody to go to.

## Example

```yaml
governance: 1
people:
  sam: {name: Sam Okafor}
  ada: {name: Ada Obi}
roles:
  cto: {title: Chief Technology Officer, holder: sam}
  head-of-data: {title: Head of Data, holder: ada, reports_to: cto}
teams:
  engineering:
    name: Engineering
    lead: cto
    parent: data
  data:
    name: Data
    lead: head-of-data
    parent: engineering
```

## Fix

```yaml
governance: 1
people:
  sam: {name: Sam Okafor}
  ada: {name: Ada Obi}
roles:
  cto: {title: Chief Technology Officer, holder: sam}
  head-of-data: {title: Head of Data, holder: ada, reports_to: cto}
teams:
  engineering:
    name: Engineering
    lead: cto
  data:
    name: Data
    lead: head-of-data
    parent: engineering
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import chain_text
from governance_lint.findings import Finding
from governance_lint.model.graph import loops, relation
from governance_lint.model.organization import Organization
from governance_lint.model.terms import managers, team_lead
from governance_lint.rules._rule import Rule

CODE = "OR006"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for loop in loops(relation(org, "parent", "team")):
        location = org.teams[loop.start].locate("parent")
        if len(loop.members) == 1:
            yield Finding(
                CODE,
                location,
                f"team `{loop.start}` is its own parent: it sits inside itself",
                f"remove `parent` from `{loop.start}`, or name the team it is part of",
                entities=loop.entities,
            )
            continue
        path = chain_text((*loop.cycle, loop.start))
        yield Finding(
            CODE,
            location,
            f"team parents loop: {path}; none of these teams sits under a team outside the loop",
            _help(org, loop.members),
            entities=loop.entities,
        )


def _help(org: Organization, members: tuple[str, ...]) -> str:
    """Suggest cutting the line above the team whose lead is most senior in the loop."""
    led = [(len(managers(org, lead)), team) for team in members if (lead := team_lead(org, team))]
    if not led:
        return "remove `parent` from the team that is at the top of the loop"
    _, top = min(led)
    return (
        f"remove `{top}`'s `parent` (its lead `{team_lead(org, top)}` is the most senior "
        "in the loop), or point it at a team outside the loop"
    )


RULE = Rule(
    code=CODE,
    name="team-parent-cycle",
    severity="error",
    check=check,
    doc=__doc__,
    identity="loop",
    diagram=True,
    loop="parent",
)
