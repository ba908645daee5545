"""An inline suppression whose `until=` date has passed.

## What it does

Reports a `# governance-lint: disable=... until=YYYY-MM-DD` comment, at its `#`,
once that day is over (in UTC; `GOVERNANCE_LINT_TODAY=YYYY-MM-DD` pins the date).
From then on it suppresses nothing: the findings it covered are reported again.

## Why is this bad?

A dated suppression is a promise ("the new COO starts in March"). When the date
passes and the fault is still there, the promise was not kept, and the organization
should decide again, in the open, whether to accept the fault.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, reports_to: ceo}
decisions:
  # governance-lint: disable=DR004 until=2020-03-31 -- the new COO starts in March
  shift-plan:
    title: Warehouse shift plan
    owner: coo
```

## Fix

Fill the role, or decide again and give a new date with a reason.

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  dana: {name: Dana Ruiz}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, holder: dana, reports_to: ceo}
decisions:
  shift-plan:
    title: Warehouse shift plan
    owner: coo
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.rules._rule import Rule

CODE = "GL009"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for suppression in org.suppressions:
        if suppression.until is not None and suppression.until < config.today:
            yield Finding(
                CODE,
                suppression.location,
                f"this suppression expired on {suppression.until.isoformat()}; the findings "
                "it covered are reported again",
                "fix the findings, or decide again and set a new `until=` date with a reason",
            )


RULE = Rule(
    code=CODE,
    name="expired-suppression",
    severity="warning",
    check=check,
    doc=__doc__,
    phase="after-suppressions",
    identity="location",
    suppressible=False,
)
