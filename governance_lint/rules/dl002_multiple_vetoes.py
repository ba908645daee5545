"""Several people can each block a decision, and nobody can settle their disagreement.

## What it does

Reports a decision whose `vetoes` name two or more distinct people (a person and a
role they hold count once; each vacant role is one seat) when the decision has
neither a `tie_breaker` nor an `escalates_to` written on it, at the `vetoes` field.
Reporting lines do not count: nobody was given the casting vote. The help suggests
the lowest common manager of the owner, the deciders of a group decision and the
veto holders as `tie_breaker`.

## Why is this bad?

Each veto is a chance to stop the decision. With two veto holders who want
opposite things, every option is blocked by one of them, and without someone
named to settle it the decision waits until the disagreement goes away on its own.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
  ada: {name: Ada Obi}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: sam, reports_to: ceo}
  general-counsel: {title: General Counsel, holder: ada, reports_to: ceo}
decisions:
  pricing:
    title: List prices
    owner: cpo
    vetoes: [cfo, general-counsel]
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
  ada: {name: Ada Obi}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: sam, reports_to: ceo}
  general-counsel: {title: General Counsel, holder: ada, reports_to: ceo}
decisions:
  pricing:
    title: List prices
    owner: cpo
    vetoes: [cfo, general-counsel]
    tie_breaker: ceo
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import (
    deciders_sound,
    distinct_people,
    listing,
    lowest_common_manager,
    who,
)
from governance_lint.rules._rule import Rule

CODE = "DL002"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.having("decision", "vetoes"):
        if decision.has("tie_breaker") or decision.has("escalates_to"):
            continue
        if not decision.sound("vetoes"):
            continue
        holders = tuple(dict.fromkeys(decision.ids("vetoes")))
        people = distinct_people(org, holders)
        if len(people) < 2:
            continue
        owners = decision.ids("owner") if decision.sound("owner") else ()
        group = (org.index.facts(decision).deciders or ()) if deciders_sound(org, decision) else ()
        manager = lowest_common_manager(org, (*owners, *group, *holders))
        names = listing([who(org, holder, config.show) for holder in holders])
        yield Finding(
            CODE,
            decision.locate("vetoes"),
            f"decision `{decision.id}` can be blocked by {len(people)} people, {names}, "
            "and nobody can settle a disagreement between them",
            f"set `tie_breaker: {manager}`, the lowest manager over the deciders and the veto "
            "holders, or an `escalates_to`"
            if manager
            else "name a `tie_breaker` who settles a disagreement, or an `escalates_to`",
            entities=(decision.id, *holders),
        )


RULE = Rule(
    code=CODE,
    name="multiple-vetoes",
    severity="warning",
    check=check,
    doc=__doc__,
)
