"""An inline suppression that suppresses nothing, names no rule, or cannot be parsed.

## What it does

Reports a `# governance-lint: disable=...` comment, at its `#`, when one of its
selectors silenced no finding in this run, when a selector names no rule (`all` is
not accepted), or when the comment starts with `governance-lint:` but does not
parse. One finding per comment, naming the selectors it did not use. Only the rules
running in this run are considered: a selector whose rules are all switched off is
not reported. An expired suppression is GL009's finding instead.

## Why is this bad?

A suppression outlives the fault it excused: the entry gets fixed, the comment
stays, and the next real fault on that line is silenced without anyone deciding
so. A misspelt suppression silently suppresses nothing.

## Example

The code is misspelt, so the comment suppresses nothing.

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
    owner: coo  # governance-lint: disable=DR04 -- the COO search closes in May
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

CODE = "GL007"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    enabled = config.enabled_rules()
    for suppression in org.suppressions:
        if not suppression.parsed:
            yield Finding(
                CODE,
                suppression.location,
                "this `governance-lint:` comment cannot be parsed",
                "write `# governance-lint: disable=CODE [until=YYYY-MM-DD] -- reason`",
            )
            continue
        if not suppression.active(config.today):
            continue
        unknown, unused = unused_selectors(suppression, config.rules, enabled)
        parts = []
        if unused:
            parts.append(f"{_names(unused, config)} suppressed nothing")
        if unknown:
            parts.append(f"{_names(unknown, config)} names no rule")
        if parts:
            yield Finding(
                CODE,
                suppression.location,
                "suppression of " + "; ".join(parts),
                "remove the comment, or the selectors that no longer match a finding",
            )


def _names(selectors: list[str], config: Config) -> str:
    """Selectors as written in a comment, each cut and escaped like any value from a file."""
    return ", ".join(f"`{config.show(selector)}`" for selector in selectors)


RULE = Rule(
    code=CODE,
    name="unused-suppression",
    severity="warning",
    check=check,
    doc=__doc__,
    phase="after-suppressions",
    identity="location",
    suppressible=False,
)
