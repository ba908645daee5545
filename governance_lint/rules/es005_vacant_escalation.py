"""An escalation chain that passes through a vacant role.

## What it does

Follows each decision's escalation chains and reports each role with no `holder`,
and each vacant body (a team with `decides_by` and no held role or person among its
lead and members), that they pass before their end (a vacant owner is DR004's), once, at the role's
key, listing every decision one of whose chains passes through it (first five, then
"and N more"). Each listed decision's `escalates_to` field when set, else its
`owner` field, is a related location; a suppression there takes that decision out
of the list. A vacant role or body where chains end (the final authority, another top, or a
body that ends them) is reported once, at its key, however many chains end there.

Besides naming a holder, the help of a vacancy passed before a chain's end suggests
the listed decisions escalate past it: `escalates_to` set, on each of them, to the
vacant role's or body's next hop. The suggestion is checked: the help names a
candidate only when that change, in a copy of the organization, makes this finding go
away and adds no error or warning. After the next hop come the roles above it,
nearest first, then its peers; when none passes, the help only says to fill the seat.

## Why is this bad?

An escalation sent to an empty seat waits for nobody. Vacancies on the way up are
where contested decisions disappear.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  dana: {name: Dana Ruiz}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, reports_to: ceo}
  ops-lead: {title: Operations Lead, holder: dana, reports_to: coo}
decisions:
  shift-plan:
    title: Warehouse shift plan
    owner: ops-lead
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  dana: {name: Dana Ruiz}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, reports_to: ceo}
  ops-lead: {title: Operations Lead, holder: dana, reports_to: coo}
decisions:
  shift-plan:
    title: Warehouse shift plan
    owner: ops-lead
    escalates_to: ceo
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding, Location
from governance_lint.model.escalation import Chain, vacancy_after, walk
from governance_lint.model.organization import Organization
from governance_lint.model.terms import Vacancy, final_authority, is_vacant, vacancy
from governance_lint.rules._grouped import grouped, subject_phrase
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import candidates, set_on, suggest_among, suggesting

CODE = "ES005"


def passed(org: Organization, chain: Chain) -> tuple[str, ...]:
    """The vacant roles a chain passes before its end, in chain order: one step per
    vacancy, each found from the last (``vacancy_after`` is remembered per role)."""
    hops = chain.hops
    found = [role for role in hops.head if is_vacant(org, role)]
    current = hops.rest
    while current is not None:
        after = vacancy_after(org, current)
        if after is None:
            break
        found.append(after.role)
        current = after.role
    if found and chain.end == "end" and found[-1] == hops[-1]:
        found.pop()  # where the chain ends: reported about the role itself
    return tuple(dict.fromkeys(found))


def check(org: Organization, config: Config) -> Iterator[Finding]:
    vacant_ends: set[str] = set()
    # by chain list: decisions with the same owners and escalates_to share one
    looked: dict[int, tuple[str, ...]] = {}
    through: dict[str, list[tuple[str, Location, str, tuple[str, ...]]]] = {}
    for decision in org.decisions.values():
        found = org.index.facts(decision).chains
        if not found:
            continue
        if id(found) not in looked:
            for chain in found:
                if chain.end == "end" and chain.hops and is_vacant(org, chain.hops[-1]):
                    vacant_ends.add(chain.hops[-1])
            looked[id(found)] = tuple(
                dict.fromkeys(role for chain in found for role in passed(org, chain))
            )
        field = "escalates_to" if decision.has("escalates_to") else "owner"
        for vacant in looked[id(found)]:
            through.setdefault(vacant, []).append(
                (
                    decision.id,
                    decision.locate(field),
                    f"`{decision.id}` escalates through `{vacant}`",
                    (),
                )
            )
    for vacant, decisions in sorted(through.items()):
        kind = vacancy(org, vacant) or "role"
        opening = subject_phrase(vacant, kind)
        fill = _fill(vacant, kind)
        one = f"{opening} and 1 decision escalates through it: {{entries}}"
        many = f"{opening} and {{n}} decisions escalate through it: {{entries}}"
        finding = grouped(CODE, org.entities[vacant], decisions, one, many, fill)
        targets = [org.decisions[entry[0]] for entry in decisions]
        after = suggest_among(
            org,
            config,
            finding,
            targets,
            "escalates_to",
            candidates(org, walk(org, vacant).next),
            (),
            set_on(targets, "escalates_to"),
        )
        if after is not None:
            fill += f", or set `escalates_to: {after}` on {{entries}}"
            finding = suggesting(grouped(CODE, org.entities[vacant], decisions, one, many, fill))
        yield finding
    authority = final_authority(org)
    for end_id in sorted(vacant_ends):
        kind = vacancy(org, end_id) or "role"
        if kind == "body":
            what = "the final authority" if end_id == authority else "a body"
            subject = f"team `{end_id}` is {what}, where escalation chains end, and it is "
            subject += "vacant, with no held role or person among its lead and members"
        else:
            what = "the final authority" if end_id == authority else "a top role"
            subject = f"role `{end_id}` is {what}, where escalation chains end, and it is vacant"
        yield Finding(
            CODE,
            org.entities[end_id].locate(),
            f"{subject}: escalations that reach it wait for nobody",
            _fill(end_id, kind),
            entities=(end_id,),
        )


def _fill(vacant: str, kind: Vacancy) -> str:
    """How to fill a vacant role or body."""
    if kind == "body":
        return f"name a held role or person as the lead or a member of `{vacant}`"
    return f"name a `holder` for `{vacant}`"


RULE = Rule(
    code=CODE,
    name="vacant-escalation",
    severity="error",
    check=check,
    doc=__doc__,
    diagram=True,
    decision_rows=True,
)
