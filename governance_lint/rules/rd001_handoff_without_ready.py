"""A decision carried out by a team outside its owner's reach, with no definition of ready.

## What it does

Looks at each decision with an `executed_by` team and at each of its owners as
written: each id of an owner list; a team owner through its lead role; a body
owner as the body itself, whose teams are itself and its descendants; a person
as one owner whose teams are those of the roles they hold and those listing them.
A decision in mode `any` looks at each decider of its pool too, as at an owner
list.

There is no handoff for an owner when `executed_by` is one of that owner's teams
(one they lead or belong to), a descendant of a team they lead (through
`parent`), or a team whose lead role the owner is at or above: a VP's handoff to a
squad led by their own report stays within reach. Otherwise the work crosses from
the owner's side to another team, and a definition of ready with `to` equal to
`executed_by` and `from` equal to one of the owner's teams must exist. When the
decision names one in `ready`, that one must fit: a `ready` that goes to another
team, or comes from a team the owner is not in, does not cover the handoff. In
mode `any`, any one of the pool decides alone, so one owner or pool member with
no handoff or with a fitting definition is enough.

One finding per decision, at the `executed_by` field; its entities are the
decision, the `executed_by` team, then every owner (and pool member) without a
fitting definition, as written. A team owner with no lead is left to OR005, and a
group owner to DR003.

The help suggests a definition of ready from the owner's team (one it leads, else the
first of its teams in sorted order; a body owner: the body) to the `executed_by` team,
with an acceptor and one criterion, named in the decision's `ready` when it has one
owner (a named `ready` that does not fit is changed to fit). The acceptor is checked:
the help names one only when that definition, in a copy of the organization, makes this
finding go away and adds no error or warning. The lead of the `executed_by` team comes
first, then the roles above it, nearest first, then its peers; when none passes, the
help names no acceptor.

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
  cto: {title: Chief Technology Officer, holder: sam}
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
  cto: {title: Chief Technology Officer, holder: sam}
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
from dataclasses import dataclass

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.modes import POOL, deciders_sound, decision_mode, pool
from governance_lint.model.organization import Entity, Organization, accepted
from governance_lint.model.terms import (
    at_or_above,
    in_reach,
    is_body,
    leads,
    listing,
    team_ancestors,
    team_lead,
    teams_of,
    who,
)
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import (
    Edits,
    helped,
    section_mapping,
    verified,
)
from governance_lint.rules._suggest import candidates as suggested

CODE = "RD001"


@dataclass(frozen=True)
class _Side:
    """One owner or pool member as written, and who stands on its side of a handoff: a
    role or person itself, a plain team its lead role, a body the body."""

    written: str
    subject: str
    body: bool

    def owns_team(self, org: Organization, team: str) -> bool:
        """``team`` is one of this side's teams (a body's: itself and its descendants)."""
        if self.body:
            return team == self.subject or self.subject in team_ancestors(org, team)
        return team in teams_of(org, self.subject)


def _side(org: Organization, written: str) -> _Side | None:
    """Who an owner as written counts as; None for a team with no lead (OR005's), a
    group (DR003's) or an id of no known kind."""
    kind = org.kind_of(written)
    if kind in ("role", "person"):
        return _Side(written, written, False)
    if kind != "team" or org.teams[written].is_group:
        return None
    if is_body(org, written):
        return _Side(written, written, True)
    lead = team_lead(org, written)
    return _Side(written, lead, False) if lead is not None else None


def _no_handoff(org: Organization, side: _Side, team: str, lead: str | None) -> bool:
    """The work stays within this side's reach: one of its teams, a descendant of a team
    it leads, or a team whose lead it is at or above."""
    within = side.owns_team(org, team) if side.body else in_reach(org, side.subject, team)
    if within:
        return True
    return lead is not None and at_or_above(org, side.subject, lead)


def _fits(org: Organization, ready: Entity, team: str, side: _Side) -> bool:
    """The definition covers a handoff from one of this side's teams to ``team``."""
    source = ready.get("from")
    return (
        ready.sound("to")
        and ready.get("to") == team
        and ready.sound("from")
        and isinstance(source, str)
        and source in org.teams
        and side.owns_team(org, source)
    )


def _home_team(org: Organization, side: _Side) -> str | None:
    """The team a definition of ready would come from: a body itself; else one the owner
    leads, else the first of its teams."""
    if side.body:
        return side.subject
    teams = sorted(teams_of(org, side.subject))
    led = [team for team in teams if leads(org, side.subject, team)]
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
        in_pool = decision_mode(org, decision) == POOL
        if decision.has("mode") and not decision.sound("mode"):
            continue  # the mode says whether one side is enough: unknown, so silent
        if in_pool and not deciders_sound(org, decision):
            continue
        written = dict.fromkeys((*decision.ids("owner"), *(pool(org, decision) if in_pool else ())))
        sides = [side for owner in written if (side := _side(org, owner)) is not None]
        fitting = [named] if named is not None else by_target.get(team, [])
        lead = team_lead(org, team)
        missing = [
            side
            for side in sides
            if not _no_handoff(org, side, team, lead)
            and not any(_fits(org, ready, team, side) for ready in fitting)
        ]
        if not missing or (in_pool and len(missing) < len(sides)):
            continue  # in a pool, one side with no handoff or a fitting definition is enough
        names = listing([who(org, side.written, config.show) for side in missing])
        problem = (
            _mismatch(named, team, names, config.show)
            if named is not None
            else "no definition of ready covers the handoff"
        )
        homes = [home for side in missing if (home := _home_team(org, side))]
        origin = listing([f"`{home}`" for home in dict.fromkeys(homes)]) or "the owner's team"
        single = len(decision.ids("owner")) == 1  # one ready can then cover every owner
        acceptor = (
            f"that a member or the lead of `{team}` accepts"
            if lead
            else f"and give `{team}` a lead to accept it"
        )
        finding = Finding(
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
            entities=(decision.id, team, *(side.written for side in missing)),
        )
        if lead is not None and len(homes) == len(missing):
            change = _Handoff(decision, named, tuple(dict.fromkeys(homes)), team, single)
            chosen = verified(
                org,
                config,
                finding,
                (c for c in suggested(org, lead) if _may_accept(org, c, decision.id)),
                change.apply,
            )
            if chosen is not None:
                by = f"`accepted_by: {chosen}`" + (
                    f" (the lead of `{team}`)" if chosen == lead else ""
                )
                finding = helped(
                    finding,
                    f"make ready `{named.id}` go from {origin} to `{team}` with {by}"
                    if named is not None
                    else f"write a definition of ready from {origin} to `{team}` with {by} and "
                    "one criterion" + (", and name it in the decision's `ready`" if single else ""),
                )
        yield finding


def _may_accept(org: Organization, candidate: str, about: str) -> bool:
    """A candidate the `accepted_by` of a definition of ready accepts, other than the
    decision the finding is about."""
    from governance_lint.schema.validate import fields

    entity = org.entities.get(candidate)
    spec = fields()["ready"].get("accepted_by")
    return (
        candidate != about
        and entity is not None
        and spec is not None
        and accepted(entity, spec.accepts)
    )


ARTIFACT = "The work handed over to carry out the decision"
CRITERION = "The receiving team has what it needs to start"


@dataclass(frozen=True)
class _Handoff:
    """The change an acceptor is checked with: the named definition of ready made to fit,
    else a new one from each home team to the executing team (named in the decision's
    `ready` when it has one owner), accepted by the candidate, with one criterion."""

    decision: Entity
    named: Entity | None
    homes: tuple[str, ...]
    team: str
    single: bool

    def apply(self, edits: Edits, candidate: str) -> None:
        if self.named is not None:
            entry = edits.entry(self.named)
            entry.update({"from": self.homes[0], "to": self.team, "accepted_by": candidate})
            if not self.named.ids("criteria"):
                entry["criteria"] = [CRITERION]
            return
        readies = section_mapping(edits, self.decision.doc, "ready")
        if readies is None:
            return
        made = []
        for home in self.homes:
            ready_id = _new_id(readies, f"{home}-to-{self.team}")
            readies[ready_id] = {
                "artifact": ARTIFACT,
                "from": home,
                "to": self.team,
                "accepted_by": candidate,
                "criteria": [CRITERION],
            }
            made.append(ready_id)
        if self.single:
            edits.entry(self.decision)["ready"] = made[0]


def _new_id(taken: dict[object, object], base: str) -> str:
    """An id for a new definition of ready, ``base`` cut to the id length, with a number
    added while the section already has it. Only a copy checked in memory gets it, so a
    clash with another section costs at most a failed candidate."""
    base = base[:90]
    found, number = base, 1
    while found in taken:
        number += 1
        found = f"{base}-{number}"
    return found


RULE = Rule(
    code=CODE,
    name="handoff-without-ready",
    severity="warning",
    check=check,
    doc=__doc__,
)
