"""What the report's Indicators section shows: the five indicators over the window
ending today with a weekly series each, the decisions pulled up the most, and the
meetings that decided nothing.

Kept apart from the page so the figures can be checked without HTML, and so every
cost is one pass over the records (plus one per week for the series).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from governance_lint.indicators.definitions import (
    Figure,
    Window,
    closed_above,
    decided_in,
    default_window,
    in_window,
)
from governance_lint.indicators.grouping import table
from governance_lint.model.cadences import agenda
from governance_lint.model.organization import Organization
from governance_lint.model.records import Record

TOP_PULLED_UP = 5
# The five indicators a COO reads weekly, in the order the operating model lists them.
SHOWN = (
    "decision-cycle-time",
    "escalation-frequency",
    "delegation-durability",
    "rework-rate",
    "decisions-per-meeting",
)
LABELS = {
    "decision-cycle-time": "Decision cycle time",
    "escalation-frequency": "Escalation frequency",
    "delegation-durability": "Delegation durability",
    "rework-rate": "Rework rate",
    "decisions-per-meeting": "Decisions per meeting",
}
BETTER = {
    "decision-cycle-time": "lower",
    "escalation-frequency": "lower",
    "delegation-durability": "higher",
    "rework-rate": "lower",
    "decisions-per-meeting": "higher",
}


@dataclass(frozen=True)
class Indicator:
    """One indicator over the window, and its value in each week (None: no value)."""

    name: str
    label: str
    value: Figure
    better: str
    weekly: tuple[Figure, ...]


@dataclass(frozen=True)
class PulledUp:
    """A decision whose records were closed above its owners: how many of how many,
    and by whom (ids as written, by count descending, then in sorted order)."""

    decision: str
    count: int
    decided: int
    by: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class IdleMeeting:
    """A cadence that reviews decisions with records in the window and decided none:
    the cadence, and those decisions in sorted order."""

    cadence: str
    decisions: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorsView:
    window: Window
    records: int  # the window's records: decided in it or open at its end
    weeks: tuple[dt.date, ...]  # the Monday of each week that overlaps the window
    indicators: tuple[Indicator, ...]
    cycle_p90: Figure
    open_past_due: int
    pulled_up: tuple[PulledUp, ...]
    idle_meetings: tuple[IdleMeeting, ...]


def decided_above(org: Organization, record: Record) -> bool:
    """Closed by someone above one of its decision's resolved owners who is not the same
    person as one of its resolved owners or deciders."""
    closer = record.decided_by
    return closer is not None and closed_above(org, org.decisions[record.decision], closer)


def pulled_up(org: Organization, records: Sequence[Record], window: Window) -> list[PulledUp]:
    """The decisions with the most records decided above their owners in the window,
    at most TOP_PULLED_UP, by count descending, then by id."""
    decided: Counter[str] = Counter()
    by: dict[str, Counter[str]] = {}
    for record in records:
        if not decided_in(record, window):
            continue
        decided[record.decision] += 1
        if decided_above(org, record):
            assert record.decided_by is not None
            by.setdefault(record.decision, Counter())[record.decided_by] += 1
    found = [
        PulledUp(
            decision,
            sum(closers.values()),
            decided[decision],
            tuple(sorted(closers.items(), key=lambda item: (-item[1], item[0]))),
        )
        for decision, closers in by.items()
    ]
    found.sort(key=lambda row: (-row.count, row.decision))
    return found[:TOP_PULLED_UP]


def idle_meetings(
    org: Organization, records: Sequence[Record], window: Window
) -> list[IdleMeeting]:
    """Cadences whose agenda holds decisions with records in the window (decided in it
    or open at its end) and in which no record was decided in the window, by id."""
    with_records = {r.decision for r in records if in_window(r, window)}
    deciding = {r.meeting for r in records if decided_in(r, window) and r.meeting is not None}
    found = []
    for cadence in sorted(org.cadences):
        if cadence in deciding:
            continue
        reviewed = tuple(
            d for d in agenda(org, cadence) if d in org.decisions and d in with_records
        )
        if reviewed:
            found.append(IdleMeeting(cadence, reviewed))
    return found


def indicators_view(org: Organization, today: dt.date) -> IndicatorsView | None:
    """The section over the default window ending ``today``; None without records."""
    if not org.records:
        return None
    window = default_window(today, None, None)
    records = list(org.records.values())
    (whole,) = table(org, window, "organization", weekly=False)
    weekly = table(org, window, "organization", weekly=True)
    indicators = tuple(
        Indicator(
            name,
            LABELS[name],
            whole.figures[name],
            BETTER[name],
            tuple(row.figures[name] for row in weekly),
        )
        for name in SHOWN
    )
    open_past_due = whole.figures["open-past-due"]
    return IndicatorsView(
        window=window,
        records=sum(1 for record in records if in_window(record, window)),
        weeks=tuple(row.week for row in weekly if row.week is not None),
        indicators=indicators,
        cycle_p90=whole.figures["decision-cycle-time-p90"],
        open_past_due=open_past_due if isinstance(open_past_due, int) else 0,
        pulled_up=tuple(pulled_up(org, records, window)),
        idle_meetings=tuple(idle_meetings(org, records, window)),
    )


@dataclass(frozen=True)
class Sparkline:
    """A weekly series drawn as polylines (a week without a value breaks the line) and
    dots for points that stand alone, in a ``width`` x ``height`` box."""

    width: int
    height: int
    lines: tuple[str, ...]  # each an SVG ``points`` attribute: "x,y x,y ..."
    dots: tuple[tuple[float, float], ...]
    last: tuple[float, float] | None  # the latest week's point, when it has a value


def sparkline(values: Sequence[Figure], width: int = 120, height: int = 28) -> Sparkline:
    """Numbers only reach the drawing, so nothing from a governance file is in it."""
    pad = 3.0
    numbers = [float(v) if isinstance(v, int | Decimal) else None for v in values]
    known = [n for n in numbers if n is not None]
    if not known:
        return Sparkline(width, height, (), (), None)
    low, high = min(known), max(known)
    step = (width - 2 * pad) / max(len(numbers) - 1, 1)

    def point(index: int, number: float) -> tuple[float, float]:
        share = 0.5 if high == low else (number - low) / (high - low)
        return (round(pad + index * step, 1), round(height - pad - share * (height - 2 * pad), 1))

    runs: list[list[tuple[float, float]]] = [[]]
    for index, number in enumerate(numbers):
        if number is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(point(index, number))
    runs = [run for run in runs if run]
    lines = tuple(" ".join(f"{x:g},{y:g}" for x, y in run) for run in runs if len(run) > 1)
    dots = tuple(run[0] for run in runs if len(run) == 1)
    last = point(len(numbers) - 1, numbers[-1]) if numbers[-1] is not None else None
    return Sparkline(width, height, lines, dots, last)


def _shown(value: Figure, unit: str = "") -> str:
    return "\u2013" if value is None else f"{value}{unit}"


def summary_line(org: Organization, today: dt.date) -> str | None:
    """One line of the window's indicators for a markdown summary; None without records.
    Only dates and numbers: nothing from a governance file, so nothing to escape."""
    if not org.records:
        return None
    window = default_window(today, None, None)
    (row,) = table(org, window, "organization", weekly=False)
    f = row.figures
    count = sum(1 for record in org.records.values() if in_window(record, window))
    return (
        f"Indicators {window.since.isoformat()} to {window.until.isoformat()} "
        f"({count} records): decision cycle time {_shown(f['decision-cycle-time'], ' days')} "
        f"(p90 {_shown(f['decision-cycle-time-p90'], ' days')}, "
        f"{f['open-past-due']} open past due), "
        f"escalation frequency {_shown(f['escalation-frequency'], '%')}, "
        f"delegation durability {_shown(f['delegation-durability'], '%')}, "
        f"rework rate {_shown(f['rework-rate'], '%')}, "
        f"decisions per meeting {_shown(f['decisions-per-meeting'])}."
    )
