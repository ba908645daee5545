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

from governance_lint.rules._rule import Rule, found_while_reading

CODE = "GL001"


RULE = Rule(
    code=CODE,
    name="yaml-syntax",
    severity="error",
    check=found_while_reading(CODE),
    doc=__doc__,
    phase="input",
    identity="location",
    suppressible=False,
)
