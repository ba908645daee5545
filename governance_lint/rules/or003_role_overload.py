"""One person holding more roles than anyone can fill.

## What it does

Reports a person who holds more than `max_roles_per_person` roles, at the person's
key, naming the person and then the roles in sorted order. A shared seat (a role
whose `holder` lists several people) counts for each of its holders. The help names the
roles that report to another role the same person holds: there the person is their
own manager, and those seats are the first to hand over.

## Why is this bad?

Roles exist so that decision rights outlive the people in them and can be handed
over. A person wearing many hats turns all of them back into one person: every
decision those roles own, approve or settle waits for the same calendar, and
nobody below can tell which hat a decision was taken in.

## Example

```yaml
governance: 1
people:
  helen: {name: Helen Ashworth}
roles:
  managing-partner: {title: Managing Partner, holder: helen}
  operations-director: {title: Operations Director, holder: helen, reports_to: managing-partner}
  head-of-talent: {title: Head of Talent, holder: helen, reports_to: operations-director}
  head-of-sales: {title: Head of Sales, holder: helen, reports_to: managing-partner}
```

## Fix

```yaml
governance: 1
people:
  helen: {name: Helen Ashworth}
  ravi: {name: Ravi Menon}
roles:
  managing-partner: {title: Managing Partner, holder: helen}
  operations-director: {title: Operations Director, holder: ravi, reports_to: managing-partner}
  head-of-talent: {title: Head of Talent, holder: ravi, reports_to: operations-director}
  head-of-sales: {title: Head of Sales, holder: helen, reports_to: managing-partner}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import listing, who
from governance_lint.rules._rule import Rule

CODE = "OR003"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    limit = int(config.threshold("max_roles_per_person"))
    roles_of = org.index.roles_held
    for person_id, person in org.people.items():
        held = roles_of.get(person_id, ())
        if len(held) <= limit:
            continue
        own_reports = [
            role_id
            for role_id in held
            if org.roles[role_id].sound("reports_to")
            and org.roles[role_id].get("reports_to") in held
        ]
        excess = len(held) - limit
        verb = "reports" if len(own_reports) == 1 else "report"
        start = (
            f"; {listing([f'`{r}`' for r in own_reports])} {verb} to another role they hold, "
            "the first to hand over"
            if own_reports
            else ""
        )
        yield Finding(
            CODE,
            person.locate(),
            f"{who(org, person_id, config.show)} holds {len(held)} roles, more than {limit}: "
            f"{listing([f'`{role}`' for role in held])}",
            f"name another `holder` for at least {excess} of them{start}",
            entities=(person_id, *held),
        )


RULE = Rule(
    code=CODE,
    name="role-overload",
    severity="warning",
    check=check,
    doc=__doc__,
    thresholds={"max_roles_per_person": 3},
)
