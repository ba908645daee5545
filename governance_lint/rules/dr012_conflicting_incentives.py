"""A decision that trades off metrics of different people, with nobody to adjudicate.

## What it does

Reports a decision that `affects` metrics owned by two or more different people, at
the `affects` field, when nobody can settle the trade-off between their numbers:

- none of those who decide or settle the decision is at or above every one of the
  metric owners: its resolved owners, its deciders, its approvers, its veto holders,
  its escalation target (its `escalates_to`, else its owning body's), its
  `tie_breaker` (its own, else its owning body's) and its `override`;
- and none of the metric owners is at or above all the others: when the CFO owns
  gross margin and the head of sales reporting to her owns revenue, the CFO already
  settles the trade-off, and there is no conflict.

"At or above" is the same person, or above in the reporting lines (the final
authority is above everyone else; a body through the roles it stands for).

Only metrics with one owner take part: a metric whose owner is missing, a list, a
team (a body or a group included), a vacant role or a role with two or more holders
is CD004's, and this rule leaves that metric out, checking the decision on the
metrics it still affects when two or more different people own them. A decision
whose `owner`, `deciders`, `approvals`, `vetoes`, `tie_breaker`, `override`,
`escalates_to` or `affects` has a finding (an unknown id, a wrong shape) is left
alone.

An approver or veto holder who owns one of the metrics is this rule's to judge, not
blocking-peer's (DL008): the disagreement is about numbers, and its fix is someone
above both owners.

The entities are the decision, the metrics taking part in `affects` order, then
their owners, each once. The help names a `tie_breaker`, the first candidate the
metric owners' lowest common manager. The suggestion is checked: the help names a
candidate only when setting it, in a copy of the organization, makes this finding go
away and adds no error or warning (a vacant tie-breaker would add one). After the
first candidate come the roles above it, nearest first, then its peers; a metric
owner (the same person) is passed over, and when no candidate passes the help names
no id.

## Why is this bad?

When a decision moves sales' revenue and operations' margin, each side is paid to
pull it their way. Unless someone who answers for both numbers can settle it, the
trade-off is fought out in every meeting, or quietly decided by whoever owns the
decision at the other side's expense.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  rosa: {name: Rosa Diaz}
  dana: {name: Dana Ruiz}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cro: {title: Chief Revenue Officer, holder: rosa, reports_to: ceo}
  coo: {title: Chief Operating Officer, holder: dana, reports_to: ceo}
decisions:
  discount-policy:
    title: Discounts sales may offer
    owner: cro
    affects: [revenue, gross-margin]
metrics:
  revenue: {title: New revenue, owner: cro}
  gross-margin: {title: Gross margin, owner: coo}
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  rosa: {name: Rosa Diaz}
  dana: {name: Dana Ruiz}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cro: {title: Chief Revenue Officer, holder: rosa, reports_to: ceo}
  coo: {title: Chief Operating Officer, holder: dana, reports_to: ceo}
decisions:
  discount-policy:
    title: Discounts sales may offer
    owner: cro
    tie_breaker: ceo
    affects: [revenue, gross-margin]
metrics:
  revenue: {title: New revenue, owner: cro}
  gross-margin: {title: Gross margin, owner: coo}
```
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.modes import (
    Taken,
    deciders_sound,
    escalation_target,
    tie_breaker,
)
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import (
    at_or_above,
    distinct_people,
    listing,
    lowest_common_manager,
    metric_owner,
    who,
)
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import above_all, helped, suggest

CODE = "DR012"
_SHARED = 8  # ids from which a tuple of judges is worth asking about once


class Asked:
    """Answers about a long tuple of ids kept by the tuple's identity: a body's deciders
    are one tuple shared by all its decisions, so a question about them and one other
    value is answered once, not once per decision (the tuple is kept with its answer,
    so its identity stays its own)."""

    def __init__(self) -> None:
        self._kept: dict[tuple[int, object], tuple[tuple[str, ...], bool]] = {}

    def any(self, ids: tuple[str, ...], about: object, test: Callable[[str], bool]) -> bool:
        """Whether ``test`` holds for one of ``ids``; ``about`` names what else it asks."""
        if len(ids) < _SHARED:
            return any(test(entity_id) for entity_id in ids)
        kept = self._kept.get((id(ids), about))
        if kept is None or kept[0] is not ids:
            kept = self._kept[(id(ids), about)] = (ids, any(test(e) for e in ids))
        return kept[1]


def _taken_ids(found: Taken) -> tuple[str, ...] | None:
    """The id a taken field names (none when unwritten); None when it has a finding."""
    if not found.written:
        return ()
    if not found.sound or not isinstance(found.value, str):
        return None
    return (found.value,)


def with_authority(
    org: Organization, decision: Entity, *, escalation: bool
) -> tuple[tuple[str, ...], ...] | None:
    """Who has a say over the decision: its resolved owners, deciders, approvers, veto
    holders, tie-breaker and override (each its own or, where a body owns it, the
    body's), and, with ``escalation``, its escalation target. Several tuples, so that a
    body's thousands of deciders are one shared tuple, not copied per decision. None
    when one of these fields has a finding: who decides cannot be read."""
    if not decision.sound("owner") or not deciders_sound(org, decision):
        return None
    if not all(decision.sound(field) for field in ("approvals", "vetoes", "override")):
        return None
    settling = [tie_breaker(org, decision)]
    if escalation:
        settling.append(escalation_target(org, decision))
    named = [_taken_ids(found) for found in settling]
    if any(ids is None for ids in named):
        return None
    facts = org.index.facts(decision)
    return (
        facts.owners,
        facts.deciders or (),
        decision.ids("approvals"),
        decision.ids("vetoes"),
        decision.ids("override"),
        *(ids for ids in named if ids),
    )


def counted_metrics(org: Organization, decision: Entity) -> dict[str, str]:
    """The metrics the decision affects that have one owner, each with that owner, in
    `affects` order: a metric whose owner is missing, a list, a team, a vacant role or
    a shared seat is CD004's and left out."""
    owned: dict[str, str] = {}
    for metric_id in decision.ids("affects"):
        metric = org.metrics.get(metric_id)
        owner = metric_owner(org, metric) if metric is not None else None
        if owner is not None:
            owned.setdefault(metric_id, owner)
    return owned


def conflict(org: Organization, owners: list[str]) -> bool:
    """Metric owners whose numbers pull apart: two or more different people, none of
    them at or above all the others (one who is settles the trade-off already)."""
    if len(distinct_people(org, owners)) < 2:
        return False
    return not any(all(at_or_above(org, m, other) for other in owners) for m in owners)


def check(org: Organization, config: Config) -> Iterator[Finding]:
    asked = Asked()
    for decision in org.having("decision", "affects"):
        if not decision.sound("affects"):
            continue
        owned = counted_metrics(org, decision)
        metric_owners = list(dict.fromkeys(owned.values()))
        if not conflict(org, metric_owners):
            continue
        judges = with_authority(org, decision, escalation=True)
        if judges is None:
            continue
        numbers = tuple(metric_owners)

        def over_all(judge: str, numbers: tuple[str, ...] = numbers) -> bool:
            return all(at_or_above(org, judge, m) for m in numbers)

        if any(asked.any(ids, numbers, over_all) for ids in judges):
            continue
        shown = listing(
            [f"`{metric}` of {who(org, owner, config.show)}" for metric, owner in owned.items()]
        )
        finding = Finding(
            CODE,
            decision.locate("affects"),
            f"decision `{decision.id}` moves metrics owned by different people ({shown}), "
            "none of them at or above the others, and nobody who decides, signs off on or "
            "settles it (owners, deciders, approvers, veto holders, escalation target, "
            "tie-breaker, override) is at or above all of them: nobody can settle the "
            "trade-off between their numbers",
            "name a `tie_breaker` who answers for all of these metrics",
            entities=(decision.id, *owned, *metric_owners),
        )
        first = lowest_common_manager(org, metric_owners)
        manager = suggest(org, config, finding, decision, "tie_breaker", first, metric_owners)
        if manager is not None:
            why = (
                ", the lowest common manager of the metric owners"
                if manager == first
                else ", who is above all of the metric owners"
                if above_all(org, manager, metric_owners)
                else ""
            )
            finding = helped(finding, f"set `tie_breaker: {manager}`{why}")
        yield finding


RULE = Rule(
    code=CODE,
    name="conflicting-incentives",
    severity="warning",
    check=check,
    doc=__doc__,
    diagram=True,
    cost="forked",
)
