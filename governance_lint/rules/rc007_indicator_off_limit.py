"""A metric that measures an indicator whose value, over the last four weeks, is past its limit.

## What it does

For a metric with `measures` (one of the five leading indicators: decision-cycle-time,
escalation-frequency, delegation-durability, rework-rate, decisions-per-meeting) and a
`limit`, computes the indicator over the last 28 days of the window (by default the
28 days ending today) as if they were the window, for the decisions of the metric's
owner: those the indicators' `--by owner` grouping puts under the person the owner
stands for, or the whole organization when the owner is the final authority. Reports
the metric when the value is on the wrong side of the limit: above it for cycle time,
escalation frequency and rework rate, below it for delegation durability and decisions
per meeting, the value compared as the indicator gives it (a share rounded to a whole
percentage); at the limit is fine, and no value gives no finding. The message gives the value,
the limit and the weekly trend: the last four weekly values, oldest first. The finding
points at the metric's `limit`; its entities are the metric, then its owner.

## Why is this bad?

A leading indicator is worth tracking only if someone acts when it drifts. A metric
with a limit that the records show is crossed, and nobody is told, is a number on a
slide: by the time the outcome it leads moves, the drift is months old.

## Example

```yaml
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
decisions:
  roadmap:
    title: What the roadmap holds
    owner: cpo
metrics:
  product-cycle-time:
    title: Product decision cycle time
    owner: cpo
    measures: decision-cycle-time
    limit: 5d
records:
  r1: {decision: roadmap, raised: 2026-05-02, decided: 2026-05-12, decided_by: cpo}
  r2: {decision: roadmap, raised: 2026-05-09, decided: 2026-05-19, decided_by: cpo}
  r3: {decision: roadmap, raised: 2026-05-15, decided: 2026-05-27, decided_by: cpo}
```

## Fix

Act on the drift (the owner's decisions need capacity, a deputy or fewer approvals),
or, when the limit was never realistic, write the limit the organization will hold.

```yaml
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
decisions:
  roadmap:
    title: What the roadmap holds
    owner: cpo
metrics:
  product-cycle-time:
    title: Product decision cycle time
    owner: cpo
    measures: decision-cycle-time
    limit: 2w
records:
  r1: {decision: roadmap, raised: 2026-05-02, decided: 2026-05-12, decided_by: cpo}
  r2: {decision: roadmap, raised: 2026-05-09, decided: 2026-05-19, decided_by: cpo}
  r3: {decision: roadmap, raised: 2026-05-15, decided: 2026-05-27, decided_by: cpo}
```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from fractions import Fraction

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.indicators.definitions import INDICATORS, Figure, Window
from governance_lint.indicators.grouping import ORGANIZATION, table
from governance_lint.indicators.limits import LIMIT_KINDS, limit_value
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import final_authority, metric_owner, persons, same_person, who
from governance_lint.rules._records import days, window
from governance_lint.rules._rule import Rule

CODE = "RC007"
SPAN_DAYS = 28  # the last four weeks of the window
TREND_WEEKS = 4
NO_VALUE = "\u2013"  # an en dash, as the indicators show no value (never 0)
BETTER = {indicator.name: indicator.better for indicator in INDICATORS}


def check(org: Organization, config: Config) -> Iterator[Finding]:
    return findings(org, config, window(config))


def last_days(span: Window) -> Window:
    """The window's last 28 days (all of it when it is shorter)."""
    return Window(max(span.since, span.until - dt.timedelta(days=SPAN_DAYS - 1)), span.until)


def _group(org: Organization, owner: str) -> tuple[str, str] | None:
    """The grouping (`--by`) and group whose decisions a metric's owner answers for."""
    authority = final_authority(org)
    if authority is not None and same_person(org, owner, authority):
        return "organization", ORGANIZATION
    people = sorted(persons(org, owner))
    return ("owner", people[0]) if len(people) == 1 else None


def _shown(measures: str, value: Figure) -> str:
    if value is None:
        return NO_VALUE
    if LIMIT_KINDS[measures] == "duration":
        return days(int(value))
    if LIMIT_KINDS[measures] == "percentage":
        return f"{value}%"
    return str(value)


def _trend(measures: str, values: list[Figure]) -> str:
    return ", ".join(_shown(measures, value) for value in values)


def _measured(org: Organization) -> list[tuple[Entity, str, Fraction, str]]:
    """Metrics with a sound `measures` and `limit` and one owner: (metric, indicator,
    limit, owner id)."""
    found = []
    for metric in org.having("metric", "measures"):
        measures, limit = metric.get("measures"), metric.get("limit")
        if limit is None or not (metric.sound("measures") and metric.sound("limit")):
            continue
        bound = limit_value(measures, limit) if isinstance(measures, str) else None
        owner = metric_owner(org, metric)
        if bound is not None and owner is not None:
            found.append((metric, measures, bound, owner))
    return found


def findings(org: Organization, config: Config, span: Window) -> Iterator[Finding]:
    measured = _measured(org) if org.records else []
    if not measured:
        return
    recent = last_days(span)
    tables: dict[tuple[str, bool], dict[tuple[str, dt.date | None], dict[str, Figure]]] = {}

    def figures(by: str, weekly: bool) -> dict[tuple[str, dt.date | None], dict[str, Figure]]:
        if (by, weekly) not in tables:
            rows = table(org, recent, by, weekly)
            tables[by, weekly] = {(row.group, row.week): row.figures for row in rows}
        return tables[by, weekly]

    for metric, measures, bound, owner in measured:
        grouping = _group(org, owner)
        if grouping is None:
            continue
        by, group = grouping
        value = figures(by, False).get((group, None), {}).get(measures)
        if value is None:
            continue
        exact = Fraction(value)
        lower = BETTER[measures] == "lower"
        if (exact <= bound) if lower else (exact >= bound):
            continue
        weekly = figures(by, True)
        weeks = sorted(week for (name, week) in weekly if name == group and week is not None)
        trend = [weekly[group, week].get(measures) for week in weeks[-TREND_WEEKS:]]
        whose = (
            "the organization's decisions"
            if by == "organization"
            else f"the decisions of {who(org, group, config.show)}"
        )
        limit = config.show(metric.get("limit"))
        side = "above" if lower else "below"
        yield Finding(
            CODE,
            metric.locate("limit"),
            f"metric `{metric.id}`: `{measures}` for {whose} is {_shown(measures, value)} "
            f"from {recent.since} to {recent.until}, {side} its limit {limit}; weekly, oldest "
            f"first: {_trend(measures, trend)}",
            f"{who(org, owner, config.show)} owns `{metric.id}`: act on the drift in "
            f"`{measures}` (review it where the metric is reviewed), or write the limit the "
            "organization will hold",
            entities=(metric.id, owner),
        )


RULE = Rule(
    code=CODE,
    name="indicator-off-limit",
    severity="warning",
    check=check,
    doc=__doc__,
)
