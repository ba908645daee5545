"""A decision owned by a team in `dri` mode.

## What it does

Reports a decision whose `owner` is a team while the decision is taken by one
directly responsible individual (`mode: dri`, the default), at the `owner` field.
A team that decides as one is not this fault: a body (a team with `decides_by`,
such as a board or a steering committee), whose decisions take its mode, or a
plain team whose decision writes `mode: vote`, `consent` or `consensus`. A plain
team whose decision writes `mode: any` is a pool of its lead and members, not this
fault either.

A body is this fault only where its decision writes `mode: dri`. A group
(`kind: group`, a mailing or permission list) owns nothing: it is this fault
whatever the mode.

The help suggests the team's lead as owner, the team moved to `consulted`. The
suggestion is checked: the help names a candidate only when that change, in a copy
of the organization, makes this finding go away and adds no error or warning (a
vacant lead would add one). After the lead come the roles above it, nearest first,
then its peers; when no candidate passes, or the team has no lead, the help names
no id.

## Why is this bad?

"The product team owns it" means nobody does. A team cannot be asked why the
decision slipped; a person can.

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
teams:
  product: {name: Product, lead: cpo}
decisions:
  feature-scope:
    title: What goes into a feature
    owner: product
```

## Fix

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
teams:
  product: {name: Product, lead: cpo}
decisions:
  feature-scope:
    title: What goes into a feature
    owner: cpo
    consulted: [product]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.modes import decision_mode
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import team_lead
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import Apply, Edits, add_item, helped, set_field, suggest_with

CODE = "DR003"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.decisions.values():
        if not decision.sound("owner"):
            continue  # an owner with a finding is not followed (nor is the body's mode)
        owners = tuple(dict.fromkeys(decision.ids("owner")))
        if len(owners) != 1 or owners[0] not in org.teams:
            continue
        team_id = owners[0]
        team = org.teams[team_id]
        if not team.well_formed("kind"):
            continue  # a `kind` nobody can read (GL002)
        if team.is_group:
            finding = Finding(
                CODE,
                decision.locate("owner"),
                f"decision `{decision.id}` is owned by group `{team_id}`: a group is a list "
                "of people that owns and decides nothing, so nobody is accountable",
                f"name one role as owner and list `{team_id}` as consulted",
                entities=(decision.id, team_id),
            )
            yield _helped(org, config, finding, decision, team_id, "")
            continue
        if decision_mode(org, decision) != "dri":
            continue  # deciding as one, a pool, or a mode nobody can read
        together = "write the mode it decides by" if team.is_body else "set `mode: consent`"
        finding = Finding(
            CODE,
            decision.locate("owner"),
            f"decision `{decision.id}` is owned by team `{team_id}`: a team cannot be "
            "accountable, so nobody is",
            f"name one role as owner and list `{team_id}` as consulted, or {together} if the "
            "team decides as one",
            entities=(decision.id, team_id),
        )
        yield _helped(
            org, config, finding, decision, team_id, f", or {together} if the team decides as one"
        )


def _moved(decision: Entity, team_id: str) -> Apply:
    """The change "set `owner: X` on the decision, the team moved to `consulted`"."""
    own = set_field(decision, "owner")
    consult = add_item(decision, "consulted")

    def apply(edits: Edits, candidate: str) -> None:
        own(edits, candidate)
        consult(edits, team_id)

    return apply


def _helped(
    org: Organization, config: Config, finding: Finding, decision: Entity, team_id: str, rest: str
) -> Finding:
    """The finding, its help naming the verified owner (the first candidate the team's
    lead) when one passes; else saying what to do without an id."""
    lead = team_lead(org, team_id)
    chosen = suggest_with(
        org, config, finding, decision, "owner", lead, (), _moved(decision, team_id)
    )
    if chosen is None:
        return finding
    whose = ", the team's lead," if chosen == lead else ""
    return helped(finding, f"set `owner: {chosen}`{whose} and list `{team_id}` as consulted{rest}")


RULE = Rule(
    code=CODE,
    name="team-owner",
    severity="error",
    check=check,
    doc=__doc__,
    cost="forked",
)
