"""A person who holds no role and belongs to no team.

## What it does

Reports a person who holds no role and is listed in no team's `members`, at the
person's key. A person is left alone when a role's `holder` or a team's `members`
that names them had a GL002 or GL005 finding: that field is not followed, and the
person may well be placed once it is fixed. A person written `status: alumni` has
left and is kept on record: never this fault (a role or entry that still relies on
them is OR007's).

## Why is this bad?

Decision rights, escalations and teams attach to roles. A person with no role and
no team is outside all of it: nobody knows what they may decide, whom they answer
to, or whom to ask about their work. It is often a leaver, or a hire nobody wired
into the structure.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  jo: {name: Jo Park}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
```

## Fix

Give the person a role, list them in a team, or remove them if they have left.

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  jo: {name: Jo Park}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  chief-of-staff: {title: Chief of Staff, holder: jo, reports_to: ceo}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import teams_of, who
from governance_lint.rules._rule import Rule

CODE = "OR004"


def _named_in_unsound_fields(org: Organization) -> set[str]:
    """People a broken `holder` or `members` field names: those fields are not followed."""
    found: set[str] = set()
    for role in org.roles.values():
        if not role.sound("holder"):
            found.update(role.ids("holder"))
    for team in org.teams.values():
        if not team.sound("members"):
            found.update(team.ids("members"))
    return found


def check(org: Organization, config: Config) -> Iterator[Finding]:
    unsure = _named_in_unsound_fields(org)
    placed = org.index.roles_held  # a shared seat places each of its holders
    for person_id, person in org.people.items():
        if person.status == "alumni" or person_id in unsure or person_id in placed:
            continue
        if teams_of(org, person_id):
            continue
        yield Finding(
            CODE,
            person.locate(),
            f"{who(org, person_id, config.show)} holds no role and is in no team: nothing "
            "says what they decide or whom they answer to",
            f"make `{person_id}` the `holder` of a role, or list them in a team's `members`; "
            "remove them if they have left",
            entities=(person_id,),
        )


RULE = Rule(
    code=CODE,
    name="unplaced-person",
    severity="info",
    check=check,
    doc=__doc__,
)
