"""Several people can each block a decision, and nobody can settle their disagreement.

## What it does

Reports a decision whose `vetoes` name two or more distinct people (a person and a
role they hold count once; a role with several holders, a shared seat, is one veto
holder; each vacant role is one seat) when it names no resolver: no `tie_breaker`,
no escalation target (`escalates_to`) and no `on_no_agreement`, each its own or,
for a decision a body owns, the body's. It points at the `vetoes` field. Reporting
lines do not count: nobody was given the casting vote. The help suggests the lowest
common manager of the owner, the deciders of a group decision and the veto holders
as `tie_breaker`.

The suggestion is checked: the help names a candidate only when setting it, in a copy
of the organization, makes this finding go away and adds no error or warning. After
the first candidate come the roles above it, nearest first, then its peers; any of them is
passed over, and when no candidate passes the help names no id.

## Why is this bad?

Each veto is a chance to stop the decision. With two veto holders who want
opposite things, every option is blocked by one of them, and without someone
named to settle it the decision waits until the disagreement goes away on its own.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
  ada: {name: Ada Obi}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: sam, reports_to: ceo}
  general-counsel: {title: General Counsel, holder: ada, reports_to: ceo}
decisions:
  pricing:
    title: List prices
    owner: cpo
    vetoes: [cfo, general-counsel]
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
  ada: {name: Ada Obi}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: sam, reports_to: ceo}
  general-counsel: {title: General Counsel, holder: ada, reports_to: ceo}
decisions:
  pricing:
    title: List prices
    owner: cpo
    vetoes: [cfo, general-counsel]
    tie_breaker: ceo
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.modes import blocker_count, deciders_sound, names_resolver
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import listing, lowest_common_manager, who
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import above_all, suggest

CODE = "DL002"


def veto_holders(org: Organization, decision: Entity) -> tuple[str, ...] | None:
    """The decision's veto holders, each id once, when two or more people can each block
    it and nobody settles their disagreement (this rule's fault); else None."""
    if not decision.has("vetoes") or not decision.sound("vetoes"):
        return None
    holders = tuple(dict.fromkeys(decision.ids("vetoes")))
    if blocker_count(org, holders) < 2 or names_resolver(org, decision):
        return None
    return holders


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.having("decision", "vetoes"):
        holders = veto_holders(org, decision)
        if holders is None:
            continue
        owners = org.index.facts(decision).owners if decision.sound("owner") else ()
        group = (org.index.facts(decision).deciders or ()) if deciders_sound(org, decision) else ()
        everyone = tuple(dict.fromkeys((*owners, *group, *holders)))
        names = listing([who(org, holder, config.show) for holder in holders])
        finding = Finding(
            CODE,
            decision.locate("vetoes"),
            f"decision `{decision.id}` can be blocked by {blocker_count(org, holders)} veto "
            f"holders, {names}, and nobody can settle a disagreement between them",
            "name a `tie_breaker` who settles a disagreement, or an `escalates_to` or "
            "`on_no_agreement`",
            entities=(decision.id, *holders),
        )
        first = lowest_common_manager(org, everyone)
        chosen = suggest(org, config, finding, decision, "tie_breaker", first, everyone)
        if chosen is not None:
            who_is = (
                ", who is above the owner, the deciders and the veto holders"
                if above_all(org, chosen, everyone)
                else ""
            )
            finding = replace(
                finding,
                help=f"set `tie_breaker: {chosen}`{who_is}, or an `escalates_to` or "
                "`on_no_agreement`",
            )
        yield finding


RULE = Rule(
    code=CODE,
    name="multiple-vetoes",
    severity="warning",
    check=check,
    doc=__doc__,
)
