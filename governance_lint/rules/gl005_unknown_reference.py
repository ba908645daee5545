"""A reference to an id that is not defined, or of a kind its field does not accept.

## What it does

Checks every reference field (`owner`, `reports_to`, `reviewed_in`...) against the
ids the organization defines and the kinds each field accepts (a `holder` must be
a person, an `executed_by` a team). It points at the field, or at the list item,
and suggests the closest defined id. The rules that would follow that field stay
silent for it.

Where a body is accepted (`final_authority`, a role's or a body's `escalates_to`, a
decision's `escalates_to`, `tie_breaker` and `override`, a body's `tie_breaker`, a
cadence's `chair`, a definition of ready's `accepted_by`), a team with `decides_by`
may be named; a team without it, or a group, is this finding.

When some files could not be read (GL001, GL006), the message says how many: the
id may be defined in one of them.

## Why is this bad?

A typo in an id (`owner: ctoo`) leaves a decision with an owner nobody can find;
`holder: engineering` puts a team where a person belongs. Either way the decision
right is not what the file appears to say.

## Example

```yaml
governance: 1
people:
  sam: {name: Sam Okafor}
roles:
  cto: {title: Chief Technology Officer, holder: sam}
decisions:
  architecture:
    title: Architecture standards
    owner: ctoo
```

## Fix

```yaml
governance: 1
people:
  sam: {name: Sam Okafor}
roles:
  cto: {title: Chief Technology Officer, holder: sam}
decisions:
  architecture:
    title: Architecture standards
    owner: cto
```
"""

from governance_lint.rules._rule import Rule, found_while_reading

CODE = "GL005"


RULE = Rule(
    code=CODE,
    name="unknown-reference",
    severity="error",
    check=found_while_reading(CODE),
    doc=__doc__,
    phase="input",
    identity="first-two",
)
