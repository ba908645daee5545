"""A team with no lead, or whose lead is a vacant role.

## What it does

Reports a team with no `lead`, at the team's key, and a role with no `holder` that
leads teams: one finding per vacant role, at its key, listing the teams it leads
(first five, then "and N more"), each team's `lead` field a related location (a
suppression there takes that team out of the list). A body (a team with
`decides_by`: its deciders answer for it) and a group (`kind: group`: it owns
nothing) need no lead and are never reported. A `lead` or `kind` with a GL002 or
GL005 finding is left to that finding. Decisions owned by such a team are not also reported as
having no escalation path (ES001) or a vacant owner (DR004): this is the one
finding for it.

The help suggests a lead: for a team with none, the lowest role at or above all its
members; for a vacant lead, its `reports_to`, set as `lead` on each team listed. The
suggestion is checked: the help names a candidate only when setting it, in a copy of
the organization, makes this finding go away and adds no error or warning. After the
first candidate come the roles above it, nearest first, then its peers; a candidate
that neither belongs to the team (a member role, or a role a member person holds) nor
leads its parent team (for a vacant lead, each team listed) is passed over, and when
none passes the help names no id.

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
from governance_lint.findings import Finding, Location
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import (
    as_roles,
    lowest_common_manager,
    manager_of,
    team_lead,
    team_members,
    vacancy,
)
from governance_lint.rules._grouped import grouped, literal, subject_phrase
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import (
    candidates,
    helped,
    regrouped,
    replace_at,
    set_field,
    suggest_listed,
)

CODE = "OR005"


def _candidate(org: Organization, team_id: str) -> str | None:
    """The lowest manager over the team's member roles (people: the roles they hold)."""
    members = team_members(org, team_id)
    if not any(as_roles(org, member) for member in members):
        return None
    return lowest_common_manager(org, members)


def _may_lead(org: Organization, role_id: str, team: Entity) -> bool:
    """The role belongs to the team (a member role, or a role a member person holds) or
    leads its parent team: a lead the help may name."""
    members = team_members(org, team.id)
    if any(role_id in as_roles(org, member) for member in members):
        return True
    parent = team.get("parent") if team.sound("parent") else None
    return isinstance(parent, str) and team_lead(org, parent) == role_id


def check(org: Organization, config: Config) -> Iterator[Finding]:
    led: dict[str, list[tuple[str, Location, str, tuple[str, ...]]]] = {}
    for team_id, team in org.teams.items():
        if team.is_body or team.is_group or not team.sound("kind"):
            continue
        if not team.has("lead"):
            first = _candidate(org, team_id)
            finding = Finding(
                CODE,
                team.locate(),
                f"team `{team_id}` has no `lead`: nobody answers for the team",
                "set `lead` to the role that answers for the team",
                entities=(team_id,),
            )
            chosen = suggest_listed(
                org,
                config,
                finding,
                [(team, "lead")],
                (c for c in candidates(org, first) if _may_lead(org, c, team)),
                set_field(team, "lead"),
            )
            if chosen is not None:
                lowest = ", the lowest role at or above all its members" if chosen == first else ""
                finding = helped(finding, f"set `lead: {chosen}`{lowest}")
            yield finding
            continue
        lead = team.get("lead")
        if not team.sound("lead") or vacancy(org, lead) != "role":
            continue
        led.setdefault(lead, []).append(
            (team_id, team.locate("lead"), f"`{team_id}` names `{lead}` as lead", ())
        )
    for role_id, teams in sorted(led.items()):
        opening = subject_phrase(role_id, "role")
        fill = f"name a `holder` for `{role_id}`"
        finding = grouped(
            CODE,
            org.roles[role_id],
            teams,
            f"{opening} and leads 1 team: {{entries}}",
            f"{opening} and leads {{n}} teams: {{entries}}",
            fill,
        )
        listed = [org.teams[team_id] for team_id, *_ in teams]
        places = [(team, "lead") for team in listed]
        chosen = suggest_listed(
            org,
            config,
            finding,
            places,
            (
                c
                for c in candidates(org, manager_of(org, role_id))
                if all(_may_lead(org, c, team) for team in listed)
            ),
            replace_at(places, role_id),
        )
        if chosen is not None:
            finding = regrouped(finding, f"{fill}, or set `lead: {literal(chosen)}` on {{entries}}")
        yield finding


RULE = Rule(
    code=CODE,
    name="team-without-lead",
    severity="warning",
    check=check,
    doc=__doc__,
)
