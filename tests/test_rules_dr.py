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
    (finding,) = lint_paths([organization(tmp_path, decisions)], select=["DR006"]).findings
    assert finding.message.startswith(
        "Dana Ruiz (`dana`) owns 13 decisions as `coo`; the limit is 12"
    )
    assert finding.help == (
        "delegate some of them to `ops-lead` (Omar Haddad, who owns 0), `site-lead` "
        "(Kim Park, who owns 1) or `finance-lead` (Ana Costa, who owns 2)"
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
            "delegate some of them to `helper` (Omar Haddad, who owns 0)",
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
    assert {f.help for f in unreviewed} == {"add `reviewed_in: c0000`, a cadence its owner attends"}


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
    assert "the owner 2 of the 3 already have, `coo` (Dana Ruiz)" in finding.help


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
