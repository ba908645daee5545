"""Handoffs and the operating rhythm at their edges: thresholds, reach, fallback locations."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance_lint.findings import Finding

from helpers import invoke_json, lint_paths

PEOPLE = """\
governance: 1
people:
  helen: {name: Helen Ashworth}
  james: {name: James Okafor}
roles:
  managing-partner: {title: Managing Partner, holder: helen}
  finance-director: {title: Finance Director, holder: james, reports_to: managing-partner}
"""


def findings(tmp_path: Path, files: dict[str, str], code: str, **settings: object) -> list[Finding]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return lint_paths([tmp_path], select=[code], **settings).findings


def meetings(*cadences: str) -> str:
    """An organization whose managing partner chairs one cadence per given `every`."""
    lines = [
        f"  c{n}: {{title: Meeting {n}, every: {every}, chair: managing-partner}}"
        for n, every in enumerate(cadences)
    ]
    return PEOPLE + "cadences:\n" + "\n".join(lines) + "\n"


# -- CD009: the threshold is a number, and the count must be MORE than it ----------------------


def test_exactly_ten_weighted_meetings_is_within_the_default_limit(tmp_path: Path) -> None:
    org = meetings("daily", "daily", "quarterly", "yearly")
    assert findings(tmp_path, {"org.yaml": org}, "CD009") == []


def test_ten_and_a_quarter_weighted_meetings_is_over_it(tmp_path: Path) -> None:
    org = meetings("daily", "daily", "monthly")
    [finding] = findings(tmp_path, {"org.yaml": org}, "CD009")
    assert finding.entities == ("helen", "c0", "c1", "c2")
    assert (finding.location.line, finding.location.column) == (3, 3)
    assert "10.25 meetings a week" in finding.message and "more than 10" in finding.message


def test_biweekly_weighs_half_a_weekly_meeting(tmp_path: Path) -> None:
    org = meetings("daily", "daily", "biweekly")
    [finding] = findings(tmp_path, {"org.yaml": org}, "CD009")
    assert "10.5 meetings a week" in finding.message


@pytest.mark.parametrize(("limit", "fires"), [(10.25, False), (10.2, True), (11, False), (0, True)])
def test_a_configured_max_meetings_per_week_moves_the_line(
    tmp_path: Path, limit: float, fires: bool
) -> None:
    org = meetings("daily", "daily", "monthly")
    found = findings(
        tmp_path, {"org.yaml": org}, "CD009", thresholds={"max_meetings_per_week": limit}
    )
    assert bool(found) is fires


def test_weightless_cadences_never_cross_a_limit_of_zero(tmp_path: Path) -> None:
    org = meetings("quarterly", "yearly")
    assert (
        findings(tmp_path, {"org.yaml": org}, "CD009", thresholds={"max_meetings_per_week": 0})
        == []
    )


def test_the_configuration_file_accepts_a_fractional_limit(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(meetings("daily", "daily", "monthly"), encoding="utf-8")
    (tmp_path / ".governance-lint.yaml").write_text(
        "select: [CD009]\nthresholds:\n  max_meetings_per_week: 10.5\n", encoding="utf-8"
    )
    assert invoke_json("org.yaml", cwd=tmp_path)["findings"] == []


# -- RD001: reach, a named definition, owner lists ----------------------------------------------

TEAMS = """\
governance: 1
people:
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
  ravi: {name: Ravi Menon}
  ana: {name: Ana Souza}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: cpo}
  platform-manager: {title: Platform Manager, holder: ravi, reports_to: cto}
  cro: {title: Chief Revenue Officer, holder: ana, reports_to: cpo}
teams:
  product: {name: Product, lead: cpo}
  engineering: {name: Engineering, lead: cto}
  platform: {name: Platform, lead: platform-manager, parent: engineering}
  storage: {name: Storage, parent: platform}
  sales: {name: Sales, lead: cro}
ready:
  product-spec:
    artifact: Product requirements
    from: product
    to: engineering
    accepted_by: cto
    criteria: [Acceptance criteria]
  deal-brief:
    artifact: Deal brief
    from: sales
    to: product
    accepted_by: cpo
    criteria: [Contract value]
decisions:
"""


def rd001(tmp_path: Path, decision: str) -> list[Finding]:
    return findings(tmp_path, {"org.yaml": TEAMS + decision}, "RD001")


def test_a_team_below_a_team_the_owner_leads_needs_no_handoff(tmp_path: Path) -> None:
    decision = "  d: {title: Storage engine, owner: cto, executed_by: storage}\n"
    assert rd001(tmp_path, decision) == []


def test_a_team_above_the_owner_is_not_within_their_reach(tmp_path: Path) -> None:
    decision = "  d: {title: Roadmap input, owner: platform-manager, executed_by: engineering}\n"
    [finding] = rd001(tmp_path, decision)
    assert finding.entities == ("d", "engineering", "platform-manager")
    assert finding.help == (
        "write a definition of ready from `platform` to `engineering` with `accepted_by: cto` "
        "(the lead of `engineering`) and one criterion, and name it in the decision's `ready`"
    )


def test_a_named_definition_that_goes_elsewhere_does_not_fit(tmp_path: Path) -> None:
    # 1.0 asked this of the CPO, now above the CTO who leads engineering: no handoff
    decision = "  d: {title: Feature, owner: cro, executed_by: engineering, ready: deal-brief}\n"
    [finding] = rd001(tmp_path, decision)
    assert finding.entities == ("d", "engineering", "cro")
    assert "ready `deal-brief` goes to `product`, the decision is executed by `engineering`" in (
        finding.message
    )


def test_an_owner_above_the_executing_teams_lead_needs_no_handoff(tmp_path: Path) -> None:
    """The CTO reports to the CPO: the CPO's work reaches engineering without a handoff,
    so even a named definition that goes elsewhere is not asked to fit."""
    decision = "  d: {title: Feature, owner: cpo, executed_by: engineering, ready: deal-brief}\n"
    assert rd001(tmp_path, decision) == []


def test_a_manager_of_a_squads_lead_needs_no_handoff(tmp_path: Path) -> None:
    """A VP's handoff to a squad led by their own report is within reach, though the VP
    neither belongs to nor leads a team above it."""
    decision = "  d: {title: Schema, owner: cto, executed_by: platform}\n"
    org = TEAMS.replace(
        "platform: {name: Platform, lead: platform-manager, parent: engineering}",
        "platform: {name: Platform, lead: platform-manager}",
    )
    assert findings(tmp_path, {"org.yaml": org + decision}, "RD001") == []


BODIES = """\
governance: 1
people:
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
  ravi: {name: Ravi Menon}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
  cto: {title: Chief Technology Officer, holder: sam}
  architect: {title: Architect, holder: ravi, reports_to: cto}
teams:
  board: {name: Design board, lead: cpo, decides_by: vote}
  design: {name: Design, lead: architect, parent: board}
  engineering: {name: Engineering, lead: cto}
  review: {name: Review board, lead: cto, decides_by: consent}
decisions:
"""


def bodies(tmp_path: Path, decision: str) -> list[tuple[int, int, tuple[str, ...]]]:
    found = findings(tmp_path, {"org.yaml": BODIES + decision}, "RD001")
    return [(f.location.line, f.location.column, f.entities) for f in found]


def test_a_body_owner_reaches_its_descendants(tmp_path: Path) -> None:
    assert bodies(tmp_path, "  d: {title: Layout, owner: board, executed_by: design}\n") == []


def test_a_body_owner_is_the_body_not_its_leads_teams(tmp_path: Path) -> None:
    """The board's lead is the CPO, who is not above engineering's lead: a handoff."""
    decision = "  d: {title: Layout, owner: board, executed_by: engineering}\n"
    assert bodies(tmp_path, decision) == [(16, 49, ("d", "engineering", "board"))]


def test_a_body_owner_above_the_executing_lead_needs_no_handoff(tmp_path: Path) -> None:
    """The review board stands for the CTO, above the architect who leads design."""
    decision = "  d: {title: Layout, owner: review, executed_by: design}\n"
    assert bodies(tmp_path, decision) == []


def test_a_pool_is_reported_only_when_no_member_is_covered(tmp_path: Path) -> None:
    decision = (
        "  d: {title: Hotfix, owner: cpo, mode: any, deciders: [cpo, ravi],"
        " executed_by: engineering}\n"
    )
    assert bodies(tmp_path, decision) == [(16, 81, ("d", "engineering", "cpo", "ravi"))]


def test_one_pool_member_within_reach_is_enough(tmp_path: Path) -> None:
    """Sam holds the CTO role, which leads engineering: any one of the pool may decide."""
    decision = (
        "  d: {title: Hotfix, owner: cpo, mode: any, deciders: [cpo, sam],"
        " executed_by: engineering}\n"
    )
    assert bodies(tmp_path, decision) == []


def test_the_same_decision_without_the_wrong_name_is_covered(tmp_path: Path) -> None:
    decision = "  d: {title: Feature, owner: cpo, executed_by: engineering}\n"
    assert rd001(tmp_path, decision) == []


def test_an_owner_list_names_only_the_owners_left_uncovered(tmp_path: Path) -> None:
    decision = "  d: {title: Launch, owner: [cpo, cro, cto], executed_by: engineering}\n"
    [finding] = rd001(tmp_path, decision)
    assert finding.entities == ("d", "engineering", "cro")
    assert (finding.location.line, finding.location.column) == (32, 59)


def test_a_named_definition_must_fit_every_owner_of_a_list(tmp_path: Path) -> None:
    decision = (
        "  d: {title: Launch, owner: [cro, cpo], executed_by: engineering, ready: product-spec}\n"
    )
    [finding] = rd001(tmp_path, decision)
    assert finding.entities == ("d", "engineering", "cro")


# -- CD006 and CD008: findings about the whole organization -----------------------------------

CEO = """\
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
"""


def where(finding: Finding) -> tuple[str, int, int]:
    return (Path(finding.location.file).name, finding.location.line, finding.location.column)


def test_cd006_lists_each_missing_frequency_and_counts_biweekly_as_weekly(
    tmp_path: Path,
) -> None:
    org = (
        "governance: 1\norganization: {name: Acme}\n" + CEO + "cadences:\n"
        "  sync: {title: Sync, every: biweekly, chair: ceo}\n"
    )
    [finding] = findings(tmp_path, {"org.yaml": org}, "CD006")
    assert where(finding) == ("org.yaml", 2, 1) and finding.entities == ()
    assert "no monthly or quarterly cadence" in finding.message


def test_cd006_without_organization_points_at_the_first_cadences_key(tmp_path: Path) -> None:
    files = {
        "a.yaml": "governance: 1\n" + CEO,
        "b.yaml": "governance: 1\n\ncadences:\n  sync: {title: Sync, every: weekly, chair: ceo}\n",
    }
    [finding] = findings(tmp_path, files, "CD006")
    assert where(finding) == ("b.yaml", 3, 1)


def test_cd006_with_no_cadences_at_all_points_at_the_first_file(tmp_path: Path) -> None:
    files = {"a.yaml": "governance: 1\n" + CEO, "b.yaml": "governance: 1\n" + "metrics: {}\n"}
    [finding] = findings(tmp_path, files, "CD006")
    assert where(finding) == ("a.yaml", 1, 1)
    assert "no weekly, monthly or quarterly cadence" in finding.message


def test_cd006_leaves_a_misspelt_frequency_to_gl002(tmp_path: Path) -> None:
    org = "governance: 1\n" + CEO + "cadences:\n  sync: {title: Sync, every: fortnightly}\n"
    assert findings(tmp_path, {"org.yaml": org}, "CD006") == []


LAGGING = "  nrr: {title: Net revenue retention, owner: ceo, kind: lagging}\n"


def test_cd008_reports_an_all_lagging_scorecard_once_at_the_organization(
    tmp_path: Path,
) -> None:
    org = "governance: 1\n" + CEO + "organization: {name: Acme}\nmetrics:\n" + LAGGING
    [finding] = findings(tmp_path, {"org.yaml": org}, "CD008")
    assert where(finding) == ("org.yaml", 6, 1) and finding.entities == ()


def test_cd008_without_organization_points_at_the_first_metrics_key(tmp_path: Path) -> None:
    files = {"a.yaml": "governance: 1\n" + CEO, "b.yaml": "governance: 1\nmetrics:\n" + LAGGING}
    [finding] = findings(tmp_path, files, "CD008")
    assert where(finding) == ("b.yaml", 2, 1)


def test_cd008_says_nothing_without_metrics_or_with_an_unreadable_kind(tmp_path: Path) -> None:
    assert findings(tmp_path, {"a.yaml": "governance: 1\n" + CEO}, "CD008") == []
    broken = "  dct: {title: Decision cycle time, owner: ceo, kind: Leading}\n"
    org = "governance: 1\n" + CEO + "metrics:\n" + LAGGING + broken
    assert findings(tmp_path, {"a.yaml": org}, "CD008") == []
