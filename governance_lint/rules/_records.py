"""What the record rules (RC) share: the window they look at, each decision's records
found once, the exact test of a record threshold, and who counts as a decision's own.

The window, lateness, occurrences and the indicators themselves come from the indicators
package; this module only gathers what several record rules ask of the same records.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from governance_lint.config import Config
from governance_lint.display import IDS_SHOWN
from governance_lint.indicators.definitions import (
    Window,
    closed_above,
    default_window,
    in_window,
    own_closer,
)
from governance_lint.model.index import Index
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.records import Record


def window(config: Config) -> Window:
    """The record rules' window: the default 90 days ending today, both ends included."""
    return default_window(config.today, None, None)


@dataclass
class _Kept:
    by_decision: dict[str, list[Record]] = field(default_factory=dict)
    windowed: dict[Window, dict[str, list[Record]]] = field(default_factory=dict)
    closers: dict[tuple[str, str], str] = field(default_factory=dict)


_KEPT_BY_RUN: WeakKeyDictionary[Index, _Kept] = WeakKeyDictionary()


def _kept(org: Organization) -> _Kept:
    kept = _KEPT_BY_RUN.get(org.index)
    if kept is None:
        kept = _KEPT_BY_RUN[org.index] = _Kept()
        grouped: dict[str, list[Record]] = defaultdict(list)
        for record in org.records.values():
            grouped[record.decision].append(record)
        kept.by_decision = dict(sorted(grouped.items()))
    return kept


def windowed_by_decision(org: Organization, span: Window) -> dict[str, list[Record]]:
    """Each decision's records (found once per run), only those of ``span`` (decided in it,
    or open at its end); every decision with a record is present, with none in ``span``
    too. The record rules share this one pass over the records instead of each
    filtering them all."""
    kept = _kept(org)
    found = kept.windowed.get(span)
    if found is None:
        found = kept.windowed[span] = {
            decision: [record for record in records if in_window(record, span)]
            for decision, records in kept.by_decision.items()
        }
    return found


def closed_by(org: Organization, decision: Entity, closer: str) -> str:
    """Who ``closer`` is to the decision: "own" (the same person as one of its resolved
    owners or deciders), "above" (above one of its resolved owners) or "elsewhere".
    Asked once per decision and closer, however many records repeat the pair."""
    table = _kept(org).closers
    found = table.get((decision.id, closer))
    if found is None:
        if own_closer(org, decision, closer):
            found = "own"
        elif closed_above(org, decision, closer):
            found = "above"
        else:
            found = "elsewhere"
        table[decision.id, closer] = found
    return found


def crossed(count: int, threshold: float, whole: int) -> bool:
    """A record threshold is crossed when count x 100 > threshold x whole, exactly (not
    through the rounded percentage)."""
    return whole > 0 and count * 100 > threshold * whole


def days(count: int) -> str:
    """ "1 day", "12 days"."""
    return f"{count} day" if count == 1 else f"{count} days"


def by_count(ids: Iterable[str]) -> tuple[str, ...]:
    """Each id once, the most frequent first, ties in sorted order."""
    counts = Counter(ids)
    return tuple(sorted(counts, key=lambda entity_id: (-counts[entity_id], entity_id)))


def closers_shown(ids: Iterable[str], config: Config) -> str:
    """`ceo` (4), `cfo` (1): who closed the counted records, most first."""
    counts = Counter(ids)
    ordered = by_count(counts.elements())
    shown = ", ".join(f"`{config.show(c)}` ({counts[c]})" for c in ordered[:IDS_SHOWN])
    more = len(ordered) - IDS_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown
