"""Verified suggestions: a help names the first candidate whose change fixes the finding
and adds no error or warning, in the order the candidates come; none when none passes.

Expected helps are written from the rules' definitions, not copied from a run."""

from __future__ import annotations

from typing import Any

from governance_lint.findings import Finding
from governance_lint.rules import _suggest

from helpers import lint_text

PEOPLE = """governance: 1
people:
  p-ceo: {name: Chief}
  p-coo: {name: Operator}
  p-cfo: {name: Counter}
  p-cpo: {name: Product}
  p-cto: {name: Tech}
"""

# ceo is the top; coo and cfo report to it; cpo and cto report to coo.
ROLES = """roles:
  ceo: {title: CEO, holder: p-ceo}
  coo: {title: COO, holder: p-coo, reports_to: ceo}
  cfo: {title: CFO, holder: p-cfo, reports_to: ceo}
  cpo: {title: CPO, holder: p-cpo, reports_to: coo}
  cto: {title: CTO, holder: p-cto, reports_to: coo}
"""

# A consensus of cpo and cto with no resolver: their lowest common manager is coo.
RELEASE = """decisions:
  release:
    title: Release plan
    owner: cpo
    mode: consensus
    deciders: [cpo, cto]
    decide_within: 5d
"""

# Two sign-offs each: at the limit of 2, so one more is a sign-off bottleneck.
COO_SIGNS = """  a1: {title: A1, owner: cpo, approvals: [coo]}
  a2: {title: A2, owner: cto, approvals: [coo]}
"""
CEO_SIGNS = """  b1: {title: B1, owner: cfo, approvals: [ceo]}
  b2: {title: B2, owner: coo, approvals: [ceo]}
"""

LIMIT = {"max_signoffs_per_person": 2}


def dl001(text: str, select: list[str]) -> Finding:
    found = [f for f in lint_text(text, select, thresholds=LIMIT).findings if f.code == "DL001"]
    assert len(found) == 1
    return found[0]


def test_the_first_candidate_passes() -> None:
    finding = dl001(PEOPLE + ROLES + RELEASE, ["DL001", "DR013"])
    assert finding.help == (
        "set `tie_breaker: coo`, who is above all of them, or an `escalates_to` or "
        "`on_no_agreement`"
    )


def test_a_manager_pushed_over_the_signoff_limit_gives_way_to_the_role_above() -> None:
    # coo would sign off on 3 decisions, more than 2 (DR013): the next role up, ceo, passes
    finding = dl001(PEOPLE + ROLES + RELEASE + COO_SIGNS, ["DL001", "DR013"])
    assert finding.help == (
        "set `tie_breaker: ceo`, who is above all of them, or an `escalates_to` or "
        "`on_no_agreement`"
    )


def test_then_to_the_peers_of_the_first_candidate() -> None:
    # coo and ceo would both cross the limit: coo's peers follow, cfo the only one
    finding = dl001(PEOPLE + ROLES + RELEASE + COO_SIGNS + CEO_SIGNS, ["DL001", "DR013"])
    assert finding.help == "set `tie_breaker: cfo`, or an `escalates_to` or `on_no_agreement`"


def test_the_check_runs_only_the_rules_this_run_runs() -> None:
    # without DR013 selected, the sign-off count is nobody's concern
    finding = dl001(PEOPLE + ROLES + RELEASE + COO_SIGNS + CEO_SIGNS, ["DL001"])
    assert finding.help.startswith("set `tie_breaker: coo`, who is above all of them")


CEO_TOP = """roles:
  ceo: {title: CEO, holder: p-ceo}
  cpo: {title: CPO, holder: p-cpo, reports_to: ceo}
  cto: {title: CTO, holder: p-cto, reports_to: ceo}
"""
CEO_BUSY = """  b1: {title: B1, owner: cpo, approvals: [ceo]}
  b2: {title: B2, owner: cto, approvals: [ceo]}
"""


def test_no_candidate_passes_and_the_help_names_no_id() -> None:
    # the lowest common manager is the CEO, who would cross the limit; nobody is above
    # the top and a top has no `reports_to` to share with peers
    finding = dl001(PEOPLE + CEO_TOP + RELEASE + CEO_BUSY, ["DL001", "DR013"])
    assert finding.help == (
        "name a `tie_breaker` who settles a disagreement, or an `escalates_to` or `on_no_agreement`"
    )


def test_a_candidate_who_is_one_of_the_deciders_is_passed_over() -> None:
    # deciders coo and cpo: their lowest common manager is coo, one of them; ceo is next
    text = PEOPLE + ROLES + RELEASE.replace("[cpo, cto]", "[coo, cpo]")
    finding = dl001(text, ["DL001", "DR013"])
    assert finding.help == (
        "set `tie_breaker: ceo`, who is above all of them, or an `escalates_to` or "
        "`on_no_agreement`"
    )


def test_a_body_tie_is_settled_on_the_body() -> None:
    # a body of cpo and cto voting by majority: the tie goes on the body, coo its settler
    text = (
        PEOPLE
        + ROLES
        + """teams:
  board:
    name: Board
    decides_by: vote
    decide_within: 5d
    lead: cpo
    members: [cto]
decisions:
  plan: {title: Plan, owner: board}
"""
        + COO_SIGNS
    )
    (finding,) = lint_text(text, ["DL003", "DR013"], thresholds=LIMIT).findings
    assert finding.entities == ("board", "plan")
    assert finding.help == (
        "set `tie_breaker: ceo`, who is above the deciders, or make the number of deciders odd"
    )


def test_an_override_that_would_not_fix_the_finding_is_not_named() -> None:
    # the lowest role above cpo is coo, who would cross the limit; ceo, above it, passes
    text = (
        PEOPLE
        + ROLES
        + "decisions:\n  roadmap: {title: Roadmap, owner: cpo, override: cto}\n"
        + COO_SIGNS
    )
    found = lint_text(text, ["DR009", "DR013"], thresholds=LIMIT).findings
    (finding,) = [f for f in found if f.code == "DR009"]
    assert finding.help == "set `override: ceo`, who is above every owner"


SELF_APPROVAL = """governance: 1
people:
  priya: {name: Priya Raman}
  ana: {name: Ana Costa}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cfo: {title: Chief Financial Officer, holder: ana, reports_to: ceo}
decisions:
  write-offs:
    title: Writing off unpaid invoices
    owner: cfo
    approvals: [ana]
"""


def test_a_self_approver_is_replaced_by_the_lowest_role_above_the_owner() -> None:
    (finding,) = lint_text(SELF_APPROVAL, ["DR011"]).findings
    assert finding.help == (
        "remove `ana` from `approvals` and add `ceo` to `approvals`, the lowest role above "
        "every owner"
    )


def test_a_self_approver_is_removed_when_the_candidate_already_signs_off() -> None:
    text = SELF_APPROVAL.replace("[ana]", "[ana, ceo]")
    (finding,) = lint_text(text, ["DR011"]).findings
    assert finding.help == (
        "remove `ana` from `approvals`: `ceo`, the lowest role above every owner, already signs off"
    )


def test_each_rule_has_a_budget_of_tries_past_which_helps_name_no_id(monkeypatch: Any) -> None:
    # 5 people + 5 roles + 3 decisions = 13 entries; a budget of 26 gives each rule 2
    # tries: the first two deadlocks (in the order DL001 reports them) are verified, the
    # third says what to do without an id
    monkeypatch.setattr(_suggest, "WORK", 26)
    decisions = "".join(
        f"  {name}: {{title: {name}, owner: cpo, mode: consensus, deciders: [cpo, cto]}}\n"
        for name in ("d1", "d2", "d3")
    )
    found = lint_text(PEOPLE + ROLES + "decisions:\n" + decisions, ["DL001"]).findings
    helps = {f.entities[0]: f.help for f in found if f.code == "DL001"}
    named = "set `tie_breaker: coo`, who is above all of them, or an `escalates_to` or "
    unnamed = "name a `tie_breaker` who settles a disagreement, or an `escalates_to` or "
    assert helps == {
        "d1": named + "`on_no_agreement`",
        "d2": named + "`on_no_agreement`",
        "d3": unnamed + "`on_no_agreement`",
    }
