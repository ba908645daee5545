"""A decision reviewed in a cadence where nobody can answer for it.

## What it does

For each decision and each cadence its `reviewed_in` names, looks at who is
present: the chair and the attendees, a team through its lead and its direct
members. Reports the pair when nobody present is the same person as one of the
decision's resolved owners, or above one of them in the reporting lines. One
finding per decision and cadence, at the `reviewed_in` field or at the list item
naming that cadence; its entities are the decision, the cadence, then the
decision's owners as written.

A decision whose `owner` or `reviewed_in` names an unknown id is left to GL005,
and so is a cadence whose `chair` or `attendees` does.

## Why is this bad?

A review where neither the owner nor anyone above them is in the room can only
talk about the decision. Questions wait for the next meeting the owner attends,
and the review becomes a report nobody can act on.

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
cadences:
  architecture-review: {title: Architecture review, every: weekly, chair: cto}
decisions:
  feature-scope:
    title: What goes into each feature
    owner: cpo
    reviewed_in: architecture-review
```

## Fix

Invite the owner, or review the decision where its owner already is.

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
cadences:
  architecture-review:
    title: Architecture review
    every: weekly
    chair: cto
    attendees: [cpo]
decisions:
  feature-scope:
    title: What goes into each feature
    owner: cpo
    reviewed_in: architecture-review
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import and_more, few
from governance_lint.findings import Finding
from governance_lint.model.cadences import answers_for, attended, room
from governance_lint.model.organization import Organization
from governance_lint.model.terms import listing, who
from governance_lint.rules._rule import Rule

CODE = "CD007"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.decisions.values():
        if not decision.sound("owner") or not decision.sound("reviewed_in"):
            continue
        facts = org.index.facts(decision)
        owners = facts.owners
        if not owners:
            continue
        written = tuple(dict.fromkeys(decision.ids("owner")))
        cadences = facts.reviewers
        # the same for every cadence of the decision: found once, not once per cadence
        shown, more = few(written)
        names = listing(and_more([who(org, owner, config.show) for owner in shown], more))
        other: str | None = None  # another cadence to review it in, looked for once
        looked = False
        for cadence_id in cadences:
            cadence = org.cadences[cadence_id]
            if not cadence.sound("chair") or not cadence.sound("attendees"):
                continue
            if any(answers_for(org, room(org, cadence), owner) for owner in owners):
                continue
            if not looked:
                # each distinct answer once: a person's roles all share their holder's
                answers = {id(found): found for o in owners if (found := attended(org, o))}
                others = (c for found in answers.values() for c in found if c not in cadences)
                other, looked = min(others, default=None), True
            invitee = written[0] if org.kind_of(written[0]) != "team" else owners[0]
            yield Finding(
                CODE,
                decision.locate_item("reviewed_in", cadence_id),
                f"decision `{decision.id}` is reviewed in `{cadence_id}`, where neither "
                f"{'its owners' if len(written) > 1 else 'its owner'} {names} nor anyone above "
                "them is present: nobody there can answer for it",
                f"add `{invitee}` to the `attendees` of `{cadence_id}`"
                + (f", or review the decision in `{other}` instead" if other else ""),
                entities=(decision.id, cadence_id, *shown),
            )


RULE = Rule(
    code=CODE,
    name="owner-absent-from-review",
    severity="warning",
    check=check,
    doc=__doc__,
    identity="first-two",
    cost="forked",
)
