"""Everything the page shows, worked out in Python and named for people; the template
only lays it out. Values from files pass through ``config.show`` (cut, controls escaped)
and are escaped by the template."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from governance_lint.model.organization import Organization
from governance_lint.model.terms import roles_held
from governance_lint.output.html.findings import cards, involved
from governance_lint.output.html.indicators_section import indicators_context
from governance_lint.output.html.layout import BOX_HEIGHT, BOX_WIDTH, pictures
from governance_lint.output.views.agenda import agenda
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
from governance_lint.rules import (
    cd009_meeting_overload,
    dr006_overloaded_owner,
    dr013_signoff_bottleneck,
    gl009_expired_suppression,
)
from governance_lint.rules._people import share_crossed

if TYPE_CHECKING:
    from governance_lint.output.compare import BaseRun

NONE = "\N{EN DASH}"  # a number that does not apply

# The page's sections in order, each drawn by templates/sections/ANCHOR.html.j2. An
# agenda (or any section) goes in by inserting it here; `sections` adds the ones that
# appear only for some runs.
SECTIONS = (
    ("agenda", "To settle at the offsite"),
    ("summary", "Health summary"),
    ("findings", "Findings"),
    ("exceptions", "Accepted exceptions"),
    ("load", "Load per person"),
    ("rhythm", "Operating rhythm"),
    # landscape pages, after the portrait ones: the matrix is the page's appendix
    ("structure", "Reporting and escalation"),
    ("matrix", "Decision rights"),
)
CHANGES = ("changes", "What changed")
INDICATORS = ("indicators", "Indicators")  # when records exist, before the load per person
LOAD = ("load", "Load per person")


def sections(report: Result) -> list[tuple[str, str]]:
    """The sections this run's page holds, in order: the agenda first; with ``--base``,
    what changed comes right after the health summary."""
    found = list(SECTIONS)
    if report.org.records:
        found.insert(found.index(LOAD), INDICATORS)
    if report.comparison is not None:
        found.insert(2, CHANGES)
    return found


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
        f"is the escalation of {plural(row.escalations, 'decision')}" if row.escalations else "",
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
    busiest = _busiest(report)
    if busiest is not None and total:
        seat, on = busiest
        said.append(
            f"{_capital(seat_name(org, seat, show))} is on {on} of {plural(total, 'decision')} "
            f"({share(on, total)}), as owner or signing off: {_verb(on, 'it waits', 'each waits')} "
            "for them."
        )
    if heavy:
        said.append(
            "Carrying the most: "
            + "; ".join(f"{seat_name(org, r.seat, show)} ({_load_phrase(r)})" for r in heavy)
            + "."
        )
    return said


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _busiest(report: Result) -> tuple[str, int] | None:
    """The seat on the most decisions (owning or signing off), and on how many."""
    rows = [row for row in loads(report.org) if row.on]
    if not rows:
        return None
    top = min(rows, key=lambda row: (-row.on, row.seat))
    return top.seat, top.on


def _tone(value: float, warn: float, bad: float) -> str:
    """A share's tile: "ok" at or above ``warn``, "warn" below it, "bad" below ``bad``."""
    return "ok" if value >= warn else "bad" if value < bad else "warn"


def _tiles(report: Result, numbers: Health) -> list[tuple[str, str, str]]:
    """(value, label, tone) for each tile; tones by thresholds: "ok", "warn", "bad".

    Exactly one owner and vacancies are errors when missed, so anything short of all
    (or any vacancy) is red. A loop is red however short the longest chain is; a chain
    longer than ``max_escalation_hops`` is amber. One person on more than
    ``max_owned_share`` percent of the decisions is amber, on more than half red, as
    the load rules judge a share (from 15 decisions, and 5 on one desk)."""
    total = numbers.decisions
    limits = report.config.thresholds
    vacant = len(numbers.vacant_roles) + len(numbers.vacant_bodies)
    bodies = any(team.is_body for team in report.org.teams.values())
    chain = numbers.longest[1] if numbers.longest else None
    hops = len(chain.hops) if chain else 0
    whole = max(total, 1)
    if numbers.looping:
        chain_tone = "bad"
        chain_label = f"hops in the longest escalation; {plural(numbers.looping, 'decision')} loop"
    else:
        chain_tone = "warn" if hops > limits.get("max_escalation_hops", 4) else "ok"
        chain_label = "hops in the longest escalation"
    tiles = [
        (str(total), "decisions written down", ""),
        (
            share(numbers.one_owner, total),
            "with exactly one owner",
            _tone(numbers.one_owner / whole, 1, 1) if total else "",
        ),
        (
            share(numbers.to_final_authority, total),
            "escalate to the final authority",
            _tone(numbers.to_final_authority / whole, 1, 0.5) if total else "",
        ),
        (
            share(numbers.reviewed, total),
            "reviewed in a meeting",
            _tone(numbers.reviewed / whole, 1, 0.5) if total else "",
        ),
        (
            str(vacant),
            "vacant roles and bodies" if bodies else "vacant roles",
            "bad" if vacant else "ok",
        ),
        (str(hops) if chain else NONE, chain_label, chain_tone if total else ""),
    ]
    busiest = _busiest(report)
    if busiest is not None and total:
        seat, on = busiest
        # as the load rules judge a share: only from 15 decisions and 5 on one desk
        limit = limits.get("max_owned_share", 25)
        crossed = share_crossed(on, 50, total), share_crossed(on, limit, total)
        tone = "bad" if crossed[0] else "warn" if crossed[1] else "ok"
        who = seat_name(report.org, seat, report.config.show)
        tiles.append((f"{on} of {total}", f"decisions wait on {who}", tone))
    errors, warnings = report.count("error"), report.count("warning")
    tiles += [
        (str(errors), "errors", "bad" if errors else "ok"),
        (str(warnings), "warnings", "warn" if warnings else "ok"),
    ]
    return tiles


# Past this the page shows only the decisions with findings: the page is for settling
# problems, and the whole matrix is `governance-lint matrix`'s (a spreadsheet's) job.
MAX_MATRIX_ROWS = 60
MAX_MATRIX_COLUMNS = 15  # past this the other columns go to an appendix table


def _matrix(report: Result) -> dict[str, Any]:
    """One table, as the `matrix` command draws it: scope rows inside it, the columns
    with a letter, each with its totals (owns · signs off, marked over a load limit),
    and each row's cadences and `decide_within`."""
    org, show = report.org, report.config.show
    matrix = build_matrix(org, report.findings, report.config)
    total = len(matrix.rows)
    if total > MAX_MATRIX_ROWS:
        kept = tuple(row for row in matrix.rows if row.findings)
        lettered = {column for row in kept for column, letters in row.cells.items() if letters}
        used = tuple(c for c in matrix.columns if c in lettered)
        matrix = replace(matrix, rows=kept, columns=used)  # a column with no letter left out
    columns = []
    for column in matrix.columns:
        counts = matrix.totals.get(column, Total())
        over = [said for said in (counts.over_owns, counts.over_signs_off) if said]
        if column in org.roles:
            title, name = role_lines(org, column, show)
        elif column in org.teams:  # a team that carries decisions out
            title, name = entity_text(org, column, show), "team"
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
        "first": MAX_MATRIX_COLUMNS,  # columns in the table; the rest in its appendix
        "total": total,
        "shown": len(matrix.rows),
    }


# Which load column each load rule's finding marks on its person's row.
_OVER = {
    dr006_overloaded_owner.RULE.code: "owned",
    dr013_signoff_bottleneck.RULE.code: "signoffs",
    cd009_meeting_overload.RULE.code: "weekly",
}


def _loads(report: Result, rows: list[Load]) -> list[dict[str, Any]]:
    """The rows of the load table; a cell is marked over its limit exactly when the
    rule that counts it reports that person (the rules, not the page, know the limits)."""
    org, show = report.org, report.config.show
    over: dict[str, set[str]] = {}
    for finding in report.findings:
        column = _OVER.get(finding.code)
        if column and finding.entities:
            over.setdefault(finding.entities[0], set()).add(column)
    found = []
    for row in rows:
        held = roles_held(org, row.seat) if row.seat in org.people else ()
        marked = over.get(row.seat, set())
        found.append(
            {
                "name": seat_name(org, row.seat, show),
                "roles": [role_lines(org, role, show)[0] for role in held],
                "row": row,
                "weekly": f"{row.weekly:g}",
                "over": {key: key in marked for key in ("owned", "signoffs", "weekly")},
            }
        )
    return found


def _exceptions(report: Result) -> dict[str, Any]:
    """Every suppressed finding with its reason, who is involved and its end date, the
    soonest end first (those without one last); and the expired suppressions (GL009),
    whose findings are reported again."""
    org, show = report.org, report.config.show
    ordered = sorted(
        report.suppressed,
        key=lambda item: (item.until is None, item.until or "", item.finding.sort_key()),
    )
    return {
        "expired": [
            {"message": f.message, "where": f"{f.location.file}:{f.location.line}", "fix": f.help}
            for f in report.findings
            if f.code == gl009_expired_suppression.RULE.code
        ],
        "accepted": [
            {
                "code": item.finding.code,
                "name": item.finding.name,
                "severity": item.finding.severity,
                "message": item.finding.message,
                "reason": show(item.reason) if item.reason else "",
                "until": item.until or "",
                "who": involved(org, item.finding.entities, show),
                "where": f"{item.finding.location.file}:{item.finding.location.line}",
            }
            for item in ordered
        ],
    }


MAX_AGENDA = 12  # decisions listed per meeting; the rest counted


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
                "decisions": [entity_text(org, d, show) for d in m.decisions[:MAX_AGENDA]],
                "more": max(len(m.decisions) - MAX_AGENDA, 0),
                "metrics": [entity_text(org, i, show) for i in m.metrics],
            }
            for m in meetings
        ],
        "unreviewed": [entity_text(org, d, show) for d in unreviewed],
        "unwatched": [entity_text(org, m, show) for m in unwatched],
    }


def _changes(report: Result, numbers: Health, base: BaseRun | None) -> dict[str, Any] | None:
    """With ``--base``: the counts of new, fixed and persisting findings and problems,
    the new problems as cards, and the health figures then and now."""
    comparison = report.comparison
    if comparison is None:
        return None
    org, show = report.org, report.config.show
    then = health(base.before.org) if base is not None and base.before is not None else None
    figures = []
    if then is not None:
        for label, before, now, whole_then, whole_now in (
            ("decisions written down", then.decisions, numbers.decisions, 0, 0),
            (
                "with exactly one owner",
                then.one_owner,
                numbers.one_owner,
                then.decisions,
                numbers.decisions,
            ),
            (
                "escalate to the final authority",
                then.to_final_authority,
                numbers.to_final_authority,
                then.decisions,
                numbers.decisions,
            ),
            (
                "reviewed in a meeting",
                then.reviewed,
                numbers.reviewed,
                then.decisions,
                numbers.decisions,
            ),
            (
                "vacant roles and bodies",
                len(then.vacant_roles) + len(then.vacant_bodies),
                len(numbers.vacant_roles) + len(numbers.vacant_bodies),
                0,
                0,
            ),
            ("decisions escalating in a loop", then.looping, numbers.looping, 0, 0),
        ):
            shown_then = share(before, whole_then) if whole_then else str(before)
            shown_now = share(now, whole_now) if whole_now else str(now)
            figures.append((label, shown_then, shown_now))
    return {
        "ref": show(comparison.ref),
        "new": comparison.new,
        "fixed": comparison.fixed,
        "persisting": comparison.persisting,
        "new_problems": cards(org, report.findings, show).cards,
        "fixed_findings": [
            {"code": f.code, "message": f.message} for f in (base.fixed if base else ())
        ],
        "figures": figures,
        "base_missing": then is None,
    }


def _agenda(report: Result) -> dict[str, Any]:
    """The agenda's items, each linked to its problem's card (cards come in the same
    order); the template escapes them."""
    found = agenda(report)
    items = [
        {
            "anchor": f"problem-{number}",
            "severity": item.problem.severity,
            "problem": item.problem_said,  # names and titles already shown as outputs show them
            "decider": item.decider or "The executive team",
            "question": item.question,
            "proposal": item.proposal,
            "settles": item.settles,
            "findings": len(item.problem.findings),
        }
        for number, item in enumerate(found.items, start=1)
    ]
    return {"entries": items, "more": found.more}


def context(report: Result, base: BaseRun | None = None) -> dict[str, Any]:
    """Everything the template shows. With ``--base`` the result's findings are only the
    new ones; the findings and health sections still show the whole current tree."""
    org, show = report.org, report.config.show
    current = report
    if report.comparison is not None:
        current = replace(report, findings=report.comparison.every)
    numbers = health(org)
    rows = loads(org)
    heavy = [row for row in rows if row.weight][:3]
    name = org.organization.get("name") if org.organization else None
    structure = pictures(org, current.findings, show)
    return {
        "org_name": show(name) if isinstance(name, str) else None,
        "files": report.files,
        "sections": sections(report),
        "agenda": _agenda(current),
        "indicators": indicators_context(current),
        "summary": summary(current, numbers, heavy),
        "tiles": _tiles(current, numbers),
        "cards": cards(org, current.findings, show),
        "suppressed": len(report.suppressed),
        "exceptions": _exceptions(current),
        "changes": _changes(report, numbers, base),
        "matrix": _matrix(current),
        "picture": structure[0],
        "pictures": structure,
        "box_width": BOX_WIDTH,
        "box_height": BOX_HEIGHT,
        "loads": _loads(current, rows),
        "rhythm": _rhythm(current),
    }
