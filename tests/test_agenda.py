"""The offsite agenda: problems merged by root cause, ordered by severity then by how many
decisions each holds up, each a question with who settles it and a verified proposal.

tests/data/offsite is the healthy example's company (one owner per decision, a weekly,
monthly and quarterly rhythm) with four changes an executive team would recognise: the
EU expansion co-owned by the COO and the CTO, a VP Partnerships seat left empty while it
owns three partner decisions, eight more calls on the CEO's desk plus ten sign-offs (she
then owns 8 of 30 decisions and signs off 12), and a partner-council charter reviewed
nowhere, accepted until 2027-03-31 with a reason. Expected values are worked out from
that story."""

from __future__ import annotations

from pathlib import Path

from governance_lint.findings import Finding, Location
from governance_lint.output.views.agenda import SHOWN, agenda, problems

from helpers import lint_paths, lint_text

OFFSITE = Path(__file__).parent / "data" / "offsite"


def test_the_offsite_agenda_has_three_problems_in_order() -> None:
    result = lint_paths([OFFSITE])
    items = agenda(result).items
    # errors first; of the errors, the vacancy holds up 3 decisions, the co-ownership 1
    assert [[f.code for f in item.problem.findings] for item in items] == [
        ["DR004"],
        ["DR002"],
        ["DR006", "DR013"],
    ]
    vacancy, co_owned, load = items
    assert vacancy.problem.decisions == ("co-marketing-budget", "partner-tiers", "reseller-terms")
    assert vacancy.sentence() == (
        "VP Partnerships is vacant and 3 decisions wait on it. "
        "Marcus Hale (Chief Revenue Officer) decides who fills it."
    )
    # the CRO, whom the seat reports to, takes its three decisions: nothing crosses a limit
    assert vacancy.proposal == (
        "Set `owner: cro` on `co-marketing-budget`, `partner-tiers`, `reseller-terms`"
    )
    assert vacancy.settles == ("DR004",)
    assert co_owned.sentence() == (
        "EU expansion has 2 owners. Amara Okafor (Chief Executive Officer) decides who owns it."
    )
    # the COO alone, the CTO consulted: nothing else the COO owns crosses a limit
    assert co_owned.proposal == (
        "Daniel Reyes (Chief Operating Officer) owns, Tomas Berg (Chief Technology Officer) "
        "consulted"
    )
    # the CEO is the final authority: nobody above her decides what she hands over
    assert load.sentence() == (
        "Amara Okafor carries too much (DR006 overloaded-owner and DR013 sign-off-bottleneck). "
        "Amara Okafor (Chief Executive Officer) decides what to delegate, and to whom."
    )
    # 8 of 30 is over 25%, 7 is not: her last counted decision in sorted order goes to
    # the first of her direct reports, fewest decisions owned first (the CFO, the chief of
    # staff and the CPO own one each), who passes: the CFO sits in the monthly review
    assert load.proposal == "Set `owner: cfo` on `ceo-call-7`"
    assert load.settles == ("DR006",)
    # the suppressed finding is an accepted exception, not a problem to settle
    assert [(s.finding.code, s.reason, s.until) for s in result.suppressed] == [
        ("CD001", "reviewed at the board until the partner council starts", "2027-03-31")
    ]


def test_a_co_owner_whose_change_adds_a_finding_is_not_proposed() -> None:
    # the launch is reviewed in the CTO's sync, where the CPO is absent: the CPO as the
    # only owner would be an owner absent from the review (CD007), so the CTO is proposed
    text = """governance: 1
people:
  p1: {name: Chief}
  p2: {name: Product}
  p3: {name: Tech}
roles:
  ceo: {title: CEO, holder: p1}
  cpo: {title: CPO, holder: p2, reports_to: ceo}
  cto: {title: CTO, holder: p3, reports_to: ceo}
cadences:
  sync: {title: Sync, every: weekly, chair: cto, attendees: [cto]}
decisions:
  launch: {title: Launch, owner: [cpo, cto], reviewed_in: sync}
"""
    (item,) = agenda(lint_text(text, ["DR002", "CD007"])).items
    assert item.proposal == "Tech (CTO) owns, Product (CPO) consulted"
    assert item.decider == "Chief (CEO)"


def test_no_co_owner_passes_and_nothing_is_proposed() -> None:
    # the two decide by consensus: either as the only owner leaves a consensus of two
    # with nobody to settle it (DL001, which the co-ownership silenced)
    text = """governance: 1
people:
  p1: {name: Chief}
  p2: {name: Product}
  p3: {name: Tech}
roles:
  ceo: {title: CEO, holder: p1}
  cpo: {title: CPO, holder: p2, reports_to: ceo}
  cto: {title: CTO, holder: p3, reports_to: ceo}
decisions:
  launch: {title: Launch, owner: [cpo, cto], mode: consensus, deciders: [cpo, cto]}
"""
    items = agenda(lint_text(text, ["DR002", "DL001"])).items
    assert [[f.code for f in item.problem.findings] for item in items] == [["DR002"]]
    assert items[0].proposal is None


def _finding(code: str, severity: str, *entities: str, line: int = 1) -> Finding:
    return Finding(
        code, Location("org.yaml", line, 1), code, "", entities=entities, severity=severity
    )


def test_findings_on_one_decision_about_how_it_is_decided_are_one_problem() -> None:
    text = """governance: 1
roles:
  a: {title: A, holder: x}
  b: {title: B, holder: x}
people:
  x: {name: X}
decisions:
  d: {title: D, owner: a}
  e: {title: E, owner: b}
"""
    org = lint_text(text, []).org
    found = [
        _finding("DR002", "error", "d", "a", "b", line=3),
        _finding("DL001", "error", "d", "a", "b", line=4),
        _finding("CD001", "info", "d", line=5),  # a different fault of the same decision
        _finding("DR006", "warning", "x", "a", "d", "e", line=6),
        _finding("DR013", "warning", "x", "a", "d", line=7),
    ]
    merged = problems(org, found)
    assert [[f.code for f in p.findings] for p in merged] == [
        ["DR002", "DL001"],
        ["DR006", "DR013"],
        ["CD001"],
    ]


def test_past_ten_problems_the_rest_are_counted() -> None:
    decisions = "".join(f"  d{n:02}: {{title: D{n}}}\n" for n in range(13))
    result = lint_text("governance: 1\ndecisions:\n" + decisions, ["DR001"])
    shown = agenda(result)
    assert len(shown.items) == SHOWN == 10
    assert shown.more == 3
    assert shown.items[0].problem.decisions == ("d00",)
