"""A cadence with no chair, or whose chair is a vacant role.

## What it does

Reports a cadence with no `chair`, at the cadence's key, and each vacant chair: a
role with no `holder`, or a body (a team with `decides_by`) with no held role or
person among its lead and members, once however many cadences it chairs, at its
key, listing them (first five, then "and N more"), each cadence's `chair` field a
related location (a suppression there takes that cadence out of the list). The
help suggests the lowest manager over those present (the chair and attendees, a team
through its lead and direct members), or, for a vacant chair, its `reports_to` (a
body's `escalates_to`) set as `chair` on each cadence listed.

The suggestion is checked: the help names a candidate only when setting it, in a copy
of the organization, makes this finding go away and adds no error or warning. After
the first candidate come the roles above it, nearest first, then its peers; when none
passes, the help names no id.

## Why is this bad?

A meeting nobody runs has no agenda owner: nobody decides what comes up, nobody
closes items, and it slides into status updates. A chair whose seat is empty is
the same meeting with a name on it.

## Example

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, reports_to: ceo}
cadences:
  weekly-execution-review:
    title: Weekly execution review
    every: weekly
    chair: coo
    attendees: [ceo]
```

## Fix

```yaml
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, reports_to: ceo}
cadences:
  weekly-execution-review:
    title: Weekly execution review
    every: weekly
    chair: ceo
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding, Location
from governance_lint.model.cadences import present
from governance_lint.model.organization import Organization
from governance_lint.model.terms import lowest_common_manager, vacancy
from governance_lint.rules._grouped import filling, grouped, literal, next_up, subject_phrase
from governance_lint.rules._rule import Rule
from governance_lint.rules._suggest import helped, regrouped, replace_at, suggest, suggest_at

CODE = "CD002"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    chaired: dict[str, list[tuple[str, Location, str, tuple[str, ...]]]] = {}
    for cadence in org.cadences.values():
        if not cadence.has("chair"):
            attendees = present(org, cadence)
            manager = lowest_common_manager(org, attendees) if attendees else None
            finding = Finding(
                CODE,
                cadence.locate(),
                f"cadence `{cadence.id}` has no chair: nobody owns its agenda or closes its items",
                "name a `chair`: the role that runs the meeting and owns its agenda",
                entities=(cadence.id,),
            )
            chosen = suggest(org, config, finding, cadence, "chair", manager)
            if chosen is not None:
                finding = helped(
                    finding,
                    f"set `chair: {chosen}`, the lowest manager over its attendees"
                    if chosen == manager
                    else f"set `chair: {chosen}`",
                )
            yield finding
            continue
        chair = cadence.get("chair")
        if not cadence.sound("chair") or vacancy(org, chair) is None:
            continue
        chaired.setdefault(chair, []).append(
            (cadence.id, cadence.locate("chair"), f"`{cadence.id}` names `{chair}` as chair", ())
        )
    for chair_id, cadences in sorted(chaired.items()):
        kind = vacancy(org, chair_id)
        assert kind is not None
        opening = subject_phrase(chair_id, kind)
        fill, _ = filling(org, chair_id, kind)
        finding = grouped(
            CODE,
            org.entities[chair_id],
            cadences,
            f"{opening} and chairs 1 cadence: {{entries}}",
            f"{opening} and chairs {{n}} cadences: {{entries}}",
            fill,
        )
        places = [(org.cadences[cadence_id], "chair") for cadence_id, *_ in cadences]
        chosen = suggest_at(
            org,
            config,
            finding,
            places,
            next_up(org, chair_id, kind),
            replace_at(places, chair_id),
        )
        if chosen is not None:
            finding = regrouped(
                finding, f"{fill}, or set `chair: {literal(chosen)}` on {{entries}}"
            )
        yield finding


RULE = Rule(
    code=CODE,
    name="cadence-without-chair",
    severity="warning",
    check=check,
    doc=__doc__,
    cost="forked",
)
