"""A decision whose records are often closed later than its `decide_within` allows.

## What it does

Reads the records of decisions with a `decide_within` (their own, or their body's)
decided in the window (by default the 90 days ending today) or open at its end. A
record is late when the days from `raised` to `decided` (an open record: its age at
the window's end) exceed `decide_within` in days, `h` counting 1/24 of a day and `w`
7 days, compared exactly. Reports a decision for which more than `max_late_share`
percent (default 25) of those records, and at least 2, are late. The message gives
the median days to close of those records. The finding points at the `decide_within`
field (the body's when the decision takes it from its body); its entities are the
decision, then its late records in sorted order.

## Why is this bad?

A `decide_within` is a promise to the people waiting on the decision. When it is
broken routinely, work queues behind the decision, and the promise stops meaning
anything: either the decision needs more capacity or a closer owner, or the promise
is unrealistic and should say so.

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
    decide_within: 5d
records:
  r1: {decision: roadmap-priority, raised: 2026-05-01, decided: 2026-05-12, decided_by: cpo}
  r2: {decision: roadmap-priority, raised: 2026-05-04, decided: 2026-05-15, decided_by: cpo}
  r3: {decision: roadmap-priority, raised: 2026-05-18, decided: 2026-05-20, decided_by: cpo}
```

## Fix

Give the owner what it takes to decide in time (or a deputy), or write the
`decide_within` the organization can keep.

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
    decide_within: 2w
records:
  r1: {decision: roadmap-priority, raised: 2026-05-01, decided: 2026-05-12, decided_by: cpo}
  r2: {decision: roadmap-priority, raised: 2026-05-04, decided: 2026-05-15, decided_by: cpo}
  r3: {decision: roadmap-priority, raised: 2026-05-18, decided: 2026-05-20, decided_by: cpo}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import listed_ids
from governance_lint.findings import Finding
from governance_lint.indicators.definitions import (
    Window,
    days_to_close,
    duration_days,
    is_late,
    lower_median,
    share,
)
from governance_lint.model.modes import decide_within
from governance_lint.model.organization import Organization
from governance_lint.rules._records import crossed, days, window, windowed_by_decision
from governance_lint.rules._rule import Rule

CODE = "RC003"
THRESHOLD = "max_late_share"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    return findings(org, config, window(config))


def findings(org: Organization, config: Config, span: Window) -> Iterator[Finding]:
    limit = config.threshold(THRESHOLD)
    for decision_id, counted in windowed_by_decision(org, span).items():
        decision = org.decisions[decision_id]
        allowed = decide_within(org, decision)
        if allowed.source is None or not allowed.sound or duration_days(allowed.value) is None:
            continue
        late = sorted(record.id for record in counted if is_late(org, record, span))
        if len(late) < 2 or not crossed(len(late), limit, len(counted)):
            continue
        median = lower_median([days_to_close(record, span) for record in counted])
        whose = f" (from body `{allowed.source.id}`)" if allowed.from_body else ""
        yield Finding(
            CODE,
            allowed.source.locate("decide_within"),
            f"decision `{decision_id}`: {len(late)} of its {len(counted)} records decided "
            f"from {span.since} to {span.until} or open at its end "
            f"({share(len(late), len(counted))}%, more than {limit:g}%) took longer than its "
            f"`decide_within: {config.show(allowed.value)}`{whose}: {listed_ids(late)}; its "
            f"records took a median of {days(median or 0)} to close",
            f"give the owner of `{decision_id}` what it takes to decide within "
            f"{config.show(allowed.value)}, or write a `decide_within` the organization can keep",
            entities=(decision_id, *late),
        )


RULE = Rule(
    code=CODE,
    name="late-decisions",
    severity="warning",
    check=check,
    doc=__doc__,
    thresholds={THRESHOLD: 25},
)
