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

The help names a role or body on the chain to write as the decision's own
`escalates_to`: the nearest one that brings the chain within the limit, else a later
one of the chain, in order. The suggestion is checked: the help names one only when
setting it, in a copy of the organization, makes this finding go away and adds no
error or warning (escalating to the owner's own seat, or to a vacant role, would add
one); when none passes, the help names no id.

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
from governance_lint.model.organization import Organization
from governance_lint.model.terms import who
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import helped, set_field, suggest_among

CODE = "ES004"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    limit = int(config.threshold("max_escalation_hops"))
    # by chain list: decisions with the same owners and escalates_to share one
    looked: dict[int, tuple[Chain, tuple[str, ...]] | None] = {}
    for decision in org.decisions.values():
        found = org.index.facts(decision).chains
        if not found:
            continue
        if id(found) not in looked:
            deep = next((c for c in found if c.end == "end" and len(c.hops) > limit), None)
            # the nearest node that brings the chain within the limit, then the later ones
            looked[id(found)] = (deep, deep.hops.last(limit)) if deep else None
        if (seen := looked[id(found)]) is None:
            continue
        too_deep, senior = seen
        finding = Finding(
            CODE,
            decision.locate("escalates_to" if decision.has("escalates_to") else "owner"),
            f"decision `{decision.id}` takes {len(too_deep.hops)} hops to escalate, more than "
            f"{limit}, from {who(org, too_deep.owner, config.show)} to "
            f"{who(org, too_deep.hops[-1], config.show)}: {chain_text(too_deep.path)}",
            f"set the decision's `escalates_to` to a senior role that brings the chain within "
            f"{limit} hop{'s' if limit != 1 else ''}",
            entities=(decision.id, *chain_entities(too_deep.path)),
        )
        target = suggest_among(
            org,
            config,
            finding,
            [decision],
            "escalates_to",
            senior,
            (),
            set_field(decision, "escalates_to"),
        )
        if target is not None:
            remaining = len(senior) - senior.index(target)
            finding = helped(
                finding,
                f"set `escalates_to: {target}`, which brings the chain to {remaining} "
                f"hop{'s' if remaining != 1 else ''}",
            )
        yield finding


RULE = Rule(
    code=CODE,
    name="escalation-too-deep",
    severity="warning",
    check=check,
    doc=__doc__,
    thresholds={"max_escalation_hops": 4},
    diagram=True,
)
