"""A metric with no single owner, or whose owner is a vacant role.

## What it does

Reports a metric whose `owner` is absent, `null` or `[]`, a list, a team (a body
or a group included), or a role with two or more holders (a shared seat is not one
owner), at the `owner` field, else at the metric's key; its entities are the metric,
then the owner ids as written. A metric's owner is written as one id: a list of one
is reported too, since the rules that read metric owners (DR007, DR012) leave every
list to this rule. A role with no `holder` that owns metrics is one finding, at the
role's key, listing its metrics (first five, then "and N more"), each metric's
`owner` field a related location (a suppression there takes that metric out of the
list).

For a team owner the help suggests the team's lead as `owner`; for a vacant role, its
`reports_to`, set as `owner` on each metric listed. The suggestion is checked: the
help names a candidate only when setting it, in a copy of the organization, makes this
finding go away and adds no error or warning. After the first candidate come the
roles above it, nearest first, then its peers; when none passes, the help names no id.

## Why is this bad?

A number that several people own, that a team owns, or that an empty seat owns
is a number nobody answers for. When it moves the wrong way, the review turns
into a discussion of whose it is instead of what to do.

## Example

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
teams:
  product: {name: Product, lead: cpo}
cadences:
  weekly-product-review: {title: Weekly product review, every: weekly, chair: cpo}
metrics:
  activation-rate:
    title: New accounts active in their first week
    owner: product
    kind: leading
    reviewed_in: weekly-product-review
```

## Fix

```yaml
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
teams:
  product: {name: Product, lead: cpo}
cadences:
  weekly-product-review: {title: Weekly product review, every: weekly, chair: cpo}
metrics:
  activation-rate:
    title: New accounts active in their first week
    owner: cpo
    kind: leading
    reviewed_in: weekly-product-review
```
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding, Location
from governance_lint.model.organization import Entity, Organization
from governance_lint.model.terms import listing, manager_of, team_lead, vacancy, who
from governance_lint.rules._grouped import grouped, literal, subject_phrase
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import (
    helped,
    regrouped,
    replace_at,
    suggest,
    suggest_at,
)

CODE = "CD004"

NOBODY = ": nobody answers for the number"


def _fault(
    org: Organization, metric: Entity, show: Callable[[object], str]
) -> tuple[str, str] | None:
    """What is wrong with the metric's owner and what to change, or None."""
    owners = metric.ids("owner")
    if not owners:
        if not metric.sound("owner"):
            return None
        return f"has no owner{NOBODY}", "name one `owner`: the role accountable for the number"
    if isinstance(metric.get("owner"), list) and len(owners) >= 2:
        names = listing([who(org, owner, show) for owner in owners])
        return (
            f"has {len(owners)} owners, {names}{NOBODY}",
            "keep one owner, and split the metric if each answers for a part of it",
        )
    if isinstance(metric.get("owner"), list):
        return (
            f"names its owner in a list, {who(org, owners[0], show)}, where one id is "
            "expected: the number's accountability is not checked until it is one id",
            f"write `owner: {show(owners[0])}`, one id, not a list",
        )
    owner = owners[0]
    if not metric.sound("owner"):
        return None
    if org.kind_of(owner) == "team":
        # the lead, when it has one, is suggested once checked (`_team_help`)
        return f"is owned by team `{owner}`{NOBODY}", "name one role of the team as `owner`"
    role = org.roles.get(owner)
    if role is not None and len(role.holders) >= 2:
        names = listing([who(org, person, show) for person in role.holders])
        return (
            f"is owned by `{owner}`, a seat shared by {names}{NOBODY} alone",
            f"make one of {names} the owner, or a role that one of them holds alone",
        )
    return None


def check(org: Organization, config: Config) -> Iterator[Finding]:
    owned: dict[str, list[tuple[str, Location, str, tuple[str, ...]]]] = {}
    for metric in org.metrics.values():
        owner = metric.get("owner")
        if isinstance(owner, str) and metric.sound("owner") and vacancy(org, owner) == "role":
            owned.setdefault(owner, []).append(
                (metric.id, metric.locate("owner"), f"`{metric.id}` names `{owner}` as owner", ())
            )
            continue
        fault = _fault(org, metric, config.show)
        if fault is None:
            continue
        what, help = fault
        finding = Finding(
            CODE,
            metric.locate("owner") if metric.has("owner") else metric.locate(),
            f"metric `{metric.id}` {what}",
            help,
            entities=tuple(dict.fromkeys((metric.id, *metric.ids("owner")))),
        )
        yield _team_help(org, config, finding, metric)
    for role_id, metrics in sorted(owned.items()):
        opening = subject_phrase(role_id, "role")
        fill = f"name a `holder` for `{role_id}`"
        finding = grouped(
            CODE,
            org.roles[role_id],
            metrics,
            f"{opening} and owns 1 metric: {{entries}}",
            f"{opening} and owns {{n}} metrics: {{entries}}",
            fill,
        )
        places = [(org.metrics[metric_id], "owner") for metric_id, *_ in metrics]
        chosen = suggest_at(
            org,
            config,
            finding,
            places,
            manager_of(org, role_id),
            replace_at(places, role_id),
        )
        if chosen is not None:
            finding = regrouped(
                finding, f"{fill}, or set `owner: {literal(chosen)}` on {{entries}}"
            )
        yield finding


def _team_help(org: Organization, config: Config, finding: Finding, metric: Entity) -> Finding:
    """For a metric a team owns, the help naming the verified `owner` to set, the first
    candidate the team's lead; any other finding as it is."""
    owner = metric.get("owner")
    if not isinstance(owner, str) or org.kind_of(owner) != "team" or not metric.sound("owner"):
        return finding
    lead = team_lead(org, owner)
    chosen = suggest(org, config, finding, metric, "owner", lead)
    if chosen is None:
        return finding
    lead_of = f", the lead of `{owner}`" if chosen == lead else ""
    return helped(finding, f"set `owner: {chosen}`{lead_of}")


RULE = Rule(
    code=CODE,
    name="metric-without-owner",
    severity="warning",
    check=check,
    doc=__doc__,
    cost="forked",
)
