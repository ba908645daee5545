"""A metric owner who has no authority over the decisions that move the metric.

## What it does

Reports a metric that at least one decision `affects` when the metric's owner has a
say over none of those decisions, at the metric's `owner` field. The owner has a say
over a decision when they are the same person as one of its resolved owners (a
person as the roles they hold, a team as its lead, a body as itself), its deciders,
its approvers or veto holders, or its `tie_breaker` (its own, else its owning
body's) or `override`, or when they are above one of its resolved owners in the
reporting lines. A CFO who approves the discount policy has a say over gross margin;
an escalation target, who only hears a dispute, has none. A metric no decision
affects is not this fault.

A metric whose owner is missing, a list, a team, a vacant role or a role with two or
more holders is CD004's, and this rule leaves it alone, as it does a metric whose
`owner` names an unknown id and a metric moved by a decision whose `owner` names
one. A decision whose `affects` names an unknown id is not followed, and one whose
`deciders`, `approvals`, `vetoes`, `tie_breaker` or `override` has a finding leaves
the metric alone unless another decision gives its owner a say.

The entities are the metric, its owner, the decisions that move it (sorted) and
their owners as written. The help suggests who should own the metric: the one owner
of those decisions, else the lowest common manager of their owners, but never
someone who owns one of them that also moves a metric of another person (giving
them this one would pit their own number against another's, with nobody to settle
it). Failing that, it suggests adding the metric's owner to the `approvals` of one of
those decisions, each tried in sorted order. Each suggestion is checked: the help
names it only when the change, in a copy of the organization, makes this finding go
away and adds no error or warning (an approval past `max_approvals` would add one).
When none passes, the help names no id.

## Why is this bad?

Holding someone accountable for a number they cannot move is a recipe for blame,
not results. The people who own the decisions that drive the metric feel no
pressure from it, and the metric owner has to lobby for every change instead of
making it.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  ana: {name: Ana Costa}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: ana, reports_to: ceo}
decisions:
  pricing:
    title: List prices and discounts
    owner: cpo
    affects: [gross-margin]
metrics:
  gross-margin:
    title: Gross margin
    owner: cfo
```

## Fix

Give the metric to the person who owns the decisions that move it, or the decisions
to the metric's owner.

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  ana: {name: Ana Costa}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: ana, reports_to: ceo}
decisions:
  pricing:
    title: List prices and discounts
    owner: cfo
    consulted: [cpo]
    affects: [gross-margin]
metrics:
  gross-margin:
    title: Gross margin
    owner: cfo
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import (
    above,
    listing,
    lowest_common_manager,
    matching_owner,
    metric_owner,
    same_person,
    who,
)
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import (
    Apply,
    Edits,
    add_item,
    helped,
    set_field,
    suggest_among,
    verified,
)
from governance_lint.rules.dr012_conflicting_incentives import Asked, with_authority

CODE = "DR007"


def has_authority(
    org: Organization, owner: str, decisions: Sequence[Entity], asked: Asked
) -> bool | None:
    """The metric owner has a say over one of the decisions: the same person as one of
    its resolved owners, deciders, approvers, veto holders, its tie-breaker or override,
    or above one of its resolved owners. None when it has none that can be read and a
    decision's fields have a finding (who decides it is unknown)."""
    unknown = False
    for decision in decisions:
        groups = with_authority(org, decision, escalation=False)
        if groups is None:
            unknown = True
            continue
        if any(asked.any(ids, owner, lambda j: same_person(org, owner, j)) for ids in groups):
            return True
        if any(above(org, owner, o) for o in org.index.facts(decision).owners):
            return True
    return None if unknown else False


def _conflicted(org: Organization, candidate: str, metric: Entity, moving: list[Entity]) -> bool:
    """The candidate owns a decision that moves the metric and also moves a metric owned
    by a person other than it: given this metric, it would trade its own number against
    another's with nobody to settle it (the conflict DR012 reports)."""
    for decision in moving:
        if matching_owner(org, decision, candidate) is None or not decision.sound("affects"):
            continue
        for other_id in decision.ids("affects"):
            other = org.metrics.get(other_id)
            if other is None or other_id == metric.id:
                continue
            owner = metric_owner(org, other)
            if owner is not None and not same_person(org, candidate, owner):
                return True
    return False


def new_owner(org: Organization, metric: Entity, moving: list[Entity]) -> str | None:
    """The metric's owner the help tries: the one resolved owner of the decisions that
    move it, else their lowest common manager; None when there is none or when it would
    be in conflict."""
    owners = list(dict.fromkeys(o for d in moving for o in org.index.facts(d).owners))
    if not owners:
        return None
    candidate = owners[0] if len(owners) == 1 else lowest_common_manager(org, owners)
    if candidate is None or _conflicted(org, candidate, metric, moving):
        return None
    return candidate


def _approval_by(org: Organization, owner: str) -> Apply:
    """The change "add the metric's owner to the `approvals` of decision X"."""

    def apply(edits: Edits, candidate: str) -> None:
        add_item(org.decisions[candidate], "approvals")(edits, owner)

    return apply


def check(org: Organization, config: Config) -> Iterator[Finding]:
    moved = org.index.moved_by
    moving, unknown = moved.decisions, moved.unowned
    asked = Asked()
    for metric in org.metrics.values():
        owner = metric_owner(org, metric)
        decisions = moving.get(metric.id, [])
        if owner is None or not decisions or metric.id in unknown:
            continue
        if has_authority(org, owner, decisions, asked) is not False:
            continue
        written = list(dict.fromkeys(o for d in decisions for o in d.ids("owner")))
        moves = listing(
            [
                f"`{d.id}` (owned by {listing([who(org, o, config.show) for o in d.ids('owner')])})"
                if d.ids("owner")
                else f"`{d.id}` (which has no owner)"
                for d in decisions
            ]
        )
        finding = Finding(
            CODE,
            metric.locate("owner"),
            f"metric `{metric.id}` is owned by {who(org, owner, config.show)}, who has no say "
            "over any decision that moves it (neither owns, decides, signs off on, vetoes, "
            f"breaks ties on nor overrides one, nor is above its owner): {moves}",
            f"give `{metric.id}` to someone with a say over the decisions that move it, "
            f"or give `{config.show(owner)}` a say over one of them",
            entities=(metric.id, *dict.fromkeys((owner, *(d.id for d in decisions), *written))),
        )
        yield _helped(org, config, finding, metric, owner, decisions)


def _helped(
    org: Organization,
    config: Config,
    finding: Finding,
    metric: Entity,
    owner: str,
    decisions: list[Entity],
) -> Finding:
    """The finding, its help naming the verified new owner of the metric when it passes,
    else the verified decision whose `approvals` the metric's owner joins; else saying
    what to do without an id."""
    keeper = new_owner(org, metric, decisions)
    listed = [keeper] if keeper is not None else []
    chosen = suggest_among(
        org, config, finding, [metric], "owner", listed, (), set_field(metric, "owner")
    )
    if chosen is not None:
        single = len({o for d in decisions for o in org.index.facts(d).owners}) == 1
        return helped(
            finding,
            f"set `owner: {config.show(chosen)}`, "
            + (
                f"the owner of the decisions that move `{metric.id}`"
                if single
                else f"the lowest common manager of the owners of the decisions that move "
                f"`{metric.id}`"
            ),
        )
    signing = [d.id for d in decisions if d.sound("approvals")]  # sorted by id
    approver = verified(org, config, finding, signing, _approval_by(org, owner))
    if approver is None:
        return finding
    return helped(
        finding,
        f"add `{config.show(owner)}` to `approvals` on `{approver}`, so that the "
        "metric's owner signs off on a decision that moves it",
    )


RULE = Rule(
    code=CODE,
    name="accountability-without-authority",
    severity="warning",
    check=check,
    doc=__doc__,
)
