"""Decision-rights rules at their thresholds, with configured thresholds, and in the
details the fixtures cannot show (related locations, computed help, one fault one
finding). Organizations are generated here, never committed."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import invoke_json, lint_paths, lint_text

PEOPLE_AND_ROLES = """governance: 1
people:
  priya: {name: Priya Raman}
  dana: {name: Dana Ruiz}
  omar: {name: Omar Haddad}
  ana: {name: Ana Costa}
  kim: {name: Kim Park}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, holder: dana, reports_to: ceo}
  ops-lead: {title: Operations Lead, holder: omar, reports_to: coo}
  finance-lead: {title: Finance Lead, holder: ana, reports_to: coo}
  site-lead: {title: Site Lead, holder: kim, reports_to: coo}
  hr-lead: {title: People Lead, holder: lee, reports_to: coo}
  cfo: {title: Chief Financial Officer, holder: sam, reports_to: ceo}
"""


def organization(tmp_path: Path, decisions: list[str], extra: str = "") -> Path:
    """A file with the shared people and roles and the given decision lines."""
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / "organization.yaml"
    path.write_text(
        PEOPLE_AND_ROLES + "decisions:\n" + "".join(f"  {d}\n" for d in decisions) + extra,
        encoding="utf-8",
    )
    return path


def codes(path: Path, select: list[str], **settings: object) -> list[str]:
    return [finding.code for finding in lint_paths([path], select=select, **settings).findings]


def owned_by_coo(count: int) -> list[str]:
    return [f"d{i:04}: {{title: Decision {i}, owner: coo}}" for i in range(count)]


def signed_by_coo(count: int) -> list[str]:
    return [
        f"d{i:04}: {{title: Decision {i}, owner: ops-lead, escalates_to: coo}}"
        for i in range(count)
    ]


def approvals(count: int) -> list[str]:
    approvers = ", ".join(["ceo", "cfo", "finance-lead", "site-lead", "hr-lead", "ceo"][:count])
    return [f"plan: {{title: Plan, owner: ops-lead, approvals: [{approvers}]}}"]


def consulted(count: int) -> list[str]:
    names = ["ceo", "cfo", "finance-lead", "site-lead", "hr-lead", "coo", "ana"][:count]
    half = len(names) // 2
    return [
        f"plan: {{title: Plan, owner: ops-lead, consulted: [{', '.join(names[:half])}], "
        f"vetoes: [{', '.join(names[half:])}]}}"
    ]


@pytest.mark.parametrize(
    ("code", "build", "limit"),
    [
        ("DR006", owned_by_coo, 12),
        ("DR008", approvals, 3),
        ("DR013", signed_by_coo, 12),
        ("DR014", consulted, 5),
    ],
)
def test_the_default_threshold_is_fine_and_one_more_fires(
    tmp_path: Path, code: str, build: object, limit: int
) -> None:
    assert callable(build)
    assert codes(organization(tmp_path / "at", build(limit)), [code]) == []
    assert codes(organization(tmp_path / "above", build(limit + 1)), [code]) == [code]


@pytest.mark.parametrize(
    ("code", "threshold", "build", "count"),
    [
        ("DR006", "max_decisions_per_owner", owned_by_coo, 3),
        ("DR008", "max_approvals", approvals, 2),
        ("DR013", "max_signoffs_per_person", signed_by_coo, 3),
        ("DR014", "max_consulted", consulted, 3),
    ],
)
def test_a_configured_threshold_changes_the_result(
    tmp_path: Path, code: str, threshold: str, build: object, count: int
) -> None:
    assert callable(build)
    path = organization(tmp_path, build(count))
    assert codes(path, [code]) == []
    assert codes(path, [code], thresholds={threshold: count - 1}) == [code]
    assert codes(path, [code], thresholds={threshold: count}) == []


def test_a_threshold_from_the_configuration_file_reaches_the_rule(tmp_path: Path) -> None:
    organization(tmp_path, approvals(2))
    assert invoke_json("--select", "DR008", ".", cwd=tmp_path)["findings"] == []
    (tmp_path / ".governance-lint.yaml").write_text(
        "select: [DR008]\nthresholds:\n  max_approvals: 1\n", encoding="utf-8"
    )
    found = invoke_json("--select", "DR008", ".", cwd=tmp_path)["findings"]
    assert [(f["code"], f["line"], f["entities"]) for f in found] == [
        ("DR008", 19, ["plan", "ceo", "cfo"])
    ]


def test_a_big_organization_counts_every_decision_once(tmp_path: Path) -> None:
    decisions = [
        f"d{i:05}: {{title: Decision {i}, owner: [coo, dana], approvals: [coo, dana], "
        f"escalates_to: coo}}"
        for i in range(3000)
    ]
    report = lint_paths([organization(tmp_path, decisions)], select=["DR006", "DR013"])
    assert [(f.code, f.entities[:2], len(f.entities)) for f in report.findings] == [
        ("DR006", ("dana", "coo"), 2 + 3000),
        ("DR013", ("dana", "coo"), 2 + 3000),
    ]


def test_overloaded_owner_suggests_the_least_loaded_direct_reports(tmp_path: Path) -> None:
    decisions = [
        *owned_by_coo(13),
        "f1: {title: F1, owner: finance-lead}",
        "f2: {title: F2, owner: finance-lead}",
        "s1: {title: S1, owner: site-lead}",
        "h1: {title: H1, owner: [hr-lead, cfo]}",
        "h2: {title: H2, owner: hr-lead}",
        "h3: {title: H3, owner: lee}",
    ]
    path = organization(tmp_path, decisions)
    # the share left out: one decision, the last, goes to the report who owns the fewest
    only_count = {"max_owned_share": 100}
    (finding,) = lint_paths([path], select=["DR006"], thresholds=only_count).findings
    assert finding.message.startswith(
        "Dana Ruiz (`dana`) owns 13 decisions as `coo`; the limit is 12"
    )
    assert finding.help == "set `owner: ops-lead` on `d0012`"
    # with the share of 25%, 9 of the 19 decisions must go: any one report taking them
    # would own more than 25%, so no report is named
    (finding,) = lint_paths([path], select=["DR006"]).findings
    assert finding.help == (
        "delegate some of them to roles that report to `coo`, or give those roles a holder "
        "of their own"
    )
    assert finding.entities == ("dana", "coo", *(f"d{i:04}" for i in range(13)))


def one_person_holding(count: int) -> dict[str, object]:
    """Dana holds ``count`` roles, each reporting to the one before, owns a decision as
    herself for each and chairs a cadence as each role; Omar's one role reports to her last."""
    roles = {f"r{i:04}": {"title": f"Role {i}", "holder": "dana"} for i in range(count)}
    for i in range(1, count):
        roles[f"r{i:04}"]["reports_to"] = f"r{i - 1:04}"
    roles["helper"] = {"title": "Helper", "holder": "omar", "reports_to": f"r{count - 1:04}"}
    decisions = {f"d{i:04}": {"title": f"Decision {i}", "owner": "dana"} for i in range(count)}
    decisions["e-one"] = {"title": "One more", "owner": "r0001"}
    cadences = {
        f"c{i:04}": {"title": f"Meeting {i}", "every": "quarterly", "chair": f"r{i:04}"}
        for i in range(count)
    }
    for cadence in cadences.values():
        cadence["attendees"] = [cadence["chair"]]
    return {
        "governance": 1,
        "people": {"dana": {"name": "Dana Ruiz"}, "omar": {"name": "Omar Haddad"}},
        "roles": roles,
        "decisions": decisions,
        "cadences": cadences,
    }


def test_one_person_holding_a_thousand_roles_is_counted_once_per_decision() -> None:
    """A decision owned by a person counts once for them, through every role they hold; the
    cadences their roles chair are theirs (found per person once, not once per role)."""
    count = 1000
    found = lint_text(one_person_holding(count), select=["DR006", "CD001"]).findings
    roles = tuple(f"r{i:04}" for i in range(count))
    overloaded = [f for f in found if f.code == "DR006"]
    assert [(f.entities, f.help) for f in overloaded] == [
        (
            ("dana", *roles, *(f"d{i:04}" for i in range(count)), "e-one"),
            # `helper` would take the last 989 decisions and be overloaded in turn
            "delegate some of them to roles that report to `r0000`, `r0001`, `r0002`, "
            "`r0003`, `r0004` and 995 more, or give those roles a holder of their own",
        )
    ]
    assert overloaded[0].message.startswith(
        f"Dana Ruiz (`dana`) owns {count + 1} decisions as `r0000`, `r0001`, `r0002`, "
    )
    assert overloaded[0].message.endswith(
        "`r0998` and `r0999`; the limit is 12: every one of them waits for the same person"
    )
    unreviewed = [f for f in found if f.code == "CD001"]
    assert len(unreviewed) == count + 1
    # 3 004 entries are more than a rule's budget of tries (2 000 entries' worth): no
    # suggestion is checked, so every help says what to do without naming a cadence
    unnamed = "name in `reviewed_in` the cadence where its owner reports on it"
    assert [f.help for f in unreviewed] == [unnamed] * (count + 1)


def test_overlapping_scope_relates_the_other_decisions_scope_fields(tmp_path: Path) -> None:
    path = organization(
        tmp_path,
        [
            "b: {title: B, scope: plan, owner: cfo}",
            "a: {title: A, scope: plan, owner: coo}",
            "c: {title: C, scope: plan, owner: dana}",
        ],
    )
    (finding,) = lint_paths([path], select=["DR005"]).findings
    assert (finding.location.line, finding.location.column) == (20, 24)
    assert [(r.location.line, r.location.column) for r in finding.related] == [(19, 24), (21, 24)]
    assert "decision `b` also has scope `plan`" in finding.related[0].message
    assert finding.entities == ("a", "b", "c", "coo", "cfo", "dana")
    # One owner for the scope: the commonest one owner as written (each once here: the
    # smallest id), set on every decision that does not already name it.
    assert finding.help == (
        "set `owner: cfo` on `a`, `c`, so that one owner answers for scope `plan`, or give "
        "each decision a scope of its own"
    )


def test_an_override_that_is_the_owner_is_self_approval_not_a_misplaced_override(
    tmp_path: Path,
) -> None:
    path = organization(
        tmp_path,
        [
            "a: {title: A, owner: ops-lead, override: omar}",
            "b: {title: B, owner: ops-lead, override: finance-lead}",
        ],
    )
    report = lint_paths([path], select=["DR009", "DR011"])
    assert [(f.code, f.entities) for f in report.findings] == [
        ("DR011", ("a", "omar", "ops-lead")),
        ("DR009", ("b", "finance-lead", "ops-lead")),
    ]
    assert [f.help for f in report.findings] == [
        "set `override: coo`, the lowest role above every owner",
        "set `override: coo`, the lowest role above every owner",
    ]


def test_conflicting_incentives_suggests_the_metric_owners_lowest_common_manager(
    tmp_path: Path,
) -> None:
    metrics = """metrics:
  cost: {title: Cost, owner: finance-lead}
  output: {title: Output, owner: site-lead}
  cash: {title: Cash, owner: cfo}
"""
    path = organization(
        tmp_path,
        [
            "a: {title: A, owner: ops-lead, affects: [cost, output]}",
            "b: {title: B, owner: ops-lead, affects: [cost, cash]}",
            "c: {title: C, owner: ops-lead, tie_breaker: dana, affects: [cost, output]}",
        ],
        metrics,
    )
    report = lint_paths([path], select=["DR012"])
    assert [(f.entities, f.help) for f in report.findings] == [
        (
            ("a", "cost", "output", "finance-lead", "site-lead"),
            "set `tie_breaker: coo`, the lowest common manager of the metric owners",
        ),
        (
            ("b", "cost", "cash", "finance-lead", "cfo"),
            "set `tie_breaker: ceo`, the lowest common manager of the metric owners",
        ),
    ]


def test_a_vacant_metric_owner_is_left_to_cd004(tmp_path: Path) -> None:
    extra = """  vacant-lead: {title: Vacant Lead, reports_to: coo}
metrics:
  cost: {title: Cost, owner: vacant-lead}
  output: {title: Output, owner: site-lead}
"""
    text = PEOPLE_AND_ROLES + extra.split("metrics:")[0]
    text += "decisions:\n  a: {title: A, owner: ops-lead, affects: [cost, output]}\n"
    text += "metrics:" + extra.split("metrics:")[1]
    path = tmp_path / "organization.yaml"
    path.write_text(text, encoding="utf-8")
    assert codes(path, ["DR007", "DR012"]) == ["DR007"]  # only `output`, not `cost`


SALES = """governance: 1
people:
  priya: {name: Priya Raman}
  rosa: {name: Rosa Diaz}
  omar: {name: Omar Haddad}
  kim: {name: Kim Park}
  ana: {name: Ana Costa}
  gwen: {name: Gwen Ito}
  sol: {name: Sol Arias}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cro: {title: Chief Revenue Officer, holder: rosa, reports_to: ceo}
  vp-sales: {title: Vice President Sales, holder: omar, reports_to: cro}
  sales-rep: {title: Sales Representative, holder: kim, reports_to: vp-sales}
  cfo: {title: Chief Financial Officer, holder: ana, reports_to: ceo}
  gm: {title: General Manager, holder: gwen, reports_to: ceo}
  deals-manager: {title: Deals Manager, holder: sol, reports_to: gm}
"""


def test_a_delegation_ladder_does_not_split_a_scope() -> None:
    ladder = """decisions:
  discount-10: {title: Up to 10%, scope: discounts, owner: sales-rep}
  discount-20: {title: Up to 20%, scope: discounts, owner: omar}
  discount-max: {title: Above 20%, scope: discounts, owner: cro}
"""
    assert lint_text(SALES + ladder, select=["DR005"]).findings == []
    # A peer off the line splits it: one owner, the commonest as written, is named.
    off_line = ladder + "  discount-fin: {title: Finance deals, scope: discounts, owner: cfo}\n"
    (finding,) = lint_text(SALES + off_line, select=["DR005"]).findings
    assert (finding.location.line, finding.location.column) == (19, 42)
    assert finding.entities == (
        "discount-10",
        "discount-20",
        "discount-fin",
        "discount-max",
        "sales-rep",
        "omar",
        "cfo",
        "cro",
    )
    assert finding.help == (
        "set `owner: cfo` on `discount-10`, `discount-20`, `discount-max`, so that one owner "
        "answers for scope `discounts`, or give each decision a scope of its own"
    )


def test_overlapping_scope_with_only_owner_lists_names_their_lowest_common_manager() -> None:
    text = (
        SALES
        + """decisions:
  a: {title: A, scope: deals, owner: [vp-sales, cfo]}
  b: {title: B, scope: deals, owner: [sales-rep, deals-manager]}
"""
    )
    (finding,) = lint_text(text, select=["DR005"]).findings
    assert finding.entities == ("a", "b", "vp-sales", "cfo", "sales-rep", "deals-manager")
    assert finding.help.startswith("set `owner: ceo` on `a`, `b`, so that one owner")


def test_a_pricing_decision_the_ceo_approves_has_an_adjudicator() -> None:
    text = (
        SALES
        + """decisions:
  pricing: {title: Pricing, owner: cro, approvals: [ceo], affects: [revenue, margin]}
  pricing-alone: {title: Pricing alone, owner: cro, affects: [revenue, margin]}
metrics:
  revenue: {title: Revenue, owner: cro}
  margin: {title: Gross margin, owner: cfo}
"""
    )
    report = lint_text(text, select=["DR012", "DL008"])
    assert [(f.code, f.location.line, f.location.column, f.entities) for f in report.findings] == [
        ("DR012", 20, 62, ("pricing-alone", "revenue", "margin", "cro", "cfo"))
    ]
    assert report.findings[0].help == (
        "set `tie_breaker: ceo`, the lowest common manager of the metric owners"
    )


def test_deal_approvals_where_the_gm_manages_the_other_metric_owner_are_no_conflict() -> None:
    text = (
        SALES
        + """decisions:
  deal-approvals:
    title: Deal approvals
    owner: deals-manager
    affects: [deal-margin, deal-revenue]
metrics:
  deal-margin: {title: Deal margin, owner: gm}
  deal-revenue: {title: Deal revenue, owner: deals-manager}
"""
    )
    assert lint_text(text, select=["DR012"]).findings == []


def test_a_cfo_approving_the_discount_policy_has_a_say_over_gross_margin() -> None:
    """The approver owns a metric the decision moves: a say for DR007, a conflict of
    numbers for DR012 (the CRO's revenue against the CFO's margin), never DL008's."""
    text = (
        SALES
        + """decisions:
  discount-policy:
    title: Discount policy
    owner: cro
    approvals: [cfo]
    affects: [revenue, gross-margin]
metrics:
  revenue: {title: Revenue, owner: cro}
  gross-margin: {title: Gross margin, owner: cfo}
"""
    )
    report = lint_text(text, select=["DR007", "DR012", "DL008"])
    assert [(f.code, f.location.line, f.location.column, f.entities) for f in report.findings] == [
        ("DR012", 23, 14, ("discount-policy", "revenue", "gross-margin", "cro", "cfo"))
    ]
    # A peer approver who owns no affected metric is a blocking peer.
    blocked = text.replace("approvals: [cfo]", "approvals: [gm]")
    report = lint_text(blocked, select=["DL008"])
    assert [(f.code, f.location.line, f.location.column, f.entities) for f in report.findings] == [
        ("DL008", 22, 17, ("discount-policy", "gm", "cro"))
    ]


def test_accountability_help_never_creates_a_conflict_of_incentives() -> None:
    text = (
        SALES
        + """decisions:
  bundles: {title: Bundles, owner: vp-sales, affects: [win-rate, bundle-revenue]}
  renewals: {title: Renewals, owner: sales-rep, affects: [churn]}
metrics:
  win-rate: {title: Win rate, owner: cfo}
  bundle-revenue: {title: Bundle revenue, owner: deals-manager}
  churn: {title: Churn, owner: cfo}
"""
    )
    report = lint_text(text, select=["DR007"])
    assert [(f.location.line, f.location.column, f.entities, f.help) for f in report.findings] == [
        (
            22,
            38,
            ("win-rate", "cfo", "bundles", "vp-sales"),
            "add `cfo` to `approvals` on `bundles`, so that the metric's owner signs off on a "
            "decision that moves it",
        ),
        (
            23,
            50,
            ("bundle-revenue", "deals-manager", "bundles", "vp-sales"),
            "add `deals-manager` to `approvals` on `bundles`, so that the metric's owner signs "
            "off on a decision that moves it",
        ),
        (
            24,
            32,
            ("churn", "cfo", "renewals", "sales-rep"),
            "set `owner: sales-rep`, the owner of the decisions that move `churn`",
        ),
    ]
    # The suggestions hold: applied, DR007 is gone and no new finding appears (DR012
    # about `bundles`, whose two numbers belong to peers, was there before).
    fixed = text.replace(
        "owner: vp-sales, affects", "owner: vp-sales, approvals: [cfo, deals-manager], affects"
    ).replace("churn: {title: Churn, owner: cfo}", "churn: {title: Churn, owner: sales-rep}")
    rules = ["DR007", "DR012", "DL008", "DR011"]
    before = [(f.code, f.entities[0]) for f in lint_text(text, select=rules).findings]
    after = [(f.code, f.entities[0]) for f in lint_text(fixed, select=rules).findings]
    assert ("DR012", "bundles") in before
    assert after == [("DR012", "bundles")]


def test_a_shared_seat_owning_a_metric_is_left_to_cd004() -> None:
    text = SALES.replace(
        "  gm:", "  heads: {title: Heads, holder: [gwen, sol], reports_to: ceo}\n  gm:"
    )
    text += """decisions:
  support: {title: Support, owner: cro, affects: [revenue, nps]}
metrics:
  revenue: {title: Revenue, owner: cfo}
  nps: {title: NPS, owner: heads}
"""
    report = lint_text(text, select=["DR007", "DR012", "CD004"])
    assert [(f.code, f.entities) for f in report.findings] == [
        ("DR007", ("revenue", "cfo", "support", "cro")),
        ("CD004", ("nps", "heads")),
    ]


def test_conflicting_incentives_passes_over_a_vacant_lowest_common_manager(tmp_path: Path) -> None:
    metrics = """metrics:
  cost: {title: Cost, owner: finance-lead}
  output: {title: Output, owner: site-lead}
"""
    path = organization(
        tmp_path, ["a: {title: A, owner: ops-lead, affects: [cost, output]}"], metrics
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "holder: dana, reports_to: ceo", "reports_to: ceo"
        ),
        encoding="utf-8",
    )
    (finding,) = lint_paths([path], select=["DR012", "DL007"]).findings
    assert (finding.location.line, finding.location.column) == (19, 43)
    assert finding.entities == ("a", "cost", "output", "finance-lead", "site-lead")
    # `coo`, their lowest common manager, is vacant: as tie-breaker it would be a vacant
    # casting vote (DL007), so the next role up settles it.
    assert finding.help == "set `tie_breaker: ceo`, who is above all of the metric owners"
    # the check runs only the rules this run runs: without DL007, `coo` fixes the finding
    (finding,) = lint_paths([path], select=["DR012"]).findings
    assert finding.help == "set `tie_breaker: coo`, the lowest common manager of the metric owners"
