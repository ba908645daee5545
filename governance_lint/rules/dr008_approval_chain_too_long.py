"""A decision that needs more sign-offs than it can afford.

## What it does

Counts the entries in a decision's `approvals` and reports the decision when there
are more than `max_approvals`, at the `approvals` field. Each entry is one sign-off
step, so the same id listed twice counts twice; the help points out a step by
someone who already signed earlier in the chain (the same id, or a person next to
a role they hold). Entries are counted as written, an unknown id included (GL005
names it); a malformed field (GL002) is not counted until it is fixed.

The entities are the decision, then its approvers as written, each once.

## Why is this bad?

Every approval is a queue: the decision waits for each signature in turn, and
each approver can send it back. A long chain of sign-offs turns a decision that
should take a day into a month, and spreads accountability so thin that nobody
owns the result.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
  ana: {name: Ana Costa}
  kim: {name: Kim Park}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: ana, reports_to: ceo}
  legal: {title: General Counsel, holder: kim, reports_to: ceo}
decisions:
  launch:
    title: Launch a new product line
    owner: cpo
    approvals: [cto, cfo, legal, ceo]
```

## Fix

Keep the sign-offs that protect something and make the rest `consulted` (before
the decision) or `informed` (after it).

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
  ana: {name: Ana Costa}
  kim: {name: Kim Park}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: ana, reports_to: ceo}
  legal: {title: General Counsel, holder: kim, reports_to: ceo}
decisions:
  launch:
    title: Launch a new product line
    owner: cpo
    consulted: [cto]
    approvals: [cfo, legal]
    informed: [ceo]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import listing, seats, who
from governance_lint.rules._rule import Rule

CODE = "DR008"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    limit = config.threshold("max_approvals")
    for decision in org.having("decision", "approvals"):
        steps = decision.get("approvals")
        if not isinstance(steps, list) or not decision.well_formed("approvals"):
            continue
        if len(steps) <= limit:
            continue
        approvers = decision.ids("approvals")
        signed: set[str] = set()
        repeated: list[str] = []  # a later step by someone who already signed
        for approver in approvers:
            people = set(seats(org, approver))  # a shared seat: each holder
            if people & signed and approver not in repeated:
                repeated.append(approver)
            signed |= people
        names = listing([who(org, a, config.show) for a in dict.fromkeys(approvers)])
        help = f"keep at most {limit:g} sign-offs"
        if repeated:
            help += (
                f" (drop the later {listing([f'`{a}`' for a in repeated])}: the same person "
                "already signs earlier in the chain)"
            )
        help += " and make the other approvers `consulted` before the decision or `informed` after"
        yield Finding(
            CODE,
            decision.locate("approvals"),
            f"decision `{decision.id}` waits for {len(steps)} sign-offs after its owner "
            f"decides, from {names}; the limit is {limit:g}",
            help,
            entities=(decision.id, *dict.fromkeys(approvers)),
        )


RULE = Rule(
    code=CODE,
    name="approval-chain-too-long",
    severity="warning",
    check=check,
    doc=__doc__,
    thresholds={"max_approvals": 3},
    cost="forked",
)
