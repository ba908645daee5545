"""A person who has left (`status: alumni`) whom roles or entries still rely on.

## What it does

Reports, once per alumni person, everything that still counts on them, at the
first place (in file order) that names them there; the other places are related
locations. Two kinds of things are listed, together, in sorted order:

- a role they hold that still does something: it owns a decision or a metric,
  decides (a decider of a decision, or the lead or a member of a body), signs off
  (an approver, a veto holder, a `tie_breaker`, including a body's on the decisions
  that take it, an `override` or a decision's `escalates_to`), chairs a cadence,
  leads a team, accepts a definition of ready, or is on a decision's escalation
  chain. The place is the role's `holder` field, or the item of its `holder` list
  naming the person;
- an entry that names them directly in a decision's `owner`, `deciders`, `vetoes`,
  `approvals`, `tie_breaker`, `override`, `escalates_to` or `consulted`, a
  cadence's `chair`, a definition of ready's `accepted_by`, a metric's `owner`, or a
  body's `members` or `tie_breaker`. The place is the first such field or item.

Being `informed`, an attendee, a member of a plain team or of a group does not
count, and neither does an honorary role nothing relies on: keeping a former lead
on record is fine. The message shows the first five ids and how many more; the
entities are the person, then every listed role and entry in sorted order.

Every other rule still counts the person's roles as held by them, so a role whose
holder has left is not also reported as vacant: the fault is reported once, here.
An inline suppression covers this finding only where it points.

## Why is this bad?

The files say these roles and entries are covered, yet the person behind them has
gone: decisions wait for someone who will never answer, escalations land in an
empty office, and the meeting they chaired has no chair. Nobody notices until it
matters, because on paper the seat is filled.

## Example

```yaml
governance: 1
people:
  ana: {name: Ana Silva}
  dee: {name: Dee Roy, status: alumni}
roles:
  cto: {title: Chief Technology Officer, holder: ana}
  platform-lead: {title: Platform Lead, holder: dee, reports_to: cto}
decisions:
  build-tooling:
    title: Which build tools the teams use
    owner: platform-lead
```

## Fix

Name a current holder for each role that still works, and take the person out of
the entries that name them; a role kept only to honour them can stay.

```yaml
governance: 1
people:
  ana: {name: Ana Silva}
  ben: {name: Ben Ito}
  dee: {name: Dee Roy, status: alumni}
roles:
  cto: {title: Chief Technology Officer, holder: ana}
  platform-lead: {title: Platform Lead, holder: ben, reports_to: cto}
  emeritus: {title: Platform founder (emeritus), holder: dee, reports_to: cto}
decisions:
  build-tooling:
    title: Which build tools the teams use
    owner: platform-lead
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import listed_ids
from governance_lint.findings import Finding, Location, Related
from governance_lint.model.modes import DECIDING_MODES, decision_mode, team_deciders
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import SIGN_OFF_FIELDS
from governance_lint.rules._rule import Rule

CODE = "OR007"

# Fields whose naming a person directly means the entry relies on them, by section.
RELYING_FIELDS = {
    "decision": (
        "owner",
        "deciders",
        "vetoes",
        "approvals",
        "tie_breaker",
        "override",
        "escalates_to",
        "consulted",
    ),
    "cadence": ("chair",),
    "ready": ("accepted_by",),
    "metric": ("owner",),
}
BODY_FIELDS = ("members", "tie_breaker")


def _named(entity: Entity, name: str) -> tuple[str, ...]:
    """The ids a field names, when it can be read (no GL002 finding)."""
    return entity.ids(name) if entity.well_formed(name) else ()


def _working_roles(org: Organization, roles: set[str]) -> set[str]:
    """Those of ``roles`` that own, decide, sign off, chair, lead, accept or lie on a
    decision's chain: each reference is looked at once, so the cost is linear."""
    working: set[str] = set()
    deciding: set[str] = set()  # plain teams whose deciders were looked at

    def note(ids: tuple[str, ...] | list[str]) -> None:
        working.update(i for i in ids if i in roles)

    for decision in org.decisions.values():
        note(_named(decision, "owner"))
        note(_named(decision, "deciders"))
        for name in SIGN_OFF_FIELDS:
            note(_named(decision, name))
        owners = tuple(dict.fromkeys(decision.ids("owner")))
        team = org.teams.get(owners[0]) if len(owners) == 1 else None
        if team is None or team.is_group:
            continue
        if team.is_body:  # its lead and members are noted below, with every body's
            body = team.body()
            if body is not None and body.tie_breaker and not decision.has("tie_breaker"):
                note((body.tie_breaker,))
        elif decision.has("deciders") or team.id in deciding:
            continue
        elif decision_mode(org, decision) in DECIDING_MODES:
            deciding.add(team.id)  # each team's lead and members looked at once
            note(team_deciders(org, team.id))
    for metric in org.metrics.values():
        note(_named(metric, "owner"))
    for cadence in org.cadences.values():
        note(_named(cadence, "chair"))
    for ready in org.readies.values():
        note(_named(ready, "accepted_by"))
    for team in org.teams.values():
        note(_named(team, "lead"))
        if team.is_body:
            note(_named(team, "members"))
    working |= _on_chains(org) & roles
    return working


def _on_chains(org: Organization) -> set[str]:
    """Every role or body on some decision's escalation chain: its resolved owners, then
    its `escalates_to`, else the owners' lines (a role's `escalates_to`, else its
    `reports_to`; a body's `escalates_to`), each node followed once."""
    roles_of = org.index.roles_held

    def as_nodes(entity_id: str) -> tuple[str, ...]:
        kind = org.kind_of(entity_id)
        if kind == "role":
            return (entity_id,)
        if kind == "person":
            return roles_of.get(entity_id, ())
        team = org.teams.get(entity_id)
        if team is None or team.is_group:
            return ()
        if team.is_body:
            return (entity_id,)
        lead = _named(team, "lead")
        return lead[:1] if lead and lead[0] in org.roles else ()

    on: set[str] = set()
    to_follow: list[str] = []
    for decision in org.decisions.values():
        if not decision.sound("owner"):
            continue
        owners = {node for owner in decision.ids("owner") for node in as_nodes(owner)}
        on |= owners
        if decision.has("escalates_to"):
            if decision.sound("escalates_to"):
                to_follow += as_nodes(decision.get("escalates_to"))
            continue
        to_follow += owners
    followed: set[str] = set()
    while to_follow:
        node = to_follow.pop()
        on.add(node)
        if node in followed:
            continue
        followed.add(node)
        entity = org.roles.get(node) or org.teams.get(node)
        if entity is None:
            continue
        names = ("escalates_to", "reports_to") if entity.kind == "role" else ("escalates_to",)
        for name in names:
            if entity.has(name):
                if entity.sound(name):
                    target = entity.get(name)
                    if isinstance(target, str) and (target in org.roles or target in org.teams):
                        to_follow.append(target)
                break
    return on


def _first_place(entity: Entity, names: tuple[str, ...], person: str) -> Location | None:
    """The first field or list item of ``names`` naming ``person``, in position order."""
    places = [entity.locate_item(name, person) for name in names if person in _named(entity, name)]
    return min(places, key=lambda place: (place.line, place.column), default=None)


def check(org: Organization, config: Config) -> Iterator[Finding]:
    alumni = [person for person in org.people.values() if person.status == "alumni"]
    if not alumni:
        return
    roles_of = org.index.roles_held
    theirs = {role for person in alumni for role in roles_of.get(person.id, ())}
    working = _working_roles(org, theirs) if theirs else set()
    left = {person.id for person in alumni}
    places: dict[str, dict[str, Location]] = {person: {} for person in left}
    for role_id in sorted(working):
        role = org.roles[role_id]
        for person in role.holders:
            if person in left:
                places[person][role_id] = role.locate_item("holder", person)
    entries: list[tuple[Entity, tuple[str, ...]]] = [
        (entity, RELYING_FIELDS[kind])
        for kind, section in (
            ("decision", org.decisions),
            ("cadence", org.cadences),
            ("ready", org.readies),
            ("metric", org.metrics),
        )
        for entity in section.values()
    ]
    entries += [(team, BODY_FIELDS) for team in org.teams.values() if team.is_body]
    for entity, names in entries:
        for person in {i for name in names for i in _named(entity, name)} & left:
            place = _first_place(entity, names, person)
            if place is not None:
                places[person].setdefault(entity.id, place)
    order = {doc.path: index for index, doc in enumerate(org.documents)}

    def in_file_order(item: tuple[str, Location]) -> tuple[int, int, int, str]:
        place = item[1]
        return (order.get(place.file, len(order)), place.line, place.column, item[0])

    for person in sorted(left):
        relying = places[person]
        if not relying:
            continue
        ids = sorted(relying)
        located = sorted(relying.items(), key=in_file_order)
        (_, first), rest = located[0], located[1:]
        count = f"{len(ids)} entries still rely" if len(ids) > 1 else "1 entry still relies"
        yield Finding(
            CODE,
            first,
            f"`{person}` is alumni and {count} on them: {listed_ids(ids)}",
            f"name a current holder for the roles, and someone current in place of `{person}` "
            "in the entries; a role kept only to honour them can stay if nothing relies on it",
            entities=(person, *ids),
            related=tuple(
                Related(place, f"`{entry}` still relies on `{person}`") for entry, place in rest
            ),
        )


RULE = Rule(
    code=CODE,
    name="former-member-in-role",
    severity="warning",
    check=check,
    doc=__doc__,
    decision_rows=True,
)
