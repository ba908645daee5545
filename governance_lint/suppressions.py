"""Inline suppressions, each accountable: a reason, an end date.

``# governance-lint: disable=SELECTORS [until=YYYY-MM-DD] [-- reason]`` at the end of a
line silences findings on that line; alone on the lines directly above an entry's key
it silences every finding of that entry. Comments come from the loader's own pass,
so a ``#`` inside a quoted, plain or block scalar never counts. GL007, GL009 and GL010
report on the comments themselves, after the other rules ran.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from types import ModuleType

from governance_lint.document import Document
from governance_lint.findings import Finding, Location, NodePath
from governance_lint.model import Organization
from governance_lint.selectors import specificity

UNSUPPRESSIBLE = frozenset({"GL001", "GL006", "GL007", "GL009", "GL010"})
_MARKER = re.compile(r"\s*governance-lint:")
_SYNTAX = re.compile(
    r"\s*governance-lint:\s*disable=(?P<selectors>[^\s,]+(?:\s*,\s*[^\s,]+)*)"
    r"(?:\s+until=(?P<until>\d{4}-\d{2}-\d{2}))?\s*(?:--(?P<reason>.*))?"
)
_NOT_ABOVE_AN_ENTRY: NodePath = ("\0",)


@dataclass(frozen=True)
class Suppressed:
    """A finding an inline comment silenced, with the comment's reason and end date."""

    finding: Finding
    reason: str | None
    until: str | None


@dataclass
class Suppression:
    """One ``# governance-lint:`` comment; ``selectors`` is empty when it does not parse."""

    location: Location
    selectors: tuple[str, ...] = ()
    until: dt.date | None = None
    reason: str | None = None
    entry: NodePath | None = None  # the entry it covers; None at the end of a line
    parsed: bool = True
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> bool:
        where = finding.location
        if where.file != self.location.file:
            return False
        if self.entry is None:
            return where.line == self.location.line
        return where.path[: len(self.entry)] == self.entry

    def active(self, today: dt.date) -> bool:
        return self.parsed and (self.until is None or self.until >= today)


def _entry_keys(doc: Document) -> dict[int, NodePath]:
    """Line of each entry's key and of the `organization` key -> that entry."""
    keys: dict[int, NodePath] = {}
    for path, span in doc.positions()[1].items():
        if path == ("organization",) or (len(path) == 2 and path[0] != "organization"):
            keys.setdefault(span[0], path)
    return keys


def _parse_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _read(doc: Document) -> Iterable[Suppression]:
    own_lines = {comment.line for comment in doc.comments if comment.own_line}
    entry_keys: dict[int, NodePath] | None = None
    for comment in doc.comments:
        if not _MARKER.match(comment.text):
            continue
        where = Location(doc.path, comment.line, comment.column, len(comment.text) + 1)
        match = _SYNTAX.fullmatch(comment.text)
        try:
            until = _parse_date(match["until"]) if match else None
        except ValueError:  # 2026-02-30
            match = None
        if match is None:
            yield Suppression(where, parsed=False)
            continue
        entry = None
        if comment.own_line:
            entry_keys = entry_keys if entry_keys is not None else _entry_keys(doc)
            line = comment.line + 1
            while line in own_lines:  # only other comment lines may come between
                line += 1
            entry = entry_keys.get(line, _NOT_ABOVE_AN_ENTRY)
        yield Suppression(
            where,
            tuple(selector.strip() for selector in match["selectors"].split(",")),
            until,
            (match["reason"] or "").strip() or None,
            entry,
        )


def read_suppressions(org: Organization) -> list[Suppression]:
    """Every suppression comment of the merged files (comments of unread files count not)."""
    return [s for doc in org.documents if doc.comments for s in _read(doc)]


def apply_suppressions(
    findings: Sequence[Finding],
    suppressions: Sequence[Suppression],
    rules: Sequence[ModuleType],
    today: dt.date,
) -> tuple[list[Finding], list[Suppressed]]:
    """Split findings into those reported and those an active comment silences."""
    by_code = {rule.CODE: rule for rule in rules}
    # what each finding can be covered by, looked up rather than searched: a file with
    # thousands of comments and findings must not cost their product
    by_place: dict[tuple[str, object], list[tuple[int, Suppression]]] = defaultdict(list)
    for order, suppression in enumerate(suppressions):
        if suppression.active(today):
            place = suppression.location.line if suppression.entry is None else suppression.entry
            by_place[(suppression.location.file, place)].append((order, suppression))
    if not by_place:
        return list(findings), []
    kept: list[Finding] = []
    silenced: list[Suppressed] = []
    for finding in findings:
        rule = by_code.get(finding.code)
        hit = None
        if rule is not None and finding.code not in UNSUPPRESSIBLE:
            location = finding.location
            candidates = sorted(
                by_place.get((location.file, location.line), [])
                + by_place.get((location.file, location.path[:1]), [])
                + by_place.get((location.file, location.path[:2]), []),
                key=lambda pair: pair[0],
            )
            for _, suppression in candidates:
                matching = [s for s in suppression.selectors if specificity(s, rule)]
                if matching and suppression.covers(finding):
                    suppression.used.update(matching)
                    hit = suppression
                    break
        if hit is None:
            kept.append(finding)
        else:
            until = hit.until.isoformat() if hit.until else None
            silenced.append(Suppressed(finding, hit.reason, until))
    return kept, silenced


def unused_selectors(
    suppression: Suppression, rules: Sequence[ModuleType], enabled: Sequence[ModuleType]
) -> tuple[list[str], list[str]]:
    """(selectors that name no rule, selectors of running rules that silenced nothing)."""
    unknown, unused = [], []
    for selector in suppression.selectors:
        known = [rule for rule in rules if specificity(selector, rule)]
        if selector.lower() == "all" or not known:
            unknown.append(selector)
        elif selector not in suppression.used and any(rule in enabled for rule in known):
            unused.append(selector)
    return unknown, unused
