"""An id defined twice, or `organization` defined twice.

## What it does

Ids are unique across the whole organization and across all sections, because a
reference such as `owner: cto` must name exactly one thing. This rule reports each
definition after the first in file order (files sorted by path, then position),
with the first one as a related location, and a second `organization` at its key.
The first definition is the one used, and references to the id are not also
reported as unknown.

## Why is this bad?

When `cto` is both a role and a person, or two files each define a decision
`pricing`, every rule reads one of them and the other is silently ignored. Files
split across teams drift this way.

## Example

```yaml
governance: 1
people:
  cto: {name: Sam Okafor}
roles:
  cto: {title: Chief Technology Officer, holder: cto}
```

## Fix

```yaml
governance: 1
people:
  sam: {name: Sam Okafor}
roles:
  cto: {title: Chief Technology Officer, holder: sam}
```
"""

from governance_lint.rules._rule import Rule, found_while_reading

CODE = "GL004"


RULE = Rule(
    code=CODE,
    name="duplicate-id",
    severity="error",
    check=found_while_reading(CODE),
    doc=__doc__,
    phase="input",
    identity="location",
)
