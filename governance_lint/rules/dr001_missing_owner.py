"""A decision with no owner.

## What it does

Reports a decision whose `owner` is absent, `null` or `[]`, at the decision's key.

The help suggests an owner: the lead of the team named in its `executed_by`, who
carries the decision out. The suggestion is checked: the help names a candidate only
when setting it as `owner`, in a copy of the organization, makes this finding go away
and adds no error or warning (a vacant lead would add one). After the lead come the
roles above it, nearest first, then its peers; when no candidate passes, or the
decision names no `executed_by` team with a lead, the help names no id.

## Why is this bad?

A decision right without an owner is a decision nobody is accountable for. It
waits until someone senior notices, or it is taken by whoever cares most that
week, and nobody answers for the result.

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
decisions:
  pricing:
    title: List prices and discounts
```

## Fix

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
decisions:
  pricing:
    title: List prices and discounts
    owner: cpo
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import team_lead
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import helped, suggest

CODE = "DR001"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.decisions.values():
        if decision.ids("owner") or not decision.sound("owner"):
            continue
        lead = None
        if decision.sound("executed_by") and decision.get("executed_by") in org.teams:
            lead = team_lead(org, decision.get("executed_by"))
        finding = Finding(
            CODE,
            decision.locate(),
            f"decision `{decision.id}` has no owner: nobody is accountable for it",
            "name one owner: the role accountable for making this decision",
            entities=(decision.id,),
        )
        chosen = suggest(org, config, finding, decision, "owner", lead)
        if chosen is not None:
            why = ", who leads the team that carries it out" if chosen == lead else ""
            finding = helped(
                finding,
                f"set `owner: {chosen}`{why}: the role accountable for making this decision",
            )
        yield finding


RULE = Rule(
    code=CODE,
    name="missing-owner",
    severity="error",
    check=check,
    doc=__doc__,
    cost="forked",
)
