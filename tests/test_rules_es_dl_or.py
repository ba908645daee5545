"""Thresholds at their boundaries, loops at scale, and the help each finding computes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from governance_lint.findings import Finding

from helpers import lint_paths

CHAIN_PEOPLE = "\n".join(f"  p{i}: {{name: Person {i}}}" for i in range(8))


def lint_text(tmp_path: Path, text: str, select: list[str], **settings: Any) -> list[Finding]:
    (tmp_path / "organization.yaml").write_text(text, encoding="utf-8")
    return lint_paths([tmp_path], select=select, **settings).findings


def chain_of(hops: int) -> str:
    """A decision owned by ``r{hops}``, whose chain climbs ``hops`` roles to ``r0``, the top."""
    roles = ["  r0: {title: Role 0, holder: p0}"]
    roles += [
        f"  r{i}: {{title: Role {i}, holder: p{i}, reports_to: r{i - 1}}}" for i in range(1, 8)
    ]
    return (
        f"governance: 1\npeople:\n{CHAIN_PEOPLE}\nroles:\n"
        + "\n".join(roles)
        + f"\ndecisions:\n  plan:\n    title: A plan\n    owner: r{hops}\n"
    )


def test_a_chain_of_exactly_four_hops_is_fine_and_five_is_es004(tmp_path: Path) -> None:
    assert lint_text(tmp_path, chain_of(4), ["ES004"]) == []
    (finding,) = lint_text(tmp_path, chain_of(5), ["ES004"])
    assert finding.entities == ("plan", "r5", "r4", "r3", "r2", "r1", "r0")
    assert (finding.location.line, finding.location.column) == (23, 12)


def test_a_configured_hop_limit_changes_the_result(tmp_path: Path) -> None:
    assert lint_text(tmp_path, chain_of(5), ["ES004"], thresholds={"max_escalation_hops": 5}) == []
    (finding,) = lint_text(tmp_path, chain_of(4), ["ES004"], thresholds={"max_escalation_hops": 3})
    assert finding.entities[:2] == ("plan", "r4")
    assert "more than 3" in finding.message


def test_es004_help_names_the_lowest_senior_role_that_brings_the_chain_within_the_limit(
    tmp_path: Path,
) -> None:
    (finding,) = lint_text(tmp_path, chain_of(7), ["ES004"])
    # r7 climbs 7 hops to r0. Escalating straight to r4 would still take 5 (r4, r3, r2,
    # r1, r0); the lowest role that fits is r3: r3 (1), r2 (2), r1 (3), r0 (4).
    assert finding.help == "set `escalates_to: r3`, which brings the chain to 4 hops"


def test_es004_help_passes_over_a_role_the_owner_holds_too(tmp_path: Path) -> None:
    # p5 holds the owner r5 and r3: escalating to r3 is escalating to one's own seat
    # (ES003), so the next role of the chain, r2, is named: r2 (1), r1 (2), r0 (3)
    text = chain_of(5).replace("r3: {title: Role 3, holder: p3", "r3: {title: Role 3, holder: p5")
    (finding,) = lint_text(tmp_path, text, ["ES003", "ES004"])
    assert finding.help == "set `escalates_to: r2`, which brings the chain to 3 hops"


def roles_for(count: int) -> str:
    roles = ["  top: {title: Top, holder: boss}"]
    roles += [f"  hat{i}: {{title: Hat {i}, holder: helen, reports_to: top}}" for i in range(count)]
    return (
        "governance: 1\npeople:\n  boss: {name: Bo Ss}\n  helen: {name: Helen Ashworth}\n"
        "roles:\n" + "\n".join(roles) + "\n"
    )


def test_three_roles_are_fine_and_four_are_or003(tmp_path: Path) -> None:
    assert lint_text(tmp_path, roles_for(3), ["OR003"]) == []
    (finding,) = lint_text(tmp_path, roles_for(4), ["OR003"])
    assert finding.entities == ("helen", "hat0", "hat1", "hat2", "hat3")
    assert (finding.location.line, finding.location.column) == (4, 3)


def test_a_configured_role_limit_changes_the_result(tmp_path: Path) -> None:
    assert (
        lint_text(tmp_path, roles_for(4), ["OR003"], thresholds={"max_roles_per_person": 4}) == []
    )
    (finding,) = lint_text(
        tmp_path, roles_for(3), ["OR003"], thresholds={"max_roles_per_person": 2}
    )
    assert finding.entities == ("helen", "hat0", "hat1", "hat2")


def test_thirteen_decisions_that_all_depend_on_each_other_are_one_dl005(tmp_path: Path) -> None:
    ids = [f"d{i:02}" for i in range(1, 14)]
    decisions = "".join(
        f"  {d}:\n    title: Decision {d}\n    owner: ceo\n"
        f"    depends_on: [{', '.join(other for other in ids if other != d)}]\n"
        for d in ids
    )
    text = (
        "governance: 1\npeople:\n  priya: {name: Priya Raman}\n"
        "roles:\n  ceo: {title: Chief Executive Officer, holder: priya}\n"
        f"decisions:\n{decisions}"
    )
    (finding,) = lint_text(tmp_path, text, ["DL005"])
    assert finding.entities == ("d01", "d02", *ids[2:])
    # d01's depends_on item naming d02, its first item: line 10, after "    depends_on: ["
    assert (finding.location.line, finding.location.column) == (10, 18)


def test_several_tops_without_a_final_authority_are_one_or002_naming_them_all(
    tmp_path: Path,
) -> None:
    text = (
        "governance: 1\npeople:\n  priya: {name: Priya Raman}\n  ines: {name: Ines Moreau}\n"
        "roles:\n"
        "  ceo: {title: Chief Executive Officer, holder: priya}\n"
        "  cpo: {title: Chief Product Officer, reports_to: ceo}\n"
        "  cto: {title: Chief Technology Officer, reports_to: ceo}\n"
        "  adviser: {title: Adviser, holder: ines}\n"
        "  observer: {title: Observer}\n"
    )
    (finding,) = lint_text(tmp_path, text, ["OR002"])
    assert finding.entities == ("adviser", "ceo", "observer")
    assert (finding.location.line, finding.location.column) == (9, 3)
    # ceo has two roles reporting to it: it is the one to make the final authority
    assert finding.help == (
        "set `final_authority: ceo` and `reports_to: ceo` on `adviser`, `observer`"
    )


def test_one_top_and_no_final_authority_is_no_or002(tmp_path: Path) -> None:
    text = (
        "governance: 1\npeople:\n  priya: {name: Priya Raman}\nroles:\n"
        "  ceo: {title: Chief Executive Officer, holder: priya}\n"
        "  cpo: {title: Chief Product Officer, reports_to: ceo}\n"
    )
    assert lint_text(tmp_path, text, ["OR002"]) == []


def test_a_final_authority_that_names_no_role_leaves_or002_silent(tmp_path: Path) -> None:
    text = (
        "governance: 1\norganization: {name: Acme, final_authority: priya}\n"
        "people:\n  priya: {name: Priya Raman}\nroles:\n"
        "  ceo: {title: Chief Executive Officer, holder: priya}\n"
        "  adviser: {title: Adviser}\n"
    )
    assert [f.code for f in lint_text(tmp_path, text, ["OR002", "GL005"])] == ["GL005"]


def test_a_final_authority_below_a_top_is_told_to_lose_its_lines(tmp_path: Path) -> None:
    text = (
        "governance: 1\norganization: {name: Acme, final_authority: ceo}\n"
        "people:\n  priya: {name: Priya Raman}\n  bea: {name: Bea Novak}\nroles:\n"
        "  board-chair: {title: Chair, holder: bea}\n"
        "  ceo: {title: Chief Executive Officer, holder: priya, reports_to: board-chair}\n"
    )
    # a line from board-chair to ceo would close a reporting loop (OR001), and a line
    # from ceo to board-chair leaves ceo below it: no top passes, the help names none
    (finding,) = lint_text(tmp_path, text, ["OR001", "OR002"])
    assert finding.entities == ("board-chair",)
    assert finding.help == (
        "the final authority `ceo` has lines of its own: remove its `reports_to` and "
        "`escalates_to`, or name another `final_authority`, and give the other tops a line to it"
    )


def test_dl006_is_silent_for_an_owner_list_whether_or_not_dr002_runs(tmp_path: Path) -> None:
    text = (
        "governance: 1\npeople:\n  lee: {name: Lee Chen}\n  sam: {name: Sam Okafor}\n"
        "roles:\n  cpo: {title: CPO, holder: lee}\n  cto: {title: CTO, holder: sam}\n"
        "decisions:\n  roadmap:\n    title: Roadmap\n    owner: [cpo, cto]\n    mode: consensus\n"
    )
    assert lint_text(tmp_path, text, ["DL006"]) == []
    codes = {f.code for f in lint_text(tmp_path, text, ["DL006", "DR002"])}
    assert codes == {"DR002"}


def test_dl002_and_dl003_suggest_the_lowest_common_manager_as_tie_breaker(
    tmp_path: Path,
) -> None:
    text = (
        "governance: 1\n"
        "people:\n  priya: {name: Priya Raman}\n  marc: {name: Marc Dupont}\n"
        "roles:\n"
        "  ceo: {title: Chief Executive Officer, holder: priya}\n"
        "  coo: {title: Chief Operating Officer, holder: marc, reports_to: ceo}\n"
        "  north: {title: North, reports_to: coo}\n"
        "  south: {title: South, reports_to: coo}\n"
        "decisions:\n"
        "  routes:\n    title: Routes\n    owner: north\n    vetoes: [north, south]\n"
        "  depots:\n    title: Depots\n    owner: north\n    mode: vote\n"
        "    deciders: [north, south]\n    decide_within: 5d\n"
    )
    findings = {f.code: f for f in lint_text(tmp_path, text, ["DL002", "DL003"])}
    assert findings["DL002"].help.startswith("set `tie_breaker: coo`")
    assert findings["DL003"].help.startswith("set `tie_breaker: coo`")
