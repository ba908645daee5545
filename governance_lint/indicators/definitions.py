"""The window, lateness, occurrences, rounding, and the five indicators as one table.

Every figure is computed exactly (integers and fractions) and rounded once, half up:
a share to a whole percentage, decisions per meeting to two decimals. Medians of an
even count take the lower middle value, so every duration shown is one that occurred.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from governance_lint.model.modes import decide_within
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.records import Record
from governance_lint.model.terms import (
    above,
    deciders,
    final_authority,
    resolved_owners,
    same_person,
)

if TYPE_CHECKING:
    from governance_lint.model.index import Index

DEFAULT_DAYS = 90
MAX_WEEKS = 520

# How many times a cadence meets in a week (a year counted as 52 weeks, a quarter 13).
MEETINGS_A_WEEK: dict[str, Fraction] = {
    "daily": Fraction(5),
    "weekly": Fraction(1),
    "biweekly": Fraction(1, 2),
    "monthly": Fraction(1, 4),
    "quarterly": Fraction(1, 13),
    "yearly": Fraction(1, 52),
}
_UNIT_DAYS = {"h": Fraction(1, 24), "d": Fraction(1), "w": Fraction(7)}


@dataclass(frozen=True)
class Window:
    """A span of days, both ends included."""

    since: dt.date
    until: dt.date

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.since <= day <= self.until


def default_window(today: dt.date, since: dt.date | None, until: dt.date | None) -> Window:
    """The last day is ``until`` (default today), the first ``since`` (default 89 days
    before the last): 90 days, both ends included."""
    last = until or today
    return Window(since or last - dt.timedelta(days=DEFAULT_DAYS - 1), last)


def weeks(window: Window) -> list[tuple[dt.date, Window]]:
    """Each week (from Monday) that overlaps the window, with its part of the window."""
    found = []
    monday = window.since - dt.timedelta(days=window.since.weekday())
    while monday <= window.until:
        sunday = monday + dt.timedelta(days=6)
        found.append((monday, Window(max(monday, window.since), min(sunday, window.until))))
        monday += dt.timedelta(days=7)
    return found


def week_count(window: Window) -> int:
    """How many weeks (from Monday) overlap the window, without listing them."""
    first = window.since - dt.timedelta(days=window.since.weekday())
    return (window.until - first).days // 7 + 1


def decided_in(record: Record, window: Window) -> bool:
    return record.decided is not None and record.decided in window


def open_at_end(record: Record, window: Window) -> bool:
    """Raised by the window's last day, and not decided by then."""
    return record.raised <= window.until and (
        record.decided is None or record.decided > window.until
    )


def in_window(record: Record, window: Window) -> bool:
    """One of the window's records: decided in it, or open at its end."""
    return decided_in(record, window) or open_at_end(record, window)


def days_to_close(record: Record, window: Window) -> int:
    """Days from `raised` to `decided`; for a record open at the window's end, its age."""
    end = record.decided if decided_in(record, window) else window.until
    assert end is not None
    return (end - record.raised).days


def duration_days(text: object) -> Fraction | None:
    """A duration (`36h`, `5d`, `2w`) in days, exactly; None when it is not one."""
    if not isinstance(text, str) or len(text) < 2 or text[-1] not in _UNIT_DAYS:
        return None
    if not text[:-1].isascii() or not text[:-1].isdigit():
        return None
    return int(text[:-1]) * _UNIT_DAYS[text[-1]]


def limit_days(org: Organization, record: Record) -> Fraction | None:
    """The record's decision's `decide_within` (its own, else its body's), in days."""
    found = decide_within(org, org.decisions[record.decision])
    return duration_days(found.value) if found.written and found.sound else None


_UNIT_HOURS = {"h": 1, "d": 24, "w": 168}
# each decision's `decide_within` in hours, found once per run (records repeat decisions)
_LIMIT_HOURS: WeakKeyDictionary[Index, dict[str, int | None]] = WeakKeyDictionary()


def limit_hours(org: Organization, decision_id: str) -> int | None:
    """A decision's `decide_within` (its own, else its body's) in whole hours: every
    duration is a whole number of hours, so lateness is compared in integers."""
    table = _LIMIT_HOURS.get(org.index)
    if table is None:
        table = _LIMIT_HOURS[org.index] = {}
    if decision_id in table:
        return table[decision_id]
    found = decide_within(org, org.decisions[decision_id])
    text = found.value if found.written and found.sound else None
    hours = None
    if duration_days(text) is not None:
        assert isinstance(text, str)
        hours = int(text[:-1]) * _UNIT_HOURS[text[-1]]
    table[decision_id] = hours
    return hours


def is_late(org: Organization, record: Record, window: Window) -> bool:
    """Its days to close (an open one: its age) exceed its decision's `decide_within`."""
    allowed = limit_hours(org, record.decision)
    return allowed is not None and days_to_close(record, window) * 24 > allowed


def occurrences(every: object, days: int) -> Fraction:
    """A cadence's meetings in ``days`` days: days x meetings a week / 7, exactly."""
    per_week = MEETINGS_A_WEEK.get(every) if isinstance(every, str) else None
    return Fraction(days) * per_week / 7 if per_week is not None else Fraction(0)


def half_up(value: Fraction, places: int = 0) -> Decimal:
    """``value`` rounded half up to ``places`` decimals."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def share(part: int, whole: int) -> int | None:
    """A percentage rounded half up to a whole number; None of nothing."""
    return int(half_up(Fraction(100 * part, whole))) if whole else None


def lower_median(values: Sequence[int]) -> int | None:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2] if ordered else None


def p90(values: Sequence[int]) -> int | None:
    """The 90th percentile by nearest rank: the value at position ceil(0.9 n)."""
    ordered = sorted(values)
    return ordered[(9 * len(ordered) + 9) // 10 - 1] if ordered else None


def own_closer(org: Organization, decision: Entity, closer: str) -> bool:
    """``closer`` is the same person as one of the decision's resolved owners or deciders:
    the register's own people closed it."""
    seats = (*resolved_owners(org, decision), *(deciders(org, decision) or ()))
    return any(same_person(org, closer, seat) for seat in seats)


def closed_above(org: Organization, decision: Entity, closer: str) -> bool:
    """``closer`` is above one of the decision's resolved owners and not one of its own
    people: the decision was pulled up."""
    if own_closer(org, decision, closer):
        return False
    return any(above(org, closer, owner) for owner in resolved_owners(org, decision))


def stays_delegated(org: Organization, record: Record) -> bool | None:
    """Whether a delegated decision's record was closed by its owners or deciders; None
    when it does not count (no `decided_by`, or the final authority owns the decision)."""
    decision = org.decisions[record.decision]
    authority = final_authority(org)
    if record.decided_by is None or (
        authority is not None and authority in resolved_owners(org, decision)
    ):
        return None
    return own_closer(org, decision, record.decided_by)


@dataclass(frozen=True)
class Scope:
    """What one row is computed over: the records of a group, the window (or a week's
    part of it), and the cadences whose occurrences are the meeting denominator."""

    org: Organization
    records: Sequence[Record]  # the group's records, any date
    window: Window
    cadences: Sequence[str]  # cadences with `every` counted for decisions per meeting
    reversed_ids: frozenset[str]  # records some record names in `reverses`
    rounded: bool = True  # the whole window: occurrences rounded, at least 1

    def decided(self) -> list[Record]:
        return self._decided

    def open(self) -> list[Record]:
        return self._open

    @cached_property
    def _decided(self) -> list[Record]:
        """Found once: each indicator of a row asks for them."""
        return [record for record in self.records if decided_in(record, self.window)]

    @cached_property
    def _open(self) -> list[Record]:
        return [record for record in self.records if open_at_end(record, self.window)]


def _cycle(scope: Scope) -> int | None:
    return lower_median([days_to_close(r, scope.window) for r in scope.decided()])


def _cycle_p90(scope: Scope) -> int | None:
    return p90([days_to_close(r, scope.window) for r in scope.decided()])


def _open_past_due(scope: Scope) -> int:
    return sum(1 for r in scope.open() if is_late(scope.org, r, scope.window))


def _escalation(scope: Scope) -> int | None:
    decided = scope.decided()
    return share(sum(1 for r in decided if r.escalated_to), len(decided))


def _durability(scope: Scope) -> int | None:
    counted = [stays_delegated(scope.org, r) for r in scope.decided()]
    kept = [answer for answer in counted if answer is not None]
    return share(sum(kept), len(kept))


def _rework(scope: Scope) -> int | None:
    decided = scope.decided()
    return share(sum(1 for r in decided if r.id in scope.reversed_ids), len(decided))


def _per_meeting(scope: Scope) -> Decimal | None:
    if not scope.cadences:
        return None
    counted = set(scope.cadences)
    held = sum(
        (occurrences(scope.org.cadences[c].get("every"), scope.window.days) for c in counted),
        Fraction(0),
    )
    if scope.rounded:
        held = Fraction(max(int(half_up(held)), 1))
    if not held:
        return None
    closed = sum(1 for r in scope.decided() if r.meeting in counted)
    return half_up(Fraction(closed) / held, 2)


Figure = int | Decimal | None


@dataclass(frozen=True)
class Indicator:
    name: str
    compute: Callable[[Scope], Figure]
    better: str  # "lower" or "higher"


# The five indicators (with cycle time's p90 and open-past-due), in output order.
INDICATORS: tuple[Indicator, ...] = (
    Indicator("decision-cycle-time", _cycle, "lower"),
    Indicator("decision-cycle-time-p90", _cycle_p90, "lower"),
    Indicator("open-past-due", _open_past_due, "lower"),
    Indicator("escalation-frequency", _escalation, "lower"),
    Indicator("delegation-durability", _durability, "higher"),
    Indicator("rework-rate", _rework, "lower"),
    Indicator("decisions-per-meeting", _per_meeting, "higher"),
)
NAMES = tuple(indicator.name for indicator in INDICATORS)


def compute(scope: Scope) -> dict[str, Figure]:
    """Every indicator of one row; a group with no record in the window has none."""
    if not any(in_window(record, scope.window) for record in scope.records):
        return dict.fromkeys(NAMES)
    return {indicator.name: indicator.compute(scope) for indicator in INDICATORS}


def reversed_ids(records: Iterable[Record]) -> frozenset[str]:
    """The records another record names in `reverses`, decided or not."""
    return frozenset(r.reverses for r in records if r.reverses is not None and r.reverses != r.id)


def timed_cadences(org: Organization, ids: Iterable[str]) -> list[str]:
    """The cadences among ``ids`` that meet: those with a sound `every`, sorted."""
    return sorted(
        {
            c
            for c in ids
            if c in org.cadences
            and org.cadences[c].sound("every")
            and org.cadences[c].get("every") in MEETINGS_A_WEEK
        }
    )


def iter_weekly(window: Window) -> Iterator[tuple[dt.date, Window]]:
    yield from weeks(window)
