"""Document -> GL002 findings at the exact node, in words a COO can act on.    GL002

Validation only reads: it checks a document against the published schema
(format.py) and turns each error into one finding at the node the format names. The
YAML 1.1 repair that changes a document's data is normalize.py's, run before this;
the traps it found are reported here, first.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from governance_lint.display import shown
from governance_lint.document import Document, node_at
from governance_lint.findings import Finding, Location, NodePath
from governance_lint.reading import yaml11
from governance_lint.rules.inputs import SCHEMA_VIOLATION
from governance_lint.schema.compile import accepts
from governance_lint.schema.format import (
    ALL_SECTIONS,
    KIND_WORDS,
    MEMO_RECORD,
    RECORDS,
    SECTIONS,
    entry_entities,
    entry_kind,
    field_path,
    fields,
    schema,
    schema_text,
)
from governance_lint.schema.normalize import Trap

# What other stages import from here; each lives in the module that owns it.
__all__ = [
    "KIND_WORDS",
    "SECTIONS",
    "Checked",
    "accepts",
    "check_version",
    "entry_entities",
    "fields",
    "schema_text",
    "validate",
]

_ID_DEFS = frozenset({"id", "entryId", "ids", "idOrIds", "requiredId"})
_DATE_DEFS = frozenset({"date", "requiredDate"})
_REQUIRED_DEFS = frozenset({"requiredText", "requiredId", "requiredDate"})
_EXPECTED = {
    "entryId": "an id",
    "id": "an id",
    "ids": "a list of ids (write one id as [id])",
    "idOrIds": "an id or a list of ids",
    "text": "text",
    "requiredText": "text",
    "texts": "a list of texts",
    "duration": "a duration like 48h, 5d or 2w",
    "requiredId": "an id",
    "date": "a date written YYYY-MM-DD",
    "requiredDate": "a date written YYYY-MM-DD",
}
_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "object": "a mapping",
    "array": "a list",
    "null": "empty",
}


@cache
def _validator(root: str = "") -> Any:
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

    # jsonschema's stubs leave `extend` unannotated
    cls = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        jsonschema.Draft202012Validator, {"pattern": pattern, "type": type_, "enum": enum}
    )
    # a definition as the document's root: a memo's front matter
    return cls(_definitions()[root] if root else _inlined()[0], registry=Registry())


@cache
def _definitions() -> dict[str, dict[str, Any]]:
    """Each definition of the schema, inlined as ``_inlined`` put it in place."""
    return _inlined()[2]


@cache
def _inlined() -> tuple[dict[str, Any], dict[int, str], dict[str, dict[str, Any]]]:
    """A copy of the schema with every local ``$ref`` replaced by the very object it names,
    and the name of each definition by that object's id.

    Resolving a reference costs jsonschema more than checking the value it leads to, once
    per entry and field; the definitions do not refer to themselves, so they are put in
    place once. The published schema (format.schema) is left as it is."""
    inlined = copy.deepcopy(schema())
    defs = inlined["$defs"]

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
    root = {key: value for key, value in resolve(inlined).items() if key != "$defs"}
    return root, names, defs


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


def _where(path: NodePath) -> str:
    if not path:
        return "at the top level"
    if path[0] == "organization":
        return "in `organization`"
    if path[0] == MEMO_RECORD:
        return "in the memo's `record`"
    kind = ALL_SECTIONS.get(str(path[0]))
    if kind is None or len(path) < 2:
        return f"in `{path[0]}`"
    return f"in {KIND_WORDS.get(kind, kind)} `{path[1]}`"


class _Validation:
    """Collects GL002 findings for one document, one per location."""

    def __init__(self, doc: Document, limit: int, memo_id: str | None = None) -> None:
        self.doc = doc
        self.limit = limit
        self.memo_id = memo_id  # a memo's record id (its file name), when valid
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
            Finding(
                SCHEMA_VIOLATION.code,
                location,
                message,
                help,
                entities=(
                    (self.memo_id,)
                    if self.memo_id and location.path[:1] == (MEMO_RECORD,)
                    else entry_entities(location.path)
                ),
            )
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
        SCHEMA_VIOLATION.code,
        doc.value_location(("governance",)),
        f"unsupported version {shown_value}; this governance-lint reads version 1",
        "write `governance: 1` (the integer) at the top of the file",
    )


def validate(
    doc: Document,
    limit: int,
    traps: Sequence[Trap],
    fast: bool = True,
    memo: bool = False,
    memo_id: str | None = None,
) -> Checked:
    """GL002 findings for a governance document that normalize.py has repaired, the
    ``traps`` it found first. ``memo``: the document is a decision memo's front matter,
    whose record (if any) has the id ``memo_id`` (None when its file name is not one).

    ``fast`` checks valid documents with a compiled validator first; tests turn it off to
    show both paths give the same findings."""
    run = _Validation(doc, limit, memo_id)
    for trap in traps:
        _report_trap(run, trap)
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
    if not (fast and accepts(doc.data, "memo" if memo else "")):
        misused = []
        for error in _validator("memo" if memo else "").iter_errors(doc.data):
            if isinstance(error.schema, dict) and "x-misuse" in error.schema:
                misused.append(error)
            else:
                _explain(run, error)
        # after the others: a field already reported for its value is not reported again
        for error in sorted(misused, key=lambda error: repr(tuple(error.absolute_path))):
            _misused_field(run, tuple(error.absolute_path), error.schema["x-misuse"])
    _check_records(run, memo, memo_id)
    if not memo:
        _check_limits(run)
    run.checked.findings.sort(key=Finding.sort_key)
    return run.checked


def _in_extension(path: NodePath) -> bool:
    return any(isinstance(part, str) and part.startswith("x-") for part in path)


def _report_trap(run: _Validation, trap: Trap) -> None:
    """GL002 for a plain scalar YAML 1.1 read as a boolean or number where text is expected."""
    run.at_value(
        trap.path,
        f"`{run.show(trap.written)}` was read as {run.show(yaml11.describe(trap.value))}; "
        f"write `'{run.show(trap.written)}'`",
        "quote the value: YAML reads yes, no, on, off and numbers such as 010 or 1:30 "
        "as other types than text",
    )


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
    elif keyword == "pattern" and definition in _DATE_DEFS:
        run.at_value(
            path,
            f"`{name}` is {run.written(path, error.instance)}; it must be a date written "
            "YYYY-MM-DD",
            "write the date as year-month-day, e.g. 2026-11-03",
        )
    elif keyword == "pattern":
        run.at_value(
            path,
            _bad_id(run, error.instance),
            "ids are lowercase letters, digits, `.`, `_` and `-`",
        )
    elif definition in _REQUIRED_DEFS and error.instance in (None, ""):
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


def _misused_field(run: _Validation, path: NodePath, why: str) -> None:
    """GL002 at the key of a field a team may not have: ``decides_by`` on a group, or a
    body's field on a team that is not a body (no ``decides_by``, or a group)."""
    if field_path(path) in run.checked.broken:
        return
    name, team = str(path[-1]), str(path[1])
    node = node_at(run.doc.data, path[:-1])[1]
    group = isinstance(node, dict) and node.get("kind") == "group"
    if why == "group":
        message = f"`decides_by` is not for a group: team `{run.show(team)}` is `kind: group`"
        help = "remove `decides_by`: a group owns and decides nothing; or drop `kind: group`"
    elif group:
        message = (
            f"`{name}` is for a body, and a group never is one: team `{run.show(team)}` "
            "is `kind: group`"
        )
        help = f"remove `{name}`: a group owns and decides nothing"
    else:
        message = f"`{name}` is for a body: set `decides_by` in team `{run.show(team)}`"
        help = f"set `decides_by` (consent, consensus or vote), or remove `{name}`"
    run.at_key(path, message, help)


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
    if isinstance(value, str) and _compiled(schema()["$defs"]["id"]["pattern"]).search(
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


def _records_of(doc: Document, memo: bool, memo_id: str | None) -> Iterator[tuple[NodePath, str]]:
    """Each record of a document that is a mapping, with its path and its id."""
    data = doc.data if isinstance(doc.data, dict) else {}
    if memo:
        if isinstance(data.get(MEMO_RECORD), dict):
            yield (MEMO_RECORD,), memo_id or ""
        return
    section = data.get(RECORDS)
    if isinstance(section, dict):
        for record_id, record in section.items():
            if isinstance(record_id, str) and isinstance(record, dict):
                yield (RECORDS, record_id), record_id


def _date(value: Any) -> dt.date | None:
    """A date the schema's pattern accepted, if it is a real calendar date."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _check_records(run: _Validation, memo: bool, memo_id: str | None) -> None:
    """What a schema cannot say about a record: its dates are real calendar dates, it is
    not decided before it was raised, and it does not reverse itself."""
    broken = run.checked.broken
    for path, record_id in _records_of(run.doc, memo, memo_id):
        record = node_at(run.doc.data, path)[1]
        dates: dict[str, dt.date] = {}
        for name in ("raised", "decided"):
            value = record.get(name)
            if value is None or (*path, name) in broken:
                continue
            found = _date(value)
            if found is None:
                run.at_value(
                    (*path, name),
                    f"`{name}` is `{run.show(value)}`, which is not a date in the calendar",
                    "write a real date, year-month-day",
                )
            else:
                dates[name] = found
        if "raised" in dates and "decided" in dates and dates["decided"] < dates["raised"]:
            run.at_value(
                (*path, "decided"),
                f"`decided` ({dates['decided'].isoformat()}) is before `raised` "
                f"({dates['raised'].isoformat()})",
                "a record is closed on or after the day it was raised: fix one of the dates",
            )
        reverses = record.get("reverses")
        if record_id and reverses == record_id and (*path, "reverses") not in broken:
            run.at_value(
                (*path, "reverses"),
                f"record `{run.show(record_id)}` reverses itself",
                "name the earlier record this one undoes, or remove `reverses`",
            )


def _check_limits(run: _Validation) -> None:
    """What a schema cannot say about a metric's `limit`: it is written as the indicator
    its `measures` names needs (a duration, a percentage or a number), and it comes with
    a `measures`."""
    from governance_lint.indicators.limits import EXPECTED, LIMIT_KINDS, limit_value

    data = run.doc.data if isinstance(run.doc.data, dict) else {}
    section = data.get("metrics")
    if not isinstance(section, dict):
        return
    broken = run.checked.broken
    for metric_id, metric in section.items():
        if not isinstance(metric_id, str) or not isinstance(metric, dict):
            continue
        path: NodePath = ("metrics", metric_id)
        limit = metric.get("limit")
        if limit is None or (*path, "limit") in broken:
            continue
        measures = metric.get("measures")
        if measures is None:
            run.at_value(
                (*path, "limit"),
                f"metric `{run.show(metric_id)}` has a `limit` but no `measures`",
                "name the indicator the limit bounds in `measures`, or remove `limit`",
            )
        elif (
            measures in LIMIT_KINDS
            and (*path, "measures") not in broken
            and limit_value(measures, limit) is None
        ):
            written = run.written((*path, "limit"), limit)
            if isinstance(limit, str) and LIMIT_KINDS[measures] == "number":
                written = f"the text {written}"
            run.at_value(
                (*path, "limit"),
                f"`limit` is {written}; for `{measures}` it "
                f"must be {EXPECTED[LIMIT_KINDS[measures]]}",
                f"write the limit of `{measures}` as {EXPECTED[LIMIT_KINDS[measures]]}",
            )
