"""A decision whose records show it is regularly closed above its owner.

## What it does

Reads the decision's records decided in the window (by default the 90 days ending
today). Reports a decision for which more than `max_decided_above_share` percent
(default 25) of those records, and at least 3, were closed by someone above its
owners: a `decided_by` above one of its resolved owners and not the same person as
one of its resolved owners or deciders. The finding points at the decision's `owner`
field; its entities are the decision, then the `decided_by` ids of the records
counted, as written, the most frequent first (ties in sorted order).

## Why is this bad?

The register says the owner decides, but in practice the same executive does:
ownership collapses upward. The owner learns to wait, decisions queue at the top,
and the register no longer tells anyone who really decides.

## Example

```yaml
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  vp-sales: {title: VP Sales, holder: lee, reports_to: ceo}
decisions:
  discounts:
    title: Discounts above list price
    owner: vp-sales
records:
  d1: {decision: discounts, raised: 2026-05-04, decided: 2026-05-06, decided_by: ceo}
  d2: {decision: discounts, raised: 2026-05-11, decided: 2026-05-12, decided_by: ceo}
  d3: {decision: discounts, raised: 2026-05-18, decided: 2026-05-20, decided_by: ceo}
  d4: {decision: discounts, raised: 2026-05-25, decided: 2026-05-26, decided_by: vp-sales}
```

## Fix

Let the owner close the decision, and bring it to the executive only by escalation;
or, when the decision really sits higher, move its `owner` to where it is decided.
The records that follow show the owner deciding again.

```yaml
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  vp-sales: {title: VP Sales, holder: lee, reports_to: ceo}
decisions:
  discounts:
    title: Discounts above list price
    owner: vp-sales
records:
  d1: {decision: discounts, raised: 2026-05-04, decided: 2026-05-06, decided_by: ceo}
  d2: {decision: discounts, raised: 2026-05-11, decided: 2026-05-12, decided_by: vp-sales}
  d3: {decision: discounts, raised: 2026-05-18, decided: 2026-05-20, decided_by: vp-sales}
  d4: {decision: discounts, raised: 2026-05-25, decided: 2026-05-26, decided_by: vp-sales}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.indicators.definitions import Window, decided_in, share
from governance_lint.model.organization import Organization
from governance_lint.model.terms import listing, resolved_owners, who
from governance_lint.rules._records import (
    by_count,
    closed_by,
    closers_shown,
    crossed,
    window,
    windowed_by_decision,
)
from governance_lint.rules._rule import Rule

CODE = "RC001"
THRESHOLD = "max_decided_above_share"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    return findings(org, config, window(config))


def findings(org: Organization, config: Config, span: Window) -> Iterator[Finding]:
    limit = config.threshold(THRESHOLD)
    for decision_id, records in windowed_by_decision(org, span).items():
        decision = org.decisions[decision_id]
        decided = [record for record in records if decided_in(record, span)]
        closers = [
            r.decided_by
            for r in decided
            if r.decided_by is not None and closed_by(org, decision, r.decided_by) == "above"
        ]
        if len(closers) < 3 or not crossed(len(closers), limit, len(decided)):
            continue
        owners = listing([who(org, owner, config.show) for owner in resolved_owners(org, decision)])
        yield Finding(
            CODE,
            decision.locate("owner"),
            f"decision `{decision_id}`: {len(closers)} of its {len(decided)} records decided "
            f"from {span.since} to {span.until} ({share(len(closers), len(decided))}%, more "
            f"than {limit:g}%) were closed above its owner {owners}, by "
            f"{closers_shown(closers, config)}: ownership collapses upward",
            f"let {owners} close `{decision_id}` and bring it higher only by escalation; or, "
            "if it is really decided higher, move its `owner` there",
            entities=(decision_id, *by_count(closers)),
        )


RULE = Rule(
    code=CODE,
    name="decided-above-owner",
    severity="warning",
    check=check,
    doc=__doc__,
    thresholds={THRESHOLD: 25},
)
