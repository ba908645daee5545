"""The governance format as the published JSON Schema defines it: sections, fields, paths.

``data/governance.schema.json`` is the single source of truth of format v1: sections,
fields, enums, patterns, and (as ``x-accepts``) which kinds each reference accepts.
This module publishes it (``governance-lint schema``) and answers what a path in a
document means (which entry, which field) for the later stages.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from governance_lint.findings import NodePath

SECTIONS: dict[str, str] = {
    "people": "person",
    "roles": "role",
    "teams": "team",
    "decisions": "decision",
    "ready": "ready",
    "cadences": "cadence",
    "metrics": "metric",
}
# Records (what happened to decisions) are a section too, but their ids form their own
# namespace: the register's sections above are the ones merged into one id space.
RECORDS = "records"
RECORD = "record"
ALL_SECTIONS: dict[str, str] = {**SECTIONS, RECORDS: RECORD}
# A decision memo's front matter holds one record under this key (like `organization`,
# an entry that is a top-level key); its id is the memo's file name.
MEMO_RECORD = "record"
KIND_WORDS = {"ready": "definition of ready"}


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
def schema() -> dict[str, Any]:
    """The published schema, parsed once; callers that change it work on a copy."""
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


@cache
def fields() -> dict[str, dict[str, FieldSpec]]:
    """Kind ("decision", "organization"...) -> field name -> FieldSpec, read from the schema."""
    defs = schema()["$defs"]
    table: dict[str, dict[str, FieldSpec]] = {}
    for kind in (*ALL_SECTIONS.values(), "organization"):
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


def entry_kind(path: NodePath) -> str | None:
    """The kind of entry a path lies in ("decision"), "organization", or None at the top."""
    if not path:
        return None
    if path[0] == "organization":
        return "organization"
    if path[0] == MEMO_RECORD:
        return RECORD
    return ALL_SECTIONS.get(str(path[0])) if len(path) >= 2 else None


def entry_entities(path: NodePath) -> tuple[str, ...]:
    """The entry a node lies in, as a finding's entities (none outside entries)."""
    if len(path) >= 2 and path[0] in ALL_SECTIONS:
        return (str(path[1]),)
    return ()


def field_path(path: NodePath) -> NodePath:
    """The field a node belongs to: (section, id, field) or (organization, field)."""
    return path[:2] if path[:1] in (("organization",), (MEMO_RECORD,)) else path[:3]


def schema_digest() -> str:
    """The SHA-256 of the published schema, which the compiled code records."""
    return hashlib.sha256(schema_text().encode("utf-8")).hexdigest()
