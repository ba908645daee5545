"""A decision owned by a vacant role.

## What it does

Reports each role named in a decision's `owner`, alone or in an owner list, that
has no `holder`: one finding per vacant role, at the `owner` field or at the
vacant item of the list.

## Why is this bad?

Attaching decision rights to roles is right, because roles outlive the people in
them; but while the role is empty, the decision has no one to take it. Vacancies
are exactly when decisions pile up unnoticed.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cfo: {title: Chief Financial Officer, reports_to: ceo}
decisions:
  budget:
    title: Annual budget
    owner: cfo
```

## Fix

Name a holder, or give the decision to a role that has one until the seat is filled.

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cfo: {title: Chief Financial Officer, reports_to: ceo}
decisions:
  budget:
    title: Annual budget
    owner: ceo
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import is_vacant, manager_of
from governance_lint.rules._rule import Rule

CODE = "DR004"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.decisions.values():
        if not decision.sound("owner"):
            continue
        for owner in dict.fromkeys(decision.ids("owner")):
            if not is_vacant(org, owner):
                continue
            manager = manager_of(org, owner)
            yield Finding(
                CODE,
                decision.locate_item("owner", owner),
                f"decision `{decision.id}` is owned by `{owner}`, a vacant role: nobody is "
                "there to take it",
                f"name a `holder` for `{owner}`"
                + (
                    f", or give the decision to `{manager}` until the role is filled"
                    if manager
                    else ", or give the decision to a role that has one"
                ),
                entities=(decision.id, owner),
            )


RULE = Rule(
    code=CODE,
    name="vacant-owner",
    severity="error",
    check=check,
    doc=__doc__,
    identity="first-two",
    cost="forked",
)
