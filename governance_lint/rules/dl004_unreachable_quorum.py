"""A group decision with too few deciders, or a vote whose quorum can never be met.

## What it does

Reports a decision in `consent`, `consensus`, `vote` or `any` mode with fewer than
two deciders: a group decision needs at least two deciders, and so does a pool in
which any one of them may decide alone. It points at the `deciders` field when
written, else at the `mode` field when written, else at the `owner` field.
Otherwise, it reports a `vote` whose `quorum` is below 1 or larger than the number
of deciders, at the `quorum` field when written, else at the `owner` field. At most
one finding per decision.

The mode, quorum and deciders are the decision's own, else those of the body that
owns it. Deciders are `deciders` when given, else the ids of an owner list, else a
team or body owner's lead and direct members, else a shared seat's holders, counted
as distinct people (a person and a role they hold count once; a role with several
holders counts as each of them; each vacant role is one seat).

Too few deciders is not reported for a decision owned by a vacant body whose
deciders are the body's, nor for one owned by a vacant role with no `deciders`
written: the vacancy is the fault to fix (vacant-owner). A decision owned by a group
has no deciders and is reported as a group owner instead. When a body's own fields
give the decisions it owns a quorum out of range, and those decisions write none of
`mode`, `quorum` and `deciders`, it is reported once, about the body, at its key,
listing those decisions (their `owner` fields are related locations).

## Why is this bad?

A consensus of one is a decision by one person dressed up as a group, and nobody
can tell who was supposed to take part. A quorum larger than the group can never
be reached, so every vote fails; a quorum of zero lets a vote nobody attended pass.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
decisions:
  hiring-plan:
    title: Headcount by team
    owner: ceo
    mode: vote
    deciders: [ceo, cpo, cto]
    quorum: 4
    decide_within: 2w
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
decisions:
  hiring-plan:
    title: Headcount by team
    owner: ceo
    mode: vote
    deciders: [ceo, cpo, cto]
    quorum: 2
    decide_within: 2w
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import and_more, few
from governance_lint.findings import Finding
from governance_lint.model.modes import (
    DECIDING_MODES,
    about_body,
    decider_seats,
    deciders_sound,
    decision_mode,
    owned_by_group,
    owner_entries,
    quorum,
    sole_owner,
)
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import is_vacant, listing, who
from governance_lint.rules._grouped import grouped, literal
from governance_lint.rules._rule import Rule

CODE = "DL004"

# A decision owned by a body that writes none of these takes its quorum from the body.
BODY_FIELDS = ("mode", "quorum", "deciders")


def _who_decides(names: str, group: tuple[str, ...], count: int) -> str:
    if count == 0:
        return "no deciders"
    if len(group) == 1:
        return f"one decider, {names}"
    return f"deciders {names}, who are one person"


def _listed(
    org: Organization, group: tuple[str, ...], config: Config
) -> tuple[str, tuple[str, ...]]:
    """The deciders as the message names them, and those the entities list (the first
    few of a team of thousands)."""
    shown, more = few(group)
    return listing(and_more([who(org, member, config.show) for member in shown], more)), shown


def _vacant_owner(org: Organization, decision: Entity) -> bool:
    """Owned by a vacant body or vacant role whose deciders it takes: vacant-owner's."""
    if decision.has("deciders"):
        return False
    owner = sole_owner(org, decision)
    if owner is None:
        return False
    return is_vacant(org, owner.id)  # a vacant role or body, never a plain team


def _out_of_range(quorum: int, count: int, names: str) -> str:
    if quorum > count:
        return (
            f"more than the {count} people among its deciders, {names}: no vote can ever be valid"
        )
    return f"below 1: a vote none of its deciders, {names}, takes part in would count"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    by_body: dict[str, list[Entity]] = {}
    for decision in org.decisions.values():
        how = decision_mode(org, decision)
        if how not in DECIDING_MODES or owned_by_group(org, decision):
            continue
        if not deciders_sound(org, decision):
            continue
        group = org.index.facts(decision).deciders or ()  # each id once
        count = len(decider_seats(org, group))  # a team's one tuple is counted once
        if count < 2:
            if _vacant_owner(org, decision):
                continue
            names, shown = _listed(org, group, config)
            where = "owner"
            if decision.has("deciders"):
                where = "deciders"
            elif decision.has("mode"):
                where = "mode"
            what = "a pool" if how == "any" else "a group decision"
            yield Finding(
                CODE,
                decision.locate(where),
                f"decision `{decision.id}` is taken by {how} with "
                f"{_who_decides(names, group, count)}: {what} needs at least two",
                "list at least two people in `deciders`, or set `mode: dri` so the owner "
                "decides alone",
                entities=(decision.id, *shown),
            )
            continue
        found = quorum(org, decision)
        value = found.value
        if how != "vote" or not found.sound or type(value) is not int or 1 <= value <= count:
            continue
        body = about_body(org, decision, BODY_FIELDS)
        if body is not None:
            by_body.setdefault(body.id, []).append(decision)
            continue
        names, shown = _listed(org, group, config)
        yield Finding(
            CODE,
            decision.locate("quorum" if decision.has("quorum") else "owner"),
            f"decision `{decision.id}` has a quorum of {value}, "
            + _out_of_range(value, count, names),
            f"set `quorum` between 1 and {count}, the number of deciders",
            entities=(decision.id, *shown),
        )
    for body_id in sorted(by_body):
        decisions = by_body[body_id]
        group = org.index.facts(decisions[0]).deciders or ()
        count = len(decider_seats(org, group))
        value = quorum(org, decisions[0]).value
        names, _ = _listed(org, group, config)
        opening = literal(
            f"team `{body_id}` has a quorum of {value}, {_out_of_range(value, count, names)};"
        )
        yield grouped(
            CODE,
            org.teams[body_id],
            owner_entries(decisions),
            f"{opening} the decision it owns takes it: {{entries}}",
            f"{opening} {{n}} decisions it owns take it: {{entries}}",
            f"set `quorum` between 1 and {count}, the number of deciders",
        )


RULE = Rule(
    code=CODE,
    name="unreachable-quorum",
    severity="error",
    check=check,
    doc=__doc__,
    decision_rows=True,
)
