"""A decision without a `scope` (replace: what RC007 flags, in one sentence).

## What it does

Reports a decision that has no `scope`, at the decision's key. (Replace: the exact
condition, where the finding points, and which entities it names.)

## Why is this bad?

(Replace: what goes wrong in an organization that has this fault, and for whom.)

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
decisions:
  roadmap:
    title: What the roadmap holds
    owner: cpo
```

## Fix

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
decisions:
  roadmap:
    title: What the roadmap holds
    scope: roadmap
    owner: cpo
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.rules._rule import Rule

CODE = "RC007"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.decisions.values():
        if "scope" not in decision.data:
            yield Finding(
                CODE,
                decision.locate(),
                f"decision `{decision.id}` has no `scope`",
                f"give `{decision.id}` a `scope`",
                entities=(decision.id,),
            )


RULE = Rule(
    code=CODE,
    name="indicator-off-limit",
    severity="warning",
    check=check,
    doc=__doc__,
)
