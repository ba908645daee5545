"""A definition of ready with no criteria.

## What it does

Reports a definition of ready whose `criteria` is absent, `null`, an empty list,
or a list of blank strings only, at the `criteria` field (else at the
definition's key, when the field is absent or `null`).

## Why is this bad?

A definition of ready is its criteria. Without them, "ready" means whatever the
sender thinks on the day of the handoff, the receiving team cannot turn work
back on anything written down, and the same gaps are found halfway through the
build, again and again.

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: cpo}
teams:
  product: {name: Product, lead: cpo}
  engineering: {name: Engineering, lead: cto}
ready:
  feature-brief:
    artifact: Feature brief
    from: product
    to: engineering
    accepted_by: cto
    criteria: []
```

## Fix

List what the artifact must contain before the receiving team accepts it.

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: cpo}
teams:
  product: {name: Product, lead: cpo}
  engineering: {name: Engineering, lead: cto}
ready:
  feature-brief:
    artifact: Feature brief
    from: product
    to: engineering
    accepted_by: cto
    criteria:
      - The customer problem, with the evidence behind it
      - Acceptance criteria for every behaviour a user will see
      - Final designs for each new or changed screen
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.rules._rule import Rule

CODE = "RD002"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for ready in org.readies.values():
        if not ready.sound("criteria"):
            continue
        criteria = ready.get("criteria")
        items = criteria if isinstance(criteria, list) else []
        if any(isinstance(item, str) and item.strip() for item in items):
            continue
        if criteria is None:
            what = "has no `criteria`"
        elif items:
            what = "has only blank `criteria`"
        else:
            what = "has an empty `criteria` list"
        artifact = ready.get("artifact")
        thing = f"the {config.show(artifact)}" if isinstance(artifact, str) else "the artifact"
        yield Finding(
            CODE,
            ready.locate("criteria") if ready.has("criteria") else ready.locate(),
            f"definition of ready `{ready.id}` {what}: any handoff can be called ready, "
            "and nothing written lets the receiving team send it back",
            f"list under `criteria` what {thing} must contain before it is accepted",
            entities=(ready.id,),
        )


RULE = Rule(
    code=CODE,
    name="empty-ready",
    severity="error",
    check=check,
    doc=__doc__,
)
