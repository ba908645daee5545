"""An escalation chain with more hops than anyone will wait for.

## What it does

Follows each decision's escalation chain from its owner to its end (the final
authority, another top, or a body with no `escalates_to`; a body on the way is a
hop like a role) and reports the decision when the chain takes more than
`max_escalation_hops` hops; the first hop is 1. It reports each decision at most
once, about its first chain that is too deep in owner order (an owner list in its
order, a person's roles in sorted order), at the decision's `escalates_to` when set,
else at its `owner`. A chain that enters a loop has no end and is left to ES002 and
OR001; a chain that reaches a person who holds no role is ES001's.

The help names a senior role on the chain to write as the decision's own
`escalates_to`: the lowest one that brings the chain within the limit, passing over
roles held by the owner's own people (escalating to yourself is ES003).

## Why is this bad?

Every hop is another inbox and another meeting. A contested decision that has to
climb five or six levels before anyone can settle it is settled late, or settled
informally by whoever is closest, and the written escalation path stops being the
real one.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  marc: {name: Marc Dupont}
  ana: {name: Ana Costa}
  kofi: {name: Kofi Mensah}
  dana: {name: Dana Ruiz}
  yuki: {name: Yuki Sato}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, holder: marc, reports_to: ceo}
  vp-ops: {title: VP Operations, holder: ana, reports_to: coo}
  regional-director: {title: Regional Director, holder: kofi, reports_to: vp-ops}
  site-manager: {title: Site Manager, holder: dana, reports_to: regional-director}
  shift-lead: {title: Shift Lead, holder: yuki, reports_to: site-manager}
decisions:
  shift-rota:
    title: Who works which shift
    owner: shift-lead
```

## Fix

Give the decision its own `escalates_to`, a senior role that can settle it.

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
  marc: {name: Marc Dupont}
  ana: {name: Ana Costa}
  kofi: {name: Kofi Mensah}
  dana: {name: Dana Ruiz}
  yuki: {name: Yuki Sato}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, holder: marc, reports_to: ceo}
  vp-ops: {title: VP Operations, holder: ana, reports_to: coo}
  regional-director: {title: Regional Director, holder: kofi, reports_to: vp-ops}
  site-manager: {title: Site Manager, holder: dana, reports_to: regional-director}
  shift-lead: {title: Shift Lead, holder: yuki, reports_to: site-manager}
decisions:
  shift-rota:
    title: Who works which shift
    owner: shift-lead
    escalates_to: regional-director
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.display import chain_entities, chain_text
from governance_lint.findings import Finding
from governance_lint.model.escalation import Chain
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import is_vacant, same_person, who
from governance_lint.rules._rule import Rule

CODE = "ES004"


def senior_role(org: Organization, decision: Entity, chain: Chain, limit: int) -> tuple[str, int]:
    """The lowest role on the chain that, as the decision's ``escalates_to``, keeps the
    chain within ``limit`` hops, and the hops the chain then takes; roles of the owners'
    own people (ES003) are passed over where possible, and a held role is preferred to a
    vacant one. Only the chain's last ``limit`` hops are read, from its end."""
    candidates = chain.hops.last(limit) or chain.hops[-1:]
    owners = decision.ids("owner")
    usable = [
        role for role in candidates if not any(same_person(org, role, o) for o in owners)
    ] or list(candidates)
    target = next((role for role in usable if not is_vacant(org, role)), usable[0])
    return target, len(candidates) - candidates.index(target)


def check(org: Organization, config: Config) -> Iterator[Finding]:
    limit = int(config.threshold("max_escalation_hops"))
    # by chain list: decisions with the same owners and escalates_to share one
    looked: dict[int, tuple[Chain, str, int] | None] = {}
    for decision in org.decisions.values():
        found = org.index.facts(decision).chains
        if not found:
            continue
        if id(found) not in looked:
            deep = next((c for c in found if c.end == "end" and len(c.hops) > limit), None)
            looked[id(found)] = (deep, *senior_role(org, decision, deep, limit)) if deep else None
        if (seen := looked[id(found)]) is None:
            continue
        too_deep, target, remaining = seen
        action = "point" if decision.has("escalates_to") else "set"
        yield Finding(
            CODE,
            decision.locate("escalates_to" if decision.has("escalates_to") else "owner"),
            f"decision `{decision.id}` takes {len(too_deep.hops)} hops to escalate, more than "
            f"{limit}, from {who(org, too_deep.owner, config.show)} to "
            f"{who(org, too_deep.hops[-1], config.show)}: {chain_text(too_deep.path)}",
            f"{action} the decision's `escalates_to` to {who(org, target, config.show)}, a "
            f"senior role that brings the chain to {remaining} hop{'s' if remaining != 1 else ''}",
            entities=(decision.id, *chain_entities(too_deep.path)),
        )


RULE = Rule(
    code=CODE,
    name="escalation-too-deep",
    severity="warning",
    check=check,
    doc=__doc__,
    thresholds={"max_escalation_hops": 4},
    diagram=True,
)
