"""An organization without a weekly, a monthly or a quarterly cadence.

## What it does

Reports, once for the whole organization, each of the three frequencies of an
operating rhythm that no cadence's `every` has: weekly (`biweekly` counts as
weekly), monthly and quarterly. The finding points at the `organization` key;
without one, at the first `cadences` key in file order; else at line 1, column 1
of the first governance file. It names no entities. A cadence whose `every` is
not one of the known values (GL002) leaves this rule silent.

## Why is this bad?

Each horizon needs its own meeting: the week for execution and blockers, the
month for the numbers and the operating plan, the quarter for priorities and
resources. Without one of them, its questions are squeezed into another meeting
or decided in the corridor.

## Example

```yaml
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
cadences:
  weekly-execution-review: {title: Weekly execution review, every: weekly, chair: ceo}
```

## Fix

```yaml
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
cadences:
  weekly-execution-review: {title: Weekly execution review, every: weekly, chair: ceo}
  monthly-operating-review: {title: Monthly operating review, every: monthly, chair: ceo}
  quarterly-planning: {title: Quarterly planning reset, every: quarterly, chair: ceo}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.cadences import WEEKLY, every, organization_location
from governance_lint.model.organization import Organization
from governance_lint.model.terms import listing
from governance_lint.rules._rule import Rule

CODE = "CD006"

RHYTHM = (("weekly", WEEKLY), ("monthly", {"monthly"}), ("quarterly", {"quarterly"}))


def check(org: Organization, config: Config) -> Iterator[Finding]:
    if any(not cadence.sound("every") for cadence in org.cadences.values()):
        return
    frequencies = {every(cadence) for cadence in org.cadences.values()}
    missing = [name for name, accepted in RHYTHM if not frequencies & accepted]
    if not missing:
        return
    where = organization_location(org, "cadences")  # a position: asked for only when needed
    if where is None:
        return
    lacking = listing(missing).replace(" and ", " or ")
    wanted = listing([f"a {name}" for name in missing])
    yield Finding(
        CODE,
        where,
        f"the organization has no {lacking} cadence: its operating rhythm has a gap",
        f"add {wanted} cadence, each reviewing the decisions and metrics of its horizon",
    )


RULE = Rule(
    code=CODE,
    name="missing-operating-rhythm",
    severity="info",
    check=check,
    doc=__doc__,
    identity="nothing",
    cost="forked",
)
