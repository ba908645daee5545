"""A governance file without `governance: 1`.

## What it does

A YAML file is a governance file when its top-level mapping has the key
`governance`. A file without it, one of whose sections (`roles`, `decisions`...)
maps ids to entries, was probably meant to be one: this rule reports it at the
first such section key, and the file is read as version 1. YAML files of other
tools are skipped silently.

## Why is this bad?

Without the version, other tools and future versions of governance-lint cannot
tell what format the file is in, and a reader cannot tell a governance file from
any other YAML in the repository.

## Example

```yaml
roles:
  ceo: {title: Chief Executive Officer}
```

## Fix

```yaml
governance: 1
roles:
  ceo: {title: Chief Executive Officer}
```
"""

from governance_lint.rules._rule import Rule, found_while_reading

CODE = "GL008"


RULE = Rule(
    code=CODE,
    name="missing-version",
    severity="warning",
    check=found_while_reading(CODE),
    doc=__doc__,
    phase="input",
    identity="location",
)
