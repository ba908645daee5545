"""A decision whose escalation chain cannot start or go on.

## What it does

Follows each decision's escalation chain (its `escalates_to`, else the owner's
`escalates_to` / `reports_to`, role by role, to the final authority or a top; a
body, a team with `decides_by`, is a step like a role, going on along its own
`escalates_to` and ending the chain without one) and
reports the decision when the chain reaches a person who holds no role: as the
owner with no `escalates_to` on the decision, or as the decision's
`escalates_to`. It points at the decision's `escalates_to` when set, else at its
`owner`. A chain that stops at a top other than the final authority is OR002's
finding, and a chain that enters a loop is ES002's or OR001's.

The help suggests the final authority as the decision's `escalates_to`. The
suggestion is checked: the help names it only when setting it, in a copy of the
organization, makes this finding go away and adds no error or warning (escalating to
the decision's own owner would add one). After it come the roles above it and its
peers, where it has any; when none passes, or there is no final authority, the help
names no id.

## Why is this bad?

A person with no role has no manager in the structure: when the decision stalls
or is contested, there is nowhere defined for it to go, and it goes to whoever is
loudest.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  omar: {name: Omar Haddad}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
decisions:
  vendor-choice:
    title: Choice of logistics vendor
    owner: omar
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  omar: {name: Omar Haddad}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  ops-lead: {title: Operations Lead, holder: omar, reports_to: ceo}
decisions:
  vendor-choice:
    title: Choice of logistics vendor
    owner: ops-lead
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.escalation import Chain
from governance_lint.model.organization import Organization
from governance_lint.model.terms import final_authority, who
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import helped, suggest

CODE = "ES001"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    authority = final_authority(org)
    looked: dict[int, Chain | None] = {}  # by chain list: decisions can share one
    for decision in org.decisions.values():
        found = org.index.facts(decision).chains
        if not found:
            continue
        if id(found) not in looked:
            looked[id(found)] = next((c for c in found if c.end == "roleless"), None)
        failing = looked[id(found)]
        if failing is None:
            continue
        stuck = failing.path[-1]
        where = "escalates_to" if decision.has("escalates_to") else "owner"
        give = f"give `{stuck}` a role that reports to someone, or set "
        finding = Finding(
            CODE,
            decision.locate(where),
            f"decision `{decision.id}` cannot escalate: {who(org, stuck, config.show)} holds "
            "no role, so nobody is defined above them",
            give + "the decision's `escalates_to` to a senior role",
            entities=(decision.id, *failing.path),
        )
        chosen = suggest(org, config, finding, decision, "escalates_to", authority)
        if chosen is not None:
            which = ", the final authority" if chosen == authority else ""
            finding = helped(finding, give + f"`escalates_to: {chosen}`{which}")
        yield finding


RULE = Rule(
    code=CODE,
    name="no-escalation-path",
    severity="error",
    check=check,
    doc=__doc__,
    diagram=True,
)
