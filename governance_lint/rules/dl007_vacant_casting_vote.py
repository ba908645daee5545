"""A tie-breaker, override, veto or sign-off held by a vacant role.

## What it does

Reports each vacant role (a role with no `holder`) that decisions name as their
`tie_breaker`, their `override`, a veto holder (`vetoes`) or an approver
(`approvals`), and each vacant body (a team with `decides_by` and no held role or
person among its lead and members) named as `tie_breaker` or `override`: one
finding per vacant role or body, at its key, however many decisions name it, listing
them (first five, then "and N more"). In each listed decision, the first place
naming it (the `tie_breaker` or `override` field, or the `vetoes` or `approvals`
item) is a related location; a suppression there takes that decision out of the
list. A decision owned by a body that writes no `tie_breaker` takes the body's. A
vacant owner is DR004.

Besides filling the seat, the help suggests who could take its place wherever the
listed decisions name it (for a `tie_breaker` taken from a body, on the body). The
suggestion is checked: the help names a candidate only when putting it in place of the
vacant seat, in a copy of the organization, makes this finding go away and adds no
error or warning. The first candidate is the vacant role's `reports_to` (a body's
`escalates_to`), then the roles above it, nearest first, then its peers; when none
passes, the help only says to fill the seat.

## Why is this bad?

A casting vote or a sign-off that nobody holds resolves nothing: the tie stays
tied, the override never comes, and every approval step waiting on the empty seat
blocks the decision until someone is appointed.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cfo: {title: Chief Financial Officer, reports_to: ceo}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
decisions:
  discount-policy:
    title: Discounts sales may offer
    owner: cpo
    approvals: [cfo]
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cfo: {title: Chief Financial Officer, reports_to: ceo}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
decisions:
  discount-policy:
    title: Discounts sales may offer
    owner: cpo
    approvals: [ceo]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding, Location
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import vacancy
from governance_lint.rules._grouped import filling, grouped, literal, next_up, subject_phrase
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import Place, regrouped, replace_at, suggest_at

CODE = "DL007"

CAPACITIES = {
    "tie_breaker": "tie-breaker",
    "override": "override",
    "vetoes": "veto holder",
    "approvals": "approver",
}


def _inherited_tie_breaker(org: Organization, decision: Entity) -> str | None:
    """The owning body's `tie_breaker`, for a decision that writes none."""
    if decision.has("tie_breaker") or not decision.sound("owner"):
        return None
    owners = tuple(dict.fromkeys(decision.ids("owner")))
    owner = org.entities.get(owners[0]) if len(owners) == 1 else None
    body = owner.body() if owner is not None else None
    return body.tie_breaker if body is not None else None


def _named(
    org: Organization, decision: Entity, places: dict[str, list[Place]]
) -> dict[str, list[tuple[Location, str]]]:
    """Each vacant role or body the decision names in these capacities: where, and as
    what, in position order; the fields naming it are added to its ``places`` (a body's
    `tie_breaker` the decision takes, on the body)."""
    named: dict[str, list[tuple[Location, str]]] = {}
    for field, capacity in CAPACITIES.items():
        if not decision.sound(field):
            continue
        for role_id in dict.fromkeys(decision.ids(field)):
            if vacancy(org, role_id) is not None:
                named.setdefault(role_id, []).append(
                    (decision.locate_item(field, role_id), capacity)
                )
                places.setdefault(role_id, []).append((decision, field))
    inherited = _inherited_tie_breaker(org, decision)
    if inherited is not None and vacancy(org, inherited) is not None:
        named.setdefault(inherited, []).append(
            (decision.locate("owner"), CAPACITIES["tie_breaker"])
        )
        body = org.entities[decision.ids("owner")[0]]
        if (body, "tie_breaker") not in places.setdefault(inherited, []):
            places[inherited].append((body, "tie_breaker"))
    return named


def check(org: Organization, config: Config) -> Iterator[Finding]:
    order = list(CAPACITIES.values())
    listed: dict[str, list[tuple[str, Location, str, tuple[str, ...]]]] = {}
    fields: dict[str, list[Place]] = {}
    for decision in org.decisions.values():
        for role_id, places in _named(org, decision, fields).items():
            capacities = sorted({capacity for _, capacity in places}, key=order.index)
            listed.setdefault(role_id, []).append(
                (
                    decision.id,
                    min(places)[0],
                    f"`{decision.id}` names `{role_id}` as {capacities[0]}",
                    tuple(capacities),
                )
            )
    for vacant_id, decisions in sorted(listed.items()):
        kind = vacancy(org, vacant_id)
        assert kind is not None
        opening = subject_phrase(vacant_id, kind)
        fill, _ = filling(org, vacant_id, kind)
        finding = grouped(
            CODE,
            org.entities[vacant_id],
            decisions,
            f"{opening} and 1 decision names it as {{capacities}}: {{entries}}",
            f"{opening} and {{n}} decisions name it as {{capacities}}: {{entries}}",
            fill,
        )
        naming = fields[vacant_id]
        chosen = suggest_at(
            org,
            config,
            finding,
            naming,
            next_up(org, vacant_id, kind),
            replace_at(naming, vacant_id),
        )
        if chosen is not None:
            finding = regrouped(
                finding,
                f"{fill}, or put `{literal(chosen)}` in its place wherever {{entries}} name it",
            )
        yield finding


RULE = Rule(
    code=CODE,
    name="vacant-casting-vote",
    severity="error",
    check=check,
    doc=__doc__,
    decision_rows=True,
)
