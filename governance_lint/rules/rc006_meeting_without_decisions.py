"""A recurring meeting that reviews decisions but, by the records, never closes one.

## What it does

Reads the records of the window (by default the 90 days ending today): those decided
in it and those open at its end. Reports a cadence that met at least 4 times in the
window (its `every` over the window's days: `weekly` 1 a week, `biweekly` 0.5,
`monthly` 0.25..., rounded half up), whose agenda (the decisions and metrics whose
`reviewed_in` names it) holds decisions with records in the window, and in which no
record was decided in the window (no record decided in it names the cadence as its
`meeting`). The finding points at the cadence's key; its entity is the cadence.

## Why is this bad?

The meeting reviews the decisions but never decides them: they are discussed, then
closed somewhere else, by someone else, or not at all. Everyone attends, nothing
moves, and the meeting's real cost is the time every attendee spends there.

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
decisions:
  roadmap-priority:
    title: What the roadmap holds, in order
    owner: cpo
    reviewed_in: [product-review]
cadences:
  product-review: {title: Weekly product review, every: weekly, chair: cpo}
records:
  r1: {decision: roadmap-priority, raised: 2026-05-04, decided: 2026-05-06, decided_by: cpo}
  r2: {decision: roadmap-priority, raised: 2026-05-18, decided: 2026-05-20, decided_by: cpo}
```

## Fix

Close the decisions the meeting reviews in the meeting (and record it in `meeting`),
or stop reviewing them there and let the meeting go.

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
decisions:
  roadmap-priority:
    title: What the roadmap holds, in order
    owner: cpo
    reviewed_in: [product-review]
cadences:
  product-review: {title: Weekly product review, every: weekly, chair: cpo}
records:
  r1: {decision: roadmap-priority, raised: 2026-05-04, decided: 2026-05-06, decided_by: cpo}
  r2:
    decision: roadmap-priority
    raised: 2026-05-18
    decided: 2026-05-20
    decided_by: cpo
    meeting: product-review
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import listed_ids
from governance_lint.findings import Finding
from governance_lint.indicators.definitions import (
    Window,
    decided_in,
    half_up,
    occurrences,
    timed_cadences,
)
from governance_lint.model.cadences import agenda
from governance_lint.model.organization import Organization
from governance_lint.rules._records import window, windowed_by_decision
from governance_lint.rules._rule import Rule

CODE = "RC006"
MIN_OCCURRENCES = 4


def check(org: Organization, config: Config) -> Iterator[Finding]:
    return findings(org, config, window(config))


def findings(org: Organization, config: Config, span: Window) -> Iterator[Finding]:
    if not org.records:
        return
    windowed = windowed_by_decision(org, span)
    decided_at = {
        record.meeting
        for record in org.records.values()
        if record.meeting is not None and decided_in(record, span)
    }
    for cadence_id in timed_cadences(org, org.cadences):
        if cadence_id in decided_at:
            continue
        cadence = org.cadences[cadence_id]
        held = max(int(half_up(occurrences(cadence.get("every"), span.days))), 1)
        if held < MIN_OCCURRENCES:
            continue
        reviewed = [entry for entry in agenda(org, cadence_id) if windowed.get(entry)]
        if not reviewed:
            continue
        yield Finding(
            CODE,
            cadence.locate(),
            f"cadence `{cadence_id}` met about {held} times from {span.since} to {span.until} "
            f"and reviews decisions with records then ({listed_ids(reviewed)}), but no record was "
            "decided in it: the meeting reviews but never decides",
            f"close the decisions `{cadence_id}` reviews in the meeting and record it in their "
            f"records' `meeting`, or stop reviewing them there",
            entities=(cadence_id,),
        )


RULE = Rule(
    code=CODE,
    name="meeting-without-decisions",
    severity="info",
    check=check,
    doc=__doc__,
)
