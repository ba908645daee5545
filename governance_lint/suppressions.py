"""Inline suppressions, each accountable: a reason, an end date.      GL007 GL009 GL010

``# governance-lint: disable=SELECTORS [until=YYYY-MM-DD] [-- reason]`` at the end of a
line silences findings on that line; alone on the lines directly above an entry's key
it silences every finding of that entry. Comments come from the loader's own pass,
so a ``#`` inside a quoted, plain or block scalar never counts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from types import ModuleType

from governance_lint.config import Config
from governance_lint.document import Comment, Document
from governance_lint.findings import Finding, Location, NodePath
from governance_lint.model import Organization
from governance_lint.selectors import specificity

UNSUPPRESSIBLE = frozenset({"GL001", "GL006", "GL007", "GL009", "GL010"})
_MARKER = re.compile(r"\s*governance-lint:")
_SYNTAX = re.compile(
    r"\s*governance-lint:\s*disable=(?P<selectors>[^\s,]+(?:\s*,\s*[^\s,]+)*)"
    r"(?:\s+until=(?P<until>\S+))?\s*(?:--(?P<reason>.*))?"
)


@dataclass(frozen=True)
class Suppressed:
    """A finding an inline comment silenced, with the comment's reason and end date."""

    finding: Finding
    reason: str | None
    until: str | None


@dataclass
class _Suppression:
    doc: Document
    comment: Comment
    selectors: tuple[str, ...]
    until: dt.date | None
    reason: str | None
    entry: NodePath | None  # the entry it covers; None for an end-of-line comment
    used: set[str] = field(default_factory=set)

    @property
    def location(self) -> Location:
        return Location(
            self.doc.path, self.comment.line, self.comment.column, len(self.comment.text) + 1
        )

    def covers(self, finding: Finding) -> bool:
        location = finding.location
        if location.file != self.doc.path:
            return False
        if self.entry is None:
            return location.line == self.comment.line
        return location.path[: len(self.entry)] == self.entry


def _entry_keys(doc: Document) -> dict[int, NodePath]:
    """Line of each entry key and of the `organization` key -> that entry."""
    keys: dict[int, NodePath] = {}
    for path, span in doc.key_spans.items():
        if path == ("organization",) or (len(path) == 2 and path[0] != "organization"):
            keys.setdefault(span[0], path)
    return keys


def _meta(code: str, where: Location, message: str, help: str) -> Finding:
    return Finding(code, where, message, help)


def _parse(doc: Document, config: Config, meta: list[Finding]) -> list[_Suppression]:
    found: list[_Suppression] = []
    own_lines = {c.line for c in doc.comments if c.own_line}
    entry_keys: dict[int, NodePath] | None = None
    for comment in doc.comments:
        if not _MARKER.match(comment.text):
            continue
        where = Location(doc.path, comment.line, comment.column, len(comment.text) + 1)
        match = _SYNTAX.fullmatch(comment.text)
        until = None
        if match is not None and match["until"] is not None:
            try:
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", match["until"]):
                    raise ValueError
                until = dt.date.fromisoformat(match["until"])
            except ValueError:
                match = None
        if match is None:
            meta.append(
                _meta(
                    "GL007",
                    where,
                    "this governance-lint comment cannot be parsed",
                    "write `# governance-lint: disable=CODE [until=YYYY-MM-DD] -- reason`",
                )
            )
            continue
        selectors = tuple(s.strip() for s in match["selectors"].split(","))
        entry = None
        if comment.own_line:
            entry_keys = entry_keys if entry_keys is not None else _entry_keys(doc)
            line = comment.line + 1
            while line in own_lines:
                line += 1
            entry = entry_keys.get(line, ("\0not above an entry",))
        reason = (match["reason"] or "").strip() or None
        found.append(_Suppression(doc, comment, selectors, until, reason, entry))
    return found


def apply_suppressions(
    findings: Sequence[Finding], org: Organization, config: Config
) -> tuple[list[Finding], list[Suppressed]]:
    """The findings left, the findings suppressed, plus GL007, GL009 and GL010."""
    meta: list[Finding] = []
    suppressions = [s for doc in org.documents if doc.comments for s in _parse(doc, config, meta)]
    if not suppressions and not meta:
        return list(findings), []
    enabled = config.enabled_rules()
    rules = {rule.CODE: rule for rule in config.rules}
    # what each finding can be covered by, looked up rather than searched: a file with
    # thousands of comments and findings must not cost their product
    by_place: dict[tuple[str, object], list[tuple[int, _Suppression]]] = defaultdict(list)
    for order, suppression in enumerate(suppressions):
        if suppression.until is None or suppression.until >= config.today:
            place = suppression.comment.line if suppression.entry is None else suppression.entry
            by_place[(suppression.doc.path, place)].append((order, suppression))
    kept: list[Finding] = []
    silenced: list[Suppressed] = []
    for finding in findings:
        rule = rules.get(finding.code)
        hit = None
        if finding.code not in UNSUPPRESSIBLE and rule is not None:
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
            silenced.append(
                Suppressed(finding, hit.reason, hit.until.isoformat() if hit.until else None)
            )
    for suppression in suppressions:
        meta.extend(_verdict(suppression, config, rules, enabled))
    kept.extend(_with_rule_metadata(meta, config))
    return kept, silenced


def _verdict(
    suppression: _Suppression,
    config: Config,
    rules: dict[str, ModuleType],
    enabled: list[ModuleType],
) -> list[Finding]:
    """GL009 for an expired comment, else GL007 for what it did not use, else GL010."""
    where = suppression.location
    if suppression.until is not None and suppression.until < config.today:
        return [
            _meta(
                "GL009",
                where,
                f"this suppression expired on {suppression.until.isoformat()}; the "
                "findings it covered are reported again",
                "fix the findings, or set a new `until=` date with a reason",
            )
        ]
    unknown, unused = [], []
    for selector in suppression.selectors:
        known = [rule for rule in rules.values() if specificity(selector, rule)]
        if selector.lower() == "all" or not known:
            unknown.append(selector)
        elif selector not in suppression.used and any(rule in enabled for rule in known):
            unused.append(selector)
    if unknown or unused:
        parts = []
        if unused:
            parts.append(f"{_names(unused, config)} suppressed nothing")
        if unknown:
            parts.append(f"{_names(unknown, config)} names no rule (`all` is not accepted)")
        return [
            _meta(
                "GL007",
                where,
                "suppression: " + "; ".join(parts),
                "remove the comment, or the selectors that no longer match a finding",
            )
        ]
    if suppression.reason is None and config.require_reason:
        return [
            _meta(
                "GL010",
                where,
                "this suppression gives no reason",
                "add `-- reason` at the end: why the finding is acceptable",
            )
        ]
    return []


def _names(selectors: list[str], config: Config) -> str:
    """Selectors as written in a comment, each cut and escaped like any value from a file."""
    return ", ".join(f"`{config.show(selector)}`" for selector in selectors)


def _with_rule_metadata(meta: list[Finding], config: Config) -> list[Finding]:
    enabled = {rule.CODE: rule for rule in config.enabled_rules()}
    return [
        replace(
            finding,
            severity=config.severity_of(enabled[finding.code]),
            name=enabled[finding.code].NAME,
        )
        for finding in meta
        if finding.code in enabled and (finding.code != "GL010" or config.require_reason)
    ]
