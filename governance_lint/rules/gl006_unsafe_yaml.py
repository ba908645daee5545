"""A file the tool refuses to read, or stops reading.

## What it does

Governance files are edited by many people and, on pull requests, by forks, so
every byte is treated as hostile. Nothing in a file is executed or expanded
without bound. This rule reports, at the node where it happens:

- a tag other than the standard ones (`!!python/object`, `!!binary`, a local `!tag`)
  and a merge key (`<<`);
- aliases that expand to more than `max_alias_expansion` nodes, or an alias inside
  the node it names;
- nesting deeper than `max_depth`, more than `max_nodes` nodes, a file larger than
  `max_file_bytes`;
- a second YAML document in one file;
- bytes that are not UTF-8 or UTF-16 ("not valid UTF-8 at byte N");
- a symbolic link (never followed), a FIFO or device, a file that cannot be read.

The file gets this one finding and is left out; the run goes on with the others.
The bounds are set under `bounds` in the configuration.

## Why is this bad?

A governance repository is not the place for executable tags, alias bombs or
files that point elsewhere on the machine: they can hang or crash the tools that
read them, or leak what lies outside the repository.

## Example

```yaml
governance: 1
people:
  ana: !!python/object:builtins.dict {name: Ana Lima}
```

## Fix

```yaml
governance: 1
people:
  ana: {name: Ana Lima}
```
"""

from governance_lint.rules._rule import Rule, found_while_reading

CODE = "GL006"


RULE = Rule(
    code=CODE,
    name="unsafe-yaml",
    severity="error",
    check=found_while_reading(CODE),
    doc=__doc__,
    phase="input",
    identity="location",
    suppressible=False,
)
