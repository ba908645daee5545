"""Which groups a record counts in (`--by`), and the rows of the indicators table."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from governance_lint.indicators.definitions import (
    Figure,
    Scope,
    Window,
    compute,
    in_window,
    reversed_ids,
    timed_cadences,
    weeks,
)
from governance_lint.model.modes import decision_mode, pool
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.records import Record
from governance_lint.model.terms import holders, persons, resolved_owners

GROUPINGS = ("organization", "owner", "scope", "cadence", "decision")
ORGANIZATION = "organization"  # the one group of `--by organization`


def owner_groups(org: Organization, decision: Entity) -> tuple[str, ...]:
    """Each person a decision's resolved owners stand for: a role's holders (a shared
    seat each of them; a vacant role the role itself), a person themself, a body
    itself; in mode `any`, each person of its pool too."""
    found: list[str] = []
    for owner in resolved_owners(org, decision):
        kind = org.kind_of(owner)
        if kind == "role":
            found.extend(holders(org, owner) or (owner,))
        elif kind in ("person", "team"):
            found.append(owner)
    if decision_mode(org, decision) == "any":
        for seat in pool(org, decision):
            people = sorted(persons(org, seat))
            found.extend(people or ((seat,) if org.kind_of(seat) == "role" else ()))
    return tuple(dict.fromkeys(found))


def groups_of(org: Organization, record: Record, by: str) -> tuple[str, ...]:
    decision = org.decisions[record.decision]
    if by == "organization":
        return (ORGANIZATION,)
    if by == "decision":
        return (record.decision,)
    if by == "scope":
        scope = decision.get("scope")
        return (scope,) if isinstance(scope, str) and decision.sound("scope") else ()
    if by == "cadence":
        return (record.meeting,) if record.meeting is not None else ()
    return owner_groups(org, decision)


def _cadences(org: Organization, by: str, group: str, records: Sequence[Record]) -> list[str]:
    """The cadences whose occurrences divide a group's decisions per meeting."""
    if by == "organization":
        return timed_cadences(org, org.cadences)
    if by == "cadence":
        return timed_cadences(org, (group,))
    reviewed = {
        cadence
        for decision in {r.decision for r in records}
        for cadence in org.decisions[decision].ids("reviewed_in")
        if org.decisions[decision].sound("reviewed_in")
    }
    return timed_cadences(org, reviewed)


@dataclass(frozen=True)
class Row:
    group: str
    week: dt.date | None
    figures: dict[str, Figure]


def table(org: Organization, window: Window, by: str, weekly: bool) -> list[Row]:
    """One row per group (sorted), with ``weekly`` one per group and week."""
    records = list(org.records.values())
    reversed_ = reversed_ids(records)
    grouped: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        for group in groups_of(org, record, by):
            grouped[group].append(record)
    if by == "organization":
        grouped.setdefault(ORGANIZATION, [])
    spans = weeks(window) if weekly else [(None, window)]
    rows = []
    for group in sorted(grouped):
        members = grouped[group]
        cadences = _cadences(org, by, group, members)
        for week, span in spans:
            scope = Scope(org, members, span, cadences, reversed_, rounded=not weekly)
            rows.append(Row(group, week, compute(scope)))
    return rows


def window_records(org: Organization, window: Window) -> int:
    """How many records the window holds: decided in it or open at its end."""
    return sum(1 for record in org.records.values() if in_window(record, window))
