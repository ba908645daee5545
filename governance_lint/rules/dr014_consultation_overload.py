"""A decision that must consult more people than it can afford.

## What it does

Counts the entries in a decision's `consulted` and `vetoes` together and reports
the decision when there are more than `max_consulted`, at the `consulted` field,
else (when only `vetoes` is written) at the `vetoes` field. Entries are counted as
written: a team is one entry, and an id listed in both fields counts twice, since
it is both asked and able to block (the help suggests dropping such repeats, and a
person consulted next to a role they hold, from `consulted`). An unknown id is
still an entry (GL005 names it); a malformed field (GL002) is not counted until it
is fixed.

The entities are the decision, then the ids the message names: those consulted,
then the veto holders, each once.

## Why is this bad?

Every person consulted is a meeting, a document to circulate and a view to
reconcile, and every veto holder can stop the decision outright. Past a handful,
a decision that should take an hour takes weeks of socialising, and the owner
learns to seek permission instead of input.

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, reports_to: cpo}
  cfo: {title: Chief Financial Officer, reports_to: cpo}
  cro: {title: Chief Revenue Officer, reports_to: cpo}
  legal: {title: General Counsel, reports_to: cpo}
  support: {title: Head of Support, reports_to: cpo}
  design: {title: Head of Design, reports_to: cpo}
decisions:
  pricing-page:
    title: What the pricing page shows
    owner: cpo
    consulted: [cto, cfo, cro, support, design]
    vetoes: [legal]
```

## Fix

Consult the few whose input changes the decision, and inform the rest.

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, reports_to: cpo}
  cfo: {title: Chief Financial Officer, reports_to: cpo}
  cro: {title: Chief Revenue Officer, reports_to: cpo}
  legal: {title: General Counsel, reports_to: cpo}
  support: {title: Head of Support, reports_to: cpo}
  design: {title: Head of Design, reports_to: cpo}
decisions:
  pricing-page:
    title: What the pricing page shows
    owner: cpo
    consulted: [cfo, cro]
    vetoes: [legal]
    informed: [cto, support, design]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import listing, seats, who
from governance_lint.rules._rule import Rule

CODE = "DR014"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    limit = config.threshold("max_consulted")
    for decision in org.having("decision", "consulted", "vetoes"):
        written = [f for f in ("consulted", "vetoes") if decision.has(f)]
        if not written or not all(decision.well_formed(f) for f in written):
            continue
        lists = [decision.get(f) for f in written]
        if not all(isinstance(value, list) for value in lists):
            continue
        count = sum(len(value) for value in lists)
        if count <= limit:
            continue
        consulted = list(dict.fromkeys(decision.ids("consulted")))
        vetoes = list(dict.fromkeys(decision.ids("vetoes")))
        parts = []
        if consulted:
            parts.append(f"consults {listing([who(org, i, config.show) for i in consulted])}")
        if vetoes:
            parts.append(f"gives a veto to {listing([who(org, i, config.show) for i in vetoes])}")
        # a veto holder is asked anyway; a shared seat is the same person as each holder
        heard = {person for i in vetoes for person in seats(org, i)}
        repeated = []
        for entry in decision.ids("consulted"):
            people = set(seats(org, entry))
            if people & heard and entry not in repeated:
                repeated.append(entry)
            heard |= people
        help = (
            f"drop {listing([f'`{i}`' for i in repeated])} from `consulted` (the same person "
            "is already asked or holds a veto), and keep"
            if repeated
            else "keep"
        ) + f" at most {limit:g} whose input changes the decision; move the rest to `informed`"
        yield Finding(
            CODE,
            decision.locate(written[0]),
            f"decision `{decision.id}` {' and '.join(parts)}: {count} entries to hear before "
            f"it can be taken; the limit is {limit:g}",
            help,
            entities=(decision.id, *dict.fromkeys((*consulted, *vetoes))),
        )


RULE = Rule(
    code=CODE,
    name="consultation-overload",
    severity="info",
    check=check,
    doc=__doc__,
    thresholds={"max_consulted": 5},
    cost="forked",
)
