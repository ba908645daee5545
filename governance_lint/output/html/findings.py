"""Findings for people: grouped by theme, each rule with why it matters (from its page)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.output.views.names import Show, describe
from governance_lint.rules import ALL_RULES, FAMILIES, Rule
from governance_lint.rules.pages import page, summary

# The rule families in reading order: the organization first, the files themselves last.
THEMES = tuple(
    (family.prefix, family.title, family.blurb)
    for family in sorted(FAMILIES, key=lambda family: family.about_the_files)
)
_OTHER = ("", "Other findings", "Findings of rules outside the families above.")
MAX_ITEMS = 25  # findings shown per rule; `check` lists every one


@dataclass(frozen=True)
class Item:
    """One finding as a reader sees it."""

    severity: str
    message: str
    fix: str
    where: str
    involved: tuple[str, ...]


@dataclass(frozen=True)
class RuleGroup:
    code: str
    name: str
    summary: str
    why: tuple[str, ...]  # paragraphs
    items: tuple[Item, ...]
    more: int = 0  # findings of this rule left off the page


@dataclass(frozen=True)
class Theme:
    slug: str
    title: str
    blurb: str
    rules: tuple[RuleGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(rule.items) + rule.more for rule in self.rules)


def why_it_matters(rule: Rule) -> tuple[str, ...]:
    """The paragraphs of the page's "Why is this bad?" section."""
    match = re.search(r"^## Why is this bad\?\n(.*?)(?=^## |\Z)", page(rule), re.M | re.S)
    if match is None:
        return ()
    blocks = re.split(r"\n\s*\n", match.group(1).strip())
    return tuple(" ".join(block.split()) for block in blocks if block.strip())


def themes(org: Organization, findings: Sequence[Finding], show: Show) -> list[Theme]:
    """Themes in reading order, each with its rules in code order; empty themes left out."""
    rules = {rule.code: rule for rule in ALL_RULES}
    by_code: dict[str, list[Finding]] = {}
    for finding in findings:
        by_code.setdefault(finding.code, []).append(finding)
    grouped: dict[str, list[RuleGroup]] = {}
    for code in sorted(by_code):
        rule = rules.get(code)
        items = tuple(
            Item(
                f.severity,
                f.message,
                f.help,
                f"{f.location.file}:{f.location.line}",
                tuple(dict.fromkeys(describe(org, e, show) for e in f.entities)),
            )
            for f in by_code[code][:MAX_ITEMS]
        )
        name = by_code[code][0].name or (rule.name if rule else "")
        group = RuleGroup(
            code,
            name,
            summary(rule) if rule else "",
            why_it_matters(rule) if rule else (),
            items,
            max(len(by_code[code]) - MAX_ITEMS, 0),
        )
        family = code[:2] if any(code.startswith(t[0]) for t in THEMES) else ""
        grouped.setdefault(family, []).append(group)
    return [
        Theme(prefix.lower() or "other", title, blurb, tuple(grouped[prefix]))
        for prefix, title, blurb in (*THEMES, _OTHER)
        if prefix in grouped
    ]
