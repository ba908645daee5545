"""A decision carried out by a team outside its owner's reach, with no definition of ready.

## What it does

Looks at each decision with an `executed_by` team and at each of its owners as
written: each id of an owner list; a team owner through its lead role; a person
as one owner whose teams are those of the roles they hold and those listing them.

There is no handoff for an owner when `executed_by` is one of that owner's teams
(one they lead or belong to), or a descendant of a team they lead (through
`parent`). Otherwise the work crosses from the owner's side to another team, and
a definition of ready with `to` equal to `executed_by` and `from` equal to one of
the owner's teams must exist. When the decision names one in `ready`, that one
must fit: a `ready` that goes to another team, or comes from a team the owner is
not in, does not cover the handoff.

One finding per decision, at the `executed_by` field; its entities are the
decision, the `executed_by` team, then every owner without a fitting definition.
The help names the team whose lead should accept the handoff. A team owner with
no lead is left to OR005.

## Why is this bad?

When the people who decide are not the people who build, the decision arrives as
an artifact: requirements, a brief, a plan. Without an agreed definition of what
"ready" means, half-finished work is handed over, discovered late and sent back,
and the receiving team has nobody whose job it is to say "not yet".

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: cpo}
teams:
  product: {name: Product, lead: cpo}
  engineering: {name: Engineering, lead: cto}
decisions:
  feature-scope:
    title: What goes into each feature
    owner: cpo
    executed_by: engineering
```

## Fix

Write the definition of ready the receiving team's lead accepts, and name it on
the decision.

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: cpo}
teams:
  product: {name: Product, lead: cpo}
  engineering: {name: Engineering, lead: cto}
ready:
  feature-brief:
    artifact: Feature brief
    from: product
    to: engineering
    accepted_by: cto
    criteria: [The customer problem, Acceptance criteria, Final designs]
decisions:
  feature-scope:
    title: What goes into each feature
    owner: cpo
    executed_by: engineering
    ready: feature-brief
```
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import in_reach, leads, listing, team_lead, teams_of, who
from governance_lint.rules._rule import Rule

CODE = "RD001"


def _fits(ready: Entity, team: str, owner_teams: frozenset[str]) -> bool:
    """The definition covers a handoff from one of ``owner_teams`` to ``team``."""
    return (
        ready.sound("to")
        and ready.get("to") == team
        and ready.sound("from")
        and ready.get("from") in owner_teams
    )


def _home_team(org: Organization, subject: str) -> str | None:
    """The team a definition of ready would come from: one the owner leads, else one of theirs."""
    teams = sorted(teams_of(org, subject))
    led = [team for team in teams if leads(org, subject, team)]
    return led[0] if led else (teams[0] if teams else None)


def _mismatch(ready: Entity, team: str, names: str, show: Callable[[object], str]) -> str:
    """Why the definition the decision names does not fit."""
    if not ready.has("to"):
        return f"ready `{ready.id}` names no receiving team"
    if ready.get("to") != team:
        return (
            f"ready `{ready.id}` goes to `{show(ready.get('to'))}`, the decision is executed "
            f"by `{team}`"
        )
    if ready.has("from"):
        return f"ready `{ready.id}` comes from `{show(ready.get('from'))}`, not a team of {names}"
    return f"ready `{ready.id}` names no producing team"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    by_target: dict[str, list[Entity]] = {}
    for ready in org.readies.values():
        if ready.sound("to") and isinstance(ready.get("to"), str):
            by_target.setdefault(ready.get("to"), []).append(ready)
    for decision in org.decisions.values():
        team = decision.get("executed_by")
        if not decision.sound("executed_by") or team not in org.teams:
            continue
        if not decision.sound("owner") or not decision.sound("ready"):
            continue
        named = org.readies.get(decision.get("ready")) if decision.has("ready") else None
        if decision.has("ready") and named is None:
            continue
        candidates = [named] if named is not None else by_target.get(team, [])
        missing: list[tuple[str, str]] = []  # (owner as written, whose teams count)
        for owner in dict.fromkeys(decision.ids("owner")):
            subject = team_lead(org, owner) if org.kind_of(owner) == "team" else owner
            if subject is None or in_reach(org, subject, team):
                continue
            if not any(_fits(ready, team, teams_of(org, subject)) for ready in candidates):
                missing.append((owner, subject))
        if not missing:
            continue
        names = listing([who(org, owner, config.show) for owner, _ in missing])
        problem = (
            _mismatch(named, team, names, config.show)
            if named is not None
            else "no definition of ready covers the handoff"
        )
        homes = [home for _, subject in missing if (home := _home_team(org, subject))]
        origin = listing([f"`{home}`" for home in dict.fromkeys(homes)]) or "the owner's team"
        lead = team_lead(org, team)
        single = len(decision.ids("owner")) == 1  # one ready can then cover every owner
        acceptor = (
            f"that `{lead}`, the lead of `{team}`, accepts"
            if lead
            else f"and give `{team}` a lead to accept it"
        )
        yield Finding(
            CODE,
            decision.locate("executed_by"),
            f"decision `{decision.id}` is carried out by `{team}`, outside the reach of {names}, "
            f"and {problem}: work crosses to `{team}` with no agreed standard",
            (
                f"make `ready` name a definition of ready from {origin} to `{team}` {acceptor}"
                if named is not None
                else f"write a definition of ready from {origin} to `{team}` {acceptor}"
                + (", and name it in the decision's `ready`" if single else "")
            ),
            entities=(decision.id, team, *(owner for owner, _ in missing)),
        )


RULE = Rule(
    code=CODE,
    name="handoff-without-ready",
    severity="warning",
    check=check,
    doc=__doc__,
)
