"""An owner who approves or overrides their own decision.

## What it does

Reports each item of a decision's `approvals` that is one of its owners (the same
role or person: `cfo`, or Ana Costa who holds `cfo`; for a team owner, its lead), at
that item, and an `override` that is one of its owners, at the `override` field.
An override that is the owner is this rule's, not DR009's.

A decision whose `owner` names an unknown id is left alone, and so is an
`approvals` or `override` field with an unknown id or a malformed item.

The entities are the decision, the approver or override, then the owner it matches
when that is another id. The help names the lowest role above every owner, who can
sign off or overrule instead.

## Why is this bad?

A sign-off or an override exists to put a second pair of eyes on the decision.
When the owner holds it, the check is the owner marking their own homework: it
looks like control on paper and adds nothing but a delay.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  ana: {name: Ana Costa}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cfo: {title: Chief Financial Officer, holder: ana, reports_to: ceo}
decisions:
  write-offs:
    title: Writing off unpaid invoices
    owner: cfo
    approvals: [ana]
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  ana: {name: Ana Costa}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cfo: {title: Chief Financial Officer, holder: ana, reports_to: ceo}
decisions:
  write-offs:
    title: Writing off unpaid invoices
    owner: cfo
    approvals: [ceo]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import lowest_role_above, matching_owner, who
from governance_lint.rules._rule import Rule

CODE = "DR011"


def self_checks(org: Organization, decision: Entity) -> Iterator[tuple[str, str, str]]:
    """(field, id, owner) for each approver and the override that is an owner."""
    if decision.sound("approvals"):
        for item in dict.fromkeys(decision.ids("approvals")):
            owner = matching_owner(org, decision, item)
            if owner is not None:
                yield "approvals", item, owner
    override = decision.get("override")
    if isinstance(override, str) and decision.sound("override"):
        owner = matching_owner(org, decision, override)
        if owner is not None:
            yield "override", override, owner


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.having("decision", "approvals", "override"):
        if not decision.sound("owner"):
            continue
        senior: str | None = None
        for field, item, owner in self_checks(org, decision):
            senior = senior or lowest_role_above(org, org.index.facts(decision).owners)
            written = "" if owner == item else f", as {who(org, item, config.show)}"
            if field == "approvals":
                what = "needs a sign-off from"
                fix = f"remove `{item}` from `approvals`"
                if senior in decision.ids("approvals"):
                    fix += f": `{senior}`, above every owner, already signs off"
                elif senior:
                    fix += f" and let `{senior}`, the lowest role above every owner, sign off"
                where = decision.locate_item("approvals", item)
            else:
                what = "can be overruled by"
                fix = (
                    f"set `override: {senior}`, the lowest role above every owner"
                    if senior
                    else "remove the `override`: no role is above every owner of this decision"
                )
                where = decision.locate("override")
            yield Finding(
                CODE,
                where,
                f"decision `{decision.id}` {what} its own owner {who(org, owner, config.show)}"
                f"{written}: the check is the owner marking their own homework",
                fix,
                entities=(decision.id, item, *((owner,) if owner != item else ())),
            )


RULE = Rule(
    code=CODE,
    name="self-approval",
    severity="warning",
    check=check,
    doc=__doc__,
    cost="forked",
)
