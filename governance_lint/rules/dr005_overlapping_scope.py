"""Decisions that share a scope but not an owner.

## What it does

Groups decisions by `scope` and reports each scope whose decisions have different
owners: one finding per scope, at the `scope` field of its first decision in sorted
order, with the other decisions' `scope` fields as related locations.

Scopes compare as exact strings: `roadmap` and `roadmap.priority` are different
scopes. Decisions with no owner are left out (DR001 reports them), and so are
decisions whose `owner` names an unknown id. Owners compare as the people their
resolved owners stand for: `cpo` and Lee Chen, who holds `cpo`, are the same owner;
a team owner counts as its lead's holder; a vacant role, a team with no lead, a body
(a team with `decides_by`) and a group stand for themselves. An owner list is the set
of people it names, so `[cpo, cto]` and `cpo` differ.

Owners on one reporting line are not reported: when, of any two of the scope's
owners, one is at or above the other (the same person, above through `reports_to`,
or the final authority), the scope is a delegation ladder. A rep grants discounts up
to 10%, the VP up to 20%, the CRO anything above: each level answers to the next, so
authority over discounts is not split.

The help names one owner for the whole scope: the id most of its decisions already
name as their one owner (the smallest id on a tie), else the lowest common manager
of their owners. The suggestion is checked: the help names a candidate only when
setting it as the `owner` of every decision of the scope, in a copy of the
organization, makes this finding go away and adds no error or warning (an owner
pushed over the limit of decisions would add one). After the first candidate come the
roles above it, nearest first, then its peers; when none passes, the help names no
id.

## Why is this bad?

A scope is a domain of authority. When two decisions in one domain have different
owners, each owner can act on the domain without the other, and when their choices
collide nobody owns the whole: the domain's direction is settled by whoever moves
first or escalates loudest.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
decisions:
  roadmap-priority:
    title: What the roadmap holds, in order
    scope: roadmap
    owner: cpo
  roadmap-timeline:
    title: When roadmap items ship
    scope: roadmap
    owner: cto
```

## Fix

Give every decision of the scope one owner, or give each decision a scope of its
own when the domains really are separate.

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
decisions:
  roadmap-priority:
    title: What the roadmap holds, in order
    scope: roadmap.priority
    owner: cpo
  roadmap-timeline:
    title: When roadmap items ship
    scope: roadmap.timeline
    owner: cto
```
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import pairwise

from governance_lint.config import Config
from governance_lint.display import listed_ids
from governance_lint.findings import Finding, Related
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import (
    as_roles,
    at_or_above,
    listing,
    lowest_common_manager,
    team_lead,
    who,
)
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import candidates, helped, set_on, suggest_among

CODE = "DR005"
_PAIRWISE = 16  # owners up to which every pair is compared; above, neighbours by depth


def _as_itself(org: Organization, owner: str) -> bool:
    """An owner compared as itself, not through people: a body, a group, or a team with
    no lead (nobody stands for it)."""
    team = org.teams.get(owner)
    return team is not None and (team.is_body or team.is_group or team_lead(org, owner) is None)


def owner_people(org: Organization, decision: Entity) -> frozenset[str]:
    """Who owns a decision, as people: each resolved owner's seat (a vacant role is
    itself), and a body, a group or a team with no lead as itself."""
    found = set(org.index.facts(decision).seats)
    found.update(owner for owner in decision.ids("owner") if _as_itself(org, owner))
    return frozenset(found)


def owner_ids(org: Organization, decision: Entity) -> tuple[str, ...]:
    """The decision's owners as the reporting lines place them: its resolved owners (a
    body itself), and a group or a team with no lead as itself (on no line)."""
    itself = (owner for owner in decision.ids("owner") if _as_itself(org, owner))
    return tuple(dict.fromkeys((*org.index.facts(decision).owners, *itself)))


def _depth(org: Organization, entity_id: str) -> int:
    """How far below the top an owner sits: its deepest role (a body: its lead's)."""
    roles = as_roles(org, entity_id)
    if entity_id in org.teams:
        lead = team_lead(org, entity_id)
        roles = (lead,) if lead is not None else ()
    height = org.index.lines.height
    return max((height.get(role, 0) for role in roles), default=0)


def one_line(org: Organization, owners: Sequence[str]) -> bool:
    """Of any two owners, one is at or above the other: a delegation ladder, which does
    not split authority. A few owners are compared pair by pair; many are ordered by
    depth and each compared with the next, which keeps a huge scope linear."""

    def ranked(first: str, second: str) -> bool:
        return at_or_above(org, first, second) or at_or_above(org, second, first)

    if len(owners) <= _PAIRWISE:
        return all(ranked(a, b) for i, a in enumerate(owners) for b in owners[i + 1 :])
    ordered = sorted(owners, key=lambda owner: (_depth(org, owner), owner))
    return all(at_or_above(org, a, b) for a, b in pairwise(ordered))


def keeper(org: Organization, decisions: Sequence[Entity]) -> str | None:
    """The one owner the help names: the id most decisions of the scope have as their
    one owner as written (the smallest on a tie); when none has one, the lowest common
    manager of their resolved owners."""
    single = Counter(
        owners[0] for d in decisions if len(owners := tuple(dict.fromkeys(d.ids("owner")))) == 1
    )
    if single:
        return min(single, key=lambda owner: (-single[owner], owner))
    resolved = tuple(dict.fromkeys(o for d in decisions for o in org.index.facts(d).owners))
    return lowest_common_manager(org, resolved) if resolved else None


def owned_by(org: Organization, decision: Entity, config: Config) -> str:
    return listing([who(org, owner, config.show) for owner in decision.ids("owner")])


def check(org: Organization, config: Config) -> Iterator[Finding]:
    by_scope: dict[str, list[Entity]] = {}
    for decision in org.decisions.values():  # sorted by id
        scope = decision.get("scope")
        if not isinstance(scope, str) or not decision.sound("scope"):
            continue
        if not decision.ids("owner") or not decision.sound("owner"):
            continue
        by_scope.setdefault(scope, []).append(decision)
    for scope, decisions in by_scope.items():
        owners = {decision.id: owner_people(org, decision) for decision in decisions}
        if len(set(owners.values())) < 2:
            continue
        ladder = tuple(dict.fromkeys(o for d in decisions for o in owner_ids(org, d)))
        if one_line(org, ladder):
            continue  # a delegation ladder
        first, *others = decisions
        shown_scope = config.show(scope)
        finding = Finding(
            CODE,
            first.locate("scope"),
            f"{len(decisions)} decisions share scope `{shown_scope}` under different owners: "
            + "; ".join(f"`{d.id}` is owned by {owned_by(org, d, config)}" for d in decisions)
            + "; authority over the scope is split",
            f"give every decision with scope `{shown_scope}` one owner, or give each "
            "decision a scope of its own",
            entities=(
                *(d.id for d in decisions),
                *dict.fromkeys(owner for d in decisions for owner in d.ids("owner")),
            ),
            related=tuple(
                Related(
                    other.locate("scope"),
                    f"decision `{other.id}` also has scope `{shown_scope}`, owned by "
                    f"{owned_by(org, other, config)}",
                )
                for other in others
            ),
        )
        one = suggest_among(
            org,
            config,
            finding,
            decisions,
            "owner",
            candidates(org, keeper(org, decisions)),
            (),
            set_on(decisions, "owner"),
        )
        if one is not None:
            moved = [d.id for d in decisions if tuple(dict.fromkeys(d.ids("owner"))) != (one,)]
            finding = helped(
                finding,
                f"set `owner: {config.show(one)}` on {listed_ids(moved)}, so that one "
                f"owner answers for scope `{shown_scope}`, or give each decision a scope of "
                "its own",
            )
        yield finding


RULE = Rule(
    code=CODE,
    name="overlapping-scope",
    severity="warning",
    check=check,
    doc=__doc__,
    identity="scope",
)
