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

The help names the top to make the final authority and gives every other top a line
to it: `reports_to` from a role to a role, else `escalates_to` (and `final_authority`
when none is written). The suggestion is checked: the help names a top only when that
change, in a copy of the organization, makes this finding go away and adds no error or
warning. The final authority is tried first (without one, the top with the most roles
reporting up to it, the first in sorted order on a tie), then the other tops in sorted
order; when none passes, the help names no id.

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

from collections.abc import Iterator, Sequence

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.graph import reaching, relation
from governance_lint.model.organization import Organization
from governance_lint.model.terms import body_tops, final_authority, listing, tops, who
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import Apply, Edits, helped, helps_on, top_mapping, verified

CODE = "OR002"


def _most_reported(org: Organization, candidates: tuple[str, ...]) -> str | None:
    """The top with the most roles reporting up to it (the first in sorted order on a tie;
    a body has none)."""
    reporting = relation(org, "reports_to", "role")

    def below(top: str) -> int:
        return len(reaching(reporting, {top})) if top in org.roles else 0

    return max(candidates, key=below, default=None)


def _lines(org: Organization, tops: Sequence[str], chosen: str) -> dict[str, str]:
    """The field that gives each other top a line to ``chosen``: `reports_to` from a role
    to a role, else `escalates_to`."""
    return {
        top: "reports_to" if top in org.roles and chosen in org.roles else "escalates_to"
        for top in tops
        if top != chosen
    }


def _apply(org: Organization, tops: Sequence[str], written: bool) -> Apply:
    """The change: each other top's line to the candidate, and `final_authority` set to it
    when none is written (an `organization` added to the first file when there is none)."""

    def apply(edits: Edits, candidate: str) -> None:
        for top, field in _lines(org, tops, candidate).items():
            edits.entry(org.entities[top])[field] = candidate
        if written:
            return
        if org.organization is not None:
            edits.entry(org.organization)["final_authority"] = candidate
        elif org.documents:
            top_level = top_mapping(edits, org.documents[0])
            if top_level is not None:
                top_level["organization"] = {"final_authority": candidate}

    return apply


def _suggestion(org: Organization, tops: Sequence[str], chosen: str, written: bool) -> str:
    """The help naming the verified top: "set `final_authority: X`, `reports_to: X` on
    `a`, `b` and `escalates_to: X` on `c`"."""
    by_field: dict[str, list[str]] = {}
    for top, field in _lines(org, tops, chosen).items():
        by_field.setdefault(field, []).append(f"`{top}`")
    parts = [] if written else [f"`final_authority: {chosen}`"]
    parts += [
        f"`{field}: {chosen}` on {', '.join(by_field[field])}"
        for field in ("reports_to", "escalates_to")
        if field in by_field
    ]
    return "set " + listing(parts)


def _help(org: Organization, authority: str, written: bool) -> str:
    """What to do without naming a top to make the final authority."""
    if written and authority in org.roles and authority not in tops(org):
        return (
            f"the final authority `{authority}` has lines of its own: remove its `reports_to` "
            "and `escalates_to`, or name another `final_authority`, and give the other tops a "
            "line to it"
        )
    return (
        "name one top as the organization's `final_authority` and give each other top a line "
        "to it: `reports_to` from a role to a role, else `escalates_to`"
        if not written
        else "give each other top a line to the final authority: `reports_to` from a role to "
        "a role, else `escalates_to`"
    )


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
    finding = Finding(
        CODE,
        org.entities[extra[0]].locate(),
        what,
        _help(org, authority, written),
        entities=extra,
    )
    if helps_on():
        listed = (authority, *sorted(top for top in all_tops if top != authority))
        chosen = verified(org, config, finding, listed, _apply(org, all_tops, written))
        if chosen is not None:
            finding = helped(finding, _suggestion(org, all_tops, chosen, written))
    yield finding


RULE = Rule(
    code=CODE,
    name="multiple-tops",
    severity="warning",
    check=check,
    doc=__doc__,
    identity="every-entity",
)
