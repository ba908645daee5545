"""A team with no lead, or whose lead is a vacant role.

## What it does

Reports a team with no `lead`, at the team's key, and a team whose `lead` is a
role with no `holder`, at the `lead` field. A `lead` with a GL002 or GL005 finding
is left to that finding. Decisions owned by such a team are not also reported as
having no escalation path (ES001) or a vacant owner (DR004): this is the one
finding for it.

## Why is this bad?

A team with nobody answering for it cannot be handed work with a definition of
ready, cannot own a decision as a body with anyone to call it, and has nowhere to
send what it cannot settle itself: its escalations start nowhere.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  sam: {name: Sam Okafor}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
  head-of-data: {title: Head of Data, reports_to: cto}
teams:
  platform:
    name: Platform
    members: [cto]
  data:
    name: Data
    lead: head-of-data
    parent: platform
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  sam: {name: Sam Okafor}
  ada: {name: Ada Obi}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
  head-of-data: {title: Head of Data, holder: ada, reports_to: cto}
teams:
  platform:
    name: Platform
    lead: cto
  data:
    name: Data
    lead: head-of-data
    parent: platform
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import (
    as_roles,
    is_vacant,
    lowest_common_manager,
    manager_of,
    team_members,
)
from governance_lint.rules._rule import Rule

CODE = "OR005"


def _candidate(org: Organization, team_id: str) -> str | None:
    """The lowest manager over the team's member roles (people: the roles they hold)."""
    members = team_members(org, team_id)
    if not any(as_roles(org, member) for member in members):
        return None
    return lowest_common_manager(org, members)


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for team_id, team in org.teams.items():
        if not team.has("lead"):
            candidate = _candidate(org, team_id)
            yield Finding(
                CODE,
                team.locate(),
                f"team `{team_id}` has no `lead`: nobody answers for the team",
                f"set `lead: {candidate}`, the lowest role at or above all its members"
                if candidate
                else "set `lead` to the role that answers for the team",
                entities=(team_id,),
            )
            continue
        lead = team.get("lead")
        if not team.sound("lead") or not is_vacant(org, lead):
            continue
        role = org.roles[lead]
        manager = manager_of(org, role.id)
        yield Finding(
            CODE,
            team.locate("lead"),
            f"team `{team_id}` is led by `{lead}`, a vacant role: nobody answers for the team",
            f"name a `holder` for `{lead}`"
            + (f", or make `{manager}` the lead until it is filled" if manager else ""),
            entities=(team_id, lead),
        )


RULE = Rule(
    code=CODE,
    name="team-without-lead",
    severity="warning",
    check=check,
    doc=__doc__,
)
