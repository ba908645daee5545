"""A decision whose records show it is mostly closed by someone the register does not name.

## What it does

Reads the decision's records decided in the window (by default the 90 days ending
today). Reports a decision for which at least 3, and more than half, of those
records were closed by someone who is neither the same person as one of its
resolved owners or deciders nor above one of its resolved owners: a peer, someone
below, or another part of the organization. The finding points at the decision's
`owner` field; its entities are the decision, then the `decided_by` ids of the
records counted, as written, the most frequent first (ties in sorted order).

## Why is this bad?

When most instances of a decision are closed by someone else, the register names
the wrong owner. People who read it go to the wrong person, wait, and then go
around them; the real decider carries the decision without the authority or the
accountability the register would give them.

## Example

```yaml
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  ana: {name: Ana Ruiz}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  vp-sales: {title: VP Sales, holder: lee, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: ana, reports_to: ceo}
decisions:
  payment-terms:
    title: Payment terms beyond 30 days
    owner: vp-sales
records:
  p1: {decision: payment-terms, raised: 2026-05-04, decided: 2026-05-05, decided_by: cfo}
  p2: {decision: payment-terms, raised: 2026-05-11, decided: 2026-05-12, decided_by: cfo}
  p3: {decision: payment-terms, raised: 2026-05-18, decided: 2026-05-19, decided_by: cfo}
  p4: {decision: payment-terms, raised: 2026-05-25, decided: 2026-05-26, decided_by: vp-sales}
```

## Fix

Make the register say who decides: move the `owner` to the person who closes the
decision (here the CFO), or, if the owner should decide, let them.

```yaml
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  ana: {name: Ana Ruiz}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  vp-sales: {title: VP Sales, holder: lee, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: ana, reports_to: ceo}
decisions:
  payment-terms:
    title: Payment terms beyond 30 days
    owner: cfo
    consulted: [vp-sales]
records:
  p1: {decision: payment-terms, raised: 2026-05-04, decided: 2026-05-05, decided_by: cfo}
  p2: {decision: payment-terms, raised: 2026-05-11, decided: 2026-05-12, decided_by: cfo}
  p3: {decision: payment-terms, raised: 2026-05-18, decided: 2026-05-19, decided_by: cfo}
  p4: {decision: payment-terms, raised: 2026-05-25, decided: 2026-05-26, decided_by: vp-sales}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.indicators.definitions import Window, decided_in
from governance_lint.model.organization import Organization
from governance_lint.model.terms import listing, resolved_owners, who
from governance_lint.rules._records import (
    by_count,
    closed_by,
    closers_shown,
    window,
    windowed_by_decision,
)
from governance_lint.rules._rule import Rule

CODE = "RC002"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    return findings(org, config, window(config))


def findings(org: Organization, config: Config, span: Window) -> Iterator[Finding]:
    for decision_id, records in windowed_by_decision(org, span).items():
        decision = org.decisions[decision_id]
        owners = resolved_owners(org, decision)
        decided = [record for record in records if decided_in(record, span)]
        closers = [
            r.decided_by
            for r in decided
            if r.decided_by is not None and closed_by(org, decision, r.decided_by) == "elsewhere"
        ]
        if len(closers) < 3 or 2 * len(closers) <= len(decided):
            continue
        named = listing([who(org, owner, config.show) for owner in owners])
        whose = f"its owner {named}" if owners else "an owner (it has none)"
        yield Finding(
            CODE,
            decision.locate("owner"),
            f"decision `{decision_id}`: {len(closers)} of its {len(decided)} records decided "
            f"from {span.since} to {span.until} were closed by "
            f"{closers_shown(closers, config)}, neither {whose} nor above it: "
            "the register names the wrong owner",
            f"move the `owner` of `{decision_id}` to whoever really decides it"
            + (f", or let {named} decide it" if owners else ""),
            entities=(decision_id, *by_count(closers)),
        )


RULE = Rule(
    code=CODE,
    name="decided-elsewhere",
    severity="warning",
    check=check,
    doc=__doc__,
)
