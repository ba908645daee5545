"""An `override` who is not above the decision's owners.

## What it does

Reports a decision whose `override` is not above every one of its resolved owners
in the reporting lines, at the `override` field. "Above" is the contract's term: a
strict ancestor through `reports_to`, or the final authority over anyone else; a
person is above what a role they hold is above. A body (a team with `decides_by`)
counts as itself: as override it is above what a role it stands for (its lead, its
members and their roles) is above, and the final authority when it is one; a body
owner is below whatever is above its lead role, and below the final authority. An
override who holds no role is above nobody.

An override that is one of the owners (the same role or person) is self-approval,
reported by DR011 instead. A decision whose `owner` or `override` names an unknown
id, or whose owner resolves to nobody (a team with no lead, a group), is left alone.

The entities are the decision, the override, then the owners it is not above. The
help names the lowest role above every owner: their lowest common manager, or the
next role up when that manager is one of the owners.

The suggestion is checked: the help names a candidate only when setting it, in a copy
of the organization, makes this finding go away and adds no error or warning. After
the first candidate come the roles above it, nearest first, then its peers; an owner is
passed over, and when no candidate passes the help names no id.

## Why is this bad?

An override is "disagree and commit": someone with wider responsibility can
overrule the owner. A peer or a subordinate who can overrule the owner turns the
decision into a negotiation, and the owner's accountability into a formality.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
decisions:
  roadmap-priority:
    title: What the roadmap holds, in order
    owner: cpo
    override: cto
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
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
decisions:
  roadmap-priority:
    title: What the roadmap holds, in order
    owner: cpo
    consulted: [cto]
    override: ceo
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import (
    above,
    listing,
    lowest_role_above,
    matching_owner,
    who,
)
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import helped, names_change, override_help

CODE = "DR009"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.having("decision", "override"):
        override = decision.get("override")
        if not isinstance(override, str) or not decision.sound("override"):
            continue
        if not decision.sound("owner") or matching_owner(org, decision, override):
            continue  # an override that is an owner is DR011's
        owners = org.index.facts(decision).owners
        below = [owner for owner in owners if not above(org, override, owner)]
        if not below:
            continue
        finding = Finding(
            CODE,
            decision.locate("override"),
            f"decision `{decision.id}` can be overruled by {who(org, override, config.show)}, "
            f"who is not above {listing([who(org, o, config.show) for o in below])} in the "
            "reporting lines or as the final authority",
            "",
            entities=(decision.id, override, *below),
        )
        senior = lowest_role_above(org, owners)
        fix = override_help(org, config, finding, decision, senior)
        yield helped(finding, fix) if names_change(fix) else replace(finding, help=fix)


RULE = Rule(
    code=CODE,
    name="override-not-above-owner",
    severity="warning",
    check=check,
    doc=__doc__,
    cost="forked",
)
