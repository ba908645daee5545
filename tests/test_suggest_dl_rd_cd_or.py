"""Checked suggestions of DL007, RD001, RD003, CD001, CD002, CD004, CD005, CD007, OR002
and OR005: the help names the first candidate whose change removes the finding and adds
no error or warning, in the order the rule's candidates come; no id when none passes.

Expected helps are written by hand from each rule's change and first candidate."""

from __future__ import annotations

from pathlib import Path

from test_suggest import COO_SIGNS, PEOPLE, ROLES

from governance_lint.findings import Finding

from helpers import lint_text, run_json

LIMIT = {"max_signoffs_per_person": 2}


def one(
    text: str,
    code: str,
    select: list[str],
    severity: dict[str, str] | None = None,
    **thresholds: float,
) -> Finding:
    found = lint_text(text, select, thresholds=thresholds, severity=severity or {}).findings
    (finding,) = [f for f in found if f.code == code]
    return finding


# -- DL007: a seat put in place of the vacant one, its `reports_to` first -------------------

VACANT_APPROVER = """  vac: {title: Vacant approver, reports_to: coo}
decisions:
  d1: {title: D1, owner: cpo, approvals: [vac]}
  d2: {title: D2, owner: cto, tie_breaker: vac, mode: consensus, deciders: [cto, cfo]}
"""


def test_dl007_puts_the_vacant_roles_manager_in_its_place() -> None:
    finding = one(PEOPLE + ROLES + VACANT_APPROVER, "DL007", ["DL007", "DR013"], **LIMIT)
    assert finding.entities == ("vac", "d1", "d2")
    assert finding.help == (
        "name a `holder` for `vac`, or put `coo` in its place wherever `d1`, `d2` name it"
    )


def test_dl007_goes_up_when_the_manager_would_sign_off_too_often() -> None:
    # coo in place of `vac` in d1's approvals is a third sign-off for coo (DR013): ceo next
    text = PEOPLE + ROLES + VACANT_APPROVER + COO_SIGNS
    finding = one(text, "DL007", ["DL007", "DR013"], **LIMIT)
    assert finding.help == (
        "name a `holder` for `vac`, or put `ceo` in its place wherever `d1`, `d2` name it"
    )


def test_dl007_narrowed_by_a_suppression_keeps_the_suggestion_for_the_rest() -> None:
    text = (PEOPLE + ROLES + VACANT_APPROVER).replace(
        "approvals: [vac]}", "approvals: [vac]}  # governance-lint: disable=DL007 -- hired"
    )
    finding = one(text, "DL007", ["DL007"])
    assert finding.entities == ("vac", "d2")
    assert (
        finding.help == "name a `holder` for `vac`, or put `coo` in its place wherever `d2` name it"
    )


# -- RD003: the lead of the receiving team accepts ------------------------------------------

TEAMS = """teams:
  company: {name: Company, lead: ceo}
  product: {name: Product, lead: cpo}
  tech: {name: Tech, lead: cto}
  engineering: {name: Engineering, lead: eng-lead, parent: tech}
"""
ENG_LEAD = "  eng-lead: {title: Engineering lead, holder: p-cto, reports_to: cto}\n"
ENG_LEAD_VACANT = "  eng-lead: {title: Engineering lead, reports_to: cto}\n"


def ready(accepted_by: str, name: str = "spec") -> str:
    return (
        f"  {name}: {{artifact: Spec, from: product, to: engineering, accepted_by: "
        f"{accepted_by}, criteria: [Scope]}}\n"
    )


def test_rd003_names_the_lead_of_the_receiving_team() -> None:
    text = PEOPLE + ROLES + ENG_LEAD + TEAMS + "ready:\n" + ready("cpo")
    finding = one(text, "RD003", ["RD003"])
    assert finding.help == (
        "set `accepted_by: eng-lead`, the lead of `engineering`, or one of its members"
    )


def test_rd003_passes_over_a_vacant_lead_to_the_role_above_it() -> None:
    # a vacant eng-lead as acceptor is a vacant acceptor (RD003 about eng-lead, a new
    # finding): cto, its `reports_to`, leads `tech`, the team above, and may accept
    text = PEOPLE + ROLES + ENG_LEAD_VACANT + TEAMS + "ready:\n" + ready("cpo")
    finding = one(text, "RD003", ["RD003"])
    assert finding.entities == ("spec", "cpo", "engineering")
    assert finding.help == "set `accepted_by: cto`, or a member of `engineering`"


def test_rd003_a_vacant_acceptor_is_replaced_on_each_definition() -> None:
    text = (
        PEOPLE
        + ROLES
        + ENG_LEAD
        + "  vac: {title: Vacant, reports_to: eng-lead}\n"
        + TEAMS
        + "ready:\n"
        + ready("vac", "r1")
        + ready("vac", "r2")
    )
    finding = one(text, "RD003", ["RD003"])
    assert finding.entities == ("vac", "r1", "r2")
    assert finding.help == "name a `holder` for `vac`, or set `accepted_by: eng-lead` on `r1`, `r2`"


def test_rd003_no_candidate_may_accept_and_the_help_names_none() -> None:
    # cfo, then ceo above it, then coo beside it: none belongs to engineering or leads a
    # team above it, so each leaves r1 and r2 reported (as a wrong acceptor)
    text = (
        PEOPLE
        + ROLES
        + ENG_LEAD
        + "  vac: {title: Vacant, reports_to: cfo}\n"
        + TEAMS.replace("  company: {name: Company, lead: ceo}\n", "")
        + "ready:\n"
        + ready("vac", "r1")
        + ready("vac", "r2")
    )
    finding = one(text, "RD003", ["RD003"])
    assert finding.help == "name a `holder` for `vac`"


# -- RD001: a definition of ready the executing team's lead accepts -------------------------

HANDOFF = "decisions:\n  launch: {title: Launch, owner: cpo, executed_by: engineering}\n"


def test_rd001_writes_a_definition_the_lead_accepts() -> None:
    text = PEOPLE + ROLES + ENG_LEAD + TEAMS + HANDOFF
    finding = one(text, "RD001", ["RD001", "RD003"])
    assert finding.entities == ("launch", "engineering", "cpo")
    assert finding.help == (
        "write a definition of ready from `product` to `engineering` with "
        "`accepted_by: eng-lead` (the lead of `engineering`) and one criterion, and name it "
        "in the decision's `ready`"
    )


def test_rd001_a_vacant_lead_gives_way_to_the_role_above_it() -> None:
    # accepted by the vacant eng-lead, the new definition is RD003's: cto, above it, passes
    text = PEOPLE + ROLES + ENG_LEAD_VACANT + TEAMS + HANDOFF
    finding = one(text, "RD001", ["RD001", "RD003"])
    assert finding.help == (
        "write a definition of ready from `product` to `engineering` with "
        "`accepted_by: cto` and one criterion, and name it in the decision's `ready`"
    )


def test_rd001_a_named_definition_that_does_not_fit_is_changed_to_fit() -> None:
    text = (
        PEOPLE
        + ROLES
        + ENG_LEAD
        + TEAMS
        + "ready:\n  brief: {artifact: Brief, from: tech, to: product, accepted_by: cpo}\n"
        + HANDOFF.replace("executed_by: engineering}", "executed_by: engineering, ready: brief}")
    )
    finding = one(text, "RD001", ["RD001", "RD003"])
    assert finding.help == (
        "make ready `brief` go from `product` to `engineering` with `accepted_by: eng-lead` "
        "(the lead of `engineering`)"
    )


# -- CD002: a chair, the lowest manager over those present first ----------------------------


def test_cd002_sets_the_lowest_manager_over_the_attendees() -> None:
    text = PEOPLE + ROLES + "cadences:\n  sync: {title: Sync, attendees: [cpo, cto]}\n"
    finding = one(text, "CD002", ["CD002"])
    assert finding.help == "set `chair: coo`, the lowest manager over its attendees"


def test_cd002_a_vacant_manager_would_be_a_vacant_chair_so_the_one_above_is_named() -> None:
    text = (
        PEOPLE
        + ROLES.replace("holder: p-coo, ", "")
        + "cadences:\n  sync: {title: Sync, attendees: [cpo, cto]}\n"
    )
    finding = one(text, "CD002", ["CD002"])
    assert finding.help == "set `chair: ceo`"


def test_cd002_a_vacant_chair_is_replaced_on_each_cadence() -> None:
    text = (
        PEOPLE
        + ROLES
        + "  vac: {title: Vacant, reports_to: coo}\n"
        + "cadences:\n"
        + "  m1: {title: M1, chair: vac, attendees: [cpo]}\n"
        + "  m2: {title: M2, chair: vac, attendees: [cto]}\n"
    )
    finding = one(text, "CD002", ["CD002"])
    assert finding.help == "name a `holder` for `vac`, or set `chair: coo` on `m1`, `m2`"


# -- CD004: a metric's owner, a team's lead or a vacant role's manager first ----------------


def test_cd004_a_team_owner_gives_way_to_its_lead() -> None:
    text = PEOPLE + ROLES + ENG_LEAD + TEAMS + "metrics:\n  uptime: {title: Uptime, owner: tech}\n"
    finding = one(text, "CD004", ["CD004"])
    assert finding.help == "set `owner: cto`, the lead of `tech`"


def test_cd004_a_vacant_lead_is_passed_for_the_role_above_it() -> None:
    # eng-lead as owner is a vacant owner, reported about eng-lead: cto is next
    text = (
        PEOPLE
        + ROLES
        + ENG_LEAD_VACANT
        + TEAMS
        + "metrics:\n  uptime: {title: Uptime, owner: engineering}\n"
    )
    finding = one(text, "CD004", ["CD004"])
    assert finding.help == "set `owner: cto`"


def test_cd004_a_vacant_owner_is_replaced_on_each_metric_going_up_past_another() -> None:
    text = (
        PEOPLE
        + ROLES
        + "  vac2: {title: Also vacant, reports_to: ceo}\n"
        + "  vac: {title: Vacant, reports_to: vac2}\n"
        + "metrics:\n  m1: {title: M1, owner: vac}\n  m2: {title: M2, owner: vac}\n"
    )
    finding = one(text, "CD004", ["CD004"])
    assert finding.entities == ("vac", "m1", "m2")
    assert finding.help == "name a `holder` for `vac`, or set `owner: ceo` on `m1`, `m2`"


# -- CD001 and CD005: a cadence where the owner is present, in sorted order ----------------

CADENCES = """cadences:
  a-sync: {title: A, every: weekly, chair: cto, attendees: [cto]}
  b-monthly: {title: B, every: monthly, chair: coo, attendees: [coo]}
  c-weekly: {title: C, every: weekly, chair: cpo, attendees: [cpo]}
"""


def test_cd001_adds_the_first_cadence_where_someone_above_the_owner_is() -> None:
    # a-sync has only cto; b-monthly has coo, above cpo: the first in sorted order
    text = PEOPLE + ROLES + CADENCES + "decisions:\n  d: {title: D, owner: cpo}\n"
    finding = one(text, "CD001", ["CD001", "CD007"])
    assert finding.help == (
        "add `b-monthly` to `reviewed_in`, a cadence where its owner or someone above them "
        "is present"
    )


def test_cd001_no_cadence_has_the_owner_and_the_help_names_none() -> None:
    text = PEOPLE + ROLES + CADENCES + "decisions:\n  d: {title: D, owner: cfo}\n"
    finding = one(text, "CD001", ["CD001", "CD007"])
    assert finding.help == "name in `reviewed_in` the cadence where its owner reports on it"


def test_cd005_a_leading_metric_skips_a_monthly_cadence_for_a_weekly_one() -> None:
    # b-monthly would leave the leading metric without a weekly review (CD008, configured
    # as a warning): c-weekly is next
    text = (
        PEOPLE
        + ROLES
        + CADENCES
        + "metrics:\n  activation: {title: Activation, owner: cpo, kind: leading}\n"
    )
    warned = {"CD008": "warning"}
    finding = one(text, "CD005", ["CD005", "CD008"], warned)
    assert finding.help == (
        "add `c-weekly` to `reviewed_in`, a cadence where its owner or someone above them "
        "is present"
    )
    # at its own severity, info, CD008 does not hold a suggestion back
    assert one(text, "CD005", ["CD005", "CD008"]).help.startswith("add `b-monthly` to")


# -- CD007: an owner added to the attendees ----------------------------------------------

REVIEWED = """cadences:
  sync: {title: Sync, every: weekly, chair: cfo, attendees: [cfo]}
  standup: {title: Standup, every: weekly, chair: cpo, attendees: [cpo]}
decisions:
  d: {title: D, owner: [cpo, cto], reviewed_in: sync}
"""


def test_cd007_adds_the_first_owner_to_the_attendees() -> None:
    finding = one(PEOPLE + ROLES + REVIEWED, "CD007", ["CD007", "CD009"])
    assert finding.help == (
        "add `cpo` to `attendees` on `sync`, or review the decision in `standup` instead"
    )


def test_cd007_an_owner_with_a_full_week_gives_way_to_the_next_owner() -> None:
    # cpo already meets once a week, the limit: a second weekly meeting is CD009
    # (CD009 configured as a warning)
    warned = {"CD009": "warning"}
    finding = one(
        PEOPLE + ROLES + REVIEWED, "CD007", ["CD007", "CD009"], warned, max_meetings_per_week=1
    )
    assert finding.help == (
        "add `cto` to `attendees` on `sync`, or review the decision in `standup` instead"
    )


# -- OR002: a line from every other top to one top -----------------------------------------


def test_or002_names_the_top_with_most_roles_below_it() -> None:
    text = PEOPLE + ROLES + "  adviser: {title: Adviser}\n"
    finding = one(text, "OR002", ["OR002"])
    assert finding.entities == ("adviser", "ceo")
    assert finding.help == "set `final_authority: ceo` and `reports_to: ceo` on `adviser`"


def test_or002_a_line_that_makes_a_chain_too_long_gives_way_to_another_top() -> None:
    # big has 5 roles below it, small 4 in a line: small -> big would make s4's chain 5
    # hops (ES004); big -> small makes no chain longer than 4
    text = """governance: 1
roles:
  big: {title: Big}
  b1: {title: B1, reports_to: big}
  b2: {title: B2, reports_to: big}
  b3: {title: B3, reports_to: big}
  b4: {title: B4, reports_to: big}
  b5: {title: B5, reports_to: big}
  small: {title: Small}
  s1: {title: S1, reports_to: small}
  s2: {title: S2, reports_to: s1}
  s3: {title: S3, reports_to: s2}
  s4: {title: S4, reports_to: s3}
decisions:
  deep: {title: Deep, owner: s4}
"""
    finding = one(text, "OR002", ["OR002", "ES004"])
    assert finding.help == "set `final_authority: small` and `reports_to: small` on `big`"


# -- OR005: a lead that belongs to the team or leads its parent ----------------------------


def test_or005_the_lowest_manager_leads_the_parent_team() -> None:
    text = (
        PEOPLE
        + ROLES
        + "teams:\n  ops: {name: Ops, lead: coo}\n"
        + "  squad: {name: Squad, parent: ops, members: [cpo, cto]}\n"
    )
    finding = one(text, "OR005", ["OR005"])
    assert finding.help == "set `lead: coo`, the lowest role at or above all its members"


def test_or005_a_manager_outside_the_team_is_passed_over() -> None:
    # coo neither belongs to squad nor leads its parent: ceo, above it, leads `company`
    text = (
        PEOPLE
        + ROLES
        + "teams:\n  company: {name: Company, lead: ceo}\n"
        + "  squad: {name: Squad, parent: company, members: [cpo, cto]}\n"
    )
    finding = one(text, "OR005", ["OR005"])
    assert finding.help == "set `lead: ceo`"
    orphan = text.replace(", parent: company", "")
    assert one(orphan, "OR005", ["OR005"]).help == (
        "set `lead` to the role that answers for the team"
    )


def test_or005_a_vacant_lead_is_replaced_on_each_team() -> None:
    text = (
        PEOPLE
        + ROLES
        + "  vac: {title: Vacant, reports_to: coo}\n"
        + "teams:\n  ops: {name: Ops, lead: coo}\n"
        + "  t1: {name: T1, lead: vac, members: [coo, cpo]}\n"
        + "  t2: {name: T2, lead: vac, parent: ops}\n"
    )
    finding = one(text, "OR005", ["OR005"])
    assert finding.entities == ("vac", "t1", "t2")
    assert finding.help == "name a `holder` for `vac`, or set `lead: coo` on `t1`, `t2`"


# -- end to end --------------------------------------------------------------------------


def test_the_console_script_shows_a_checked_suggestion(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(
        PEOPLE + ROLES + "cadences:\n  sync: {title: Sync, attendees: [cpo, cto]}\n",
        encoding="utf-8",
    )
    report = run_json("--select", "CD002", "org.yaml", cwd=tmp_path)
    (finding,) = report["findings"]
    assert finding["code"] == "CD002"
    assert finding["help"] == "set `chair: coo`, the lowest manager over its attendees"
