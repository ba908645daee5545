"""Identities follow rules.md "Identity" for every kind of subject, even rules still to come."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from governance_lint.document import Document
from governance_lint.findings import Finding, Location, NodePath
from governance_lint.output.identity import fingerprint, identities, json_pointer, project_path
from governance_lint.reading.loader import Bounds, parse

from helpers import invoke, valid_sarif

ROOT = "/work/project"


def finding(
    code: str, *entities: str, file: str = "gov/org.yaml", line: int = 3, path: NodePath = ()
) -> Finding:
    return Finding(code, Location(file, line, 5, 1, path), "message", "help", tuple(entities))


def identity_of(one: Finding, documents: dict[str, Document] | None = None) -> str:
    return identities([one], documents or {}, ROOT, cwd=ROOT)[0]


def test_most_findings_are_their_code_and_first_entity() -> None:
    assert identity_of(finding("DR002", "roadmap-timeline", "cpo", "cto")) == (
        "DR002\nroadmap-timeline"
    )
    assert identity_of(finding("ES001", "pricing", "cpo", "ceo", "priya")) == "ES001\npricing"
    assert identity_of(finding("DR006", "priya", "ceo", "a", "b")) == "DR006\npriya"


def test_a_loop_is_its_members_in_sorted_order_wherever_it_starts() -> None:
    for code in ("ES002", "DL005", "OR001", "OR006"):
        assert identity_of(finding(code, "b", "c", "a")) == f"{code}\na\nb\nc"
        assert identity_of(finding(code, "a", "b", "c")) == f"{code}\na\nb\nc"


def test_a_vacancy_is_its_vacant_role_whatever_it_lists() -> None:
    """One finding per vacant role or body, its subject the role (a 1.1 change: in 1.0
    DR004 and DL007 were the decision and the role)."""
    assert identity_of(finding("DR004", "cpo", "hiring", "pricing")) == "DR004\ncpo"
    assert identity_of(finding("DR004", "cpo", "hiring")) == "DR004\ncpo"
    for code in ("ES005", "DL007", "OR005", "CD002", "CD004", "RD003"):
        assert identity_of(finding(code, "cfo", "a", "b")) == f"{code}\ncfo"


def test_review_findings_are_their_first_two_entities() -> None:
    assert identity_of(finding("CD007", "pricing", "weekly", "cpo", "cto")) == (
        "CD007\npricing\nweekly"
    )
    assert identity_of(finding("GL005", "pricing", "nobody")) == "GL005\npricing\nnobody"
    assert identity_of(finding("GL005", "ghost-ceo")) == "GL005\nghost-ceo"  # in `organization`


def test_overlapping_scope_is_the_scope_itself() -> None:
    doc = parse(
        "gov/decisions.yaml",
        "decisions:\n  a: {scope: roadmap, owner: cpo}\n  b: {scope: roadmap, owner: cto}\n",
        Bounds(),
    )
    located = finding(
        "DR005", "a", "b", "cpo", "cto", file="gov/decisions.yaml", path=("decisions", "a", "scope")
    )
    assert identity_of(located, {"gov/decisions.yaml": doc}) == "DR005\nroadmap"


def test_multiple_tops_are_the_tops_in_sorted_order() -> None:
    assert identity_of(finding("OR002", "coo", "advisor", "ceo")) == "OR002\nadvisor\nceo\ncoo"


def test_organization_wide_findings_are_their_code_alone() -> None:
    assert identity_of(finding("CD006")) == "CD006"
    assert identity_of(finding("CD008")) == "CD008"
    assert identity_of(finding("CD008", "pipeline-coverage")) == "CD008\npipeline-coverage"


def test_other_input_findings_are_the_project_path_and_json_pointer() -> None:
    located = finding("GL002", "cto", path=("roles", "cto", "title"))
    assert identity_of(located) == "GL002\ngov/org.yaml\n/roles/cto/title"
    whole_file = finding("GL001", file="gov/broken.yaml")
    assert identity_of(whole_file) == "GL001\ngov/broken.yaml\n"
    assert json_pointer(("decisions", "a/b~c", 0)) == "/decisions/a~1b~0c/0"


def test_repeats_are_numbered_in_sort_order_not_in_the_order_given() -> None:
    later = finding("DR004", "cpo", "hiring", line=9)
    earlier = finding("DR004", "cpo", "pricing", line=5)
    other = finding("DR004", "cfo", "hiring", line=7)
    assert identities([later, other, earlier], {}, ROOT, cwd=ROOT) == [
        "DR004\ncpo#2",
        "DR004\ncfo",
        "DR004\ncpo",
    ]


def test_fingerprint_is_the_sha256_of_the_identity() -> None:
    identity = "DR004\nhiring\ncpo#2"
    assert fingerprint(identity) == hashlib.sha256(identity.encode()).hexdigest()


def test_project_paths_are_relative_to_the_project_root_with_slashes() -> None:
    assert project_path("gov/org.yaml", ROOT, cwd=ROOT) == "gov/org.yaml"
    assert project_path("org.yaml", ROOT, cwd=ROOT + "/gov") == "gov/org.yaml"
    assert project_path("../shared/org.yaml", ROOT, cwd=ROOT + "/gov") == "shared/org.yaml"


ORG = """\
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, reports_to: ceo}
"""
DECISIONS = """\
governance: 1
decisions:
  hiring: {title: Hiring, owner: cpo}
  pricing: {title: Pricing, owner: cpo}
"""


def _fingerprints(folder: Path, cwd: Path) -> dict[str, str]:
    result = invoke("check", "--format", "sarif", "--select", "DR004", str(folder), cwd=cwd)
    sarif = valid_sarif(result.stdout)
    return {
        next(iter(r["partialFingerprints"].values())): r["ruleId"]
        for r in sarif["runs"][0]["results"]
    }


def test_fingerprints_survive_moving_entries_and_splitting_files(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    gov = tmp_path / "gov"
    gov.mkdir()
    (gov / "org.yaml").write_text(ORG)
    (gov / "decisions.yaml").write_text(DECISIONS)
    before = _fingerprints(gov, tmp_path)
    assert sorted(before.values()) == ["DR004"]  # one finding about `cpo`
    (gov / "decisions.yaml").write_text(
        "governance: 1\ndecisions:\n  # moved down\n\n  pricing: {title: Pricing, owner: cpo}\n"
    )
    (gov / "more").mkdir()
    (gov / "more" / "hiring.yaml").write_text(
        "governance: 1\ndecisions:\n  hiring: {title: Hiring, owner: cpo}\n"
    )
    assert _fingerprints(gov, tmp_path) == before
    assert _fingerprints(Path("."), gov) == before  # and from another current folder
