"""Deciders who must all agree, and nobody holds the casting vote.

## What it does

Reports a decision with two or more deciders who must all agree (`mode:
consensus`, `consent`, `vote` with `threshold: unanimous`, or an owner list with
no mode) and neither a `tie_breaker` nor an `escalates_to` on the decision. It
points at the `mode` field when written, else at the `owner` field, and suggests
the deciders' lowest common manager as `tie_breaker`. Reporting lines do not
count: nobody was given the casting vote.

Deciders are counted as distinct people: a person and a role they hold count once;
each vacant role counts as one seat.

## Why is this bad?

When peers must agree and one says no, the decision stops. Without a named
tie-breaker the disagreement travels informally to whoever is senior, late,
and everybody waits in the meantime: a structural deadlock, not a personality
clash.

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
  release-plan:
    title: Quarterly release plan
    owner: cpo
    mode: consensus
    deciders: [cpo, cto]
    decide_within: 5d
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
  release-plan:
    title: Quarterly release plan
    owner: cpo
    mode: consensus
    deciders: [cpo, cto]
    tie_breaker: ceo
    decide_within: 5d
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import and_more, few
from governance_lint.findings import Finding
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import (
    deciders_sound,
    distinct_people,
    is_owner_list,
    listing,
    lowest_common_manager,
    mode,
    who,
)
from governance_lint.rules._rule import Rule

CODE = "DL001"


def must_all_agree(decision: Entity) -> bool:
    """Consensus, consent, a unanimous vote, or an owner list with no mode."""
    how = mode(decision)
    if how in ("consensus", "consent"):
        return True
    if how == "vote":
        return decision.get("threshold") == "unanimous" and decision.sound("threshold")
    return how == "dri" and is_owner_list(decision)


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.decisions.values():
        if decision.has("tie_breaker") or decision.has("escalates_to"):
            continue
        if not decision.sound("mode") or not must_all_agree(decision):
            continue
        if not deciders_sound(org, decision):
            continue
        group = org.index.facts(decision).deciders or ()
        if len(distinct_people(org, group)) < 2:
            continue
        manager = lowest_common_manager(org, group)
        shown, more = few(group)
        names = listing(and_more([who(org, member, config.show) for member in shown], more))
        yield Finding(
            CODE,
            decision.locate("mode" if decision.has("mode") else "owner"),
            f"decision `{decision.id}` needs {names} to agree, and nobody can settle a "
            "disagreement",
            f"set `tie_breaker: {manager}`, the lowest manager over all of them, or an "
            "`escalates_to`"
            if manager
            else "name a `tie_breaker` who settles a disagreement, or an `escalates_to`",
            entities=(decision.id, *shown),
        )


RULE = Rule(
    code=CODE,
    name="consensus-deadlock",
    severity="error",
    check=check,
    doc=__doc__,
    diagram=True,
)
