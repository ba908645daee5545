"""One person owns more decisions than one person can carry.

## What it does

Counts, for each person, the decisions they own, and reports each person who owns
more than `max_decisions_per_owner`, at the person's key. In an organization of at
least 15 decisions it also reports a person who owns at least 5 of them and more
than `max_owned_share` percent (25 by default): the bottleneck is relative to the
organization's size. The message names the limit crossed: the absolute one when it
is, else the share ("owns 8 of 19 decisions (42%), more than 25%").

A decision counts once for each distinct person among its resolved owners: a role
counts for its holder (a shared seat for each of its holders), a person for
themself, a team owner for its lead's holders, and an owner list for each person it
names (a decision owned by `[cfo, cto]` counts once for each holder, and once only
when one person holds both roles). Vacant roles count for nobody, and a decision
whose `owner` names an unknown id is not counted.

Some decisions count for no one: one owned by a body (a team with `decides_by`),
whatever its mode, or by a plain team deciding by `consent`, `consensus` or `vote`
(it is the team's), or by a group; and one in mode `any` whose pool has two or more
held seats (any of them may decide). The entities are the person, the roles they
hold and the decisions counted.

The help names a direct report to hand some decisions to: a role whose `reports_to`
is one of the person's roles, leaving out roles the person holds themself and roles
with no other holder. It suggests putting that role in place of the person in the
counted decisions that come last in sorted order, as many as bring the person within
both limits (in each, in place of the first `owner` id through which it counts for
the person). The roles are tried with those whose holder owns the fewest decisions
first (counted the same way), ties in sorted order, and the suggestion is checked:
the help names a role only when that change, in a copy of the organization, makes
this finding go away and adds no error or warning (the role's holder pushed over the
limit would add one). When none passes, the help names no id.

## Why is this bad?

When one executive owns every decision, the organization moves at the speed of
their calendar. Decisions queue behind the one person who may take them, the people
closest to the work learn to wait, and nothing is decided while that person is
travelling, ill or simply busy: the bottleneck executive.

## Example

```yaml
governance: 1
people:
  dana: {name: Dana Ruiz}
  omar: {name: Omar Haddad}
roles:
  coo: {title: Chief Operating Officer, holder: dana}
  ops-lead: {title: Operations Lead, holder: omar, reports_to: coo}
decisions:
  shift-plan: {title: Warehouse shift plan, owner: coo}
  carriers: {title: Which carriers serve each lane, owner: coo}
  returns: {title: How returns are handled, owner: coo}
  overtime: {title: Overtime approvals, owner: coo}
  inventory: {title: Stock levels per warehouse, owner: coo}
  hiring: {title: Warehouse hiring, owner: coo}
  cleaning: {title: Cleaning contractor, owner: coo}
  forklifts: {title: Forklift leases, owner: coo}
  safety: {title: Safety procedures, owner: coo}
  layout: {title: Warehouse layout, owner: coo}
  uniforms: {title: Work wear supplier, owner: coo}
  parking: {title: Staff parking, owner: coo}
  canteen: {title: Canteen supplier, owner: coo}
```

## Fix

Delegate to the roles that report to the overloaded one: the decisions closest to
the work go to the people closest to the work.

```yaml
governance: 1
people:
  dana: {name: Dana Ruiz}
  omar: {name: Omar Haddad}
roles:
  coo: {title: Chief Operating Officer, holder: dana}
  ops-lead: {title: Operations Lead, holder: omar, reports_to: coo}
decisions:
  shift-plan: {title: Warehouse shift plan, owner: ops-lead}
  carriers: {title: Which carriers serve each lane, owner: coo}
  returns: {title: How returns are handled, owner: ops-lead}
  overtime: {title: Overtime approvals, owner: ops-lead}
  inventory: {title: Stock levels per warehouse, owner: coo}
  hiring: {title: Warehouse hiring, owner: coo}
  cleaning: {title: Cleaning contractor, owner: ops-lead}
  forklifts: {title: Forklift leases, owner: coo}
  safety: {title: Safety procedures, owner: coo}
  layout: {title: Warehouse layout, owner: coo}
  uniforms: {title: Work wear supplier, owner: ops-lead}
  parking: {title: Staff parking, owner: ops-lead}
  canteen: {title: Canteen supplier, owner: ops-lead}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import listed_ids
from governance_lint.findings import Finding
from governance_lint.model.modes import GROUP_MODES, decision_mode, pool_is_shared
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import holders, listing, team_lead, who
from governance_lint.rules._people import percent_shown, share_crossed
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import helped, replace_items, suggest_among

CODE = "DR006"


def owned_through(
    org: Organization,
    decision: Entity,
    roles_of: dict[str, tuple[str, ...]],
) -> dict[str, set[str]]:
    """Person id -> the roles through which the decision counts for them (a person named
    as owner: the roles they hold, which stand for them); nobody when the decision is a
    body's, a team's deciding as one, or a pool's with two or more held seats."""
    if not decision.sound("owner"):
        return {}
    mode = decision_mode(org, decision)
    if mode is None:
        return {}  # a mode nobody can read (GL002)
    owners = tuple(dict.fromkeys(decision.ids("owner")))
    if len(owners) == 1 and owners[0] in org.teams:
        team = org.teams[owners[0]]
        if team.is_body or team.is_group or mode in GROUP_MODES:
            return {}
    if mode == "any" and pool_is_shared(org, decision) is not False:
        return {}  # any of two or more people may decide, or a pool nobody can read
    found: dict[str, set[str]] = {}
    for owner in owners:
        kind = org.kind_of(owner)
        if kind == "person":
            found.setdefault(owner, set()).update(roles_of.get(owner, ()))
            continue
        role = owner if kind == "role" else None
        if kind == "team" and not org.teams[owner].is_body and not org.teams[owner].is_group:
            role = team_lead(org, owner)
        if role is None:
            continue
        for person in org.roles[role].holders:
            found.setdefault(person, set()).add(role)
    return found


def decisions_by_person(
    org: Organization, roles_of: dict[str, tuple[str, ...]]
) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """Person id -> the decisions that count for them, in sorted order; and person id ->
    the roles through which they own them."""
    owned: dict[str, list[str]] = {}
    through: dict[str, set[str]] = {}
    for decision in org.decisions.values():  # sorted by id
        for person, roles in owned_through(org, decision, roles_of).items():
            owned.setdefault(person, []).append(decision.id)
            through.setdefault(person, set()).update(roles)
    return owned, through


def direct_reports(org: Organization) -> dict[str, list[str]]:
    """Role id -> the roles whose ``reports_to`` names it, in sorted order."""
    reports: dict[str, list[str]] = {}
    for role in org.roles.values():
        manager = role.get("reports_to")
        if role.sound("reports_to") and manager in org.roles and manager != role.id:
            reports.setdefault(manager, []).append(role.id)
    return reports


def check(org: Organization, config: Config) -> Iterator[Finding]:
    limit = config.threshold("max_decisions_per_owner")
    share = config.threshold("max_owned_share")
    total = len(org.decisions)
    roles_of = org.index.roles_held
    owned, through_roles = decisions_by_person(org, roles_of)
    reports: dict[str, list[str]] | None = None
    for person, decisions in owned.items():
        count = len(decisions)
        absolute = count > limit
        if not absolute and not share_crossed(count, share, total):
            continue
        if reports is None:
            reports = direct_reports(org)
        held = roles_of.get(person, ())
        holds = set(held)  # a thousand roles are looked up, not scanned, per report
        delegate_of = {
            report: next(p for p in org.roles[report].holders if p != person)
            for role in held
            for report in reports.get(role, ())
            if report not in holds and any(p != person for p in org.roles[report].holders)
        }
        load = {report: len(owned.get(other, ())) for report, other in delegate_of.items()}
        delegates = sorted(delegate_of, key=lambda report: (load[report], report))
        via = sorted(through_roles.get(person, ()))
        through = f" as {listing([f'`{role}`' for role in via])}" if via else ""
        if held:
            help = (
                f"delegate some of them to roles that report to {listed_ids(held)}, or give "
                "those roles a holder of their own"
            )
        else:
            help = "give these decisions to roles, held by different people"
        if absolute:
            owns = f"owns {count} decisions{through}; the limit is {limit:g}"
        else:
            shown = percent_shown(count, share, total)
            comma = f",{through}" if through else ""
            owns = f"owns {count} of {total} decisions ({shown}%), more than {share:g}%{comma}"
        finding = Finding(
            CODE,
            org.people[person].locate(),
            f"{who(org, person, config.show)} {owns}: every one of them waits for the same person",
            help,
            entities=(person, *held, *decisions),
        )
        yield _helped(org, config, finding, person, decisions, delegates)


def counts_through(org: Organization, decision: Entity, person: str) -> str | None:
    """The first id of the decision's `owner` through which it counts for the person: the
    person, a role they hold, or a team whose lead role they hold."""
    for owner in dict.fromkeys(decision.ids("owner")):
        kind = org.kind_of(owner)
        role = owner if kind == "role" else team_lead(org, owner) if kind == "team" else None
        if owner == person or (role is not None and person in holders(org, role)):
            return owner
    return None


def to_move(
    org: Organization, config: Config, person: str, decisions: list[str]
) -> list[tuple[Entity, str]]:
    """The counted decisions that come last in sorted order, as many as bring the person
    within both limits, each with the `owner` id through which it counts for them."""
    limit = config.threshold("max_decisions_per_owner")
    share = config.threshold("max_owned_share")
    total = len(org.decisions)
    kept = len(decisions)
    while kept > 0 and (kept > limit or share_crossed(kept, share, total)):
        kept -= 1
    moved = [org.decisions[decision_id] for decision_id in decisions[kept:]]
    return [
        (decision, through)
        for decision in moved
        if (through := counts_through(org, decision, person)) is not None
    ]


def _helped(
    org: Organization,
    config: Config,
    finding: Finding,
    person: str,
    decisions: list[str],
    delegates: list[str],
) -> Finding:
    """The finding, its help naming the verified role to hand the last decisions to (the
    direct reports with the fewest decisions first) when one passes; else saying what to
    do without an id."""
    moves = to_move(org, config, person, decisions)
    targets = [decision for decision, _ in moves]
    chosen = suggest_among(
        org, config, finding, targets, "owner", delegates, (), replace_items(moves, "owner")
    )
    if chosen is None:
        return finding
    names = listed_ids(decision.id for decision in targets)
    if all(isinstance(decision.get("owner"), str) for decision in targets):
        return helped(finding, f"set `owner: {chosen}` on {names}")
    olds = listing([f"`{old}`" for old in sorted({old for _, old in moves})])
    return helped(finding, f"put `{chosen}` in place of {olds} in the `owner` of {names}")


RULE = Rule(
    code=CODE,
    name="overloaded-owner",
    severity="warning",
    check=check,
    doc=__doc__,
    thresholds={"max_decisions_per_owner": 12, "max_owned_share": 25},
)
