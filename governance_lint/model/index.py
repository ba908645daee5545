"""The facts derived from one organization, each computed on first use and kept for the run.

Entries do not change once merged, and dozens of rules and views ask the same questions
of every decision: who holds a role, the roles a person holds, a team's members, the
final authority, each role's managers, a cadence's agenda and room, escalation chains.
``Organization.index`` builds one ``Index`` of typed tables. The simple tables are
computed here; the tables the terms fill (per id, on demand) are typed fields the terms
in ``terms``, ``graph``, ``escalation`` and ``cadences`` read and write. What several
rules ask of one decision (its resolved owners, deciders, escalation chains and the
cadences reviewing it) is one ``DecisionFacts`` per decision, from ``Index.facts``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from governance_lint.model.organization import Entity, Organization

if TYPE_CHECKING:
    import networkx as nx

    from governance_lint.model.cadences import Room
    from governance_lint.model.escalation import Chain, Step, Vacancy
    from governance_lint.model.graph import Loop

_Item = TypeVar("_Item")


class Index:
    """Typed, lazily computed tables of one organization (``Organization.index``)."""

    def __init__(self, org: Organization) -> None:
        self.org = org
        # filled by the graph module, one entry per field or view asked for
        self.edges: dict[str, list[tuple[str, str]]] = {}
        self.relations: dict[tuple[str, str | None], nx.DiGraph[str]] = {}
        self.having: dict[tuple[str, tuple[str, ...]], list[Entity]] = {}
        # filled by the terms, per id
        self.stands_for: dict[str, frozenset[str]] = {}
        self.persons: dict[str, frozenset[str]] = {}
        # by the owner ids a decision writes: decisions owned alike share one answer
        self.owners_of: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.owner_seats: dict[str, tuple[str, ...]] = {}
        self.team_deciders: dict[str, tuple[str, ...]] = {}
        # per body: whether it is vacant, and the roles it stands for (for "above")
        self.vacant_bodies: dict[str, bool] = {}
        self.body_roles: dict[str, frozenset[str]] = {}
        # answers about a list kept by its identity (the list a team's deciders are),
        # with the list itself, so a team deciding a thousand decisions is counted once
        self.seats_of: dict[int, tuple[object, frozenset[str]]] = {}
        self.common_manager_of: dict[int, tuple[object, str | None]] = {}
        # filled by the cadences module
        self.reviewed_in: dict[str, tuple[str, ...]] = {}
        self.rooms: dict[str, Room] = {}
        self.attended: dict[str, tuple[str, ...]] = {}
        # filled by the escalation module
        self.escalation_loops: list[Loop] | None = None
        self.steps: dict[str, Step] = {}
        self.suffixes: dict[int, dict[str, str | None]] = {}
        self.chains: dict[tuple[tuple[str, ...], object], list[Chain]] = {}
        self.vacancies: dict[str, Vacancy | None] = {}
        # one record per decision, made on first use
        self._facts: dict[str, DecisionFacts] = {}

    def facts(self, decision: Entity) -> DecisionFacts:
        """What several rules ask of one decision, each fact found once per run."""
        found = self._facts.get(decision.id)
        if found is None:
            found = self._facts[decision.id] = DecisionFacts(self.org, decision)
        return found

    @cached_property
    def holders(self) -> dict[str, tuple[str, ...]]:
        """Each role's holders: the distinct defined people its ``holder`` names, in written
        order (a shared seat has several; a vacant role, none)."""
        return {role.id: role.holders for role in self.org.roles.values()}

    @cached_property
    def roles_held(self) -> dict[str, tuple[str, ...]]:
        """Each person's roles, in sorted order, a shared seat included (people holding
        none are absent)."""
        index: dict[str, list[str]] = {}
        for role_id, people in self.holders.items():  # roles are sorted
            for person in people:
                index.setdefault(person, []).append(role_id)
        return {person: tuple(roles) for person, roles in index.items()}

    @cached_property
    def teams_of(self) -> dict[str, set[str]]:
        """The teams (groups included) each role or person leads or is listed in directly."""
        from governance_lint.model.terms import team_lead, team_members

        index: dict[str, set[str]] = {}
        for team_id in self.org.teams:
            lead = team_lead(self.org, team_id)
            for member in (*((lead,) if lead else ()), *team_members(self.org, team_id)):
                index.setdefault(member, set()).add(team_id)
        return index

    @cached_property
    def named_authority(self) -> str | None:
        """The role or body ``final_authority`` names, when it is sound."""
        org = self.org
        if org.organization is None or not org.organization.sound("final_authority"):
            return None
        value = org.organization.get("final_authority")
        entity = org.entities.get(value) if isinstance(value, str) else None
        if entity is None or not (entity.kind == "role" or entity.is_body):
            return None
        return entity.id

    @cached_property
    def on_authority(self) -> frozenset[str]:
        """When the final authority is a body: its lead and the roles its ``members``
        list by id (a role with no lines there escalates to the body and is no top)."""
        authority = self.named_authority
        if authority is None or authority not in self.org.teams:
            return frozenset()
        from governance_lint.model.terms import team_lead

        lead = team_lead(self.org, authority)
        members = (
            self.org.teams[authority].ids("members")
            if self.org.teams[authority].sound("members")
            else ()
        )
        return frozenset(r for r in (*((lead,) if lead else ()), *members) if r in self.org.roles)

    @cached_property
    def tops(self) -> tuple[str, ...]:
        """Roles with neither ``reports_to`` nor ``escalates_to``, in sorted order, except
        the lead and direct member roles of a final-authority body."""
        on_body = self.on_authority
        return tuple(
            role_id
            for role_id, role in self.org.roles.items()
            if not role.has("reports_to")
            and not role.has("escalates_to")
            and role_id not in on_body
        )

    @cached_property
    def final_authority(self) -> str | None:
        """The role or body ``final_authority`` names; without it, the only top role (a
        body is the final authority only when named)."""
        org = self.org
        if org.organization is not None and org.organization.has("final_authority"):
            return self.named_authority
        return self.tops[0] if len(self.tops) == 1 else None

    @cached_property
    def body_tops(self) -> tuple[str, ...]:
        """Bodies that end at least one decision's chain and are not the final authority,
        led by it or with it among their direct members, in sorted order (OR002)."""
        from governance_lint.model.escalation import chains
        from governance_lint.model.terms import team_lead

        org = self.org
        authority = self.final_authority
        ending: set[str] = set()
        seen: set[int] = set()
        for decision in org.decisions.values():
            found = chains(org, decision)
            if id(found) in seen:
                continue
            seen.add(id(found))
            for chain in found:
                if chain.end != "end":
                    continue
                last = chain.hops.last(1)[0] if len(chain.hops) else chain.owner
                if last in org.teams:
                    ending.add(last)
        return tuple(
            body
            for body in sorted(ending)
            if body != authority
            and (authority is None or team_lead(org, body) != authority)
            and (authority is None or authority not in org.teams[body].ids("members"))
        )

    @cached_property
    def lines(self) -> Lines:
        """The reporting lines, for the managers of any role in constant time."""
        from governance_lint.model.terms import manager_of

        return Lines({role_id: manager_of(self.org, role_id) for role_id in self.org.roles})

    @cached_property
    def agendas(self) -> dict[str, tuple[str, ...]]:
        """The decisions and metrics each cadence reviews, in sorted order."""
        from governance_lint.model.cadences import reviewed_in

        index: dict[str, list[str]] = {}
        for entity in (*self.org.decisions.values(), *self.org.metrics.values()):
            for cadence in reviewed_in(self.org, entity):
                index.setdefault(cadence, []).append(entity.id)
        return {cadence: tuple(sorted(ids)) for cadence, ids in index.items()}

    @cached_property
    def attendance(self) -> dict[str, list[str]]:
        """The cadences each id present in person attends (sound chair and attendees)."""
        from governance_lint.model.cadences import room

        index: dict[str, list[str]] = {}
        for cadence in self.org.cadences.values():
            if cadence.sound("chair") and cadence.sound("attendees"):
                where = room(self.org, cadence)
                for present_id in where.ids | where.people:
                    index.setdefault(present_id, []).append(cadence.id)
        return index

    @cached_property
    def in_escalation_loop(self) -> frozenset[str]:
        """The roles and bodies on a loop of the escalation lines."""
        from governance_lint.model.escalation import escalation_loops

        return frozenset(member for loop in escalation_loops(self.org) for member in loop.members)

    @cached_property
    def moved_by(self) -> MovedBy:
        """Which decisions move each metric (their ``affects`` names it), found in one pass."""
        moving: dict[str, list[Entity]] = {}
        unknown: set[str] = set()
        for decision in self.org.decisions.values():  # sorted by id
            if not decision.sound("affects"):
                continue
            for metric in dict.fromkeys(decision.ids("affects")):
                moving.setdefault(metric, []).append(decision)
                if not decision.sound("owner"):
                    unknown.add(metric)
        return MovedBy(moving, frozenset(unknown))


@dataclass(frozen=True)
class MovedBy:
    """The decisions whose ``affects`` names each metric, and the metrics nothing can be
    said about because a decision moving them has an ``owner`` with a finding."""

    decisions: dict[str, list[Entity]]  # metric id -> its decisions, in sorted order
    unowned: frozenset[str]


@dataclass(frozen=True, eq=False)
class DecisionFacts:
    """What several rules ask of one decision, made once per decision (``Index.facts``).

    Each fact is found on first use and kept: a run that never asks for escalation
    chains never follows them. Decisions whose ``owner`` is written alike share their
    resolved owners (the same tuple), so one person holding a thousand roles and owning
    a thousand decisions resolves once."""

    org: Organization
    decision: Entity

    @cached_property
    def owners(self) -> tuple[str, ...]:
        """Each id of ``owner`` resolved (a person as the roles they hold, or themself when
        none; a team as its lead role), in owner order, each once."""
        from governance_lint.model.terms import owners_resolved

        return owners_resolved(self.org, self.decision.ids("owner"))

    @cached_property
    def seats(self) -> tuple[str, ...]:
        """Who the resolved owners count as when people are counted (a role each of its
        holders, else the role; a body no one), each once, in owner order."""
        from governance_lint.model.terms import owner_seats

        owners = self.decision.ids("owner")
        return tuple(dict.fromkeys(s for owner in owners for s in owner_seats(self.org, owner)))

    @cached_property
    def mode(self) -> str | None:
        """The decision's mode (``modes.decision_mode``)."""
        from governance_lint.model.modes import read_mode

        return read_mode(self.org, self.decision)

    @cached_property
    def deciders(self) -> tuple[str, ...] | None:
        """Who decides a group decision, as written; None when the owner decides alone."""
        from governance_lint.model.terms import find_deciders

        return find_deciders(self.org, self.decision)

    @cached_property
    def chains(self) -> list[Chain]:
        """The escalation chains, one per resolved owner and first hop, in owner order
        (empty when ``owner`` or ``escalates_to`` has a finding)."""
        from governance_lint.model.escalation import decision_chains

        return decision_chains(self.org, self.decision)

    @cached_property
    def reviewers(self) -> tuple[str, ...]:
        """The defined cadences the decision's ``reviewed_in`` names, each once."""
        from governance_lint.model.cadences import reviewed_in

        return reviewed_in(self.org, self.decision)


@dataclass
class Lines:
    """Every role's managers along ``reports_to``, found in one pass over the roles.

    A role has at most one manager, so its line is a path that ends at a top or enters a
    loop. Each role keeps its depth and its place in a walk of the roles below each top
    (or loop member), so "is this role one of its managers" is two comparisons and no
    role's managers are ever copied out: a line of thousands of roles costs thousands of
    steps, not millions."""

    up: dict[str, str | None]
    height: dict[str, int] = field(default_factory=dict)  # how many managers a role has
    loop_of: dict[str, int] = field(default_factory=dict)  # a loop member: its loop
    ends_in: dict[str, int] = field(default_factory=dict)  # any role: the loop it reaches
    loops: list[tuple[str, ...]] = field(default_factory=list)
    enter: dict[str, int] = field(default_factory=dict)  # walk order, for ancestors
    leave: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        state: dict[str, int] = {}  # 1 on the current path, 2 done
        for start in self.up:
            path: list[str] = []
            current: str | None = start
            while current is not None and current not in state:
                state[current] = 1
                path.append(current)
                current = self.up[current]
            if current is not None and state[current] == 1:  # the path closed a loop
                members = tuple(path[path.index(current) :])
                number = len(self.loops)
                self.loops.append(members)
                for member in members:
                    self.loop_of[member] = number
                    self.ends_in[member] = number
                    self.height[member] = len(members)
            for role in reversed(path):
                state[role] = 2
                if role in self.loop_of:
                    continue
                above = self.up[role]
                if above is None:
                    self.height[role] = 0
                    continue
                self.height[role] = self.height[above] + (0 if above in self.loop_of else 1)
                if above in self.ends_in:
                    self.ends_in[role] = self.ends_in[above]
        below: dict[str, list[str]] = {}
        for role, above in self.up.items():
            if above is not None and role not in self.loop_of:
                below.setdefault(above, []).append(role)
        clock = 0
        for root in self.up:
            above = self.up[root]
            if root in self.loop_of or (above is not None and above not in self.loop_of):
                continue  # a loop member, or below another role of the walk
            stack: list[tuple[str, bool]] = [(root, False)]
            while stack:
                role, done = stack.pop()
                if done:
                    self.leave[role] = clock
                    clock += 1
                    continue
                self.enter[role] = clock
                clock += 1
                stack.append((role, True))
                stack.extend((child, False) for child in below.get(role, ()))

    def over(self, upper: str, lower: str) -> bool:
        """``upper`` is one of ``lower``'s managers (reachable along ``reports_to``)."""
        loop = self.loop_of.get(upper)
        if loop is not None:
            return self.ends_in.get(lower) == loop
        if upper == lower or upper not in self.enter or lower not in self.enter:
            return False  # a role in or below a loop has no manager outside that loop's line
        return self.enter[upper] < self.enter[lower] and self.leave[lower] < self.leave[upper]

    def walk(self, role: str) -> Iterator[str]:
        """A role's managers, nearest first; a loop's members last, in the loop's order."""
        current = self.up.get(role)
        while current is not None and current not in self.loop_of:
            yield current
            current = self.up[current]
        if current is not None:
            yield from self.loops[self.loop_of[current]]


class Managers(Set[str]):
    """The strict ancestors of one role through ``reports_to``: a set read from ``Lines``
    without being built (membership and size cost a few steps; iterating walks up)."""

    __slots__ = ("lines", "role")

    def __init__(self, lines: Lines, role: str) -> None:
        self.lines = lines
        self.role = role

    def __contains__(self, item: object) -> bool:
        return isinstance(item, str) and item in self.lines.up and self.lines.over(item, self.role)

    def __len__(self) -> int:
        return self.lines.height.get(self.role, 0)

    def __iter__(self) -> Iterator[str]:
        return self.lines.walk(self.role)

    @classmethod
    def _from_iterable(cls, iterable: Iterable[_Item]) -> frozenset[_Item]:
        """What ``&``, ``|`` and ``-`` return: a plain frozenset."""
        return frozenset(iterable)

    def __repr__(self) -> str:
        return f"Managers({sorted(self)!r})"


_Kept = TypeVar("_Kept")

# Lists of ids shorter than this are worked out each time: keeping them costs more.
KEPT_FROM = 16


def by_identity(
    table: dict[int, tuple[object, _Kept]],
    ids: Iterable[str],
    find: Callable[[Iterable[str]], _Kept],
) -> _Kept:
    """``find(ids)``, kept in ``table`` by the identity of ``ids`` when it is a long tuple:
    a team's deciders or a decision's resolved owners are one tuple for every decision
    alike (thousands of them), so the answer is found once, not once per decision."""
    if not isinstance(ids, tuple) or len(ids) < KEPT_FROM:
        return find(ids)
    kept = table.get(id(ids))
    if kept is None or kept[0] is not ids:
        kept = table[id(ids)] = (ids, find(ids))
    return kept[1]
