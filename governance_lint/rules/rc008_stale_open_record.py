"""A record still open long after its decision should have been closed.

## What it does

Reads the records open at the end of the window (by default the 90 days ending
today): raised by then and not decided by then. Reports each one whose age (the days
from `raised` to the window's last day) is more than twice its decision's
`decide_within` (its own, or its body's) in days, `h` counting 1/24 of a day and `w`
7 days; or more than 30 days when the decision has no `decide_within`. One finding
per such record, at the record's key (`record:` in a decision memo); its entities
are the record, then its decision.

## Why is this bad?

An open record is a question someone is waiting on. Past twice its deadline it is
not slow, it is stuck, and nobody is told: the people blocked by it keep waiting,
and the indicators count it as open past due week after week.

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
  r1: {decision: roadmap-priority, raised: 2026-05-01}
```

## Fix

Close the record (write `decided` and `decided_by`), escalate it, or withdraw it.

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
  r1: {decision: roadmap-priority, raised: 2026-05-01, decided: 2026-05-05, decided_by: cpo}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.indicators.definitions import Window, days_to_close, limit_days, open_at_end
from governance_lint.model.organization import Organization
from governance_lint.rules._records import days, window
from governance_lint.rules._rule import Rule

CODE = "RC008"
WITHOUT_LIMIT_DAYS = 30  # how long a record may stay open when its decision sets no limit


def check(org: Organization, config: Config) -> Iterator[Finding]:
    return findings(org, config, window(config))


def _days(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"


def findings(org: Organization, config: Config, span: Window) -> Iterator[Finding]:
    for record in org.records.values():
        if not open_at_end(record, span):
            continue
        age = days_to_close(record, span)
        allowed = limit_days(org, record)
        if allowed is None:
            if age <= WITHOUT_LIMIT_DAYS:
                continue
            why = f"more than {WITHOUT_LIMIT_DAYS} days, and `{record.decision}` sets no limit"
        else:
            if age <= 2 * allowed:
                continue
            why = (
                f"more than twice the {_days(allowed)} days `{record.decision}` allows "
                "(`decide_within`)"
            )
        yield Finding(
            CODE,
            record.locate(),
            f"record `{record.id}` of decision `{record.decision}` was raised on "
            f"{record.raised} and is still open on {span.until}, {days(age)} later: {why}",
            f"close `{record.id}` (write `decided` and `decided_by`), escalate it, or withdraw it",
            entities=(record.id, record.decision),
        )


RULE = Rule(
    code=CODE,
    name="stale-open-record",
    severity="info",
    check=check,
    doc=__doc__,
)
