"""A majority vote among an even number of deciders, with nobody to break a tie.

## What it does

Reports a decision in `vote` mode by majority (`threshold: majority`, or no
`threshold`) whose deciders are an even number of people, two or more, when it
names no resolver: no `tie_breaker`, no escalation target (`escalates_to`) and no
`on_no_agreement`, each its own or, for a decision a body owns, the body's. It
points at the `mode` field when written, else at the `owner` field. Deciders are
counted as distinct people: a person and a role they hold count once; a role with
several holders counts as each of them; each vacant role counts as one seat. The
help suggests the deciders' lowest common manager as `tie_breaker`.

The suggestion is checked: the help names a candidate only when setting it, in a copy
of the organization, makes this finding go away and adds no error or warning. After
the first candidate come the roles above it, nearest first, then its peers; a decider is
passed over, and when no candidate passes the help names no id.

A decision owned by a body takes the body's `decides_by`, `threshold`, deciders and
resolvers. When the body's own fields give the tie to the decisions it owns, and
those decisions write none of `mode`, `threshold`, `deciders`, `tie_breaker`,
`escalates_to` and `on_no_agreement`, the tie is reported once, about the body, at
its key, listing those decisions (their `owner` fields are related locations); the
fix goes on the body. An owner list of two or more ids (joint ownership) and a
group owner are reported by their own rules, not here.

## Why is this bad?

A majority is more than half of the votes cast. With an even number of voters a
split down the middle is no majority for either side, and the decision stays
open until someone changes their vote or somebody senior steps in unasked.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
  ada: {name: Ada Obi}
  omar: {name: Omar Haddad}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: ada, reports_to: ceo}
  coo: {title: Chief Operating Officer, holder: omar, reports_to: ceo}
decisions:
  tooling-budget:
    title: Which tools the company pays for
    owner: cfo
    mode: vote
    deciders: [cpo, cto, cfo, coo]
    decide_within: 2w
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
  ada: {name: Ada Obi}
  omar: {name: Omar Haddad}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: ada, reports_to: ceo}
  coo: {title: Chief Operating Officer, holder: omar, reports_to: ceo}
decisions:
  tooling-budget:
    title: Which tools the company pays for
    owner: cfo
    mode: vote
    deciders: [cpo, cto, cfo, coo]
    tie_breaker: ceo
    decide_within: 2w
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import and_more, few
from governance_lint.findings import Finding
from governance_lint.model.modes import (
    about_body,
    decider_seats,
    deciders_sound,
    decision_mode,
    joint_ownership,
    names_resolver,
    owned_by_group,
    owner_entries,
    threshold,
)
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import listing, lowest_common_manager, who
from governance_lint.rules._grouped import grouped
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import above_all, helped, suggest

CODE = "DL003"

# A decision owned by a body that writes none of these takes its tie from the body.
BODY_FIELDS = ("mode", "threshold", "deciders", "tie_breaker", "escalates_to", "on_no_agreement")


def _with_help(
    org: Organization, config: Config, finding: Finding, target: Entity, group: tuple[str, ...]
) -> Finding:
    """The finding, its help naming the verified `tie_breaker` to set on ``target`` (the
    decision, or the body) when one passes; else saying what to do without an id."""
    first = lowest_common_manager(org, group)
    chosen = suggest(org, config, finding, target, "tie_breaker", first, group)
    if chosen is None:
        return finding
    who_is = ", who is above the deciders" if above_all(org, chosen, group) else ""
    return helped(
        finding, f"set `tie_breaker: {chosen}`{who_is}, or make the number of deciders odd"
    )


_NO_ID = "name a `tie_breaker`, or make the number of deciders odd"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    by_body: dict[str, list[Entity]] = {}
    for decision in org.decisions.values():
        if decision_mode(org, decision) != "vote" or threshold(org, decision) != "majority":
            continue
        if names_resolver(org, decision) or not deciders_sound(org, decision):
            continue
        if joint_ownership(org, decision) or owned_by_group(org, decision):
            continue  # DR002 or DR003 reports it, whether or not it is selected
        group = org.index.facts(decision).deciders or ()
        count = len(decider_seats(org, group))
        if count < 2 or count % 2:
            continue
        body = about_body(org, decision, BODY_FIELDS)
        if body is not None:
            by_body.setdefault(body.id, []).append(decision)
            continue
        shown, more = few(group)
        names = listing(and_more([who(org, member, config.show) for member in shown], more))
        finding = Finding(
            CODE,
            decision.locate("mode" if decision.has("mode") else "owner"),
            f"decision `{decision.id}` is a majority vote of {count} people, {names}: a "
            f"{count // 2}-{count // 2} split decides nothing, and nobody breaks the tie",
            _NO_ID,
            entities=(decision.id, *shown),
        )
        yield _with_help(org, config, finding, decision, group)
    for body_id in sorted(by_body):
        decisions = by_body[body_id]
        group = org.index.facts(decisions[0]).deciders or ()
        count = len(decider_seats(org, group))
        opening = f"team `{body_id}` votes by majority with {count} deciders and no resolver, so"
        body = org.teams[body_id]
        finding = grouped(
            CODE,
            body,
            owner_entries(decisions),
            f"{opening} the decision it owns can tie: {{entries}}",
            f"{opening} {{n}} decisions it owns can tie: {{entries}}",
            _NO_ID,
        )
        yield _with_help(org, config, finding, body, group)


RULE = Rule(
    code=CODE,
    name="tie-possible",
    severity="warning",
    check=check,
    doc=__doc__,
    decision_rows=True,
)
