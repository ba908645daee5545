"""Verified suggestions of DR001, DR003-DR007, DR012, ES001, ES004 and ES005: the help
names the rule's first candidate when its change fixes the finding and adds no error or
warning, else the next candidate that does, else no id.

Expected helps are written from the rules' definitions, not copied from a run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from governance_lint.findings import Finding

from helpers import lint_text, run_cli

PEOPLE = """governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  p-ceo: {name: Chief}
  p-coo: {name: Operator}
  p-cfo: {name: Counter}
  p-cpo: {name: Product}
  p-cto: {name: Tech}
  p-eng: {name: Engineer}
"""

# ceo is the top; coo and cfo report to it; cpo and cto report to coo; eng to cto.
ROLES = """roles:
  ceo: {title: CEO, holder: p-ceo}
  coo: {title: COO, holder: p-coo, reports_to: ceo}
  cfo: {title: CFO, holder: p-cfo, reports_to: ceo}
  cpo: {title: CPO, holder: p-cpo, reports_to: coo}
  cto: {title: CTO, holder: p-cto, reports_to: coo}
  eng: {title: Engineer, holder: p-eng, reports_to: cto}
"""

PRODUCT = """teams:
  product: {name: Product, lead: cpo}
"""

# Two sign-offs each: at the limit of 2, so one more is a sign-off bottleneck (DR013).
COO_SIGNS = """  a1: {title: A1, owner: cpo, approvals: [coo]}
  a2: {title: A2, owner: cto, approvals: [coo]}
"""
CEO_SIGNS = """  b1: {title: B1, owner: cfo, approvals: [ceo]}
  b2: {title: B2, owner: coo, approvals: [ceo]}
"""
SIGNOFFS = {"max_signoffs_per_person": 2}


def vacant(role: str) -> str:
    """ROLES with ``role`` vacant."""
    return ROLES.replace(
        f"  {role}: {{title: {role.upper()}, holder: p-{role}, ",
        f"  {role}: {{title: {role.upper()}, ",
    )


def one(text: str, code: str, select: list[str], **settings: Any) -> Finding:
    found = [f for f in lint_text(text, select, **settings).findings if f.code == code]
    assert len(found) == 1, found
    return found[0]


# -- DR001: `owner: X`, first the lead of its `executed_by` team ------------------------------

UNOWNED = "decisions:\n  d: {title: D, executed_by: product}\n"


def test_dr001_names_the_lead_of_the_team_that_carries_it_out() -> None:
    finding = one(PEOPLE + ROLES + PRODUCT + UNOWNED, "DR001", ["DR001", "DR004"])
    assert finding.help == (
        "set `owner: cpo`, who leads the team that carries it out: the role accountable "
        "for making this decision"
    )


def test_dr001_passes_over_a_vacant_lead_to_the_role_above() -> None:
    # owning it, the vacant cpo would be a vacant owner (DR004): coo, above it, passes
    finding = one(PEOPLE + vacant("cpo") + PRODUCT + UNOWNED, "DR001", ["DR001", "DR004"])
    assert finding.help == "set `owner: coo`: the role accountable for making this decision"


def test_dr001_without_an_executed_by_team_names_no_id() -> None:
    text = PEOPLE + ROLES + "decisions:\n  d: {title: D}\n"
    finding = one(text, "DR001", ["DR001"])
    assert finding.help == "name one owner: the role accountable for making this decision"


# -- DR003: `owner: X`, the team moved to `consulted`; first the team's lead ----------------

TEAM_OWNED = "decisions:\n  d: {title: D, owner: product}\n"


def test_dr003_names_the_teams_lead_and_moves_the_team_to_consulted() -> None:
    finding = one(PEOPLE + ROLES + PRODUCT + TEAM_OWNED, "DR003", ["DR003", "DR004"])
    assert finding.help == (
        "set `owner: cpo`, the team's lead, and list `product` as consulted, or set "
        "`mode: consent` if the team decides as one"
    )


def test_dr003_passes_over_a_vacant_lead_to_the_role_above() -> None:
    finding = one(PEOPLE + vacant("cpo") + PRODUCT + TEAM_OWNED, "DR003", ["DR003", "DR004"])
    assert finding.help == (
        "set `owner: coo` and list `product` as consulted, or set `mode: consent` if the "
        "team decides as one"
    )


# -- DR004: X in place of the vacant role in each decision's `owner`; first its reports_to --

VACANT_OWNS = """decisions:
  d: {title: D, owner: cpo}
  e: {title: E, owner: cpo}
"""


def test_dr004_names_the_vacant_roles_manager_for_every_decision() -> None:
    finding = one(PEOPLE + vacant("cpo") + VACANT_OWNS, "DR004", ["DR004", "DR006"])
    assert finding.help == "name a `holder` for `cpo`, or set `owner: coo` on `d`, `e`"


def test_dr004_passes_over_a_manager_the_decisions_would_overload() -> None:
    # coo owns f already: with d and e it would own 3, more than 2 (DR006); ceo owns 2
    text = PEOPLE + vacant("cpo") + VACANT_OWNS + "  f: {title: F, owner: coo}\n"
    limit = {"max_decisions_per_owner": 2}
    finding = one(text, "DR004", ["DR004", "DR006"], thresholds=limit)
    assert finding.help == "name a `holder` for `cpo`, or set `owner: ceo` on `d`, `e`"


def test_dr004_in_an_owner_list_puts_the_candidate_in_its_place() -> None:
    text = PEOPLE + vacant("cpo") + "decisions:\n  d: {title: D, owner: [cpo, cfo]}\n"
    finding = one(text, "DR004", ["DR004"])
    assert finding.help == (
        "name a `holder` for `cpo`, or put `coo` in its place in the `owner` of `d`"
    )


# -- DR005: `owner: X` on every decision of the scope; first the most common one owner ------

SCOPE = """decisions:
  a: {title: A, scope: plan, owner: cpo}
  b: {title: B, scope: plan, owner: cpo}
  c: {title: C, scope: plan, owner: cto}
"""


def test_dr005_names_the_owner_most_decisions_of_the_scope_have() -> None:
    finding = one(PEOPLE + ROLES + SCOPE, "DR005", ["DR005", "DR006"])
    assert finding.help == (
        "set `owner: cpo` on `c`, so that one owner answers for scope `plan`, or give "
        "each decision a scope of its own"
    )


def test_dr005_passes_over_an_owner_the_scope_would_overload() -> None:
    # cpo owns x too: with c it would own 4, more than 3 (DR006); coo, above it, owns 3
    text = PEOPLE + ROLES + SCOPE + "  x: {title: X, owner: cpo}\n"
    finding = one(text, "DR005", ["DR005", "DR006"], thresholds={"max_decisions_per_owner": 3})
    assert finding.help == (
        "set `owner: coo` on `a`, `b`, `c`, so that one owner answers for scope `plan`, or "
        "give each decision a scope of its own"
    )


def test_dr005_names_no_id_when_no_owner_passes() -> None:
    # at most 2 each: whoever takes the scope owns 3
    text = PEOPLE + ROLES + SCOPE
    finding = one(text, "DR005", ["DR005", "DR006"], thresholds={"max_decisions_per_owner": 2})
    assert finding.help == (
        "give every decision with scope `plan` one owner, or give each decision a scope of its own"
    )


# -- DR006: a direct report in place of the person in the last decisions -------------------

COO_OWNS = """decisions:
  d1: {title: D1, owner: coo}
  d2: {title: D2, owner: p-coo}
  d3: {title: D3, owner: coo, scope: plan}
"""
AT_TWO = {"max_decisions_per_owner": 2}


def test_dr006_hands_the_last_decisions_to_the_least_loaded_report() -> None:
    # 3 decisions, limit 2: the last one, d3, goes to cpo (owns 0; cto owns 0, cpo sorts first)
    finding = one(PEOPLE + ROLES + COO_OWNS, "DR006", ["DR006"], thresholds=AT_TWO)
    assert finding.help == "set `owner: cpo` on `d3`"


def test_dr006_passes_over_a_report_the_change_would_make_a_split_scope() -> None:
    # cto owns f with scope plan: d3 given to cpo would split it between peers (DR005);
    # cto, who owns 1 and is tried next, keeps it with one owner
    text = PEOPLE + ROLES + COO_OWNS + "  f: {title: F, owner: cto, scope: plan}\n"
    finding = one(text, "DR006", ["DR006", "DR005"], thresholds=AT_TWO)
    assert finding.help == "set `owner: cto` on `d3`"


def test_dr006_replaces_the_person_where_the_decision_counts_through_them() -> None:
    # 4 decisions, limit 2: the last two go; d2 counts through the person, d3 through coo
    text = (
        PEOPLE
        + ROLES
        + COO_OWNS.replace(
            "d1: {title: D1", "d0: {title: D0, owner: coo}\n  d1: {title: D1"
        ).replace("d2: {title: D2, owner: p-coo}", "d2: {title: D2, owner: [p-coo, cfo]}")
    )
    finding = one(text, "DR006", ["DR006"], thresholds=AT_TWO)
    assert finding.help == "put `cpo` in place of `coo` and `p-coo` in the `owner` of `d2`, `d3`"


# -- DR007: metric `owner: X`, else the metric's owner added to `approvals` -----------------

METRIC = """decisions:
  d: {title: D, owner: cpo, affects: [m]}
metrics:
  m: {title: M, owner: cfo}
"""


def test_dr007_gives_the_metric_to_the_owner_of_the_decision_that_moves_it() -> None:
    finding = one(PEOPLE + ROLES + METRIC, "DR007", ["DR007", "CD004"])
    assert finding.help == "set `owner: cpo`, the owner of the decisions that move `m`"


def test_dr007_makes_the_metric_owner_an_approver_when_the_owner_cannot_take_it() -> None:
    # a vacant cpo owning the metric would be CD004's: cfo signs off on d instead
    finding = one(PEOPLE + vacant("cpo") + METRIC, "DR007", ["DR007", "CD004"])
    assert finding.help == (
        "add `cfo` to `approvals` on `d`, so that the metric's owner signs off on a "
        "decision that moves it"
    )


def test_dr007_names_no_id_when_neither_change_passes() -> None:
    # d already has one approval, the limit: a second is DR008's
    text = PEOPLE + vacant("cpo") + METRIC.replace("affects: [m]", "approvals: [ceo], affects: [m]")
    finding = one(text, "DR007", ["DR007", "CD004", "DR008"], thresholds={"max_approvals": 1})
    assert finding.help == (
        "give `m` to someone with a say over the decisions that move it, or give `cfo` a "
        "say over one of them"
    )


# -- DR012: `tie_breaker: X`, first the metric owners' lowest common manager --------------

TRADE_OFF = """decisions:
  d: {title: D, owner: cfo, affects: [rev, cost]}
"""
METRICS = """metrics:
  rev: {title: Revenue, owner: cpo}
  cost: {title: Cost, owner: cto}
"""


def test_dr012_names_the_metric_owners_lowest_common_manager() -> None:
    text = PEOPLE + ROLES + TRADE_OFF + METRICS
    finding = one(text, "DR012", ["DR012", "DR013"], thresholds=SIGNOFFS)
    assert finding.help == "set `tie_breaker: coo`, the lowest common manager of the metric owners"


def test_dr012_passes_over_a_manager_who_would_sign_off_too_often() -> None:
    text = PEOPLE + ROLES + TRADE_OFF + COO_SIGNS + METRICS
    finding = one(text, "DR012", ["DR012", "DR013"], thresholds=SIGNOFFS)
    assert finding.help == "set `tie_breaker: ceo`, who is above all of the metric owners"


# -- ES001: `escalates_to: X`, first the final authority -----------------------------------

ROLELESS = "  drifter: {name: Drifter}\n"
DRIFTER_OWNS = "decisions:\n  d: {title: D, owner: drifter}\n"


def test_es001_names_the_final_authority() -> None:
    text = PEOPLE + ROLELESS + ROLES + DRIFTER_OWNS
    finding = one(text, "ES001", ["ES001", "DR013"], thresholds=SIGNOFFS)
    assert finding.help == (
        "give `drifter` a role that reports to someone, or set `escalates_to: ceo`, the "
        "final authority"
    )


def test_es001_names_no_id_when_the_final_authority_would_sign_off_too_often() -> None:
    # the final authority is the top: no role is above it, and it has no peers
    text = PEOPLE + ROLELESS + ROLES + DRIFTER_OWNS + CEO_SIGNS
    finding = one(text, "ES001", ["ES001", "DR013"], thresholds=SIGNOFFS)
    assert finding.help == (
        "give `drifter` a role that reports to someone, or set the decision's "
        "`escalates_to` to a senior role"
    )


# -- ES004: `escalates_to: X`, the nearest node of the chain within the limit, then later --

DEEP = "decisions:\n  d: {title: D, owner: eng}\n"
HOPS = {"max_escalation_hops": 2, **SIGNOFFS}


def test_es004_names_the_nearest_role_that_brings_the_chain_within_the_limit() -> None:
    # eng -> cto -> coo -> ceo is 3 hops; escalating to coo takes 2: coo, ceo
    finding = one(PEOPLE + ROLES + DEEP, "ES004", ["ES004", "DR013"], thresholds=HOPS)
    assert finding.help == "set `escalates_to: coo`, which brings the chain to 2 hops"


def test_es004_goes_on_along_the_chain_when_the_nearest_fails() -> None:
    text = PEOPLE + ROLES + DEEP + COO_SIGNS
    finding = one(text, "ES004", ["ES004", "DR013"], thresholds=HOPS)
    assert finding.help == "set `escalates_to: ceo`, which brings the chain to 1 hop"


def test_es004_names_no_id_when_no_role_of_the_chain_passes() -> None:
    text = PEOPLE + ROLES + DEEP + COO_SIGNS + CEO_SIGNS
    finding = one(text, "ES004", ["ES004", "DR013"], thresholds=HOPS)
    assert finding.help == (
        "set the decision's `escalates_to` to a senior role that brings the chain within 2 hops"
    )


# -- ES005 (passed): `escalates_to: X` on each decision, first the vacant role's next hop --


def test_es005_names_the_next_hop_past_the_vacancy() -> None:
    # eng -> cto (vacant) -> coo -> ceo: d escalates past cto to coo
    text = PEOPLE + vacant("cto") + DEEP
    finding = one(text, "ES005", ["ES005", "DR013"], thresholds=SIGNOFFS)
    assert finding.help == "name a `holder` for `cto`, or set `escalates_to: coo` on `d`"


def test_es005_passes_over_a_next_hop_who_would_sign_off_too_often() -> None:
    text = PEOPLE + vacant("cto") + DEEP + COO_SIGNS
    finding = one(text, "ES005", ["ES005", "DR013"], thresholds=SIGNOFFS)
    assert finding.help == "name a `holder` for `cto`, or set `escalates_to: ceo` on `d`"


def test_es005_then_tries_the_peers_of_the_next_hop() -> None:
    # coo and ceo, above it, would both sign off too often: cfo, coo's peer, passes
    text = PEOPLE + vacant("cto") + DEEP + COO_SIGNS + CEO_SIGNS
    finding = one(text, "ES005", ["ES005", "DR013"], thresholds=SIGNOFFS)
    assert finding.help == "name a `holder` for `cto`, or set `escalates_to: cfo` on `d`"


def test_es005_only_says_to_fill_the_seat_when_no_candidate_passes() -> None:
    # cfo, the last candidate, signs off twice already too
    cfo_signs = (
        "  c1: {title: C1, owner: cpo, approvals: [cfo]}\n"
        "  c2: {title: C2, owner: cpo, approvals: [cfo]}\n"
    )
    text = PEOPLE + vacant("cto") + DEEP + COO_SIGNS + CEO_SIGNS + cfo_signs
    finding = one(text, "ES005", ["ES005", "DR013"], thresholds=SIGNOFFS)
    assert finding.help == "name a `holder` for `cto`"


def test_the_installed_command_names_the_verified_candidate(tmp_path: Path) -> None:
    """End to end: the console script, thresholds from the configuration file, DR013 among
    the rules run: coo would sign off too often, so the ES005 help names ceo."""
    (tmp_path / "org.yaml").write_text(PEOPLE + vacant("cto") + DEEP + COO_SIGNS)
    (tmp_path / ".governance-lint.yaml").write_text(
        "select: [ES005, DR013]\nthresholds: {max_signoffs_per_person: 2}\n"
    )
    result = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["help"]) for f in found] == [
        ("ES005", "name a `holder` for `cto`, or set `escalates_to: ceo` on `d`")
    ]
