"""A peer or a junior can block the owner, and nobody settles it.

## What it does

Reports a decision with an approver (`approvals`) or a veto holder (`vetoes`) who is
not at or above every one of its resolved owners: someone beside or below the owner
can stop the decision, and nothing says who settles the disagreement. It is not
reported for a decision that names a resolver (a `tie_breaker`, an escalation target
or an `on_no_agreement`, each its own or, for a decision a body owns, the body's) or
has an `override`, nor for one with two or more veto holders and no resolver
(multiple-vetoes reports that one).

An approver or veto holder who is the same person as the owner of a metric the
decision `affects` is not counted as a blocker: their objection is a conflict of
numbers, which conflicting-incentives reports. "At or above" follows the reporting
lines: the same person, a manager further up the owner's line, or the final
authority.

One finding per decision, at the first `approvals` or `vetoes` item, in position
order, that names a blocker; its entities are the decision, the blockers in position
order, then the owner ids as written. The help suggests the lowest common manager
of the owners and the blockers as `tie_breaker`.

The suggestion is checked: the help names a candidate only when setting it, in a copy
of the organization, makes this finding go away and adds no error or warning. After
the first candidate come the roles above it, nearest first, then its peers; an owner or a blocker is
passed over, and when no candidate passes the help names no id.

## Why is this bad?

A sign-off or a veto from someone who does not outrank the owner turns a decision
into a negotiation between equals. When they disagree, neither can overrule the
other, and the decision waits until someone senior notices, unasked and late.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
decisions:
  roadmap:
    title: What the roadmap holds
    owner: cpo
    vetoes: [cto]
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
decisions:
  roadmap:
    title: What the roadmap holds
    owner: cpo
    vetoes: [cto]
    tie_breaker: ceo
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import and_more, few
from governance_lint.findings import Finding, Location
from governance_lint.model.modes import names_resolver
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import (
    at_or_above,
    listing,
    lowest_common_manager,
    lowest_role_above,
    same_person,
    who,
)
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import above_all, helped, suggest
from governance_lint.rules.dl002_multiple_vetoes import veto_holders

CODE = "DL008"
_MANY = 8  # owners from which a shared test is worth finding first


def metric_owners(org: Organization, decision: Entity) -> tuple[str, ...]:
    """The owners, as written, of the metrics the decision affects."""
    if not decision.sound("affects"):
        return ()
    found: dict[str, None] = {}
    for metric_id in decision.ids("affects"):
        metric = org.metrics.get(metric_id)
        if metric is not None and metric.sound("owner"):
            found.update(dict.fromkeys(metric.ids("owner")))
    return tuple(found)


def blockers(org: Organization, decision: Entity) -> list[tuple[Location, str]]:
    """The approvers and veto holders not at or above every resolved owner, each with the
    first item naming them, in position order (metric owners left out: DR012's).

    Items are located only once one of them blocks: asking a position rebuilds the
    positions of a cached file, which most decisions never need."""
    owners = org.index.facts(decision).owners
    if not owners:
        return []
    numbers = metric_owners(org, decision)
    named: dict[str, list[str]] = {}
    for field in ("approvals", "vetoes"):
        if decision.sound(field):
            for entity_id in decision.ids(field):
                named.setdefault(entity_id, []).append(field)
    # At or above the lowest role above every owner is above them all: with many owners,
    # one test instead of one per owner (the others are tested owner by owner).
    over = lowest_role_above(org, owners) if len(owners) >= _MANY else None
    found = []
    for entity_id, fields in named.items():
        if any(same_person(org, entity_id, owner) for owner in numbers):
            continue
        if over is not None and at_or_above(org, entity_id, over):
            continue
        if all(at_or_above(org, entity_id, owner) for owner in owners):
            continue
        place = min(decision.locate_item(field, entity_id) for field in fields)
        found.append((place, entity_id))
    return sorted(found)


def shown_names(org: Organization, ids: tuple[str, ...], config: Config) -> list[str]:
    """Ids as the message names them, the first few of a long list then "N more"."""
    shown, more = few(ids)
    return and_more([who(org, entity_id, config.show) for entity_id in shown], more)


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.having("decision", "approvals", "vetoes"):
        if decision.has("override") or not decision.sound("owner"):
            continue
        if names_resolver(org, decision) or veto_holders(org, decision) is not None:
            continue  # settled, or multiple-vetoes reports it
        found = blockers(org, decision)
        if not found:
            continue
        ids = tuple(entity_id for _, entity_id in found)
        owners = decision.ids("owner")
        group = tuple(dict.fromkeys((*org.index.facts(decision).owners, *ids)))
        names = listing(shown_names(org, ids, config))
        owned = listing(shown_names(org, tuple(dict.fromkeys(owners)), config))
        verb = "is" if len(ids) == 1 else "are"
        finding = Finding(
            CODE,
            found[0][0],
            f"decision `{decision.id}` can be blocked by {names}, who {verb} not above "
            f"its owner {owned}, and nobody settles a disagreement between them",
            "name a `tie_breaker` above the owner and them, or an `override`",
            entities=tuple(dict.fromkeys((decision.id, *ids, *owners))),
        )
        first = lowest_common_manager(org, group)
        chosen = suggest(org, config, finding, decision, "tie_breaker", first, group)
        if chosen is not None:
            who_is = ", who is above the owner and them" if above_all(org, chosen, group) else ""
            finding = helped(finding, f"set `tie_breaker: {chosen}`{who_is}")
        yield finding


RULE = Rule(
    code=CODE,
    name="blocking-peer",
    severity="warning",
    check=check,
    doc=__doc__,
)
