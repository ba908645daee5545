"""A role, body or decision that escalates to itself.

## What it does

Reports a role or body (a team with `decides_by`) whose `escalates_to` is itself,
and a decision whose `escalates_to` is one of its own owners (the same id, or the
same person as one of its resolved owners: a role, or a role or person standing
for a common person), at the `escalates_to` field. A plain team owner is compared
through its lead role only, since its members are not its owners; a body owner
only as itself.

## Why is this bad?

Escalating to yourself is not escalating: the decision that could not be made, or
was contested, comes straight back to the person who could not make it.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
decisions:
  pricing:
    title: List prices
    owner: cpo
    escalates_to: lee
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
decisions:
  pricing:
    title: List prices
    owner: cpo
    escalates_to: ceo
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import manager_of, matching_owner
from governance_lint.rules._rule import Rule

CODE = "ES003"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    bodies = (team for team in org.teams.values() if team.is_body)
    for entry in sorted((*org.roles.values(), *bodies), key=lambda e: e.id):
        if entry.sound("escalates_to") and entry.get("escalates_to") == entry.id:
            manager = manager_of(org, entry.id) if entry.kind == "role" else None
            yield Finding(
                CODE,
                entry.locate("escalates_to"),
                f"{'role' if entry.kind == 'role' else 'body'} `{entry.id}` escalates to "
                "itself: its escalations come straight back",
                f"remove `escalates_to` so it escalates to its manager `{manager}`"
                if manager
                else "point `escalates_to` at a more senior role",
                entities=(entry.id,),
            )
    for decision in org.decisions.values():
        target = decision.get("escalates_to")
        if target is None or not decision.sound("escalates_to") or not decision.sound("owner"):
            continue
        if matching_owner(org, decision, target) is not None:
            yield Finding(
                CODE,
                decision.locate("escalates_to"),
                f"decision `{decision.id}` escalates to `{target}`, one of its own owners: "
                "a contested decision comes straight back",
                "point `escalates_to` at a role above the owner, or remove it to follow the "
                "owner's reporting line",
                entities=(decision.id, target),
            )


RULE = Rule(
    code=CODE,
    name="self-escalation",
    severity="error",
    check=check,
    doc=__doc__,
)
