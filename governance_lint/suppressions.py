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

from governance_lint.document import Document
from governance_lint.findings import Finding, Location, NodePath
from governance_lint.model.organization import Organization
from governance_lint.rules._grouped import narrowed
from governance_lint.rules._rule import Rule
from governance_lint.schema.format import MEMO_RECORD

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
        return self.covers_location(finding.location)

    def covers_location(self, where: Location) -> bool:
        """On that line (at the end of a line), or in the entry it is above."""
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
        if path in (("organization",), (MEMO_RECORD,)) or (
            len(path) == 2 and path[0] not in ("organization", MEMO_RECORD)
        ):
            keys.setdefault(span[0], path)
    return keys


def _parse_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _targets(doc: Document) -> dict[int, int]:
    """Line of each own-line comment -> the first line below it that is not one: the line
    the comment is above. Found from the bottom up, one step per comment, so a stack of
    comments costs its length, not its length squared."""
    own_lines = sorted({comment.line for comment in doc.comments if comment.own_line})
    targets: dict[int, int] = {}
    for line in reversed(own_lines):  # only other comment lines may come between
        targets[line] = targets.get(line + 1, line + 1)
    return targets


def _read(doc: Document) -> Iterable[Suppression]:
    targets: dict[int, int] | None = None
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
            targets = targets if targets is not None else _targets(doc)
            entry = entry_keys.get(targets[comment.line], _NOT_ABOVE_AN_ENTRY)
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


class _Selectors:
    """Which rules each selector names, looked up rather than compared with every rule:
    thousands of comments must cost thousands of lookups, not thousands times the rules."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = rules
        self.exact: dict[str, list[Rule]] = defaultdict(list)  # upper-case name
        self.prefix: dict[str, list[Rule]] = defaultdict(list)  # a code's prefixes
        for rule in rules:
            self.exact[rule.name.upper()].append(rule)
            for end in range(1, len(rule.code) + 1):
                self.prefix[rule.code[:end]].append(rule)
        self.order = {rule: number for number, rule in enumerate(rules)}
        self.named: dict[str, tuple[Rule, ...]] = {}

    def rules_named(self, selector: str) -> tuple[Rule, ...]:
        """The rules ``selector`` matches (``specificity`` above 0), in catalogue order."""
        found = self.named.get(selector)
        if found is None:
            wanted = selector.strip().upper()
            hits = {*self.exact.get(wanted, ()), *self.prefix.get(wanted, ())}
            found = tuple(sorted(hits, key=self.order.__getitem__))
            self.named[selector] = found
        return found


_last_index: list[_Selectors] = []


def _selectors(rules: Sequence[Rule]) -> _Selectors:
    """The index of ``rules``, built once for the rule list a run passes every time."""
    if not _last_index or _last_index[0].rules is not rules:
        _last_index[:] = [_Selectors(rules)]
    return _last_index[0]


def apply_suppressions(
    findings: Sequence[Finding],
    suppressions: Sequence[Suppression],
    rules: Sequence[Rule],
    today: dt.date,
) -> tuple[list[Finding], list[Suppressed]]:
    """Split findings into those reported and those an active comment silences.

    Each place a comment covers (a line, an entry) keeps, per rule code, the first comment
    there naming that rule and the selectors that do: a finding looks up its line and its
    entry, so a file with thousands of comments and findings costs their sum, not their
    product, however many comments share a place."""
    index = _selectors(rules)
    by_code = {rule.code: rule for rule in rules}
    # (file, line or entry) -> rule code -> (order, the comment, its selectors naming it)
    by_place: dict[tuple[str, object], dict[str, tuple[int, Suppression, list[str]]]] = {}
    for order, suppression in enumerate(suppressions):
        if not suppression.active(today):
            continue
        place = suppression.location.line if suppression.entry is None else suppression.entry
        table = by_place.setdefault((suppression.location.file, place), {})
        for selector in suppression.selectors:
            for rule in index.rules_named(selector):
                first = table.get(rule.code)
                if first is None:
                    table[rule.code] = (order, suppression, [selector])
                elif first[1] is suppression:
                    first[2].append(selector)
    if not by_place:
        return list(findings), []
    kept: list[Finding] = []
    silenced: list[Suppressed] = []
    for finding in findings:
        hit = None
        declared = by_code.get(finding.code)
        if declared is not None and declared.suppressible:
            first = _covering(by_place, finding.code, finding.location)
            if finding.group is not None:
                finding, first = _by_entry(finding, by_place, first)
            if first is not None:
                _, hit, matching = first
                hit.used.update(matching)
        if hit is None:
            kept.append(finding)
        else:
            until = hit.until.isoformat() if hit.until else None
            silenced.append(Suppressed(finding, hit.reason, until))
    return kept, silenced


_Hit = tuple[int, Suppression, list[str]]


def _covering(
    by_place: dict[tuple[str, object], dict[str, _Hit]], code: str, location: Location
) -> _Hit | None:
    """The first active comment (in file order) naming ``code`` that covers ``location``:
    one on its line, or one above the entry (or `organization`) it belongs to."""
    candidates = [
        first
        for place in (location.line, location.path[:1], location.path[:2])
        if (first := by_place.get((location.file, place), {}).get(code))
        and first[1].covers_location(location)
    ]
    return min(candidates, key=lambda candidate: candidate[0]) if candidates else None


def _by_entry(
    finding: Finding, by_place: dict[tuple[str, object], dict[str, _Hit]], whole: _Hit | None
) -> tuple[Finding, _Hit | None]:
    """A finding that lists entries, less those suppressed at their own place (their
    related location's line, or above their entry): each such comment counts as used.
    The finding is suppressed (the comment returned) when covered where it points, or
    when every listed entry is; else it is said again without the suppressed ones."""
    assert finding.group is not None
    keep: list[int] = []
    first_entry: _Hit | None = None
    for index in range(len(finding.group.entries)):
        hit = _covering(by_place, finding.code, finding.related[index].location)
        if hit is None:
            keep.append(index)
            continue
        hit[1].used.update(hit[2])
        if first_entry is None:
            first_entry = hit
    if whole is not None:
        return finding, whole
    if not keep:
        return finding, first_entry
    if len(keep) < len(finding.group.entries):
        return narrowed(finding, keep), None
    return finding, None


def unused_selectors(
    suppression: Suppression, rules: Sequence[Rule], enabled: Sequence[Rule]
) -> tuple[list[str], list[str]]:
    """(selectors that name no rule, selectors of running rules that silenced nothing)."""
    unknown, unused = [], []
    index = _selectors(rules)
    for selector in suppression.selectors:
        known = index.rules_named(selector)
        if selector.lower() == "all" or not known:
            unknown.append(selector)
        elif selector not in suppression.used and any(rule in enabled for rule in known):
            unused.append(selector)
    return unknown, unused
