"""One person whose meetings add up to more than a working week can carry.

## What it does

Adds up, for each person, the cadences they chair or attend, weighted by how
often each meets in a week: daily 5, weekly 1, biweekly 0.5, monthly 0.25,
quarterly, yearly or no `every` 0. Reports the person when the total is more than
`max_meetings_per_week` (a number; fractions are fine), at the person's key.

Each cadence counts once per person, however they are in it: a role counts for
each of its holders (every holder of a shared seat sits in its meetings), a team
attending, or a body in the chair, for the people its lead and direct members
stand for. The
finding's entities are the person, then every cadence they chair or attend (the
cadences counted, a weight of 0 included) in sorted order.

## Why is this bad?

When one person runs or sits in most of the organization's meetings, decisions
wait for their calendar, and alignment is being rebuilt in meetings every day
instead of being built into decision rights that hold without them.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
cadences:
  daily-standup: {title: Daily leadership stand-up, every: daily, chair: ceo}
  daily-escalations: {title: Daily escalation call, every: daily, chair: ceo}
  weekly-review: {title: Weekly execution review, every: weekly, chair: priya}
```

## Fix

Replace daily calls with decision rights that hold between meetings, and hand
the chair of recurring reviews to the roles that own their agenda.

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
cadences:
  daily-standup: {title: Daily leadership stand-up, every: daily, chair: ceo}
  weekly-review: {title: Weekly execution review, every: weekly, chair: priya}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import few
from governance_lint.findings import Finding
from governance_lint.model.cadences import MEETINGS_PER_WEEK, every, room
from governance_lint.model.organization import Organization
from governance_lint.model.terms import who
from governance_lint.rules._rule import Rule

CODE = "CD009"


def weight(org: Organization, cadence_id: str) -> float:
    """Meetings a week: daily 5, weekly 1, biweekly 0.5, monthly 0.25, otherwise 0."""
    return MEETINGS_PER_WEEK.get(every(org.cadences[cadence_id]) or "", 0)


def check(org: Organization, config: Config) -> Iterator[Finding]:
    limit = config.threshold("max_meetings_per_week")
    attended: dict[str, list[str]] = {}
    for cadence in org.cadences.values():  # sorted by id, so each list is too
        for person in room(org, cadence).people:
            attended.setdefault(person, []).append(cadence.id)
    for person in sorted(attended):
        cadences = attended[person]
        load = sum(weight(org, cadence) for cadence in cadences)
        if load <= limit:
            continue
        heaviest = max(cadences, key=lambda cadence: weight(org, cadence))
        yield Finding(
            CODE,
            org.people[person].locate(),
            f"{who(org, person, config.show)} chairs or attends {load:g} meetings a week "
            f"across {len(cadences)} cadences, more than {limit:g}: decisions wait for one "
            "calendar",
            f"meet less often in `{heaviest}` ({every(org.cadences[heaviest])}), or send "
            "someone else in their place, and let decision rights settle what it settles now",
            entities=(person, *few(cadences)[0]),
        )


RULE = Rule(
    code=CODE,
    name="meeting-overload",
    severity="info",
    check=check,
    doc=__doc__,
    thresholds={"max_meetings_per_week": 10.0},
    cost="forked",
)
