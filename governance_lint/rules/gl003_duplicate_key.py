"""The same key twice in one mapping.

## What it does

Reports every repeat of a key after the first in the same mapping, naming the key
and the line where it first appears. YAML parsers keep only the last value; so does
governance-lint, and the file is still read.

## Why is this bad?

The first value is silently thrown away. Two `owner:` lines in one decision, or one
decision id written twice in a long file, means somebody's edit does not count,
and nobody can tell which one the author meant.

## Example

```yaml
governance: 1
people:
  ana: {name: Ana Lima}
  ana: {name: Ana Souza}
```

## Fix

```yaml
governance: 1
people:
  ana-lima: {name: Ana Lima}
  ana-souza: {name: Ana Souza}
```
"""

from governance_lint.rules._rule import Rule, found_while_reading

CODE = "GL003"


RULE = Rule(
    code=CODE,
    name="duplicate-key",
    severity="error",
    check=found_while_reading(CODE),
    doc=__doc__,
    phase="input",
    identity="location",
)
