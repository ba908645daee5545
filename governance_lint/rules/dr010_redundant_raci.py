"""A decision's owner listed as consulted or informed on its own decision.

## What it does

Reports each item of a decision's `consulted` or `informed` that is one of its
owners (the same role or person: `cpo`, or Lee Chen who holds `cpo`; for a team
owner, its lead), at that item. A team listed there is not expanded: `consulted:
[product]` is not read as consulting the product team's lead, unless the team is
itself the owner. One finding per item, so an owner listed in both fields is
reported twice.

A decision whose `owner` names an unknown id is left alone, and so is a `consulted`
or `informed` field with an unknown id or a malformed item.

The entities are the decision, the item, then the owner it matches when that is
another id.

## Why is this bad?

The owner consults others before deciding and informs others after; listing the
owner there is noise at best. At worst it shows that the roles were written without
asking who actually decides, and the responsibility chart stops being read.

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
  roadmap-priority:
    title: What the roadmap holds, in order
    owner: cpo
    consulted: [cto, cpo]
    informed: [lee]
```

## Fix

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: cpo}
decisions:
  roadmap-priority:
    title: What the roadmap holds, in order
    owner: cpo
    consulted: [cto]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import matching_owner, who
from governance_lint.rules._rule import Rule

CODE = "DR010"

WHY = {
    "consulted": "an owner is not consulted on their own decision",
    "informed": "an owner need not be told what they decided",
}


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.having("decision", "consulted", "informed"):
        if not decision.sound("owner"):
            continue
        for field in ("consulted", "informed"):
            if not decision.sound(field):
                continue
            for item in dict.fromkeys(decision.ids(field)):
                owner = matching_owner(org, decision, item)
                if owner is None:
                    continue
                written = "" if owner == item else f", as {who(org, item, config.show)}"
                yield Finding(
                    CODE,
                    decision.locate_item(field, item),
                    f"decision `{decision.id}` lists its owner {who(org, owner, config.show)} in "
                    f"`{field}`{written}: {WHY[field]}",
                    f"remove `{item}` from `{field}`",
                    entities=(decision.id, item, *((owner,) if owner != item else ())),
                )


RULE = Rule(
    code=CODE,
    name="redundant-raci",
    severity="info",
    check=check,
    doc=__doc__,
    cost="forked",
)
