"""Decision records as the indicators and record rules read them: typed and sound.

A record entry is merged like any entry (organization.py, with GL002, GL004, GL005 on
the way); a ``Record`` is one whose decision is known and whose dates are real, so
nothing downstream meets an unknown decision or a date it cannot compare.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from governance_lint.findings import Location
from governance_lint.model.organization import Entity, Organization


@dataclass(frozen=True, eq=False)
class Record:
    """One instance of a register decision: when it was raised and closed, by whom, how
    far it climbed, where, and which record it undoes. Fields with a finding are None
    (``escalated_to``: as written, for counting, unless its shape is wrong)."""

    id: str
    decision: str
    raised: dt.date
    decided: dt.date | None
    title: str | None
    decided_by: str | None
    escalated_to: tuple[str, ...]
    meeting: str | None
    reverses: str | None
    entity: Entity  # where it is written: its key (`record:` in a memo) and fields

    def locate(self, name: str | None = None) -> Location:
        """The record's key, or one of its fields."""
        return self.entity.locate(name)


def _date(entity: Entity, name: str) -> dt.date | None:
    value = entity.get(name)
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _sound(entity: Entity, name: str) -> str | None:
    """An id field that can be followed (no GL002 or GL005 finding)."""
    value = entity.get(name)
    return value if isinstance(value, str) and entity.sound(name) else None


def typed_records(org: Organization) -> dict[str, Record]:
    """Every record entry whose `decision` names a decision and whose dates are sound,
    by id in sorted order; the others had their finding and are left out."""
    found: dict[str, Record] = {}
    decisions = org.decisions
    for record_id, entity in org.record_entries.items():
        if entity.broken or entity.unresolved:
            record = _checked(record_id, entity, decisions)
            if record is not None:
                found[record_id] = record
            continue
        # nearly every record: every field sound, read straight from its data
        data = entity.data
        decision, raised, decided = data.get("decision"), data.get("raised"), data.get("decided")
        if (
            not isinstance(decision, str)
            or decision not in decisions
            or not isinstance(raised, str)
        ):
            continue
        title, decided_by = data.get("title"), data.get("decided_by")
        meeting, reverses = data.get("meeting"), data.get("reverses")
        found[record_id] = Record(
            id=record_id,
            decision=decision,
            raised=dt.date.fromisoformat(raised),
            decided=dt.date.fromisoformat(decided) if isinstance(decided, str) else None,
            title=title if isinstance(title, str) else None,
            decided_by=decided_by if isinstance(decided_by, str) else None,
            escalated_to=entity.ids("escalated_to"),
            meeting=meeting if isinstance(meeting, str) else None,
            reverses=reverses if isinstance(reverses, str) else None,
            entity=entity,
        )
    return found


def _checked(record_id: str, entity: Entity, decisions: dict[str, Entity]) -> Record | None:
    """A record with a finding on one of its fields, if its decision and dates are sound."""
    if not entity.sound("decision") or entity.get("decision") not in decisions:
        return None
    if not (entity.well_formed("raised") and entity.well_formed("decided")):
        return None
    raised = _date(entity, "raised")
    if raised is None:
        return None
    title = entity.get("title")
    return Record(
        id=record_id,
        decision=entity.get("decision"),
        raised=raised,
        decided=_date(entity, "decided"),
        title=title if isinstance(title, str) else None,
        decided_by=_sound(entity, "decided_by"),
        escalated_to=entity.ids("escalated_to") if entity.well_formed("escalated_to") else (),
        meeting=_sound(entity, "meeting"),
        reverses=_sound(entity, "reverses"),
        entity=entity,
    )
