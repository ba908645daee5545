"""A person whose decisions are escalated much of the time before they are closed.

## What it does

Reads the records decided in the window (by default the 90 days ending today) of the
decisions a person owns: those the indicators' `--by owner` grouping puts under them
(their roles' decisions, a shared seat's for each holder, a pool's for each of its
people). Reports a person for whom, over at least 4 such records, more than
`max_escalation_share` percent (default 30) went up before they were closed
(`escalated_to` not empty). The finding points at the person's key; its entities are
the person, then those of their decisions that have records counted, in sorted order.

## Why is this bad?

An escalation is a way out for the rare stuck decision. When a person's decisions
climb as a habit, they are not really theirs: the owner lacks the authority, the
information or the confidence to close them, and the people above spend their week
on decisions the register placed lower.

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
  d1: {decision: discounts, raised: 2026-05-04, decided: 2026-05-06, escalated_to: [ceo]}
  d2: {decision: discounts, raised: 2026-05-11, decided: 2026-05-12, escalated_to: [ceo]}
  d3: {decision: discounts, raised: 2026-05-18, decided: 2026-05-20, decided_by: vp-sales}
  d4: {decision: discounts, raised: 2026-05-25, decided: 2026-05-26, decided_by: vp-sales}
```

## Fix

Give the person what their decisions need to be closed where they are (authority,
a clear `decide_within`, the right people `consulted`), or move those decisions to
the level that closes them. The records that follow escalate rarely.

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
  d1: {decision: discounts, raised: 2026-05-04, decided: 2026-05-06, escalated_to: [ceo]}
  d2: {decision: discounts, raised: 2026-05-11, decided: 2026-05-12, decided_by: vp-sales}
  d3: {decision: discounts, raised: 2026-05-18, decided: 2026-05-20, decided_by: vp-sales}
  d4: {decision: discounts, raised: 2026-05-25, decided: 2026-05-26, decided_by: vp-sales}
```
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import listed_ids
from governance_lint.findings import Finding
from governance_lint.indicators.definitions import Window, decided_in, share
from governance_lint.indicators.grouping import owner_groups
from governance_lint.model.organization import Organization
from governance_lint.model.terms import who
from governance_lint.rules._records import crossed, window, windowed_by_decision
from governance_lint.rules._rule import Rule

CODE = "RC004"
THRESHOLD = "max_escalation_share"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    return findings(org, config, window(config))


def findings(org: Organization, config: Config, span: Window) -> Iterator[Finding]:
    limit = config.threshold(THRESHOLD)
    counted: dict[str, int] = defaultdict(int)
    escalated: dict[str, int] = defaultdict(int)
    decisions: dict[str, set[str]] = defaultdict(set)
    for decision_id, records in windowed_by_decision(org, span).items():
        decided = [record for record in records if decided_in(record, span)]
        if not decided:
            continue
        climbed = sum(1 for record in decided if record.escalated_to)
        for group in owner_groups(org, org.decisions[decision_id]):
            if org.kind_of(group) != "person":
                continue  # a body or a vacant role: not a person
            counted[group] += len(decided)
            escalated[group] += climbed
            decisions[group].add(decision_id)
    for person in sorted(counted):
        whole, count = counted[person], escalated[person]
        if whole < 4 or not crossed(count, limit, whole):
            continue
        yield Finding(
            CODE,
            org.people[person].locate(),
            f"{who(org, person, config.show)}: {count} of the {whole} records of their "
            f"decisions decided from {span.since} to {span.until} "
            f"({share(count, whole)}%, more than {limit:g}%) were escalated before they were "
            f"closed ({listed_ids(decisions[person])}): escalation is a habit, not a way out",
            "give them what those decisions need to be closed where they are (authority, "
            "information, the right people consulted), or move the decisions to the level "
            "that closes them",
            entities=(person, *sorted(decisions[person])),
        )


RULE = Rule(
    code=CODE,
    name="habitual-escalation",
    severity="warning",
    check=check,
    doc=__doc__,
    thresholds={THRESHOLD: 30},
)
