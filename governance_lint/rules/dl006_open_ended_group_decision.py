"""A group decision with no deadline.

## What it does

Reports a decision taken by a group (`mode: consent`, `consensus` or `vote`) with
two or more deciders and no `decide_within`, at the `mode` field when written, else
at the `owner` field. An `on_no_agreement` does not silence it: a declared outcome
still needs a date on which it applies. A decision owned by a body takes the body's
`decides_by`, deciders and `decide_within`; when the body's own fields leave the
decisions it owns open-ended, and those decisions write none of `mode`, `deciders`
and `decide_within`, it is reported once, about the body, at its key, listing those
decisions (their `owner` fields are related locations).

It is not reported for a decision whose `owner` lists two or more ids: joint
ownership is the fault to fix there, and the fix (one owner) changes how the
decision is taken. Nor for one with fewer than two deciders (unreachable-quorum's),
one owned by a group, or one in mode `any`, where one person decides.

## Why is this bad?

A group waits for its slowest member. Without a deadline, "not yet" is an answer
nobody has to give out loud, and the decision stays open until it no longer
matters. A deadline also says when the decision goes to its `escalates_to`.

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
decisions:
  api-deprecation:
    title: When a public API version is retired
    owner: cto
    mode: consent
    deciders: [cpo, cto]
```

## Fix

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
decisions:
  api-deprecation:
    title: When a public API version is retired
    owner: cto
    mode: consent
    deciders: [cpo, cto]
    decide_within: 2w
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.modes import (
    GROUP_MODES,
    about_body,
    decide_within,
    decider_seats,
    deciders_sound,
    decision_mode,
    escalation_target,
    joint_ownership,
    owned_by_group,
    owner_entries,
)
from governance_lint.model.organization import Entity, Organization
from governance_lint.rules._grouped import grouped
from governance_lint.rules._rule import Rule

CODE = "DL006"

# A decision owned by a body that writes none of these takes its open end from the body.
BODY_FIELDS = ("mode", "deciders", "decide_within")


def _fix(escalation: object) -> str:
    return "set `decide_within` (such as `5d` or `2w`)" + (
        f", after which it goes to `{escalation}`"
        if isinstance(escalation, str)
        else ", and an `escalates_to` for when it runs out"
    )


def check(org: Organization, config: Config) -> Iterator[Finding]:
    by_body: dict[str, list[Entity]] = {}
    for decision in org.decisions.values():
        how = decision_mode(org, decision)
        if how not in GROUP_MODES or decide_within(org, decision).written:
            continue
        if joint_ownership(org, decision) or owned_by_group(org, decision):
            continue  # DR002 or DR003 reports it, whether or not it is selected
        if not deciders_sound(org, decision):
            continue
        if len(decider_seats(org, org.index.facts(decision).deciders or ())) < 2:
            continue  # DL004's
        body = about_body(org, decision, BODY_FIELDS)
        if body is not None:
            by_body.setdefault(body.id, []).append(decision)
            continue
        target = escalation_target(org, decision)
        yield Finding(
            CODE,
            decision.locate("mode" if decision.has("mode") else "owner"),
            f"decision `{decision.id}` is taken by {how} and has no `decide_within`: "
            "nothing says when the group must have decided",
            _fix(target.value if target.sound else None),
            entities=(decision.id,),
        )
    for body_id in sorted(by_body):
        decisions = by_body[body_id]
        body = org.teams[body_id]
        opening = (
            f"team `{body_id}` decides by {decision_mode(org, decisions[0])} and has no "
            "`decide_within`, so"
        )
        yield grouped(
            CODE,
            body,
            owner_entries(decisions),
            f"{opening} the decision it owns has no deadline: {{entries}}",
            f"{opening} {{n}} decisions it owns have no deadline: {{entries}}",
            _fix(body.get("escalates_to") if body.sound("escalates_to") else None),
        )


RULE = Rule(
    code=CODE,
    name="open-ended-group-decision",
    severity="warning",
    check=check,
    doc=__doc__,
    decision_rows=True,
)
