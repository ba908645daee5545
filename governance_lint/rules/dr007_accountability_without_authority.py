"""A metric owner who has no authority over the decisions that move the metric.

## What it does

Reports a metric that at least one decision `affects` when the metric's owner is
neither the same person as an owner of one of those decisions nor above one in the
reporting lines, at the metric's `owner` field. Owners are the decisions' resolved
owners (a person as the roles they hold, a team as its lead); a decision with no
owner gives the metric owner nothing to stand on. A metric no decision affects is
not this fault.

A metric whose owner is missing, a list, a team or a vacant role is CD004's, and this
rule leaves it alone, as it does a metric whose `owner` names an unknown id and a
metric moved by a decision whose `owner` names one. A decision whose `affects` names
an unknown id is not followed.

The entities are the metric, its owner, the decisions that move it (sorted) and
their owners as written. The help suggests who should own the metric: the one owner
of those decisions, else the lowest common manager of their owners; when none of
them has an owner, it suggests making the metric's owner theirs.

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

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import (
    above,
    listing,
    lowest_common_manager,
    metric_owner,
    same_person,
    who,
)
from governance_lint.rules._rule import Rule

CODE = "DR007"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    moved = org.index.moved_by
    moving, unknown = moved.decisions, moved.unowned
    for metric in org.metrics.values():
        owner = metric_owner(org, metric)
        decisions = moving.get(metric.id, [])
        if owner is None or not decisions or metric.id in unknown:
            continue
        owners = [o for d in decisions for o in org.index.facts(d).owners]
        if any(same_person(org, owner, o) or above(org, owner, o) for o in owners):
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
        distinct = list(dict.fromkeys(owners))
        if not distinct:
            help = f"make `{owner}` the owner of {listing([f'`{d.id}`' for d in decisions])}"
        else:
            keeper = distinct[0] if len(distinct) == 1 else lowest_common_manager(org, distinct)
            why = "who owns" if len(distinct) == 1 else "the lowest manager over the owners of"
            what = listing([f"`{d.id}`" for d in decisions])
            help = (
                f"give `{metric.id}` to `{keeper}`, {why} {what}, or make `{owner}` the owner "
                "of a decision that moves it"
                if keeper
                else f"make `{owner}` the owner of a decision that moves `{metric.id}`, or give "
                "the metric to the owner of one"
            )
        yield Finding(
            CODE,
            metric.locate("owner"),
            f"metric `{metric.id}` is owned by {who(org, owner, config.show)}, who neither owns "
            f"nor is above the owner of any decision that moves it: {moves}",
            help,
            entities=(metric.id, *dict.fromkeys((owner, *(d.id for d in decisions), *written))),
        )


RULE = Rule(
    code=CODE,
    name="accountability-without-authority",
    severity="warning",
    check=check,
    doc=__doc__,
)
