"""Document -> GL002 findings at the exact node, in words a COO can act on.    GL002 GL008

The JSON Schema in ``data/governance.schema.json`` is the single source of truth of
format v1: sections, fields, enums, patterns, and (as ``x-accepts``) which kinds each
reference accepts. This module validates against it and turns each error into one
finding at the node rules.md names.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from governance_lint.display import shown
from governance_lint.document import Document, node_at
from governance_lint.findings import Finding, Location, NodePath
from governance_lint.reading import yaml11

SECTIONS: dict[str, str] = {
    "people": "person",
    "roles": "role",
    "teams": "team",
    "decisions": "decision",
    "ready": "ready",
    "cadences": "cadence",
    "metrics": "metric",
}
KIND_WORDS = {"ready": "definition of ready"}

_TEXT_DEFS = frozenset({"text", "requiredText"})
_ID_DEFS = frozenset({"id", "entryId", "ids", "idOrIds"})
_EXPECTED = {
    "entryId": "an id",
    "id": "an id",
    "ids": "a list of ids (write one id as [id])",
    "idOrIds": "an id or a list of ids",
    "text": "text",
    "requiredText": "text",
    "texts": "a list of texts",
    "duration": "a duration like 48h, 5d or 2w",
}
_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "object": "a mapping",
    "array": "a list",
    "null": "empty",
}


def package_data(name: str) -> str:
    """A file of the package's ``data/`` folder (installed beside the modules)."""
    return (Path(__file__).parent.parent / "data" / name).read_text(encoding="utf-8")


def schema_text() -> str:
    """The published JSON Schema, exactly as shipped."""
    return package_data("governance.schema.json")


@dataclass(frozen=True)
class FieldSpec:
    """One field of an entry kind, as the schema describes it."""

    name: str
    definition: str  # the $defs name it refers to ("id", "text"...) or "" for inline
    accepts: tuple[str, ...]
    required: bool


@cache
def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


@cache
def fields() -> dict[str, dict[str, FieldSpec]]:
    """Kind ("decision", "organization"...) -> field name -> FieldSpec, read from the schema."""
    defs = _schema()["$defs"]
    table: dict[str, dict[str, FieldSpec]] = {}
    for kind in (*SECTIONS.values(), "organization"):
        entry = defs[kind]
        required = set(entry.get("required", ()))
        table[kind] = {
            name: FieldSpec(
                name,
                prop.get("$ref", "").removeprefix("#/$defs/"),
                tuple(prop.get("x-accepts", ())),
                name in required,
            )
            for name, prop in entry["properties"].items()
        }
    return table


@cache
def _validator() -> Any:
    """A Draft 2020-12 validator that never fetches a ``$ref``, reads ``$`` as ECMA-262 does,
    and never writes a value into a message: jsonschema's own ``type`` and ``enum`` errors
    quote the whole instance (its repr), which costs as much as a big value and recurses
    as deep as a nested one. Every message shown to users is written by ``_explain``."""
    import jsonschema
    from referencing import Registry

    def pattern(validator: Any, regex: str, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "string") and not _compiled(regex).search(instance):
            yield jsonschema.ValidationError("does not match the pattern")

    def type_(validator: Any, types: Any, instance: Any, schema: Any) -> Iterator[Any]:
        names = [types] if isinstance(types, str) else types
        if not any(validator.is_type(instance, name) for name in names):
            yield jsonschema.ValidationError("is not of type " + ", ".join(names))

    def enum(validator: Any, choices: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if not any(_same(choice, instance) for choice in choices):
            yield jsonschema.ValidationError("is not one of the choices")

    cls = jsonschema.validators.extend(
        jsonschema.Draft202012Validator, {"pattern": pattern, "type": type_, "enum": enum}
    )
    return cls(_inlined()[0], registry=Registry())


@cache
def _inlined() -> tuple[dict[str, Any], dict[int, str]]:
    """A copy of the schema with every local ``$ref`` replaced by the very object it names,
    and the name of each definition by that object's id.

    Resolving a reference costs jsonschema more than checking the value it leads to, once
    per entry and field; the definitions do not refer to themselves, so they are put in
    place once. The published schema (``_schema``) is left as it is."""
    schema = copy.deepcopy(_schema())
    defs = schema["$defs"]

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            reference = node.get("$ref")
            if isinstance(reference, str) and reference.startswith("#/$defs/"):
                return defs[reference.removeprefix("#/$defs/")]
            for key, value in node.items():
                if key not in ("$defs", "enum", "const", "required"):
                    node[key] = resolve(value)
        elif isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    for body in defs.values():
        resolve(body)
    names = {id(body): name for name, body in defs.items()}
    return {key: value for key, value in resolve(schema).items() if key != "$defs"}, names


def _same(choice: Any, instance: Any) -> bool:
    """JSON equality of an enum choice (text or null) and a value: true is not 1."""
    if isinstance(choice, str) or isinstance(instance, str):
        return bool(choice == instance)
    return choice is instance or (type(choice) is type(instance) and choice == instance)


@cache
def _compiled(regex: str) -> re.Pattern[str]:
    # In JSON Schema (ECMA-262) `$` matches only at the very end, not before a final "\n".
    return re.compile(regex[:-1] + r"\Z" if regex.endswith("$") else regex)


def _definition_names() -> dict[int, str]:
    return _inlined()[1]


@dataclass
class Checked:
    """The outcome of validating one document."""

    findings: list[Finding] = field(default_factory=list)
    broken: set[NodePath] = field(default_factory=set)  # fields the rules must not read
    merge: bool = True


def entry_kind(path: NodePath) -> str | None:
    """The kind of entry a path lies in ("decision"), "organization", or None at the top."""
    if not path:
        return None
    if path[0] == "organization":
        return "organization"
    return SECTIONS.get(str(path[0])) if len(path) >= 2 else None


def _where(path: NodePath) -> str:
    if not path:
        return "at the top level"
    if path[0] == "organization":
        return "in `organization`"
    kind = SECTIONS.get(str(path[0]))
    if kind is None or len(path) < 2:
        return f"in `{path[0]}`"
    return f"in {KIND_WORDS.get(kind, kind)} `{path[1]}`"


def entry_entities(path: NodePath) -> tuple[str, ...]:
    """The entry a node lies in, as a finding's entities (none outside entries)."""
    if len(path) >= 2 and path[0] in SECTIONS:
        return (str(path[1]),)
    return ()


def field_path(path: NodePath) -> NodePath:
    """The field a node belongs to: (section, id, field) or (organization, field)."""
    return path[:2] if path[:1] == ("organization",) else path[:3]


class _Validation:
    """Collects GL002 findings for one document, one per location."""

    def __init__(self, doc: Document, limit: int) -> None:
        self.doc = doc
        self.limit = limit
        self.checked = Checked()
        self.reported: set[tuple[str, NodePath]] = set()

    def show(self, value: object) -> str:
        return shown(value, self.limit)

    def written(self, path: NodePath, value: Any) -> str:
        """A value as the file wrote it, for quoting in a message."""
        if path in self.doc.plain:
            return f"`{self.show(self.doc.plain[path])}`"
        if isinstance(value, str):
            return f"`{self.show(value)}`"
        if isinstance(value, dict):
            return "a mapping"
        if isinstance(value, list):
            return "a list"
        if value is None:
            return "empty"
        return f"`{self.show(value)}`"

    def add(self, location: Location, message: str, help: str, broken: NodePath | None) -> None:
        spot = (location.file, location.path)
        if spot in self.reported:
            return
        self.reported.add(spot)
        self.checked.findings.append(
            Finding("GL002", location, message, help, entities=entry_entities(location.path))
        )
        if broken is not None:
            self.checked.broken.add(field_path(broken))

    def at_value(self, path: NodePath, message: str, help: str) -> None:
        self.add(self.doc.value_location(path), message, help, path)

    def at_key(self, path: NodePath, message: str, help: str, broken: bool = True) -> None:
        self.add(self.doc.key_location(path), message, help, path if broken else None)


def check_version(doc: Document, limit: int) -> Finding | None:
    """GL002 "unsupported version" unless ``governance`` is the integer 1, written as 1."""
    value = doc.data.get("governance")
    written = doc.plain.get(("governance",))
    if type(value) is int and value == 1 and written in (None, "1"):
        return None
    shown_value = _Validation(doc, limit).written(("governance",), value)
    return Finding(
        "GL002",
        doc.value_location(("governance",)),
        f"unsupported version {shown_value}; this governance-lint reads version 1",
        "write `governance: 1` (the integer) at the top of the file",
    )


def validate(doc: Document, limit: int, fast: bool = True) -> Checked:
    """GL002 findings for a governance document; free-text fields get their text as written.

    ``fast`` checks valid documents with a compiled validator first; tests turn it off to
    show both paths give the same findings."""
    run = _Validation(doc, limit)
    _restore_text_and_find_traps(run)
    for path, what in sorted(doc.odd_keys.items(), key=lambda item: repr(item[0])):
        if _in_extension(path):
            continue
        key = str(path[-1])
        if what in ("true", "false", "null") or what.startswith(("the number", "a number")):
            message = f"key `{run.show(key)}` was read as {what}; write `'{run.show(key)}'`"
        else:
            message = f"a key must be text; this key is {what}"
        run.at_key(path, message, "keys are field names or ids: quote them as text")
    for path, tagged in sorted(doc.bad_scalars.items(), key=lambda item: repr(item[0])):
        if not _in_extension(path):
            run.at_value(
                path,
                f"`{run.show(tagged)}` does not fit its tag",
                "remove the tag and write the value plainly",
            )
    if not (fast and accepts(doc.data)):
        for error in _validator().iter_errors(doc.data):
            _explain(run, error)
    run.checked.findings.sort(key=Finding.sort_key)
    return run.checked


@cache
def _fast_validator() -> Any:
    """The same schema compiled to Python by fastjsonschema: about 20 times faster than
    jsonschema on valid input. It only answers "valid or not"; whenever anything is wrong,
    jsonschema finds every error so each becomes its exact GL002 finding.

    The compiled code ships as ``_compiled.py`` (compiling it at run time costs a
    run 35 ms); should it ever lag behind the schema, it is compiled here instead."""
    from governance_lint.schema import _compiled as schema_code

    if schema_digest() == schema_code.SCHEMA_SHA256:
        return schema_code.validate
    import fastjsonschema

    return fastjsonschema.compile(copy.deepcopy(_schema()))  # it rewrites what it is given


def schema_digest() -> str:
    return hashlib.sha256(schema_text().encode("utf-8")).hexdigest()


def write_schema_code(path: str) -> None:
    """Write the fastjsonschema code of the schema.

    Run ``python -m governance_lint.schema.validate`` after changing the schema."""
    import fastjsonschema

    code = fastjsonschema.compile_to_code(copy.deepcopy(_schema()))
    entry = re.search(r"^def (validate\w*)\(", code, re.M)
    assert entry is not None
    header = (
        '"""The published schema compiled to Python by fastjsonschema (validate.py uses it).\n\n'
        "Generated by `python -m governance_lint.schema.validate`; do not edit. A test fails\n"
        'when the schema changes and this file is not written again."""\n'
        f'SCHEMA_SHA256 = "{schema_digest()}"\n'
    )
    from governance_lint.writing import write_file

    write_file(path, (header + code + f"\n\nvalidate = {entry.group(1)}\n").encode("utf-8"))


def accepts(data: Any) -> bool:
    """Whether the published schema accepts ``data`` (by the compiled validator)."""
    import fastjsonschema

    try:
        _fast_validator()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _in_extension(path: NodePath) -> bool:
    return any(isinstance(part, str) and part.startswith("x-") for part in path)


def _restore_text_and_find_traps(run: _Validation) -> None:
    """Free text keeps what was written; ids, durations and enums reject YAML 1.1 traps.

    Only plain scalars YAML 1.1 read as something other than text can need either, so
    the walk is over those (``doc.plain``), not over every field of every entry."""
    data = run.doc.data
    table = fields()
    trapped: dict[NodePath, dict[str, Any]] = {}
    for path, written in list(run.doc.plain.items()):
        kind = entry_kind(path)
        where = field_path(path)
        if kind is None or len(where) < len(path) - 1 or len(path) < len(where):
            continue
        spec = table[kind].get(str(where[-1]))
        entry = _entry_at(data, where[:-1])
        if spec is None or entry is None or where[-1] not in entry:
            continue
        name, value = str(where[-1]), entry[str(where[-1])]
        item_index = path[-1] if len(path) > len(where) else None
        if spec.definition in _TEXT_DEFS:
            if item_index is None:
                entry[name] = written
        elif spec.definition == "texts":
            if isinstance(value, list) and isinstance(item_index, int):
                value[item_index] = written
        else:
            item = (
                value
                if item_index is None
                else (
                    value[item_index]
                    if isinstance(value, list) and isinstance(item_index, int)
                    else None
                )
            )
            if _trap(run, path, item):
                trapped[where] = entry
    for where, entry in trapped.items():
        entry.pop(str(where[-1]), None)


def _entry_at(data: Any, path: NodePath) -> dict[str, Any] | None:
    """The mapping of an entry, (section, id), or of `organization`, if it is one."""
    node = node_at(data, path)[1]
    return node if isinstance(node, dict) else None


def _trap(run: _Validation, path: NodePath, value: Any) -> bool:
    """GL002 for a plain scalar YAML 1.1 read as a boolean or number where text is expected."""
    written = run.doc.plain.get(path)
    if written is None or value is None:
        return False
    spec = fields()[entry_kind(path) or ""].get(str(field_path(path)[-1]))
    if spec is not None and spec.definition == "" and not isinstance(value, bool):
        return False  # a number where a number may stand (quorum)
    run.at_value(
        path,
        f"`{run.show(written)}` was read as {run.show(yaml11.describe(value))}; "
        f"write `'{run.show(written)}'`",
        "quote the value: YAML reads yes, no, on, off and numbers such as 010 or 1:30 "
        "as other types than text",
    )
    return True


def _explain(run: _Validation, error: Any) -> None:
    """One jsonschema error -> one GL002 finding at the node rules.md names."""
    path: NodePath = tuple(error.absolute_path)
    keyword = error.validator
    definition = _definition_names().get(id(error.schema), "")
    name = str(path[-1]) if path else ""
    where = _where(path[:-1])
    if keyword == "additionalProperties":
        _unknown_fields(run, path, error)
    elif keyword == "required":
        if path:  # a file without `governance` is GL008's, merged as version 1
            for missing in error.validator_value:
                if missing not in error.instance:
                    run.at_key(
                        path,
                        f"{_where(path).removeprefix('in ')} has no `{missing}`",
                        f"add `{missing}:`",
                        broken=False,
                    )
    elif keyword == "pattern" and "propertyNames" in error.absolute_schema_path:
        run.at_key(
            (*path, error.instance),
            _bad_id(run, error.instance),
            "ids are lowercase letters, digits, `.`, `_` and `-`",
        )
    elif keyword == "pattern" and definition == "duration":
        run.at_value(
            path,
            f"`{name}` is {run.written(path, error.instance)}; it must be {_EXPECTED['duration']}",
            "write the duration as a number and h, d or w",
        )
    elif keyword == "pattern":
        run.at_value(
            path,
            _bad_id(run, error.instance),
            "ids are lowercase letters, digits, `.`, `_` and `-`",
        )
    elif definition == "requiredText" and error.instance in (None, ""):
        run.at_key(path[:-1], f"`{name}` {where} is empty", f"give `{name}` a value", broken=False)
    elif keyword == "type" and error.instance is None and entry_kind(path) and len(path) == 2:
        kind = entry_kind(path) or ""
        required = [spec.name for spec in fields()[kind].values() if spec.required]
        run.at_key(
            path,
            f"`{name}` {where} is empty",
            f"give it at least `{required[0]}`" if required else "give it fields",
        )
    elif keyword == "type":
        expected = _EXPECTED.get(definition) or _expected_types(error.validator_value, path)
        message = (
            f"`{name}` {where} is {run.written(path, error.instance)}; it must be {expected}"
            if path
            else "the file is not a mapping of sections"
        )
        run.at_value(path, message, "write the value as the format expects")
    elif keyword == "enum":
        choices = ", ".join(str(choice) for choice in error.validator_value if choice is not None)
        run.at_value(
            path,
            f"`{name}` is {run.written(path, error.instance)}; it must be one of {choices}",
            f"use one of {choices}",
        )
    else:  # a keyword the schema may gain later: still one clear finding
        run.at_value(path, f"`{name}` {where}: {run.show(error.message)}", "fix the value")


@lru_cache(maxsize=4096)
def _nearest_field(key: str, known: tuple[str, ...]) -> list[str]:
    """The known field a misspelt one was probably meant to be (the same typo repeated
    in thousands of entries is looked up once)."""
    return difflib.get_close_matches(key, known, n=1, cutoff=0.6)


def _unknown_fields(run: _Validation, path: NodePath, error: Any) -> None:
    known = tuple(sorted(error.schema.get("properties", {})))
    for key in sorted(set(error.instance) - set(known)):
        if key.startswith("x-") or (*path, key) in run.doc.odd_keys:
            continue
        guess = _nearest_field(key, known)
        hint = f"; did you mean `{guess[0]}`?" if guess else ""
        if guess and guess[0] not in error.instance:
            # `ownr: cto` means the owner was written, misspelt: rules that read `owner`
            # stay silent rather than report it missing
            run.checked.broken.add(field_path((*path, guess[0])))
        run.at_key(
            (*path, key),
            f"unknown field `{run.show(key)}` {_where(path)}{hint}",
            f"rename it to `{guess[0]}`"
            if guess
            else "remove it, or keep it as an extension by starting its name with `x-`",
        )


def _bad_id(run: _Validation, value: Any) -> str:
    if isinstance(value, str) and _compiled(_schema()["$defs"]["id"]["pattern"]).search(
        value.lower()
    ):
        return (
            f"`{run.show(value)}` is not a valid id: ids are lowercase; write "
            f"`{run.show(value.lower())}`"
        )
    return (
        f"`{run.show(value)}` is not a valid id: use lowercase letters, digits, `.`, `_` and "
        "`-`, starting with a letter or digit, at most 100 characters"
    )


def _expected_types(types: Any, path: NodePath) -> str:
    names = [types] if isinstance(types, str) else list(types)
    if len(path) == 2 and entry_kind(path) not in (None, "organization"):
        return "a mapping of fields"
    words = [_TYPE_WORDS.get(name, name) for name in names if name != "null"]
    return " or ".join(words) or "empty"


if __name__ == "__main__":
    import sys

    write_schema_code(
        sys.argv[1] if len(sys.argv) > 1 else __file__.replace("validate.py", "_compiled.py")
    )
