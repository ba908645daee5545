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

A team may write `threshold`, `quorum`, `on_no_agreement`, `decide_within`,
`tie_breaker` and `escalates_to` only when it is a body (it writes `decides_by`);
on any other team, and `decides_by` on a `kind: group`, each is this finding at the
field's key. A team whose `decides_by` is wrong is still a body, its mode unknown.
In a `holder` list, an item of the wrong shape is this finding at that item; the
other holders still hold the role.

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
