"""Decisions that share a scope but not an owner.

## What it does

Groups decisions by `scope` and reports each scope whose decisions have different
owners: one finding per scope, at the `scope` field of its first decision in sorted
order, with the other decisions' `scope` fields as related locations.

Scopes compare as exact strings: `roadmap` and `roadmap.priority` are different
scopes. Decisions with no owner are left out (DR001 reports them), and so are
decisions whose `owner` names an unknown id. Owners compare as the people their
resolved owners stand for: `cpo` and Lee Chen, who holds `cpo`, are the same owner;
a team owner counts as its lead's holder; a vacant role, and a team with no lead,
stand for themselves. An owner list is the set of people it names, so `[cpo, cto]`
and `cpo` differ.

## Why is this bad?

A scope is a domain of authority. When two decisions in one domain have different
owners, each owner can act on the domain without the other, and when their choices
collide nobody owns the whole: the domain's direction is settled by whoever moves
first or escalates loudest.

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: cpo}
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
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: cpo}
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
from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding, Related
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import listing, team_lead, who
from governance_lint.rules._rule import Rule

CODE = "DR005"


def owner_people(org: Organization, decision: Entity) -> frozenset[str]:
    """Who owns a decision, as people: each resolved owner's seat (a vacant role is
    itself), and a team owner with no lead as the team itself."""
    found = set(org.index.facts(decision).seats)
    for owner in decision.ids("owner"):
        if org.kind_of(owner) == "team" and team_lead(org, owner) is None:
            found.add(owner)
    return frozenset(found)


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
        first, *others = decisions
        shown_scope = config.show(scope)
        # the fix the graph can compute: the owner that already holds most of the scope
        commonest, count = Counter(owners[d.id] for d in decisions).most_common(1)[0]
        keeper = next(d for d in decisions if owners[d.id] == commonest)
        yield Finding(
            CODE,
            first.locate("scope"),
            f"{len(decisions)} decisions share scope `{shown_scope}` under different owners: "
            + "; ".join(f"`{d.id}` is owned by {owned_by(org, d, config)}" for d in decisions)
            + "; authority over the scope is split",
            f"give every decision with scope `{shown_scope}` "
            + (
                f"the owner {count} of the {len(decisions)} already have, "
                if count > 1
                else "one owner, for example "
            )
            + f"{owned_by(org, keeper, config)}, or give each decision a scope of its own",
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


RULE = Rule(
    code=CODE,
    name="overlapping-scope",
    severity="warning",
    check=check,
    doc=__doc__,
    identity="scope",
)
