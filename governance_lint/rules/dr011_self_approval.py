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

The suggestion is checked: the help names a candidate only when setting it, in a copy
of the organization, makes this finding go away and adds no error or warning. After
the first candidate come the roles above it, nearest first, then its peers; an owner is
passed over, and when no candidate passes the help names no id.

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

from collections.abc import Callable, Iterator
from dataclasses import replace

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import lowest_role_above, matching_owner, who
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import Edits, helped, names_change, override_help, suggest_with

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


def _in_place(decision: Entity, item: str) -> Callable[[Edits, str], None]:
    """The change "X in place of the `approvals` item ``item``" (the item removed where X
    already signs off)."""

    def apply(edits: Edits, candidate: str) -> None:
        entry = edits.entry(decision)
        entry["approvals"] = list(
            dict.fromkeys(candidate if a == item else a for a in decision.ids("approvals"))
        )

    return apply


def _approver_help(
    org: Organization, config: Config, finding: Finding, decision: Entity, item: str
) -> str:
    """Who signs off in place of the owner: a verified candidate, the first the lowest
    role above every owner."""
    owners = org.index.facts(decision).owners
    senior = lowest_role_above(org, owners)
    chosen = suggest_with(
        org, config, finding, decision, "approvals", senior, owners, _in_place(decision, item)
    )
    fix = f"remove `{item}` from `approvals`"
    if chosen is None:
        return fix + (" and let a role above every owner sign off" if senior else "")
    above = ", the lowest role above every owner," if chosen == senior else ""
    if chosen in decision.ids("approvals"):
        return fix + f": `{chosen}`{above or ', above every owner,'} already signs off"
    return fix + f" and add `{chosen}` to `approvals`{above.rstrip(',')}"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.having("decision", "approvals", "override"):
        if not decision.sound("owner"):
            continue
        for field, item, owner in self_checks(org, decision):
            written = "" if owner == item else f", as {who(org, item, config.show)}"
            if field == "approvals":
                what = "needs a sign-off from"
                where = decision.locate_item("approvals", item)
            else:
                what = "can be overruled by"
                where = decision.locate("override")
            finding = Finding(
                CODE,
                where,
                f"decision `{decision.id}` {what} its own owner {who(org, owner, config.show)}"
                f"{written}: the check is the owner marking their own homework",
                "",
                entities=(decision.id, item, *((owner,) if owner != item else ())),
            )
            if field == "approvals":
                fix = _approver_help(org, config, finding, decision, item)
            else:
                senior = lowest_role_above(org, org.index.facts(decision).owners)
                fix = override_help(org, config, finding, decision, senior)
            yield helped(finding, fix) if names_change(fix) else replace(finding, help=fix)


RULE = Rule(
    code=CODE,
    name="self-approval",
    severity="warning",
    check=check,
    doc=__doc__,
    cost="forked",
)
