"""One finding per vacant role or body (DR004, ES005, DL007, OR005, CD002, CD004, RD003).

Each case leaves the role `gap` (line 6) vacant across seven entries `e1`...`e7`, one
per line from line 8 (ES005's from line 9): the finding is one, at the role's key, its
message listing five entries then "and 2 more", its entities all seven, each entry's
field a related location. A suppression at one entry's field takes that entry out.
"""

from __future__ import annotations

import pytest

from governance_lint.display import listed_ids

from helpers import lint_text

HEAD = """governance: 1
people:
  priya: {name: Priya Raman}
roles:
  boss: {title: Boss, holder: priya}
  gap: {title: Gap, reports_to: boss}
"""
ENTRIES = ("e1", "e2", "e3", "e4", "e5", "e6", "e7")

# code -> (what follows HEAD up to the entries, one entry with {id}, the message's verb
# phrase before the list, the first entry's line, the column of its related location)
CASES = {
    "DR004": ("decisions:\n", "  {id}: {{title: E, owner: gap}}\n", "owns 7 decisions", 8, 25),
    "ES005": (
        "  low: {title: Low, holder: priya, reports_to: gap}\ndecisions:\n",
        "  {id}: {{title: E, owner: low}}\n",
        "7 decisions escalate through it",
        9,
        25,
    ),
    "DL007": (
        "decisions:\n",
        "  {id}: {{title: E, owner: boss, approvals: [gap]}}\n",
        "7 decisions name it as approver",
        8,
        43,
    ),
    "OR005": ("teams:\n", "  {id}: {{name: E, lead: gap}}\n", "leads 7 teams", 8, 23),
    "CD002": ("cadences:\n", "  {id}: {{title: E, chair: gap}}\n", "chairs 7 cadences", 8, 25),
    "CD004": ("metrics:\n", "  {id}: {{title: E, owner: gap}}\n", "owns 7 metrics", 8, 25),
    "RD003": (
        "ready:\n",
        "  {id}: {{artifact: A, to: t, accepted_by: gap, criteria: [c]}}\n",
        "accepts 7 definitions of ready",
        8,
        41,
    ),
}
TAIL = {"RD003": "teams:\n  t: {name: T, lead: boss, members: [gap]}\n"}


def organization(code: str, suppressed: str | None = None) -> str:
    before, entry, *_ = CASES[code]
    lines = []
    for each in ENTRIES:
        line = entry.format(id=each)
        if each == suppressed:
            line = line[:-1] + f"  # governance-lint: disable={code} -- filled next week\n"
        lines.append(line)
    return HEAD + before + "".join(lines) + TAIL.get(code, "")


@pytest.mark.parametrize("code", sorted(CASES))
def test_a_role_vacant_across_seven_entries_is_one_finding_at_its_key(code: str) -> None:
    _, _, verb, first_line, column = CASES[code]
    findings = lint_text(organization(code), select=[code]).findings
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [(code, 6, 3)]
    [finding] = findings
    assert finding.entities == ("gap", *ENTRIES)
    assert finding.message == (
        f"role `gap` is vacant and {verb}: `e1`, `e2`, `e3`, `e4`, `e5` and 2 more"
    )
    assert [(r.location.line, r.location.column) for r in finding.related] == [
        (first_line + n, column) for n in range(7)
    ]


@pytest.mark.parametrize("code", sorted(CASES))
def test_a_suppression_at_one_listed_entry_takes_it_out_and_is_used(code: str) -> None:
    _, _, verb, _, _ = CASES[code]
    result = lint_text(organization(code, suppressed="e3"), select=[code, "GL007", "GL010"])
    [finding] = result.findings  # no GL007: the comment was used
    assert finding.code == code and (finding.location.line, finding.location.column) == (6, 3)
    assert finding.entities == ("gap", "e1", "e2", "e4", "e5", "e6", "e7")
    assert finding.message == (
        f"role `gap` is vacant and {verb.replace('7', '6')}: "
        "`e1`, `e2`, `e4`, `e5`, `e6` and 1 more"
    )
    assert len(finding.related) == 6
    assert "`e3`" not in finding.help
    assert result.suppressed == []  # the finding itself is not suppressed


def test_a_suppression_at_every_listed_entry_suppresses_the_finding() -> None:
    text = (
        HEAD
        + "decisions:\n"
        + "".join(
            f"  {each}: {{title: E, owner: gap}}  # governance-lint: disable=DR004 -- hiring\n"
            for each in ENTRIES[:2]
        )
    )
    result = lint_text(text, select=["DR004", "GL007"])
    assert list(result.findings) == []
    [suppressed] = result.suppressed
    assert suppressed.finding.entities == ("gap", "e1", "e2")
    assert suppressed.reason == "hiring"


def test_a_suppression_above_the_role_suppresses_the_whole_finding() -> None:
    text = (
        HEAD.replace("  gap:", "  # governance-lint: disable=vacant-owner -- hiring\n  gap:")
        + "decisions:\n  e1: {title: E, owner: gap}\n  e2: {title: E, owner: gap}\n"
    )
    result = lint_text(text, select=["DR004", "GL007"])
    assert list(result.findings) == []
    assert [s.finding.entities for s in result.suppressed] == [("gap", "e1", "e2")]


def test_one_entry_is_said_in_the_singular() -> None:
    text = HEAD + "decisions:\n  e1: {title: E, owner: gap}\n"
    [finding] = lint_text(text, select=["DR004"]).findings
    assert finding.message == "role `gap` is vacant and owns 1 decision: `e1`"
    assert finding.help == "name a `holder` for `gap`, or set `owner: boss` on `e1`"


def test_a_vacant_body_says_why_it_is_vacant() -> None:
    text = (
        HEAD
        + "teams:\n  board: {name: Board, lead: gap, members: [gap], decides_by: vote}\n"
        + "decisions:\n  e1: {title: E, owner: board}\n  e2: {title: E, owner: board}\n"
    )
    [finding] = lint_text(text, select=["DR004"]).findings
    assert finding.entities == ("board", "e1", "e2")
    assert finding.message == (
        "team `board` is vacant, with no held role or person among its lead and members, "
        "and owns 2 decisions: `e1`, `e2`"
    )


def test_a_pool_is_listed_only_when_no_other_member_is_held() -> None:
    text = HEAD + (
        "decisions:\n"
        "  alone: {title: E, owner: [gap], mode: any}\n"
        "  covered: {title: E, owner: [gap, boss], mode: any}\n"
        "  by-deciders: {title: E, owner: gap, mode: any, deciders: [gap, priya]}\n"
        "  not-a-pool: {title: E, owner: [gap, boss]}\n"
    )
    [finding] = lint_text(text, select=["DR004"]).findings
    assert finding.entities == ("gap", "alone", "not-a-pool")


def test_dl007_names_the_capacities_of_the_decisions_it_lists_in_order() -> None:
    text = HEAD + (
        "decisions:\n"
        "  e1: {title: E, owner: boss, approvals: [gap]}\n"
        "  e2: {title: E, owner: boss, tie_breaker: gap, vetoes: [gap]}\n"
    )
    [finding] = lint_text(text, select=["DL007"]).findings
    assert finding.message == (
        "role `gap` is vacant and 2 decisions name it as tie-breaker, veto holder or "
        "approver: `e1`, `e2`"
    )


@pytest.mark.parametrize(
    ("ids", "shown"),
    [
        ((), ""),
        (("a",), "`a`"),
        (("a", "b", "c"), "`a`, `b`, `c`"),
        (("a", "b", "c", "d", "e"), "`a`, `b`, `c`, `d`, `e`"),
        (("a", "b", "c", "d", "e", "f", "g"), "`a`, `b`, `c`, `d`, `e` and 2 more"),
    ],
)
def test_lists_in_messages_are_cut_after_five(ids: tuple[str, ...], shown: str) -> None:
    assert listed_ids(ids) == shown


def test_a_suppression_above_a_listed_entry_in_another_file_takes_it_out() -> None:
    decisions = (
        "governance: 1\ndecisions:\n"
        "  # governance-lint: disable=ES005 -- the VP starts in May\n"
        "  e1:\n    title: E\n    owner: low\n"
        "  e2: {title: E, owner: low}\n"
    )
    org = HEAD + "  low: {title: Low, holder: priya, reports_to: gap}\n"
    result = lint_text({"org.yaml": org, "decisions.yaml": decisions}, select=["ES005", "GL007"])
    [finding] = result.findings
    assert (finding.location.file, finding.location.line) == ("org.yaml", 6)
    assert finding.entities == ("gap", "e2")
    assert [(r.location.file, r.location.line) for r in finding.related] == [("decisions.yaml", 7)]


VACANT_BODIES = """\
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ops: {title: Ops, holder: priya}
  seat: {title: Seat}
teams:
  council: {name: Council, lead: seat, decides_by: vote}
  panel: {name: Panel, members: [seat], decides_by: vote, escalates_to: ops}
decisions:
  d1: {title: D1, owner: ops, escalates_to: council}
  d2: {title: D2, owner: ops, escalates_to: panel}
"""


def test_a_vacant_body_on_a_chain_is_one_es005_about_the_body() -> None:
    findings = lint_text(VACANT_BODIES, ["ES005"]).findings
    assert [(f.location.line, f.location.column, f.entities) for f in findings] == [
        (8, 3, ("council",)),  # where the chain ends, after one hop
        (9, 3, ("panel", "d2")),  # passed before the chain's end
    ]
    assert findings[1].message.startswith(
        "team `panel` is vacant, with no held role or person among its lead and members,"
        " and 1 decision escalates through it: `d2`"
    )
    assert findings[0].message.startswith("team `council` is a body, where escalation chains end")
    assert findings[0].help == "name a held role or person as the lead or a member of `council`"
