"""Everything the page shows, worked out in Python and named for people; the template
only lays it out. Values from files pass through ``config.show`` (cut, controls escaped)
and are escaped by the template."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from governance_lint.model.organization import Organization
from governance_lint.model.terms import roles_held
from governance_lint.output.html.findings import themes
from governance_lint.output.html.layout import BOX_HEIGHT, BOX_WIDTH, layout
from governance_lint.output.views.health import Health, Load, health, loads, rhythm
from governance_lint.output.views.matrix import LEGEND, Total, build_matrix
from governance_lint.output.views.matrix_format import total_text
from governance_lint.output.views.names import (
    Show,
    body_label,
    describe,
    entity_text,
    role_lines,
)
from governance_lint.result import Result

NONE = "\N{EN DASH}"  # a number that does not apply

SECTIONS = (
    ("summary", "Health summary"),
    ("findings", "Findings"),
    ("matrix", "Decision rights"),
    ("structure", "Reporting and escalation"),
    ("load", "Load per person"),
    ("rhythm", "Operating rhythm"),
)


def share(part: int, whole: int) -> str:
    """A whole percentage, rounded half up, that never rounds a shortfall up to 100%
    nor a few down to 0%: a reader must not be told everything is covered when it is
    not, or that nothing is when something is."""
    if whole == 0:
        return NONE
    percent = (200 * part + whole) // (2 * whole)
    if 0 < part < whole:
        percent = min(max(percent, 1), 99)
    return f"{percent}%"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def _verb(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def listing(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _load_phrase(row: Load) -> str:
    """What a seat carries, leaving out what is zero."""
    parts = [
        f"owns {plural(row.owned, 'decision')}" if row.owned else "",
        f"signs off on {plural(row.signoffs, 'decision')}" if row.signoffs else "",
        f"attends {plural(row.meetings, 'meeting')}" if row.meetings else "",
    ]
    return ", ".join(part for part in parts if part)


def seat_name(org: Organization, seat: str, show: Show) -> str:
    """A person by name, a body with its decision rule, a vacant role by its title."""
    if seat in org.people:
        return describe(org, seat, show)
    if seat in org.teams:
        return body_label(org, seat, show)
    return f"{role_lines(org, seat, show)[0]} (vacant)"


def summary(report: Result, numbers: Health, heavy: list[Load]) -> list[str]:
    """The health summary as sentences a COO can read aloud."""
    org, show = report.org, report.config.show
    counts = [report.count(s) for s in ("error", "warning", "info")]
    if not any(counts):
        said = ["governance-lint found no structural problems in these files."]
    else:
        found = [
            plural(count, word)
            for count, word in zip(counts, ("error", "warning", "note"), strict=True)
            if count
        ]
        said = [f"governance-lint found {listing(found)} in these files."]
        if counts[0]:
            said[0] += " Errors are decisions that can stall today: start with them."
    total = numbers.decisions
    if total == 0:
        said.append("No decisions are written down yet, so nobody owns anything on paper.")
    else:
        authority = (
            describe(org, numbers.final_authority, show)
            if numbers.final_authority
            else "a final authority (none is named, and there is no single top role)"
        )
        said.append(
            f"Of the {plural(total, 'decision')} written down, {numbers.one_owner} "
            f"({share(numbers.one_owner, total)}) {_verb(numbers.one_owner, 'has', 'have')} "
            "exactly one accountable owner, "
            f"{numbers.to_final_authority} ({share(numbers.to_final_authority, total)}) "
            f"{_verb(numbers.to_final_authority, 'escalates', 'escalate')} all the way to "
            f"{authority}, and {numbers.reviewed} ({share(numbers.reviewed, total)}) "
            f"{_verb(numbers.reviewed, 'is', 'are')} reviewed in a recurring meeting."
        )
    roles, bodies = numbers.vacant_roles, numbers.vacant_bodies
    if roles or bodies:
        titles = [role_lines(org, r, show)[0] for r in roles]
        titles += [body_label(org, b, show) for b in bodies]
        counted = listing(
            ([plural(len(roles), "role")] if roles else [])
            + ([plural(len(bodies), "body", "bodies")] if bodies else [])
        )
        verb = _verb(len(titles), "is", "are")
        said.append(
            f"{counted} {verb} vacant: {listing(titles)}. "
            "Decisions owned by or escalated to an empty seat wait for nobody."
        )
    elif any(team.is_body for team in org.teams.values()):
        said.append("Every role and body has someone in it.")
    else:
        said.append("Every role has someone in it.")
    if numbers.longest is not None and numbers.longest[1].hops:
        decision, chain = numbers.longest
        steps = [describe(org, step, show) for step in chain.path]
        said.append(
            f"The longest escalation chain takes {plural(len(chain.hops), 'hop')}: "
            f"“{entity_text(org, decision, show)}” goes from {steps[0]} to {listing(steps[1:])}."
        )
    if heavy:
        said.append(
            "Carrying the most: "
            + "; ".join(f"{seat_name(org, r.seat, show)} ({_load_phrase(r)})" for r in heavy)
            + "."
        )
    return said


def _tiles(report: Result, numbers: Health) -> list[tuple[str, str, str]]:
    total = numbers.decisions
    vacant = len(numbers.vacant_roles) + len(numbers.vacant_bodies)
    bodies = any(team.is_body for team in report.org.teams.values())
    chain = numbers.longest[1] if numbers.longest else None
    return [
        (str(total), "decisions written down", ""),
        (share(numbers.one_owner, total), "with exactly one owner", ""),
        (share(numbers.to_final_authority, total), "escalate to the final authority", ""),
        (share(numbers.reviewed, total), "reviewed in a meeting", ""),
        (
            str(vacant),
            "vacant roles and bodies" if bodies else "vacant roles",
            "bad" if vacant else "",
        ),
        (str(len(chain.hops)) if chain else NONE, "hops in the longest escalation", ""),
        (str(report.count("error")), "errors", "bad" if report.count("error") else ""),
        (str(report.count("warning")), "warnings", "warn" if report.count("warning") else ""),
    ]


MAX_MATRIX_ROWS = 300  # past this the page shows only decisions with findings


def _matrix(report: Result) -> dict[str, Any]:
    """One table, as the `matrix` command draws it: scope rows inside it, the columns
    with a letter, each with its totals (owns · signs off, marked over a load limit),
    and each row's cadences and `decide_within`."""
    org, show = report.org, report.config.show
    matrix = build_matrix(org, report.findings, report.config)
    total = len(matrix.rows)
    if total > MAX_MATRIX_ROWS:
        kept = tuple(row for row in matrix.rows if row.findings)
        lettered = {column for row in kept for column in row.cells}
        used = tuple(c for c in matrix.columns if c in lettered)
        matrix = replace(matrix, rows=kept, columns=used)  # a column with no letter left out
    columns = []
    for column in matrix.columns:
        counts = matrix.totals.get(column, Total())
        over = [said for said in (counts.over_owns, counts.over_signs_off) if said]
        if column in org.roles:
            title, name = role_lines(org, column, show)
        else:
            title, name = describe(org, column, show), ""
        columns.append(
            {"id": column, "title": title, "name": name, "total": total_text(counts), "over": over}
        )
    groups = []
    for scope, rows in matrix.groups():
        groups.append(
            {
                "scope": None if scope is None else show(scope),
                "columns": columns,
                "rows": [
                    {
                        "id": row.decision,
                        "title": show(row.title) or row.decision,
                        "findings": row.findings,
                        "pool": [describe(org, seat, show) for seat in row.pool],
                        "where": [entity_text(org, c, show) for c in row.reviewed_in],
                        "within": show(row.decide_within) if row.decide_within else "",
                        "cells": [
                            (
                                letters := row.cells.get(c, ""),
                                ", ".join(LEGEND[letter] for letter in letters),
                            )
                            for c in matrix.columns
                        ],
                    }
                    for row in rows
                ],
            }
        )
    return {
        "columns": columns,
        "groups": groups,
        "legend": LEGEND,
        "split": False,  # one table: scope rows inside it, never a table per scope
        "total": total,
        "shown": len(matrix.rows),
    }


def _loads(report: Result, rows: list[Load]) -> list[dict[str, Any]]:
    org, show = report.org, report.config.show
    limits = report.config.thresholds
    found = []
    for row in rows:
        held = roles_held(org, row.seat) if row.seat in org.people else ()
        found.append(
            {
                "name": seat_name(org, row.seat, show),
                "roles": [role_lines(org, role, show)[0] for role in held],
                "row": row,
                "weekly": f"{row.weekly:g}",
                "over": {
                    "owned": row.owned > limits.get("max_decisions_per_owner", float("inf")),
                    "signoffs": row.signoffs > limits.get("max_signoffs_per_person", float("inf")),
                    "weekly": row.weekly > limits.get("max_meetings_per_week", float("inf")),
                },
            }
        )
    return found


def _rhythm(report: Result) -> dict[str, Any]:
    org, show = report.org, report.config.show
    meetings, unreviewed, unwatched = rhythm(org)
    order = ("daily", "weekly", "biweekly", "monthly", "quarterly", "yearly")
    meetings.sort(key=lambda m: (order.index(m.every) if m.every in order else len(order), m.id))
    return {
        "meetings": [
            {
                "title": entity_text(org, m.id, show),
                "every": m.every or "not set",
                "chair": [describe(org, c, show) for c in m.chair],
                "attendees": [describe(org, a, show) for a in m.attendees],
                "decisions": [entity_text(org, d, show) for d in m.decisions],
                "metrics": [entity_text(org, i, show) for i in m.metrics],
            }
            for m in meetings
        ],
        "unreviewed": [entity_text(org, d, show) for d in unreviewed],
        "unwatched": [entity_text(org, m, show) for m in unwatched],
    }


def context(report: Result) -> dict[str, Any]:
    org, show = report.org, report.config.show
    numbers = health(org)
    rows = loads(org)
    heavy = [row for row in rows if row.weight][:3]
    name = org.organization.get("name") if org.organization else None
    return {
        "org_name": show(name) if isinstance(name, str) else None,
        "files": report.files,
        "sections": SECTIONS,
        "summary": summary(report, numbers, heavy),
        "tiles": _tiles(report, numbers),
        "themes": themes(org, report.findings, show),
        "suppressed": len(report.suppressed),
        "matrix": _matrix(report),
        "picture": layout(org, report.findings, show),
        "box_width": BOX_WIDTH,
        "box_height": BOX_HEIGHT,
        "loads": _loads(report, rows),
        "rhythm": _rhythm(report),
    }
