"""A value or field the format does not allow.

## What it does

Validates every governance file against the published JSON Schema of format
version 1 (`governance-lint schema` prints it) and reports each violation once, at
the node it is about: an unknown field at its key (with the nearest known name), a
wrong type, enum value, id or duration at the value, a missing or empty required
field at the entry's key. It also reports the YAML 1.1 traps: `no`, `yes`, `on`,
`off`, `010` or `1:30` written where an id, a duration or a choice is expected are
read as booleans and numbers, and the message shows how to quote them. A file
whose `governance:` is not the integer 1 is reported once and left out.

A field with this finding is still merged with its entry, but the rules that would
read that field stay silent for it: `owner: yes` is this finding, not also a
missing owner.

## Why is this bad?

A misspelt field (`ownr:`) is silently ignored by anyone reading the file, and the
decision looks owned when it is not. A value of the wrong shape hides what the
author meant; a YAML 1.1 trap turns `mode: no` into `false` without a word.

## Example

```yaml
governance: 1
cadences:
  ops-review:
    title: Operating review
    every: fortnightly
```

## Fix

```yaml
governance: 1
cadences:
  ops-review:
    title: Operating review
    every: biweekly
```
"""

from governance_lint.rules._rule import Rule, found_while_reading

CODE = "GL002"


RULE = Rule(
    code=CODE,
    name="schema-violation",
    severity="error",
    check=found_while_reading(CODE),
    doc=__doc__,
    phase="input",
    identity="location",
)
