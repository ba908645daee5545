"""Findings for people: one card per problem (findings merged by root cause), errors
first, each with who is involved, why the rule matters (from its page) and the fix."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import holders, is_body, roles_held
from governance_lint.output.html.layout import Layout, focused
from governance_lint.output.problems import Problem, problems
from governance_lint.output.views.names import Show, body_label, entity_text, person_name
from governance_lint.rules import ALL_RULES, Rule
from governance_lint.rules.pages import page, summary

MAX_ITEMS = 25  # findings shown per card; `check` lists every one
MAX_CARDS = 60  # cards on the page; the rest are counted, and `check` lists them


@dataclass(frozen=True)
class Item:
    """One finding as a reader sees it."""

    code: str
    name: str
    severity: str
    message: str
    fix: str
    where: str


@dataclass(frozen=True)
class Person:
    """Someone involved: a person with the roles of theirs the problem names (all their
    roles when it names them in person), or a vacant seat or a body by its title."""

    name: str
    roles: tuple[str, ...]
    vacant: bool = False


@dataclass(frozen=True)
class Card:
    anchor: str
    severity: str
    title: str  # the lead finding's message
    rule: str  # the lead rule's one-line summary
    why: str  # the lead rule's first "why it matters" paragraph
    who: tuple[Person, ...]
    items: tuple[Item, ...]
    more: int  # findings of this problem left off the page
    picture: Layout | None


@dataclass(frozen=True)
class Cards:
    cards: tuple[Card, ...]
    more: int  # problems left off the page
    counts: tuple[tuple[str, int], ...]  # (severity, problems) for errors, warnings, info


def why_it_matters(rule: Rule) -> tuple[str, ...]:
    """The paragraphs of the page's "Why is this bad?" section."""
    match = re.search(r"^## Why is this bad\?\n(.*?)(?=^## |\Z)", page(rule), re.M | re.S)
    if match is None:
        return ()
    blocks = re.split(r"\n\s*\n", match.group(1).strip())
    return tuple(" ".join(block.split()) for block in blocks if block.strip())


def involved(org: Organization, entities: Iterable[str], show: Show) -> tuple[Person, ...]:
    """The people the ids stand for, each once, with the named roles they hold; vacant
    seats and bodies by title. Decisions, cadences and the like are not people."""
    people: dict[str, list[str]] = {}
    others: dict[str, Person] = {}
    for entity in entities:
        kind = org.kind_of(entity)
        if kind == "role":
            title = entity_text(org, entity, show)
            found = holders(org, entity)
            if not found:
                others.setdefault(entity, Person(title, (), vacant=True))
            for person in found:
                roles = people.setdefault(person, [])
                if title not in roles:
                    roles.append(title)
        elif kind == "person":
            people.setdefault(entity, [])
        elif kind == "team" and is_body(org, entity):
            others.setdefault(entity, Person(body_label(org, entity, show), ()))
    found_people = [
        Person(
            show(person_name(org, person)),
            tuple(roles or (entity_text(org, r, show) for r in roles_held(org, person))),
        )
        for person, roles in people.items()
    ]
    return (*found_people, *others.values())


def _card(
    org: Organization, number: int, problem: Problem, rules: dict[str, Rule], show: Show
) -> Card:
    lead = problem.lead
    rule = rules.get(lead.code)
    why = why_it_matters(rule) if rule else ()
    items = tuple(
        Item(
            f.code,
            f.name or (rules[f.code].name if f.code in rules else ""),
            f.severity,
            f.message,
            f.help,
            f"{f.location.file}:{f.location.line}",
        )
        for f in problem.findings[:MAX_ITEMS]
    )
    return Card(
        f"problem-{number}",
        problem.severity,
        lead.message,
        summary(rule) if rule else lead.name,
        why[0] if why else "",
        involved(org, (e for f in problem.findings for e in f.entities), show),
        items,
        max(len(problem.findings) - MAX_ITEMS, 0),
        focused(org, problem.findings, show),
    )


def cards(org: Organization, findings: Sequence[Finding], show: Show) -> Cards:
    """The problems as cards, errors first, then warnings, then info."""
    rules = {rule.code: rule for rule in ALL_RULES}
    found = problems(org, findings)
    counts = tuple(
        (severity, sum(1 for p in found if p.severity == severity))
        for severity in ("error", "warning", "info")
    )
    shown = [
        _card(org, number, problem, rules, show)
        for number, problem in enumerate(found[:MAX_CARDS], start=1)
    ]
    return Cards(tuple(shown), max(len(found) - MAX_CARDS, 0), counts)
