"""Several roles at the top, where escalation chains stop.

## What it does

A top is a role with neither `reports_to` nor `escalates_to`; every top ends the
escalation chains that reach it. This rule reports, once for the organization,
more than one top, or, when `organization` names a `final_authority`, any top
other than it. The finding is about the first such top in sorted order, at its
key, and names all of them in sorted order. A `final_authority` that names no
role (GL002, GL005) leaves this rule silent.

The help names the top to make the final authority (with `final_authority` set,
that one; else the top with the most roles reporting up to it) and the others to
give `reports_to`.

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
from governance_lint.model.terms import final_authority, listing, tops, who
from governance_lint.rules._rule import Rule

CODE = "OR002"


def _most_reported(org: Organization, candidates: tuple[str, ...]) -> str | None:
    """The top with the most roles reporting up to it (the first in sorted order on a tie)."""
    reporting = relation(org, "reports_to", "role")
    return max(candidates, key=lambda top: len(reaching(reporting, {top})), default=None)


def _help(org: Organization, extra: tuple[str, ...], authority: str | None, written: bool) -> str:
    if written and authority not in tops(org):
        return (
            f"the final authority `{authority}` has lines of its own: make "
            f"`{_most_reported(org, extra)}` the `final_authority`, or remove `{authority}`'s "
            "`reports_to` and `escalates_to` and give the other tops `reports_to`"
        )
    others = listing([f"`{top}`" for top in extra if top != authority])
    return (
        "" if written else f"make `{authority}` the organization's `final_authority` and "
    ) + f"give {others} `reports_to: {authority}` or a role under it"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    all_tops = tops(org)
    written = org.organization is not None and org.organization.has("final_authority")
    if written:
        authority = final_authority(org)
        if authority is None:
            return  # final_authority names no role: GL002 or GL005 says so
        extra = tuple(top for top in all_tops if top != authority)
    else:
        extra = all_tops if len(all_tops) > 1 else ()
        authority = _most_reported(org, extra)
    if not extra:
        return
    names = listing([who(org, top, config.show) for top in extra])
    if written:
        verb = "is a top" if len(extra) == 1 else "are tops"
        what = (
            f"besides the final authority `{authority}`, {names} {verb} (no `reports_to`, "
            f"no `escalates_to`): escalations that reach {'it' if len(extra) == 1 else 'them'} "
            f"stop there and never reach `{authority}`"
        )
    else:
        what = (
            f"{names} are tops (no `reports_to`, no `escalates_to`): escalations stop at "
            "whichever one they reach, and no role is above all of them"
        )
    yield Finding(
        CODE,
        org.roles[extra[0]].locate(),
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
