"""The YAML 1.1 repair, a named step of reading that runs before validation.

YAML 1.1 reads some plain scalars as something other than text (``no``, ``010``,
``1:30``). Free-text fields get back the text as written; an id, duration or enum
field that YAML 1.1 turned into a boolean or number is a trap: it is taken out of its
entry (so no rule reads a value the author did not mean) and reported by validation.
This is the one step that changes a document's data; validation itself only reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from governance_lint.document import Document, node_at
from governance_lint.findings import NodePath
from governance_lint.schema.format import entry_kind, field_path, fields

_TEXT_DEFS = frozenset({"text", "requiredText"})


@dataclass(frozen=True)
class Trap:
    """A plain scalar YAML 1.1 read as a boolean or number where text is expected."""

    path: NodePath
    written: str  # as the file wrote it
    value: Any  # as YAML 1.1 read it


def normalize(doc: Document) -> list[Trap]:
    """Free text keeps what was written; ids, durations and enums lose YAML 1.1 traps,
    which are returned, in the order met, for validation to report.

    Only plain scalars YAML 1.1 read as something other than text can need either, so
    the walk is over those (``doc.plain``), not over every field of every entry."""
    data = doc.data
    table = fields()
    traps: list[Trap] = []
    trapped: dict[NodePath, dict[str, Any]] = {}
    for path, written in list(doc.plain.items()):
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
            trap = _trap(doc, path, item)
            if trap is not None:
                traps.append(trap)
                if name == "holder" and kind == "role" and isinstance(item_index, int):
                    # a shared seat keeps its other holders: only the item is taken out
                    value[item_index] = None
                elif name == "decides_by" and kind == "team" and item_index is None:
                    # a team that writes `decides_by` stays a body, its mode unknown
                    entry[name] = written
                else:
                    trapped[where] = entry
    for where, entry in trapped.items():
        entry.pop(str(where[-1]), None)
    return traps


def _entry_at(data: Any, path: NodePath) -> dict[str, Any] | None:
    """The mapping of an entry, (section, id), or of `organization`, if it is one."""
    node = node_at(data, path)[1]
    return node if isinstance(node, dict) else None


def _trap(doc: Document, path: NodePath, value: Any) -> Trap | None:
    """A trap, unless the value is text, or a number where a number may stand (quorum)."""
    written = doc.plain.get(path)
    if written is None or value is None:
        return None
    spec = fields()[entry_kind(path) or ""].get(str(field_path(path)[-1]))
    if spec is not None and spec.definition == "" and not isinstance(value, bool):
        return None
    return Trap(path, written, value)
