"""A definition of ready that nobody on the receiving side judges.

## What it does

Reports a definition of ready with no `to` (no receiving team), no
`accepted_by`, or an acceptor that neither belongs to the `to` team (as its lead
or a member; a person also through the roles they hold) nor leads one of its
ancestors (a body as acceptor: one that is neither the `to` team nor one of its
ancestors). One finding per definition, naming every such fault, at the
`accepted_by` field, else at the definition's key. Its entities are the
definition, then the acceptor and the `to` team when they are written.

A vacant acceptor (a role with no `holder`, or a body with no held role or person
among its lead and members) is one finding about it, at its key, however many
definitions it accepts, listing them (first five, then "and N more"), each
definition's `accepted_by` field a related location (a suppression there takes that
definition out of the list). A definition listed there is reported on its own only
for another of these faults.

The help suggests an acceptor, and the suggestion is checked: it names a candidate only
when setting it, in a copy of the organization, makes this finding go away and adds no
error or warning. The first candidate is the lead of the `to` team (for a vacant
acceptor: its `reports_to`, a body's `escalates_to`, set on each definition listed),
then the roles above it, nearest first, then its peers; when none passes, the help
names no id.

## Why is this bad?

Criteria only hold if someone on the receiving side can say "not ready yet" and
send the work back. An acceptor from the sending side marks their own homework;
a vacant one, or none at all, means every handoff is accepted by default.

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
ready:
  feature-brief:
    artifact: Feature brief
    from: product
    to: engineering
    accepted_by: cpo
    criteria: [The customer problem, Acceptance criteria, Final designs]
```

## Fix

Let the receiving team's lead, one of its members, or the lead of a team above
it accept the handoff.

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
```
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding, Location
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import (
    is_vacant,
    leads,
    listing,
    team_ancestors,
    team_lead,
    teams_of,
    vacancy,
    who,
)
from governance_lint.rules._grouped import filling, grouped, literal, next_up, subject_phrase
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import helped, regrouped, replace_at, suggest, suggest_at

CODE = "RD003"


def may_accept(org: Organization, acceptor: str, team: str) -> bool:
    """The acceptor belongs to the team (lead or member) or leads one of its ancestors; a
    body, when it is the team or one of its ancestors."""
    entity = org.entities.get(acceptor)
    if entity is not None and entity.is_body:
        return acceptor == team or acceptor in team_ancestors(org, team)
    return team in teams_of(org, acceptor) or any(
        leads(org, acceptor, ancestor) for ancestor in team_ancestors(org, team)
    )


def _faults(org: Organization, ready: Entity, show: Callable[[object], str]) -> list[str]:
    """What is wrong with the definition, a vacant acceptor left out (reported about the
    acceptor, once for all its definitions)."""
    acceptor = ready.get("accepted_by")
    team = ready.get("to")
    faults = []
    if not ready.has("to"):
        faults.append("names no receiving team in `to`")
    if not ready.has("accepted_by"):
        faults.append("names nobody in `accepted_by` to judge it")
    elif ready.sound("accepted_by") and vacancy(org, acceptor) is not None:
        pass
    elif (
        ready.sound("accepted_by")
        and ready.has("to")
        and ready.sound("to")
        and not may_accept(org, acceptor, team)
    ):
        faults.append(
            f"is accepted by {who(org, acceptor, show)}, who neither belongs to `{team}` nor "
            "leads a team above it"
        )
    return faults


def check(org: Organization, config: Config) -> Iterator[Finding]:
    accepted: dict[str, list[tuple[str, Location, str, tuple[str, ...]]]] = {}
    for ready in org.readies.values():
        acceptor = ready.get("accepted_by")
        if ready.has("accepted_by") and ready.sound("accepted_by") and vacancy(org, acceptor):
            accepted.setdefault(acceptor, []).append(
                (
                    ready.id,
                    ready.locate("accepted_by"),
                    f"`{ready.id}` names `{acceptor}` in `accepted_by`",
                    (),
                )
            )
    yield from _vacant_acceptors(org, config, accepted)
    for ready in org.readies.values():
        faults = _faults(org, ready, config.show)
        if not faults:
            continue
        team = ready.get("to") if ready.has("to") and ready.sound("to") else None
        acceptor = ready.get("accepted_by") if ready.sound("accepted_by") else None
        lead = team_lead(org, team) if team else None
        if team is None:
            help = "name the team that receives the handoff in `to`" + (
                ""
                if acceptor and not is_vacant(org, acceptor)
                else ", and who judges it in `accepted_by`"
            )
        else:
            help = f"name a member of `{team}`, or the lead of a team above it, in `accepted_by`"
        finding = Finding(
            CODE,
            ready.locate("accepted_by") if ready.has("accepted_by") else ready.locate(),
            f"definition of ready `{ready.id}` {listing(faults)}: nobody on the receiving side "
            "can send the work back",
            help,
            entities=tuple(
                dict.fromkeys(
                    (ready.id, *((acceptor,) if acceptor else ()), *((team,) if team else ()))
                )
            ),
        )
        if team is not None:
            chosen = suggest(org, config, finding, ready, "accepted_by", lead)
            if chosen is not None:
                finding = helped(
                    finding,
                    f"set `accepted_by: {chosen}`, the lead of `{team}`, or one of its members"
                    if chosen == lead
                    else f"set `accepted_by: {chosen}`, or a member of `{team}`",
                )
        yield finding


def _vacant_acceptors(
    org: Organization,
    config: Config,
    accepted: dict[str, list[tuple[str, Location, str, tuple[str, ...]]]],
) -> Iterator[Finding]:
    for acceptor_id, readies in sorted(accepted.items()):
        kind = vacancy(org, acceptor_id)
        assert kind is not None
        opening = subject_phrase(acceptor_id, kind)
        fill, _ = filling(org, acceptor_id, kind)
        finding = grouped(
            CODE,
            org.entities[acceptor_id],
            readies,
            f"{opening} and accepts 1 definition of ready: {{entries}}",
            f"{opening} and accepts {{n}} definitions of ready: {{entries}}",
            fill,
        )
        places = [(org.readies[ready_id], "accepted_by") for ready_id, *_ in readies]
        chosen = suggest_at(
            org,
            config,
            finding,
            places,
            next_up(org, acceptor_id, kind),
            replace_at(places, acceptor_id),
        )
        if chosen is not None:
            finding = regrouped(
                finding, f"{fill}, or set `accepted_by: {literal(chosen)}` on {{entries}}"
            )
        yield finding


RULE = Rule(
    code=CODE,
    name="ready-without-acceptor",
    severity="warning",
    check=check,
    doc=__doc__,
)
