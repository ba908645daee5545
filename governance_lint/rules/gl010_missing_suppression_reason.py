"""An inline suppression without a reason.

## What it does

Reports a `# governance-lint: disable=...` comment, at its `#`, that has no
`-- reason` (or an empty one). A suppression that suppressed nothing at all is
GL007's finding instead, and an expired one GL009's. Configuration
`require_reason: false` turns this rule off.

## Why is this bad?

A silenced finding that nobody can explain outlives its cause. The reason is what
lets the next reader, or the next offsite, judge whether the exception still holds.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, reports_to: ceo}
decisions:
  shift-plan:
    title: Warehouse shift plan
    owner: coo  # governance-lint: disable=DR004
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, reports_to: ceo}
decisions:
  shift-plan:
    title: Warehouse shift plan
    owner: coo  # governance-lint: disable=DR004 -- the COO search closes in May
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.rules._rule import Rule
from governance_lint.suppressions import unused_selectors

CODE = "GL010"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    if not config.require_reason:
        return
    enabled = config.enabled_rules()
    for suppression in org.suppressions:
        if not suppression.active(config.today) or suppression.reason is not None:
            continue
        unknown, unused = unused_selectors(suppression, config.rules, enabled)
        if not suppression.used and (unknown or unused):
            continue  # suppressed nothing: GL007
        yield Finding(
            CODE,
            suppression.location,
            "this suppression gives no reason",
            "add `-- reason` at the end: why the finding is acceptable, and until when",
        )


RULE = Rule(
    code=CODE,
    name="missing-suppression-reason",
    severity="warning",
    check=check,
    doc=__doc__,
    phase="after-suppressions",
    identity="location",
    suppressible=False,
)
