"""A group decision with too few deciders, or a vote whose quorum can never be met.

## What it does

Reports a decision in `consent`, `consensus` or `vote` mode with fewer than two
deciders, at the `deciders` field when written, else at the `mode` field: a group
decision needs at least two deciders. Otherwise, it reports a `vote` whose `quorum`
is below 1 or larger than the number of deciders, at the `quorum` field. Deciders
are `deciders` when given, else the ids of an owner list, else a team owner's lead
and direct members, counted as distinct people (a person and a role they hold count
once; each vacant role is one seat). At most one finding per decision.

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
from governance_lint.model.organization import Organization
from governance_lint.model.terms import (
    GROUP_MODES,
    deciders_sound,
    distinct_people,
    listing,
    mode,
    who,
)
from governance_lint.rules._rule import Rule

CODE = "DL004"


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


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.having("decision", "mode"):
        how = mode(decision)
        if how not in GROUP_MODES:
            continue
        if not deciders_sound(org, decision):
            continue
        group = tuple(dict.fromkeys(org.index.facts(decision).deciders or ()))
        count = len(distinct_people(org, group))
        if count < 2:
            names, shown = _listed(org, group, config)
            yield Finding(
                CODE,
                decision.locate("deciders" if decision.has("deciders") else "mode"),
                f"decision `{decision.id}` is taken by {how} with "
                f"{_who_decides(names, group, count)}: a group decision needs at least two",
                "list at least two people in `deciders`, or set `mode: dri` so the owner "
                "decides alone",
                entities=(decision.id, *shown),
            )
            continue
        quorum = decision.get("quorum")
        if how != "vote" or not decision.sound("quorum") or type(quorum) is not int:
            continue
        if 1 <= quorum <= count:
            continue
        names, shown = _listed(org, group, config)
        why = (
            f"more than the {count} people among its deciders, {names}: no vote can ever be valid"
            if quorum > count
            else f"below 1: a vote none of its deciders, {names}, takes part in would count"
        )
        yield Finding(
            CODE,
            decision.locate("quorum"),
            f"decision `{decision.id}` has a quorum of {quorum}, {why}",
            f"set `quorum` between 1 and {count}, the number of deciders",
            entities=(decision.id, *shown),
        )


RULE = Rule(
    code=CODE,
    name="unreachable-quorum",
    severity="error",
    check=check,
    doc=__doc__,
)
