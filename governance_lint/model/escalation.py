"""Escalation chains (format.md, "Escalation chains"): where an unmade decision goes.

Each role's next hop is its ``escalates_to``, else its ``reports_to`` (a role with
neither on a final-authority body: that body); a body's is its ``escalates_to``. A chain
runs from a decision's resolved owners to the final authority, a top, or a body with no
``escalates_to``: roles and bodies are its nodes alike. Chains share their
upper parts, so no chain is ever copied out: each role remembers only its next hop, how
many hops follow it and how its chain ends, found once from the next role's (one step
per role however many chains pass through it), and a chain's roles are read from there
lazily. A line of thousands of roles, each owning a decision, costs thousands of steps,
not millions, and a rule that shows a chain reads only the few roles it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Literal, TypeVar, overload

from governance_lint.display import CHAIN_ENDS
from governance_lint.model.graph import Loop, digraph, loops
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import (
    as_roles,
    final_authority,
    is_body,
    is_vacant,
    resolve_owner,
)

End = Literal["end", "loop", "broken", "roleless"]


@dataclass(frozen=True)
class Step:
    """What follows a role on its chain, remembered per role (``walk``)."""

    next: str | None  # the first hop after the role; None when its chain stops there
    length: int  # hops after the role to the end of its chain
    end: End
    last: str | None  # the chain's last hop; None when no hop follows the role


class Hops(Sequence[str]):
    """The roles of a chain in order, read lazily: ``head`` as written, then the hops that
    follow the role ``rest`` (``walk``). Its length, its last role and its first or last
    few roles cost a few steps; only iterating or indexing deep into it walks it."""

    __slots__ = ("_length", "head", "org", "rest")

    def __init__(self, org: Organization, head: tuple[str, ...], rest: str | None) -> None:
        self.org = org
        self.head = head
        self.rest = rest
        self._length = len(head) + (walk(org, rest).length if rest is not None else 0)

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[str]:
        yield from self.head
        current = self.rest
        while current is not None:
            current = walk(self.org, current).next
            if current is not None:
                yield current

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...

    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        if isinstance(index, slice):
            start, stop, stride = index.indices(self._length)
            if stride != 1:
                return tuple(self)[index]
            if self._length - start > TAIL:
                return tuple(islice(self, start, max(stop, start)))
            return self.last(self._length - start)[: max(stop - start, 0)]
        position = index + self._length if index < 0 else index
        if not 0 <= position < self._length:
            raise IndexError("chain index out of range")
        if self._length - position > TAIL:
            return next(islice(self, position, None))
        return self.last(self._length - position)[0]

    def first(self, count: int) -> tuple[str, ...]:
        """The first ``count`` roles (all of them when there are fewer)."""
        return tuple(islice(self, count))

    def last(self, count: int) -> tuple[str, ...]:
        """The last ``count`` roles (all of them when there are fewer), found from the end
        of the chain, not by walking it: ``count`` steps from ``suffix``."""
        count = min(count, self._length)
        walked = self._length - len(self.head)  # hops that follow ``rest``
        if self.rest is None or count > walked:
            return tuple(self)[self._length - count :] if count else ()
        if count == 1:
            last = walk(self.org, self.rest).last
            assert last is not None
            return (last,)
        start = suffix(self.org, self.rest, count)
        found: list[str] = []
        current = start
        while current is not None and len(found) < count:
            found.append(current)
            current = walk(self.org, current).next
        return tuple(found)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Hops({tuple(self)!r})"


# Indexing within this many roles of a chain's end counts back from the end (``last``)
# rather than walking from the start; each distinct count keeps one table per run.
TAIL = 16


@dataclass(frozen=True)
class Chain:
    """One escalation chain of a decision (format.md, "Escalation chains").

    ``hops`` are the roles after ``owner`` (the first hop is 1). ``end`` says why it
    stops: at the final authority or a top, on entering a loop, at a broken reference,
    or at a person who holds no role (then the last hop, or the owner, is that person).
    """

    owner: str
    hops: Hops
    end: End

    @property
    def path(self) -> Hops:
        """The owner, then the hops."""
        return Hops(self.hops.org, (self.owner, *self.hops.head), self.hops.rest)


def next_hop(org: Organization, node_id: str) -> tuple[str | None, str | None]:
    """A role's or body's escalation line and the field naming it: a role's
    ``escalates_to`` (a role or body), else its ``reports_to``; a body's ``escalates_to``.

    (None, field) when that field's reference is broken; (None, None) with no line.
    """
    node = org.entities[node_id]
    names = ("escalates_to", "reports_to") if node.kind == "role" else ("escalates_to",)
    for name in names:
        if node.has(name):
            target = node.get(name)
            ok = node.sound(name) and (
                target in org.roles or (name == "escalates_to" and is_body(org, target))
            )
            return (target if ok else None), name
    return None, None


def chain_next(org: Organization, node_id: str) -> tuple[str | None, str | None]:
    """A node's next hop on a chain: its line (``next_hop``), else, for a role on a
    final-authority body (its lead or a direct member), that body."""
    target, name = next_hop(org, node_id)
    if name is None and node_id in org.index.on_authority:
        return final_authority(org), None
    return target, name


def escalation_loops(org: Organization) -> list[Loop]:
    """Loops of the escalation lines (each role's escalates_to, else its reports_to; each
    body's escalates_to)."""
    index = org.index
    if index.escalation_loops is None:
        pairs = []
        for node_id in (*org.roles, *(t for t in org.teams if is_body(org, t))):
            target, _ = next_hop(org, node_id)
            if target is not None:
                pairs.append((node_id, target))
        index.escalation_loops = loops(digraph(pairs))
    return index.escalation_loops


def _in_loop(org: Organization) -> frozenset[str]:
    return org.index.in_escalation_loop


def is_chain_end(org: Organization, node_id: str) -> bool:
    """Chains stop here: the final authority, a top role, or a body without
    ``escalates_to`` (it ends every chain that reaches it)."""
    node = org.entities.get(node_id)
    if node is None or node_id == final_authority(org):
        return node is not None
    if node.kind == "role":
        return (
            not node.has("reports_to")
            and not node.has("escalates_to")
            and node_id not in org.index.on_authority
        )
    return node.is_body and not node.has("escalates_to")


def walk(org: Organization, role_id: str) -> Step:
    """What follows ``role_id`` on its chain, remembered per role.

    The roles not yet known are followed until a known one or the chain's stop, then
    each is filled in from the one after it: every role is stepped over once in a run,
    and no recursion is used, whatever the length of the line."""
    table = org.index.steps
    known = table.get(role_id)
    if known is not None:
        return known
    in_loop = _in_loop(org)
    pending: list[tuple[str, str]] = []  # (role, its next hop), in chain order
    current = role_id
    while current not in table:
        if is_chain_end(org, current):
            table[current] = Step(None, 0, "end", None)
            break
        target, _ = chain_next(org, current)
        if target is None:
            table[current] = Step(None, 0, "broken", None)
            break
        if target in in_loop and not is_chain_end(org, target):
            table[current] = Step(None, 0, "loop", None)
            break
        pending.append((current, target))
        current = target
    for role, target in reversed(pending):
        after = table[target]
        table[role] = Step(target, after.length + 1, after.end, after.last or target)
    return table[role_id]


_Value = TypeVar("_Value")


def along(
    org: Organization,
    table: dict[str, _Value],
    role_id: str,
    stop: Callable[[Step], _Value],
    step: Callable[[str, Step, _Value], _Value],
) -> _Value:
    """A value remembered per role in ``table`` (a table of the index) and found from the
    next role's, like ``walk``: ``stop`` for a role no hop follows, else
    ``step(next role, its Step, its value)``."""
    pending: list[str] = []
    current: str | None = role_id
    while current is not None and current not in table:
        pending.append(current)
        current = walk(org, current).next
    for role in reversed(pending):
        after = walk(org, role)
        if after.next is None:
            table[role] = stop(after)
        else:
            table[role] = step(after.next, walk(org, after.next), table[after.next])
    return table[role_id]


def suffix(org: Organization, role_id: str, count: int) -> str | None:
    """The first of the last ``count`` hops after ``role_id`` (its first hop when fewer
    follow; None when none does): where a chain's last few roles start."""

    def step(target: str, after: Step, found: str | None) -> str | None:
        return found if after.length >= count else target

    table = org.index.suffixes.setdefault(count, {})
    return along(org, table, role_id, lambda _: None, step)


@dataclass(frozen=True)
class Vacancy:
    """The first vacant role among the hops after a role: its index among those hops, the
    role, and up to ``CHAIN_ENDS - 1`` roles just before it, nearest last (the hops a
    finding shows before the vacancy when the chain is too long to show whole)."""

    index: int
    role: str
    before: tuple[str, ...]


def vacancy_after(org: Organization, role_id: str) -> Vacancy | None:
    """The first vacant role among the hops after ``role_id``, None when every role up to
    the chain's end has a holder; remembered per role and found from the next role's, so
    thousands of decisions below one vacancy cost one step each."""

    def step(target: str, _: Step, found: Vacancy | None) -> Vacancy | None:
        if is_vacant(org, target):
            return Vacancy(0, target, ())
        if found is None:
            return None
        before = found.before
        if found.index < CHAIN_ENDS - 1:
            before = (target, *before)
        return Vacancy(found.index + 1, found.role, before)

    return along(org, org.index.vacancies, role_id, lambda _: None, step)


def chains(org: Organization, decision: Entity) -> list[Chain]:
    """The decision's chains (``decision_chains``), kept by its ``DecisionFacts``."""
    return org.index.facts(decision).chains


def decision_chains(org: Organization, decision: Entity) -> list[Chain]:
    """The decision's chains, one per resolved owner and first hop, in owner order.

    Empty when the owner or the decision's ``escalates_to`` is broken (GL002/GL005).
    Three rules and the report ask for them: they are found once for each owner and
    ``escalates_to`` written, and decisions that write the same share one list (the
    same object), so a person holding a thousand roles and owning a thousand decisions
    makes a thousand chains, not a million, and rules can remember what they found in
    a list by its identity.
    """
    if not decision.sound("owner") or not decision.sound("escalates_to"):
        return []
    escalation = decision.get("escalates_to")
    table = org.index.chains
    # an escalates_to that is not one id (never, once sound) is this decision's alone
    key = (decision.ids("owner"), escalation if isinstance(escalation, str | None) else decision)
    found = table.get(key)
    if found is None:
        found = table[key] = _chains(org, decision)
    return found


def _chains(org: Organization, decision: Entity) -> list[Chain]:
    if not decision.sound("owner") or not decision.sound("escalates_to"):
        return []
    escalation = decision.get("escalates_to")
    starts: list[str] = []
    for owner in decision.ids("owner"):
        resolved = resolve_owner(org, owner)
        team = org.teams.get(owner)
        if not resolved and escalation is not None and team is not None and not team.is_group:
            resolved = (owner,)  # a team with no lead escalates only where the decision says
        starts.extend(resolved)
    found: list[Chain] = []
    in_loop = _in_loop(org)
    for start in dict.fromkeys(starts):
        if escalation is not None:
            first_hops = (escalation,) if is_body(org, escalation) else as_roles(org, escalation)
            if not first_hops:
                found.append(Chain(start, Hops(org, (escalation,), None), "roleless"))
            for first in first_hops:
                if first in in_loop and not is_chain_end(org, first):
                    found.append(Chain(start, Hops(org, (), None), "loop"))
                    continue
                found.append(Chain(start, Hops(org, (first,), first), walk(org, first).end))
        elif org.kind_of(start) == "role" or is_body(org, start):
            if start in in_loop and not is_chain_end(org, start):
                found.append(Chain(start, Hops(org, (), None), "loop"))
                continue
            found.append(Chain(start, Hops(org, (), start), walk(org, start).end))
        else:
            found.append(Chain(start, Hops(org, (), None), "roleless"))
    return found
