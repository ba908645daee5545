"""A decision whose closed records are often undone by a later record.

## What it does

Reads the decision's records decided in the window (by default the 90 days ending
today). Reports a decision for which more than `max_rework_share` percent (default
20) of those records, and at least 2, are reversed: another record names them in
`reverses`, decided or not, and wherever it falls (after the window too). The
finding points at the decision's key; its entities are the decision, then its
reversed records in sorted order.

## Why is this bad?

A decision that keeps being redone costs twice: the work done on the first answer,
and the work to undo it. Frequent rework says the decision is taken too early, by
someone without the information, or without the people who later overturn it.

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
decisions:
  launch:
    title: When a release ships
    owner: cpo
records:
  l1: {decision: launch, raised: 2026-05-01, decided: 2026-05-04, decided_by: cpo}
  l2: {decision: launch, raised: 2026-05-08, decided: 2026-05-11, decided_by: cpo, reverses: l1}
  l3: {decision: launch, raised: 2026-05-15, decided: 2026-05-18, decided_by: cpo, reverses: l2}
  l4: {decision: launch, raised: 2026-05-22, decided: 2026-05-25, decided_by: cpo}
```

## Fix

Find out who overturns the decision and why: consult them before deciding, give the
owner the information they lack, or move the decision to where it holds.

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
decisions:
  launch:
    title: When a release ships
    owner: cpo
records:
  l1: {decision: launch, raised: 2026-05-01, decided: 2026-05-04, decided_by: cpo}
  l2: {decision: launch, raised: 2026-05-08, decided: 2026-05-11, decided_by: cpo}
  l3: {decision: launch, raised: 2026-05-15, decided: 2026-05-18, decided_by: cpo, reverses: l2}
  l4: {decision: launch, raised: 2026-05-22, decided: 2026-05-25, decided_by: cpo}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import listed_ids
from governance_lint.findings import Finding
from governance_lint.indicators.definitions import Window, decided_in, reversed_ids, share
from governance_lint.model.organization import Organization
from governance_lint.rules._records import crossed, window, windowed_by_decision
from governance_lint.rules._rule import Rule

CODE = "RC005"
THRESHOLD = "max_rework_share"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    return findings(org, config, window(config))


def findings(org: Organization, config: Config, span: Window) -> Iterator[Finding]:
    limit = config.threshold(THRESHOLD)
    undone = reversed_ids(org.records.values())
    for decision_id, records in windowed_by_decision(org, span).items():
        decided = [record for record in records if decided_in(record, span)]
        reversed_ = sorted(record.id for record in decided if record.id in undone)
        if len(reversed_) < 2 or not crossed(len(reversed_), limit, len(decided)):
            continue
        yield Finding(
            CODE,
            org.decisions[decision_id].locate(),
            f"decision `{decision_id}`: {len(reversed_)} of its {len(decided)} records decided "
            f"from {span.since} to {span.until} ({share(len(reversed_), len(decided))}%, more "
            f"than {limit:g}%) were reversed by a later record: {listed_ids(reversed_)}",
            f"find out who overturns `{decision_id}` and why: consult them before deciding, "
            "give the owner what they lack, or move the decision to where it holds",
            entities=(decision_id, *reversed_),
        )


RULE = Rule(
    code=CODE,
    name="frequent-rework",
    severity="info",
    check=check,
    doc=__doc__,
    thresholds={THRESHOLD: 20},
)
