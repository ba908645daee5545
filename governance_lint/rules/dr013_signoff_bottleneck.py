"""One person must sign off on more decisions than one person can carry.

## What it does

Counts, for each person, the decisions on which they are an approver
(`approvals`), a veto holder (`vetoes`), the `tie_breaker`, the `override` or the
decision's own `escalates_to`, and reports each person named on more than
`max_signoffs_per_person` decisions, at the person's key. In an organization of at
least 15 decisions it also reports a person named on at least 5 of them and more
than `max_signoff_share` percent (33 by default); the message names the limit
crossed ("on 9 of 20 decisions (45%), more than 33%").

A role counts for its holder (a shared seat for each of its holders, a vacant role
for nobody), a person for themself, and a body (a team with `decides_by`) for no
one: it decides as one. A body's own `tie_breaker` counts on each decision the body
owns that writes no `tie_breaker` of its own. Each decision counts once per person,
however many of those fields name them. An escalation that merely follows the
reporting lines is not counted: only an `escalates_to` written on the decision is.
A field with an unknown id or a malformed item is not followed. The entities are
the person, the roles they hold and the decisions counted.

The help names the field that names the person most often and how to lighten it.
When the person holds the final authority, it never sends the sign-offs back up to
them: it suggests delegating them to the owners' managers below the person, or
fewer sign-off steps.

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
from governance_lint.model.modes import owning_body
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import SIGN_OFF_FIELDS, counted_as, final_authority, listing, who
from governance_lint.rules._people import percent_shown, share_crossed
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
# For the holder of the final authority: every line ends with them, so the advice above
# would send the sign-offs straight back; these delegate below them instead.
AT_THE_TOP = {
    "approvals": "delegate those sign-offs to the owners' managers below this person, or "
    "drop the sign-off step",
    "vetoes": "make them `consulted` instead of holding a veto",
    "tie_breaker": "name a manager of the deciders below this person as `tie_breaker`, or "
    "set `on_no_agreement`",
    "override": "delegate the `override` to the owners' managers below this person, or remove it",
    "escalates_to": "point `escalates_to` at the owners' managers below this person",
}


def signers(org: Organization, decision: Entity) -> dict[str, set[tuple[str, str]]]:
    """Person id -> (field, id as written) for each sign-off of this decision naming them
    (a role for each of its holders; a body for no one). The owning body's `tie_breaker`
    counts when the decision writes none."""
    found: dict[str, set[tuple[str, str]]] = {}
    named: list[tuple[str, str]] = []
    for field in SIGN_OFF_FIELDS:
        if decision.sound(field):
            named += [(field, entity_id) for entity_id in decision.ids(field)]
    if not decision.has("tie_breaker") and decision.sound("owner"):
        body = owning_body(org, decision)
        settled_by = body.body() if body is not None else None
        if settled_by is not None and isinstance(settled_by.tie_breaker, str):
            named.append(("tie_breaker", settled_by.tie_breaker))
    for field, entity_id in named:
        for person in counted_as(org, entity_id):
            found.setdefault(person, set()).add((field, entity_id))
    return found


def check(org: Organization, config: Config) -> Iterator[Finding]:
    limit = config.threshold("max_signoffs_per_person")
    share = config.threshold("max_signoff_share")
    total = len(org.decisions)
    counted: dict[str, list[str]] = {}
    by_field: dict[str, Counter[str]] = {}
    named_as: dict[str, set[str]] = {}
    for decision in org.decisions.values():  # sorted by id
        for person, named in signers(org, decision).items():
            counted.setdefault(person, []).append(decision.id)
            by_field.setdefault(person, Counter()).update({field for field, _ in named})
            named_as.setdefault(person, set()).update(i for _, i in named if i in org.roles)
    roles_of: dict[str, tuple[str, ...]] | None = None
    for person in sorted(counted):
        decisions = counted[person]
        count = len(decisions)
        absolute = count > limit
        if not absolute and not share_crossed(count, share, total):
            continue
        if roles_of is None:
            roles_of = org.index.roles_held
        held = roles_of.get(person, ())
        at_the_top = final_authority(org) in held
        fields = by_field[person]
        field = min(fields, key=lambda name: (-fields[name], SIGN_OFF_FIELDS.index(name)))
        via = sorted(named_as[person])
        through = f" as {listing([f'`{role}`' for role in via])}" if via else ""
        if absolute:
            load = f"{count} decisions; the limit is {limit:g}"
        else:
            shown = percent_shown(count, share, total)
            load = f"{count} of {total} decisions ({shown}%), more than {share:g}%"
        advice = (AT_THE_TOP if at_the_top else ADVICE)[field]
        yield Finding(
            CODE,
            org.people[person].locate(),
            f"{who(org, person, config.show)} is named{through} to approve, veto, break ties, "
            f"overrule or take escalations on {load}: every one of them waits for the same "
            "person",
            f"{fields[field]} of them name this person in `{field}`: {advice}",
            entities=(person, *held, *decisions),
        )


RULE = Rule(
    code=CODE,
    name="sign-off-bottleneck",
    severity="warning",
    check=check,
    doc=__doc__,
    thresholds={"max_signoffs_per_person": 12, "max_signoff_share": 33},
    cost="forked",
)
