"""A decision reviewed in a cadence where nobody can answer for it.

## What it does

For each decision and each cadence its `reviewed_in` names, looks at who is
present: the chair and the attendees, a team (or a body in the chair) through its
lead and its direct members. Reports the pair when nobody present is the same
person as one of the decision's resolved owners, or above one of them in the
reporting lines.

A body owner, or a plain team owner deciding by `consent`, `consensus` or `vote`,
is also present when any of its deciders is: they answer for it together. In mode
`any`, each decider of the pool counts as an owner, as for an owner list. A
decision with no resolved owner (a team owner with no lead, a group owner) is left
to OR005 and DR003.

One finding per decision and cadence, at the `reviewed_in` field or at the list
item naming that cadence; its entities are the decision, the cadence, then the
decision's owners as written, then, in mode `any`, the deciders not among them.

A decision whose `owner`, `mode`, `deciders` or `reviewed_in` has a finding (an
unknown id, a bad value) is left to GL002 and GL005, and so is a cadence whose
`chair` or `attendees` does.

The help suggests whom to add to the cadence's `attendees`: each owner as written (a
team owner: its lead role) in owner order, then, in mode `any`, each other decider of
the pool. The suggestion is checked: the help names one only when adding it, in a copy
of the organization, makes this finding go away and adds no error or warning; when none
passes, it names no id.

## Why is this bad?

A review where neither the owner nor anyone above them is in the room can only
talk about the decision. Questions wait for the next meeting the owner attends,
and the review becomes a report nobody can act on.

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
cadences:
  architecture-review: {title: Architecture review, every: weekly, chair: cto}
decisions:
  feature-scope:
    title: What goes into each feature
    owner: cpo
    reviewed_in: architecture-review
```

## Fix

Invite the owner, or review the decision where its owner already is.

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
cadences:
  architecture-review:
    title: Architecture review
    every: weekly
    chair: cto
    attendees: [cpo]
decisions:
  feature-scope:
    title: What goes into each feature
    owner: cpo
    reviewed_in: architecture-review
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import and_more, few
from governance_lint.findings import Finding
from governance_lint.model.cadences import Room, answers_for, attended, room
from governance_lint.model.modes import (
    GROUP_MODES,
    decision_mode,
    pool,
    team_deciders,
)
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import (
    final_authority,
    is_body,
    listing,
    persons,
    resolve_owner,
    team_lead,
    who,
)
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import add_item, helped, suggest_listed

CODE = "CD007"


def _seated(org: Organization, where: Room, decider: str) -> bool:
    """The decider is in the room: the id itself, or someone who is the same person."""
    return decider in where.ids or bool(persons(org, decider) & where.people)


def _body_answered(org: Organization, where: Room, body: str) -> bool:
    """Someone in the room is above the body: the final authority (when the body is not
    it), or someone at or above its lead role (its lead being one of its deciders)."""
    lead = team_lead(org, body)
    if lead is not None:
        return answers_for(org, where, lead)
    authority = final_authority(org)
    return authority is not None and authority != body and authority in where.roles


def _owner_present(
    org: Organization,
    where: Room,
    owner: str,
    deciders: tuple[str, ...] | None,
    memo: dict[tuple[int, int], bool],
) -> bool:
    """One owner as written answers for the decision in the room: a role or person, or a
    plain team through its lead role, when someone present is at or above it; a body, or
    a plain team given ``deciders`` (deciding together), also when any of them is there."""
    if deciders:
        # a body's deciders are one tuple for every decision it owns: looked at once a room
        key = (id(deciders), id(where))
        seated = memo.get(key)
        if seated is None:
            seated = memo[key] = any(_seated(org, where, d) for d in deciders)
        if seated:
            return True
    if is_body(org, owner):
        return _body_answered(org, where, owner)
    return any(answers_for(org, where, resolved) for resolved in resolve_owner(org, owner))


def _group_deciders(
    org: Organization, decision: Entity, owner: str, how: str | None, sole: bool
) -> tuple[str, ...] | None:
    """Whose presence answers for a body owner, or a plain team owner deciding by
    `consent`, `consensus` or `vote`: the decision's deciders when it has this one owner,
    else the team's lead and direct members. None for any other owner."""
    if org.kind_of(owner) != "team" or org.teams[owner].is_group:
        return None
    if not is_body(org, owner) and how not in GROUP_MODES:
        return None
    found = org.index.facts(decision).deciders if sole else None
    return found if found is not None else team_deciders(org, owner)


Answering = tuple[tuple[str, tuple[str, ...] | None], ...]


def answering(org: Organization, decision: Entity) -> Answering | None:
    """Who answers for the decision in a room: each owner as written that resolves (with
    the deciders whose presence also counts for a group owner), then, in a pool, each
    other decider. None when that cannot be known (no sound owner or deciders, no
    resolved owner, a mode that cannot be read)."""
    if not decision.sound("owner"):
        return None
    if not org.index.facts(decision).owners:
        return None  # no resolved owner: a team with no lead (OR005), a group (DR003)
    how = decision_mode(org, decision)
    if how is None or (decision.has("deciders") and not decision.sound("deciders")):
        return None  # the mode or deciders cannot be read: who answers is unknown
    written = tuple(dict.fromkeys(decision.ids("owner")))
    sole = len(written) == 1
    # in a pool, each decider counts as an owner, as for an owner list
    extra = tuple(d for d in pool(org, decision) if d not in written)
    return (
        *(
            (owner, _group_deciders(org, decision, owner, how, sole))
            for owner in written
            if resolve_owner(org, owner)  # a team with no lead, a group: left out
        ),
        *((decider, None) for decider in extra),
    )


def answered(
    org: Organization, where: Room, who: Answering, memo: dict[tuple[int, int], bool]
) -> bool:
    """Someone in the room answers for the decision: one of ``who`` is present."""
    return any(_owner_present(org, where, owner, found, memo) for owner, found in who)


def invitees(org: Organization, who: Answering) -> Iterator[str]:
    """Whom to invite, in order: each owner as written (a team owner, a body included: its
    lead role; a body with no lead: the body), then each other decider of a pool."""
    for owner, _ in who:
        yield (team_lead(org, owner) or owner) if org.kind_of(owner) == "team" else owner


def check(org: Organization, config: Config) -> Iterator[Finding]:
    memo: dict[tuple[int, int], bool] = {}
    for decision in org.decisions.values():
        if not decision.sound("reviewed_in"):
            continue
        who_answers = answering(org, decision)
        if who_answers is None:
            continue
        facts = org.index.facts(decision)
        written = tuple(dict.fromkeys(decision.ids("owner")))
        extra = tuple(owner for owner, _ in who_answers if owner not in written)
        named = (*written, *extra)
        cadences = facts.reviewers
        names: str | None = None  # the same for every cadence: written once, when needed
        other: str | None = None  # another cadence to review it in, looked for once
        looked = False
        for cadence_id in cadences:
            cadence = org.cadences[cadence_id]
            if not cadence.sound("chair") or not cadence.sound("attendees"):
                continue
            where = room(org, cadence)
            if answered(org, where, who_answers, memo):
                continue
            if not looked:
                # each distinct answer once: a person's roles all share their holder's
                answers = {
                    id(found): found
                    for owner, _ in who_answers
                    for resolved in resolve_owner(org, owner)
                    if (found := attended(org, resolved))
                }
                others = (c for found in answers.values() for c in found if c not in cadences)
                other, looked = min(others, default=None), True
            if names is None:
                shown, more = few(named)
                names = listing(and_more([who(org, owner, config.show) for owner in shown], more))
            instead = f", or review the decision in `{other}` instead" if other else ""
            finding = Finding(
                CODE,
                decision.locate_item("reviewed_in", cadence_id),
                f"decision `{decision.id}` is reviewed in `{cadence_id}`, where neither "
                f"{'its owners' if len(named) > 1 else 'its owner'} {names} nor anyone above "
                "them is present: nobody there can answer for it",
                f"add an owner, or someone above them, to `attendees` on `{cadence_id}`" + instead,
                entities=(decision.id, cadence_id, *shown),
            )
            chosen = suggest_listed(
                org,
                config,
                finding,
                [(cadence, "attendees")],
                invitees(org, who_answers),
                add_item(cadence, "attendees"),
            )
            if chosen is not None:
                finding = helped(
                    finding, f"add `{chosen}` to `attendees` on `{cadence_id}`" + instead
                )
            yield finding


RULE = Rule(
    code=CODE,
    name="owner-absent-from-review",
    severity="warning",
    check=check,
    doc=__doc__,
    identity="first-two",
    cost="forked",
)
