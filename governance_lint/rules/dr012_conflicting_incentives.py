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
their owners, each once. The help names the metric owners' lowest common manager
as `tie_breaker` (the next role up when that is one of them or vacant).

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
    owning_body,
    tie_breaker,
)
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import (
    at_or_above,
    distinct_people,
    is_vacant,
    listing,
    lowest_common_manager,
    manager_of,
    metric_owner,
    same_person,
    who,
)
from governance_lint.rules._rule import Rule

CODE = "DR012"
_CANDIDATES = 10  # tie-breakers tried at most before the help names none
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


def _tie_breaker(org: Organization, decision: Entity, owners: list[str]) -> str | None:
    """The tie-breaker the help names: the metric owners' lowest common manager, else the
    next role up from it, passing over one of those owners (the same person), a body
    owning the decision and a vacant role or body (a casting vote nobody holds); None
    when no candidate is left."""
    body = owning_body(org, decision)
    candidate = lowest_common_manager(org, owners)
    tried: set[str] = set()
    while candidate is not None and candidate not in tried and len(tried) < _CANDIDATES:
        mine = any(same_person(org, candidate, owner) for owner in owners)
        if not mine and (body is None or candidate != body.id) and not is_vacant(org, candidate):
            return candidate
        tried.add(candidate)
        candidate = manager_of(org, candidate)
    return None


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
        manager = _tie_breaker(org, decision, metric_owners)
        shown = listing(
            [f"`{metric}` of {who(org, owner, config.show)}" for metric, owner in owned.items()]
        )
        yield Finding(
            CODE,
            decision.locate("affects"),
            f"decision `{decision.id}` moves metrics owned by different people ({shown}), "
            "none of them at or above the others, and nobody who decides, signs off on or "
            "settles it (owners, deciders, approvers, veto holders, escalation target, "
            "tie-breaker, override) is at or above all of them: nobody can settle the "
            "trade-off between their numbers",
            f"set `tie_breaker: {manager}`, "
            + (
                "the lowest common manager of the metric owners"
                if manager == lowest_common_manager(org, metric_owners)
                else "who is above all of the metric owners"
            )
            if manager
            else "name a `tie_breaker` who answers for all of these metrics",
            entities=(decision.id, *owned, *metric_owners),
        )


RULE = Rule(
    code=CODE,
    name="conflicting-incentives",
    severity="warning",
    check=check,
    doc=__doc__,
    diagram=True,
    cost="forked",
)
