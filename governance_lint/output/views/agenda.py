"""The offsite agenda: the problems to settle, each a question with who settles it and a
proposal that was checked.

An executive team does not settle findings, it settles problems (findings merged by
root cause: ``output.problems``), most severe first, then those holding up the most
decisions; at most ``SHOWN`` are put on the agenda, the rest are counted.

A proposal is only ever a verified change: the suggestion a rule's help names after
checking it (the finding's ``suggestion``), or, for a decision with several owners, one
of them as the only owner with the others consulted, checked the same way (applied to
the organization in memory, it removes the finding and adds no error or warning). When
nothing passes, the item says what to decide without proposing anyone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from governance_lint.findings import Finding
from governance_lint.model.terms import (
    final_authority,
    holders,
    listing,
    lowest_common_manager,
    lowest_role_above,
    manager_of,
    roles_held,
)
from governance_lint.output.problems import (
    CO_OWNED,
    OVERLOADED,
    WITH_OVERLOADED,
    Problem,
    problems,
    vacant_seat,
)
from governance_lint.output.views.names import Show, entity_text, person_name
from governance_lint.rules import _suggest

if TYPE_CHECKING:
    from governance_lint.config import Config
    from governance_lint.model.organization import Organization
    from governance_lint.result import Result

SHOWN = 10  # problems on the agenda; the rest are counted


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


def label(org: Organization, entity_id: str, show: Show = str) -> str:
    """A person or seat as people say it: "Maya Chen (CEO)", "Maya Chen", "CEO (vacant)";
    names and titles as the page's other sections name them (``output.views.names``)."""
    entity = org.entities.get(entity_id)
    if entity is None or entity.kind != "role":
        return entity_text(org, entity_id, show)
    title = entity_text(org, entity_id, show)
    people = holders(org, entity_id)
    if not people:
        return f"{title} (vacant)"
    return f"{listing([show(person_name(org, person)) for person in people])} ({title})"


def _decider(org: Organization, ids: Sequence[str], show: Show = str) -> str | None:
    """Who settles a problem among ``ids``: the lowest role above them all when their
    lowest common manager is one of them, else that manager; else the final authority."""
    seats = [entity_id for entity_id in ids if entity_id in org.roles or entity_id in org.people]
    chosen = lowest_common_manager(org, seats) if seats else None
    if chosen is not None and chosen in seats:
        chosen = lowest_role_above(org, seats) or final_authority(org)
    chosen = chosen or final_authority(org)
    return label(org, chosen, show) if chosen else None


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
    first = problem.lead
    show = config.show
    subject = first.entities[0] if first.entities else ""
    count = len(problem.decisions)
    proposal = first.suggestion
    if first.code == CO_OWNED and subject in org.decisions:
        owners = list(dict.fromkeys(org.decisions[subject].ids("owner")))
        chosen = _sole_owner(org, config, first) if len(owners) >= 2 else None
        others = [label(org, owner, show) for owner in owners if owner != chosen]
        said, question = (
            f"{entity_text(org, subject, show)} has {len(owners)} owners",
            "who owns it",
        )
        decider = _decider(org, owners, show)
        proposal = (
            f"{label(org, chosen, show)} owns, {listing(others)} consulted" if chosen else None
        )
    elif vacant_seat(org, first) is not None:
        waits = f"{count} decisions wait" if count != 1 else "1 decision waits"
        said = f"{entity_text(org, subject, show)} is vacant and {waits} on it"
        question = "who fills it"
        up = manager_of(org, subject) if subject in org.roles else None
        decider = label(org, up, show) if up else _decider(org, (), show)
    elif first.code in (OVERLOADED, *WITH_OVERLOADED) and subject in org.people:
        crossed = listing([f"{f.code} {f.name}" for f in problem.findings])
        said = f"{label(org, subject, show)} carries too much ({crossed})"
        question = "what to delegate, and to whom"
        held = roles_held(org, subject)
        up = manager_of(org, held[0]) if held else None
        decider = label(org, up, show) if up else _decider(org, (), show)
    else:
        said, question = first.message[:1].upper() + first.message[1:], "how to fix it"
        decider = _decider(org, first.entities[1:] or first.entities, show)
    if proposal is None:
        return Item(problem, said, question, decider, None)
    return Item(problem, said, question, decider, proposal[0].upper() + proposal[1:], (first.code,))


def agenda(result: Result) -> Agenda:
    """The problems of a run, as the agenda of an offsite: at most ``SHOWN`` items."""
    found = problems(result.org, result.findings)
    items = tuple(_item(result.org, result.config, problem) for problem in found[:SHOWN])
    return Agenda(items, max(0, len(found) - SHOWN))
