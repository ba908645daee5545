"""One person owns more decisions than one person can carry.

## What it does

Counts, for each person, the decisions they own, and reports each person who owns
more than `max_decisions_per_owner`, at the person's key.

A decision counts once for each distinct person among its resolved owners: a role
counts for its holder, a person for themself, a team owner for its lead's holder,
and an owner list for each person it names (a decision owned by `[cfo, cto]` counts
once for each holder, and once only when one person holds both roles). Vacant roles
count for nobody, and a decision whose `owner` names an unknown id is not counted.
The entities are the person, the roles they hold and the decisions counted.

The help names up to three direct reports to delegate to: roles whose `reports_to`
is one of the person's roles, leaving out roles the person holds themself and roles
with no holder. Each comes with how many decisions its holder already owns, counted
the same way (every decision that counts for that holder, through any role they
hold or as themself); those with the fewest come first, ties in sorted order.

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
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import (
    holder,
    listing,
    owner_seat,
    resolve_owner,
    roles_held,
    who,
)
from governance_lint.rules._rule import Rule

CODE = "DR006"
DELEGATES_SHOWN = 3


def decisions_by_person(org: Organization) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """Person id -> the decisions that count for them, in sorted order; and person id ->
    the roles through which they own them.

    Each written owner counts for one seat at most (a person's roles are all held by
    them), so a decision costs its written owners, however many roles they hold; the
    roles behind each person are gathered once per distinct written owner."""
    owned: dict[str, list[str]] = {}
    sources: dict[str, dict[str, None]] = {}  # person -> the written owners counting for them
    for decision in org.decisions.values():  # sorted by id
        if not decision.sound("owner"):
            continue
        for person in org.index.facts(decision).seats:
            if person in org.people:
                owned.setdefault(person, []).append(decision.id)
        for owner in decision.ids("owner"):
            counted = owner_seat(org, owner)
            if counted is not None and counted in org.people:
                sources.setdefault(counted, {})[owner] = None
    through: dict[str, set[str]] = {}
    for person, written in sources.items():
        roles = through[person] = set()
        for owner in written:
            roles.update(role for role in resolve_owner(org, owner) if role in org.roles)
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
    owned, through_roles = decisions_by_person(org)
    reports: dict[str, list[str]] | None = None
    for person, decisions in owned.items():
        if len(decisions) <= limit:
            continue
        if reports is None:
            reports = direct_reports(org)
        held = roles_held(org, person)
        holds = set(held)  # a thousand roles are looked up, not scanned, per report
        candidates = {
            report
            for role in held
            for report in reports.get(role, ())
            if report not in holds and holder(org, report) is not None
        }
        load = {report: len(owned.get(holder(org, report) or "", ())) for report in candidates}
        delegates = sorted(candidates, key=lambda report: (load[report], report))
        delegates = delegates[:DELEGATES_SHOWN]
        via = sorted(through_roles.get(person, ()))
        through = f" as {listing([f'`{role}`' for role in via])}" if via else ""
        if delegates:
            help = "delegate some of them to " + listing(
                [
                    f"`{report}` ({config.show(org.people[holder(org, report) or ''].get('name'))}"
                    f", who owns {load[report]})"
                    for report in delegates
                ],
                "or",
            )
        elif held:
            help = (
                f"delegate some of them to roles that report to {listing([f'`{r}`' for r in held])}"
                ", or give those roles a holder of their own"
            )
        else:
            help = "give these decisions to roles, held by different people"
        yield Finding(
            CODE,
            org.people[person].locate(),
            f"{who(org, person, config.show)} owns {len(decisions)} decisions{through}; the "
            f"limit is {limit:g}: every one of them waits for the same person",
            help,
            entities=(person, *held, *decisions),
        )


RULE = Rule(
    code=CODE,
    name="overloaded-owner",
    severity="warning",
    check=check,
    doc=__doc__,
    thresholds={"max_decisions_per_owner": 12},
)
