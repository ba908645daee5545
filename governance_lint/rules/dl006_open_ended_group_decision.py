"""A group decision with no deadline.

## What it does

Reports a decision taken by a group (`mode: consent`, `consensus` or `vote`) that
has no `decide_within`, at the `mode` field. It is not reported for a decision
whose `owner` lists two or more ids: joint ownership (DR002) is the fault to fix
there, and the fix (one owner) changes how the decision is taken.

## Why is this bad?

A group waits for its slowest member. Without a deadline, "not yet" is an answer
nobody has to give out loud, and the decision stays open until it no longer
matters. A deadline also says when the decision goes to its `escalates_to`.

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
decisions:
  api-deprecation:
    title: When a public API version is retired
    owner: cto
    mode: consent
    deciders: [cpo, cto]
```

## Fix

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
decisions:
  api-deprecation:
    title: When a public API version is retired
    owner: cto
    mode: consent
    deciders: [cpo, cto]
    decide_within: 2w
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import GROUP_MODES, is_owner_list, mode
from governance_lint.rules._rule import Rule

CODE = "DL006"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.having("decision", "mode"):
        how = mode(decision)
        if how not in GROUP_MODES or decision.has("decide_within"):
            continue
        if is_owner_list(decision):
            continue  # DR002 reports the owner list, whether or not it is selected
        escalation = decision.get("escalates_to") if decision.sound("escalates_to") else None
        yield Finding(
            CODE,
            decision.locate("mode"),
            f"decision `{decision.id}` is taken by {how} and has no `decide_within`: "
            "nothing says when the group must have decided",
            "set `decide_within` (such as `5d` or `2w`)"
            + (
                f", after which it goes to `{escalation}`"
                if escalation
                else ", and an `escalates_to` for when it runs out"
            ),
            entities=(decision.id,),
        )


RULE = Rule(
    code=CODE,
    name="open-ended-group-decision",
    severity="warning",
    check=check,
    doc=__doc__,
)
