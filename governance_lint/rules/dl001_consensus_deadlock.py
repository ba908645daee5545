"""Deciders who must all agree, and nobody holds the casting vote.

## What it does

Reports a decision with two or more deciders who must all agree (`mode:
consensus`, `consent`, or `vote` with `threshold: unanimous`) when it names no
resolver: no `tie_breaker`, no escalation target (`escalates_to`) and no
`on_no_agreement`, each its own or, for a decision a body owns, the body's. It
points at the `mode` field when written, else at the `owner` field, and suggests
the deciders' lowest common manager as `tie_breaker`. Reporting lines do not
count: nobody was given the casting vote.

The suggestion is checked: the help names a candidate only when setting it, in a copy
of the organization, makes this finding go away and adds no error or warning. After
the first candidate come the roles above it, nearest first, then its peers; a decider is
passed over, and when no candidate passes the help names no id.

The mode, threshold and deciders are the decision's own, else those of the body
that owns it (its `decides_by`, its lead and direct members). Deciders are counted
as distinct people: a person and a role they hold count once; a role with several
holders counts as each of them; each vacant role counts as one seat. An owner list
of two or more ids is joint ownership, reported on its own (one owner removes the
deadlock), and a decision owned by a group has no deciders: neither is reported
here.

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
from dataclasses import replace

from governance_lint.config import Config
from governance_lint.display import and_more, few
from governance_lint.findings import Finding
from governance_lint.model.modes import (
    decider_seats,
    deciders_sound,
    decision_mode,
    joint_ownership,
    names_resolver,
    owned_by_group,
    threshold,
)
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import listing, lowest_common_manager, who
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import above_all, suggest

CODE = "DL001"


def must_all_agree(org: Organization, decision: Entity) -> bool:
    """Consensus, consent or a unanimous vote (the decision's mode, a body's included)."""
    how = decision_mode(org, decision)
    if how in ("consensus", "consent"):
        return True
    return how == "vote" and threshold(org, decision) == "unanimous"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.decisions.values():
        if not must_all_agree(org, decision) or names_resolver(org, decision):
            continue
        if joint_ownership(org, decision) or owned_by_group(org, decision):
            continue  # DR002 or DR003 reports it, whether or not it is selected
        if not deciders_sound(org, decision):
            continue
        group = org.index.facts(decision).deciders or ()
        if len(decider_seats(org, group)) < 2:
            continue  # DL004's
        shown, more = few(group)
        names = listing(and_more([who(org, member, config.show) for member in shown], more))
        finding = Finding(
            CODE,
            decision.locate("mode" if decision.has("mode") else "owner"),
            f"decision `{decision.id}` needs {names} to agree, and nobody can settle a "
            "disagreement",
            "name a `tie_breaker` who settles a disagreement, or an `escalates_to` or "
            "`on_no_agreement`",
            entities=(decision.id, *shown),
        )
        first = lowest_common_manager(org, group)
        chosen = suggest(org, config, finding, decision, "tie_breaker", first, group)
        if chosen is not None:
            who_is = ", who is above all of them" if above_all(org, chosen, group) else ""
            finding = replace(
                finding,
                help=f"set `tie_breaker: {chosen}`{who_is}, or an `escalates_to` or "
                "`on_no_agreement`",
            )
        yield finding


RULE = Rule(
    code=CODE,
    name="consensus-deadlock",
    severity="error",
    check=check,
    doc=__doc__,
    diagram=True,
)
