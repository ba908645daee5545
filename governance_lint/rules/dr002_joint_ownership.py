"""A decision owned by two or more roles or people ("co-leads"), or by a shared seat.

## What it does

Reports, at the `owner` field, a decision whose `owner` lists two or more distinct
ids (an id listed twice counts once), unless its `mode` is `any`: a pool, where each
of them may decide alone. It reads the field as written, even where an owner is not
defined.

It also reports a decision in `dri` mode (the default) owned by one role with two or
more holders: co-leadership through a shared seat. That message names the holders,
and the entities are the decision, the role, then its holders in the order written.

This finding stands alone: an owner list is not also reported as a consensus
deadlock, a possible tie or an open-ended group decision, since its fix, one owner,
removes those too.

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

Split the decision by scope, one owner each; the other is consulted. (For a shared
seat: name one holder, or write the mode in which the holders decide together, such
as `mode: consent`.)

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
from governance_lint.display import IDS_SHOWN
from governance_lint.findings import Finding
from governance_lint.model.modes import decision_mode
from governance_lint.model.organization import Organization
from governance_lint.model.terms import listing, who
from governance_lint.rules._rule import Rule

CODE = "DR002"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.decisions.values():
        owners = tuple(dict.fromkeys(decision.ids("owner")))
        if not owners:
            continue
        mode = decision_mode(org, decision)
        if len(owners) >= 2:
            if mode in ("any", None):
                continue  # a pool, or a mode nobody can read (GL002)
            names = listing([who(org, owner, config.show) for owner in owners])
            yield Finding(
                CODE,
                decision.locate("owner"),
                f"decision `{decision.id}` has {len(owners)} owners, {names}: each can wait "
                "for the other and nobody has the final word",
                f"keep one owner and make the others `consulted`, or split `{decision.id}` "
                "into decisions with distinct scopes, each with one owner",
                entities=(decision.id, *owners),
            )
            continue
        role = org.roles.get(owners[0])
        if role is None or len(role.holders) < 2 or mode != "dri" or not decision.sound("owner"):
            continue
        shown = [who(org, person, config.show) for person in role.holders[:IDS_SHOWN]]
        more = len(role.holders) - IDS_SHOWN
        names = ", ".join(shown) + f" and {more} more" if more > 0 else listing(shown)
        yield Finding(
            CODE,
            decision.locate("owner"),
            f"decision `{decision.id}` is owned by `{role.id}`, a seat shared by {names}: in "
            "`dri` mode each can wait for the other and nobody has the final word",
            f"name one holder of `{role.id}`, or set the mode in which its holders decide "
            "together (`mode: consent`, `consensus` or `vote`)",
            entities=(decision.id, role.id, *role.holders),
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
