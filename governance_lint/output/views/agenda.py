"""The offsite agenda: the problems to settle, each a question with who settles it and a
proposal that was checked.

An executive team does not settle findings, it settles problems: a decision with two
owners is one problem however many rules see it; a vacant seat and everything waiting on
it is one; one person over two limits is one. So findings are merged by root cause
(``problems``), ordered by severity, then by how many decisions each holds up, and at
most ``SHOWN`` are put on the agenda; the rest are counted.

A proposal is only ever a verified change: the suggestion a rule's help names after
checking it (the finding's ``suggestion``), or, for a decision with several owners, one
of them as the only owner with the others consulted, checked the same way (applied to
the organization in memory, it removes the finding and adds no error or warning). When
nothing passes, the item says what to decide without proposing anyone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from governance_lint.findings import SEVERITIES, Finding
from governance_lint.model.terms import (
    final_authority,
    is_vacant,
    listing,
    lowest_common_manager,
    lowest_role_above,
    manager_of,
    name_of,
    roles_held,
)
from governance_lint.rules import _suggest

if TYPE_CHECKING:
    from governance_lint.config import Config
    from governance_lint.model.organization import Organization
    from governance_lint.result import Result

SHOWN = 10  # problems on the agenda; the rest are counted

# Rules that judge how one decision is decided: on the same decision, one problem.
_DECIDING = frozenset(
    {"DR001", "DR002", "DR003", "DL001", "DL002", "DL003", "DL004", "DL006", "DL008"}
    | {"DR009", "DR011"}
)
# Rules that judge one person's load: on the same person, one problem.
_LOAD = frozenset({"DR006", "DR013", "OR003", "CD009"})


@dataclass(frozen=True)
class Problem:
    """Findings with one root cause; the first is the one the problem is named after."""

    findings: tuple[Finding, ...]
    decisions: tuple[str, ...]  # the decisions it holds up, sorted

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @property
    def severity(self) -> str:
        return self.first.severity


@dataclass(frozen=True)
class Item:
    """One problem on the agenda, said as a question for the executive team."""

    problem: Problem
    problem_said: str  # "EU expansion has 2 owners"; ids in backticks, as messages write them
    question: str  # what to decide: "who owns it"
    decider: str | None  # who settles it: "Maya Chen (CEO)"; None when nobody is above
    proposal: str | None  # a verified change, said in words; None when none passed
    settles: tuple[str, ...] = ()  # the codes the proposal was checked to remove

    def sentence(self) -> str:
        """ "EU expansion has 2 owners. Maya Chen (CEO) decides who owns it."""
        who = self.decider or "The executive team"
        return f"{self.problem_said}. {who} decides {self.question}."


@dataclass(frozen=True)
class Agenda:
    items: tuple[Item, ...]
    more: int  # problems left off the agenda


def _rank(finding: Finding) -> tuple[int, tuple[str, int, int, str, tuple[str, ...], str]]:
    return (SEVERITIES.index(finding.severity), finding.sort_key())


def _key(org: Organization, finding: Finding, waiting: dict[str, str]) -> tuple[str, str] | None:
    """The root cause a finding shares with others, or None when it stands alone."""
    if not finding.entities:
        return None
    first = finding.entities[0]
    if (first in org.roles or first in org.teams) and is_vacant(org, first):
        return ("vacant", first)
    if finding.code in _LOAD and first in org.people:
        return ("load", first)
    if first in org.decisions:
        vacant = waiting.get(first)
        if vacant is not None and vacant in finding.entities:
            return ("vacant", vacant)
        if finding.code in _DECIDING:
            return ("decides", first)
    return None


def problems(org: Organization, findings: Iterable[Finding]) -> list[Problem]:
    """The findings merged by root cause, most severe first, then those holding up the
    most decisions, then in sort order."""
    found = list(findings)
    waiting: dict[str, str] = {}  # a decision listed by a vacancy finding -> the vacant id
    for finding in found:
        if finding.group is not None and finding.entities and is_vacant(org, finding.entities[0]):
            for entry in finding.group.entries:
                waiting.setdefault(entry, finding.entities[0])
    merged: dict[object, list[Finding]] = {}
    for index, finding in enumerate(found):
        key = _key(org, finding, waiting)
        merged.setdefault(key if key is not None else index, []).append(finding)
    result = []
    for group in merged.values():
        ordered = tuple(sorted(group, key=_rank))
        decisions = sorted(
            {entity for f in ordered for entity in f.entities if entity in org.decisions}
        )
        result.append(Problem(ordered, tuple(decisions)))
    result.sort(key=lambda p: (SEVERITIES.index(p.severity), -len(p.decisions), _rank(p.first)))
    return result


def label(org: Organization, entity_id: str) -> str:
    """A person or seat as people say it: "Maya Chen (CEO)", "Maya Chen", "CEO (vacant)"."""
    if entity_id in org.people:
        return name_of(org.people[entity_id]) or entity_id
    entity = org.entities.get(entity_id)
    if entity is None:
        return entity_id
    title = entity.get("title")
    title = title if isinstance(title, str) and title else entity_id
    if entity.kind != "role":
        return title
    names = [name_of(org.people[p]) or p for p in entity.holders if p in org.people]
    if not names:
        return f"{title} (vacant)"
    return f"{listing(names)} ({title})"


def _title(org: Organization, entity_id: str) -> str:
    entity = org.entities.get(entity_id)
    title = entity.get("title") if entity is not None else None
    return title if isinstance(title, str) and title else entity_id


def _decider(org: Organization, ids: Sequence[str]) -> str | None:
    """Who settles a problem among ``ids``: the lowest role above them all when their
    lowest common manager is one of them, else that manager; else the final authority."""
    seats = [entity_id for entity_id in ids if entity_id in org.roles or entity_id in org.people]
    chosen = lowest_common_manager(org, seats) if seats else None
    if chosen is not None and chosen in seats:
        chosen = lowest_role_above(org, seats) or final_authority(org)
    chosen = chosen or final_authority(org)
    return label(org, chosen) if chosen else None


def _sole_owner(org: Organization, config: Config, finding: Finding) -> str | None:
    """For a decision with several owners: the first owner who, as its only owner with
    the others consulted, passes the check."""
    decision = org.decisions[finding.entities[0]]
    owners = tuple(dict.fromkeys(decision.ids("owner")))

    def apply(edits: _suggest.Edits, candidate: str) -> None:
        entry = edits.entry(decision)
        entry["owner"] = candidate
        consulted = [c for c in decision.ids("consulted") if c != candidate]
        moved = [owner for owner in owners if owner != candidate and owner not in consulted]
        entry["consulted"] = [*consulted, *moved]

    return _suggest.verified(org, config, finding, owners, apply)


def _item(org: Organization, config: Config, problem: Problem) -> Item:
    first = problem.first
    subject = first.entities[0] if first.entities else ""
    count = len(problem.decisions)
    proposal = first.suggestion
    if first.code == "DR002" and subject in org.decisions:
        owners = list(dict.fromkeys(org.decisions[subject].ids("owner")))
        chosen = _sole_owner(org, config, first) if len(owners) >= 2 else None
        others = [label(org, owner) for owner in owners if owner != chosen]
        said, question = f"{_title(org, subject)} has {len(owners)} owners", "who owns it"
        decider = _decider(org, owners)
        proposal = f"{label(org, chosen)} owns, {listing(others)} consulted" if chosen else None
    elif first.group is not None and is_vacant(org, subject):
        waits = f"{count} decisions wait" if count != 1 else "1 decision waits"
        said = f"{_title(org, subject)} is vacant and {waits} on it"
        question = "who fills it"
        up = manager_of(org, subject) if subject in org.roles else None
        decider = label(org, up) if up else _decider(org, ())
    elif first.code in _LOAD and subject in org.people:
        crossed = listing([f"{f.code} {f.name}" for f in problem.findings])
        said = f"{label(org, subject)} carries too much ({crossed})"
        question = "what to delegate, and to whom"
        held = roles_held(org, subject)
        up = manager_of(org, held[0]) if held else None
        decider = label(org, up) if up else _decider(org, ())
    else:
        said, question = first.message, "how to fix it"
        decider = _decider(org, first.entities[1:] or first.entities)
    if proposal is None:
        return Item(problem, said, question, decider, None)
    return Item(problem, said, question, decider, proposal[0].upper() + proposal[1:], (first.code,))


def agenda(result: Result) -> Agenda:
    """The problems of a run, as the agenda of an offsite: at most ``SHOWN`` items."""
    found = problems(result.org, result.findings)
    items = tuple(_item(result.org, result.config, problem) for problem in found[:SHOWN])
    return Agenda(items, max(0, len(found) - SHOWN))
