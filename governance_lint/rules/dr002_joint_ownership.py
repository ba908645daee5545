"""A decision owned by two or more roles or people ("co-leads").

## What it does

Reports a decision whose `owner` lists two or more ids, at the `owner` field. It
reads the field as written, even where an owner is not defined.

An owner list with no `mode`, no `tie_breaker` and no `escalates_to` is also a
consensus deadlock (DL001): the two findings are a documented pair, the shared
ownership and the deadlock it builds.

## Why is this bad?

Two owners means each can assume the other is on it, and when they disagree nobody
holds the final word. Co-led initiatives are where accountability quietly
collapses: everyone is involved, nobody is answerable.

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, holder: sam}
decisions:
  roadmap-timeline:
    title: When roadmap items ship
    owner: [cpo, cto]
```

## Fix

Split the decision by scope, one owner each; the other is consulted.

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, holder: sam}
decisions:
  roadmap-priority:
    title: What the roadmap holds, in order
    scope: roadmap.priority
    owner: cpo
    consulted: [cto]
  roadmap-timeline:
    title: When roadmap items ship
    scope: roadmap.timeline
    owner: cto
    consulted: [cpo]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import is_owner_list, listing, who
from governance_lint.rules._rule import Rule

CODE = "DR002"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.decisions.values():
        if not is_owner_list(decision):
            continue
        owners = decision.ids("owner")
        names = listing([who(org, owner, config.show) for owner in owners])
        yield Finding(
            CODE,
            decision.locate("owner"),
            f"decision `{decision.id}` has {len(owners)} owners, {names}: each can wait for "
            "the other and nobody has the final word",
            f"keep one owner and make the others `consulted`, or split `{decision.id}` into "
            "decisions with distinct scopes, each with one owner",
            entities=(decision.id, *owners),
        )


RULE = Rule(
    code=CODE,
    name="joint-ownership",
    severity="error",
    check=check,
    doc=__doc__,
    diagram=True,
    cost="forked",
)
