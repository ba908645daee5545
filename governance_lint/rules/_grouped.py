"""Findings about one vacant role or body that list the entries relying on it.

DR004, ES005, DL007, OR005, CD002, CD004 and RD003 report a vacancy once, at the role's
or body's key, listing its decisions, teams, cadences, metrics or definitions of ready:
one seat to fill, however many entries wait on it. Each listed entry's field is a
related location, and a suppression there takes that entry out of the finding
(``narrowed``), so the finding is built from a ``Group`` that can be said again.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from governance_lint.display import listed_ids
from governance_lint.findings import Finding, Group, Location, Related
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import Vacancy, vacancy

# The order a message names the capacities of a listed entry in (DL007's).
CAPACITY_ORDER = ("tie-breaker", "override", "veto holder", "approver")


def subject_phrase(entity_id: str, vacancy: Vacancy) -> str:
    """How a message opens: what is vacant, and, for a body, why it counts as vacant."""
    if vacancy == "body":
        return (
            f"team `{entity_id}` is vacant, with no held role or person among its lead and members,"
        )
    return f"role `{entity_id}` is vacant"


def next_up(org: Organization, entity_id: str, vacancy: Vacancy) -> str | None:
    """The first candidate to take a vacant seat's place: a role's `reports_to`, a
    body's `escalates_to`, when it names a defined entry."""
    entity = org.entities[entity_id]
    if vacancy == "body":
        body = entity.body()
        target = body.escalates_to if body is not None else None
    else:
        target = entity.get("reports_to") if entity.sound("reports_to") else None
    return target if isinstance(target, str) and target in org.entities else None


def filling(org: Organization, vacant_id: str, kind: Vacancy) -> tuple[str, str | None]:
    """How to fill a vacant role or body, and who could take its place instead: its
    `reports_to` (a body's `escalates_to`), when that is another seat with someone in it."""
    fill = (
        f"name a `holder` for `{vacant_id}`"
        if kind == "role"
        else f"name a held role or person as the lead or a member of `{vacant_id}`"
    )
    candidate = next_up(org, vacant_id, kind)
    if candidate == vacant_id or (candidate is not None and vacancy(org, candidate) is not None):
        candidate = None
    return fill, candidate


def grouped(
    code: str,
    subject: Entity,
    listed: Sequence[tuple[str, Location, str, tuple[str, ...]]],
    one: str,
    many: str,
    help: str,
) -> Finding:
    """The one finding about ``subject``: at its key, its entries (id, related location,
    related message, details) in sorted order, as related locations and entities."""
    ordered = sorted(listed, key=lambda item: item[0])
    group = Group(
        tuple(item[0] for item in ordered),
        tuple(item[3] for item in ordered),
        one,
        many,
        help,
    )
    related = tuple(Related(item[1], item[2]) for item in ordered)
    message, helped = said(group, range(len(ordered)))
    return Finding(
        code,
        subject.locate(),
        message,
        helped,
        entities=(subject.id, *group.entries),
        related=related,
        group=group,
    )


def said(group: Group, keep: Sequence[int]) -> tuple[str, str]:
    """The message and help of a group narrowed to the entries at ``keep``."""
    entries = [group.entries[index] for index in keep]
    capacities: list[str] = []
    for index in keep:
        capacities += [each for each in group.details[index] if each not in capacities]
    values = {
        "n": str(len(entries)),
        "entries": listed_ids(entries),
        "capacities": _either(sorted(capacities, key=_capacity_rank)),
    }
    template = group.one if len(entries) == 1 else group.many
    return _fill(template, values), _fill(group.help, values)


def narrowed(finding: Finding, keep: Sequence[int]) -> Finding:
    """The finding without the listed entries not in ``keep`` (suppressed at their own
    place): its message, help, entities and related locations say only the rest."""
    group = finding.group
    if group is None:
        return finding
    count = len(group.entries)
    kept = tuple(keep)
    message, help = said(group, kept)
    narrow = Group(
        tuple(group.entries[index] for index in kept),
        tuple(group.details[index] for index in kept),
        group.one,
        group.many,
        group.help,
    )
    return dataclasses.replace(
        finding,
        message=message,
        help=help,
        entities=(finding.entities[0], *narrow.entries),
        related=(
            *(finding.related[index] for index in kept),
            *finding.related[count:],
        ),
        group=narrow,
    )


def _capacity_rank(capacity: str) -> int:
    return CAPACITY_ORDER.index(capacity) if capacity in CAPACITY_ORDER else len(CAPACITY_ORDER)


def _either(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def literal(text: str) -> str:
    """``text`` (a name a user wrote) as it stands in a message template: its braces
    doubled, so that a name holding ``{n}`` is said as written, never filled in."""
    return text.replace("{", "{{").replace("}", "}}")


_PLACE = re.compile(r"\{\{|\}\}|\{(n|entries|capacities)\}")


def _fill(template: str, values: dict[str, str]) -> str:
    """``template`` with ``{n}``, ``{entries}`` and ``{capacities}`` filled in and the
    doubled braces of ``literal`` text undone, in one pass: what is filled in is never
    read again."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group(0)[0]
        return values[name]

    return _PLACE.sub(one, template)
