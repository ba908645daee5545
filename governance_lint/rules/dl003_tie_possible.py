"""A majority vote among an even number of deciders, with nobody to break a tie.

## What it does

Reports a decision in `vote` mode by majority (`threshold: majority`, or no
`threshold`) whose deciders are an even number of people, two or more, when it has
no `tie_breaker`, at the `mode` field. Deciders are counted as distinct people: a
person and a role they hold count once; each vacant role counts as one seat. The
help suggests the deciders' lowest common manager as `tie_breaker`.

## Why is this bad?

A majority is more than half of the votes cast. With an even number of voters a
split down the middle is no majority for either side, and the decision stays
open until someone changes their vote or somebody senior steps in unasked.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
  ada: {name: Ada Obi}
  omar: {name: Omar Haddad}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: ada, reports_to: ceo}
  coo: {title: Chief Operating Officer, holder: omar, reports_to: ceo}
decisions:
  tooling-budget:
    title: Which tools the company pays for
    owner: cfo
    mode: vote
    deciders: [cpo, cto, cfo, coo]
    decide_within: 2w
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
  ada: {name: Ada Obi}
  omar: {name: Omar Haddad}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: ada, reports_to: ceo}
  coo: {title: Chief Operating Officer, holder: omar, reports_to: ceo}
decisions:
  tooling-budget:
    title: Which tools the company pays for
    owner: cfo
    mode: vote
    deciders: [cpo, cto, cfo, coo]
    tie_breaker: ceo
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
    deciders_sound,
    distinct_people,
    listing,
    lowest_common_manager,
    mode,
    who,
)
from governance_lint.rules._rule import Rule

CODE = "DL003"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.having("decision", "mode"):
        if decision.has("tie_breaker") or mode(decision) != "vote":
            continue
        if not decision.sound("threshold") or decision.get("threshold") not in (None, "majority"):
            continue
        if not deciders_sound(org, decision):
            continue
        group = org.index.facts(decision).deciders or ()
        count = len(distinct_people(org, group))
        if count < 2 or count % 2:
            continue
        manager = lowest_common_manager(org, group)
        shown, more = few(group)
        names = listing(and_more([who(org, member, config.show) for member in shown], more))
        yield Finding(
            CODE,
            decision.locate("mode"),
            f"decision `{decision.id}` is a majority vote of {count} people, {names}: a "
            f"{count // 2}-{count // 2} split decides nothing, and nobody breaks the tie",
            f"set `tie_breaker: {manager}`, the lowest manager over the deciders, or make "
            "the number of deciders odd"
            if manager
            else "name a `tie_breaker`, or make the number of deciders odd",
            entities=(decision.id, *shown),
        )


RULE = Rule(
    code=CODE,
    name="tie-possible",
    severity="warning",
    check=check,
    doc=__doc__,
)
