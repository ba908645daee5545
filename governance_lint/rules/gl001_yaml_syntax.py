"""A file that is not valid YAML.

## What it does

Reports a file the YAML parser cannot read, at the parser's position (lines counted
as GitHub counts them). The file is left out of the organization, so every other
check runs without it.

## Why is this bad?

A governance file that does not parse says nothing: its decisions, roles and
cadences silently disappear from the organization, and references to them turn
into unknown ids elsewhere. The usual causes are a tab used for indentation, an
unclosed bracket or quote, and a colon inside an unquoted title.

## Example

```yaml
governance: 1
roles:
  cto: {title: Chief Technology Officer
```

## Fix

```yaml
governance: 1
roles:
  cto: {title: Chief Technology Officer}
```
"""

from governance_lint.model.organization import found_while_reading

CODE = "GL001"
NAME = "yaml-syntax"
SEVERITY = "error"

check = found_while_reading(CODE)
