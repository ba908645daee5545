"""Several roles at the top, where escalation chains stop.

## What it does

A top is a role with neither `reports_to` nor `escalates_to`, or a body (a team
with `decides_by`) with no `escalates_to` that ends at least one decision's chain;
every top ends the escalation chains that reach it. Not tops: the final authority;
a role with no lines that leads a final-authority body or is one of its direct
members (its chains go on to that body); a body led by the final authority or
with it among its direct members (chains ending there end with it).

The final authority is the role or body `final_authority` names; without it, the
only top role (a body is the final authority only when named). This rule reports,
once for the organization, every top other than the final authority, or, when
there is none, every top if there are two or more. The finding is about the first
such top in sorted order, at its key, and names all of them in sorted order. A
`final_authority` that names no role or body (GL002, GL005) leaves this rule
silent.

The help names the top to make the final authority (the final authority when there
is one; else the top with the most roles reporting up to it) and gives every other
top a line to it: `reports_to` from a role to a role, else `escalates_to`.

## Why is this bad?

Two tops are two final authorities: a question escalated from one side of the
organization ends somewhere different from the same question escalated from the
other, and between them there is nobody who can settle it. An advisory or
observer role with no lines is a top too: give it `reports_to`.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  ines: {name: Ines Moreau}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  adviser: {title: Strategic Adviser, holder: ines}
```

## Fix

```yaml
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  ines: {name: Ines Moreau}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  adviser: {title: Strategic Adviser, holder: ines, reports_to: ceo}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.graph import reaching, relation
from governance_lint.model.organization import Organization
from governance_lint.model.terms import body_tops, final_authority, listing, tops, who
from governance_lint.rules._rule import Rule

CODE = "OR002"


def _most_reported(org: Organization, candidates: tuple[str, ...]) -> str | None:
    """The top with the most roles reporting up to it (the first in sorted order on a tie;
    a body has none)."""
    reporting = relation(org, "reports_to", "role")

    def below(top: str) -> int:
        return len(reaching(reporting, {top})) if top in org.roles else 0

    return max(candidates, key=below, default=None)


def _lines_to(org: Organization, others: list[str], authority: str) -> str:
    """For each other top, a line to the authority: ``reports_to`` from a role to a role,
    else ``escalates_to``."""
    if authority in org.roles:
        roles = [f"`{top}`" for top in others if top in org.roles]
        bodies = [f"`{top}`" for top in others if top not in org.roles]
        parts = []
        if roles:
            parts.append(f"give {listing(roles)} `reports_to: {authority}` or a role under it")
        if bodies:
            parts.append(f"give {listing(bodies)} `escalates_to: {authority}`")
        return " and ".join(parts)
    return f"give {listing([f'`{top}`' for top in others])} `escalates_to: {authority}`"


def _help(org: Organization, extra: tuple[str, ...], authority: str, written: bool) -> str:
    if written and authority in org.roles and authority not in tops(org):
        return (
            f"the final authority `{authority}` has lines of its own: make "
            f"`{_most_reported(org, extra)}` the `final_authority`, or remove `{authority}`'s "
            "`reports_to` and `escalates_to` and give the other tops `reports_to`"
        )
    others = [top for top in extra if top != authority]
    return (
        "" if written else f"make `{authority}` the organization's `final_authority` and "
    ) + _lines_to(org, others, authority)


def _why_tops(org: Organization, extra: tuple[str, ...]) -> str:
    """Why the tops named are tops: a role has no line up, a body has no `escalates_to`
    and ends a decision's chain (a body never has `reports_to`)."""
    roles = sum(1 for top in extra if top in org.roles)
    bodies = len(extra) - roles
    role_part = "no `reports_to`, no `escalates_to`"
    if bodies == 1:
        body_part = "a body with no `escalates_to` that ends a decision's chain"
    else:
        body_part = "bodies with no `escalates_to` that end decisions' chains"
    if not bodies:
        return role_part
    if not roles:
        return body_part
    role_part = "a role with" if roles == 1 else "roles with"
    return f"{role_part} no `reports_to` or `escalates_to`; {body_part}"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    all_tops = tuple(sorted((*tops(org), *body_tops(org))))
    written = org.organization is not None and org.organization.has("final_authority")
    authority = final_authority(org)
    if written and authority is None:
        return  # final_authority names no role or body: GL002 or GL005 says so
    if authority is not None:
        extra = tuple(top for top in all_tops if top != authority)
    else:
        extra = all_tops if len(all_tops) > 1 else ()
    if not extra:
        return
    names = listing([who(org, top, config.show) for top in extra])
    if authority is not None:
        verb = "is a top" if len(extra) == 1 else "are tops"
        what = (
            f"besides the final authority `{authority}`, {names} {verb} "
            f"({_why_tops(org, extra)}): escalations that reach "
            f"{'it' if len(extra) == 1 else 'them'} stop there and never reach `{authority}`"
        )
    else:
        what = (
            f"{names} are tops ({_why_tops(org, extra)}): escalations stop at "
            "whichever one they reach, and no role is above all of them"
        )
        authority = _most_reported(org, extra)
        assert authority is not None
    yield Finding(
        CODE,
        org.entities[extra[0]].locate(),
        what,
        _help(org, extra, authority, written),
        entities=extra,
    )


RULE = Rule(
    code=CODE,
    name="multiple-tops",
    severity="warning",
    check=check,
    doc=__doc__,
    identity="every-entity",
)
