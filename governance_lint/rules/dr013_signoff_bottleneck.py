"""One person must sign off on more decisions than one person can carry.

## What it does

Counts, for each person, the decisions on which they are an approver
(`approvals`), a veto holder (`vetoes`), the `tie_breaker`, the `override` or the
decision's own `escalates_to`, and reports each person named on more than
`max_signoffs_per_person` decisions, at the person's key.

A role counts for its holder (a vacant role for nobody), a person for themself;
each decision counts once per person, however many of those fields name them.
An escalation that merely follows the reporting lines is not counted: only an
`escalates_to` written on the decision is. A field with an unknown id or a
malformed item is not followed. The entities are the person, the roles they hold
and the decisions counted.

## Why is this bad?

Each sign-off, veto, casting vote or escalation is a queue in front of one
person. When the same executive is named on every decision, every decision waits
for their calendar, and the people who own the decisions learn that passing them
up is safer than deciding.

## Example

```yaml
governance: 1
people:
  helen: {name: Helen Ashworth}
  james: {name: James Okafor}
roles:
  managing-partner: {title: Managing Partner, holder: helen}
  practice-lead: {title: Practice Lead, holder: james, reports_to: managing-partner}
decisions:
  methods: {title: Methods, owner: practice-lead, escalates_to: managing-partner}
  offerings: {title: Offerings, owner: practice-lead, escalates_to: managing-partner}
  quality: {title: Quality reviews, owner: practice-lead, escalates_to: managing-partner}
  alliances: {title: Alliances, owner: practice-lead, escalates_to: managing-partner}
  training: {title: Training, owner: practice-lead, escalates_to: managing-partner}
  tooling: {title: Tooling, owner: practice-lead, escalates_to: managing-partner}
  staffing: {title: Staffing, owner: practice-lead, escalates_to: managing-partner}
  plans: {title: Engagement plans, owner: practice-lead, escalates_to: managing-partner}
  reports: {title: Client reporting, owner: practice-lead, escalates_to: managing-partner}
  changes: {title: Change requests, owner: practice-lead, approvals: [managing-partner]}
  pricing: {title: Pricing, owner: practice-lead, override: managing-partner}
  hiring: {title: Hiring, owner: practice-lead, vetoes: [managing-partner]}
  bids: {title: Bids, owner: practice-lead, tie_breaker: managing-partner}
```

## Fix

Let decisions escalate along the reporting lines and keep sign-offs for what
only the top should sign.

```yaml
governance: 1
people:
  helen: {name: Helen Ashworth}
  james: {name: James Okafor}
roles:
  managing-partner: {title: Managing Partner, holder: helen}
  practice-lead: {title: Practice Lead, holder: james, reports_to: managing-partner}
decisions:
  methods: {title: Methods, owner: practice-lead}
  offerings: {title: Offerings, owner: practice-lead}
  quality: {title: Quality reviews, owner: practice-lead}
  alliances: {title: Alliances, owner: practice-lead}
  training: {title: Training, owner: practice-lead}
  tooling: {title: Tooling, owner: practice-lead}
  staffing: {title: Staffing, owner: practice-lead}
  plans: {title: Engagement plans, owner: practice-lead}
  reports: {title: Client reporting, owner: practice-lead}
  changes: {title: Change requests, owner: practice-lead, approvals: [managing-partner]}
  pricing: {title: Pricing, owner: practice-lead, override: managing-partner}
  hiring: {title: Hiring, owner: practice-lead, vetoes: [managing-partner]}
  bids: {title: Bids, owner: practice-lead, tie_breaker: managing-partner}
```
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import SIGN_OFF_FIELDS, holder, listing, roles_held, who
from governance_lint.rules._rule import Rule

CODE = "DR013"
ADVICE = {
    "approvals": "let the owners' managers sign off instead",
    "vetoes": "make them `consulted` instead of holding a veto",
    "tie_breaker": "name the deciders' own lowest common manager as `tie_breaker`",
    "override": "give the `override` to the owners' managers",
    "escalates_to": "remove the decision-level `escalates_to` so each follows its owner's "
    "reporting line",
}


def signers(org: Organization, decision: Entity) -> dict[str, set[tuple[str, str]]]:
    """Person id -> (field, id as written) for each sign-off of this decision naming them
    (a role for its holder)."""
    found: dict[str, set[tuple[str, str]]] = {}
    for field in SIGN_OFF_FIELDS:
        if not decision.sound(field):
            continue
        for entity_id in decision.ids(field):
            kind = org.kind_of(entity_id)
            person = entity_id if kind == "person" else holder(org, entity_id)
            if kind in ("role", "person") and person is not None:
                found.setdefault(person, set()).add((field, entity_id))
    return found


def check(org: Organization, config: Config) -> Iterator[Finding]:
    limit = config.threshold("max_signoffs_per_person")
    counted: dict[str, list[str]] = {}
    by_field: dict[str, Counter[str]] = {}
    named_as: dict[str, set[str]] = {}
    for decision in org.decisions.values():  # sorted by id
        for person, named in signers(org, decision).items():
            counted.setdefault(person, []).append(decision.id)
            by_field.setdefault(person, Counter()).update({field for field, _ in named})
            named_as.setdefault(person, set()).update(i for _, i in named if i in org.roles)
    for person in sorted(counted):
        decisions = counted[person]
        if len(decisions) <= limit:
            continue
        held = roles_held(org, person)
        field, times = by_field[person].most_common(1)[0]
        via = sorted(named_as[person])
        through = f" as {listing([f'`{role}`' for role in via])}" if via else ""
        yield Finding(
            CODE,
            org.people[person].locate(),
            f"{who(org, person, config.show)} is named{through} to approve, veto, break ties, "
            f"overrule or take escalations on {len(decisions)} decisions; the limit is "
            f"{limit:g}: every one of them waits for the same person",
            f"{times} of them name this person in `{field}`: {ADVICE[field]}",
            entities=(person, *held, *decisions),
        )


RULE = Rule(
    code=CODE,
    name="sign-off-bottleneck",
    severity="warning",
    check=check,
    doc=__doc__,
    thresholds={"max_signoffs_per_person": 12},
    cost="forked",
)
