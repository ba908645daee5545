"""A decision owned by a team in `dri` mode.

## What it does

Reports a decision whose `owner` is a team while the decision is taken by one
directly responsible individual (`mode: dri`, the default), at the `owner` field.
A team that decides as a body (`mode: vote`, `consent` or `consensus`, such as a
board or a steering committee) is not this fault.

## Why is this bad?

"The product team owns it" means nobody does. A team cannot be asked why the
decision slipped; a person can.

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
teams:
  product: {name: Product, lead: cpo}
decisions:
  feature-scope:
    title: What goes into a feature
    owner: product
```

## Fix

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
teams:
  product: {name: Product, lead: cpo}
decisions:
  feature-scope:
    title: What goes into a feature
    owner: cpo
    consulted: [product]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import is_owner_list, mode, team_lead
from governance_lint.rules._rule import Rule

CODE = "DR003"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.decisions.values():
        owners = decision.ids("owner")
        if len(owners) != 1 or is_owner_list(decision) or mode(decision) != "dri":
            continue
        if not decision.sound("mode") or org.kind_of(owners[0]) != "team":
            continue
        team = owners[0]
        lead = team_lead(org, team)
        help = (
            f"make the team's lead `{lead}` the owner and list `{team}` as consulted, or set "
            "`mode: consent` if the team decides as a body"
            if lead
            else f"name one role as owner and list `{team}` as consulted"
        )
        yield Finding(
            CODE,
            decision.locate("owner"),
            f"decision `{decision.id}` is owned by team `{team}`: a team cannot be accountable, "
            "so nobody is",
            help,
            entities=(decision.id, team),
        )


RULE = Rule(
    code=CODE,
    name="team-owner",
    severity="error",
    check=check,
    doc=__doc__,
    cost="forked",
)
