"""A decision's mode and deciders (its own, else its body's), and the deadlock rules that
read them: findings about a body, shared seats, pools, resolvers and blocking peers.

Every expected finding here is worked out by hand from the rule's definition."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance_lint.findings import Finding
from governance_lint.model import modes
from governance_lint.model.organization import Organization

from helpers import lint_paths, lint_text

PEOPLE = """\
governance: 1
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
  ada: {name: Ada Obi}
  omar: {name: Omar Haddad}
roles:
  ceo: {title: CEO, holder: priya}
  cpo: {title: CPO, holder: lee, reports_to: ceo}
  cto: {title: CTO, holder: sam, reports_to: ceo}
  cfo: {title: CFO, holder: ada, reports_to: ceo}
  coo: {title: COO, holder: omar, reports_to: ceo}
  vp-product: {title: VP Product, holder: omar, reports_to: cpo}
  co-leads: {title: Co-leads, holder: [lee, sam], reports_to: ceo}
  vacant: {title: Nobody yet, reports_to: ceo}
"""


def lint(tmp_path: Path, text: str, select: list[str]) -> list[Finding]:
    (tmp_path / "org.yaml").write_text(text, encoding="utf-8")
    return lint_paths([tmp_path], select=select).findings


def organization(tmp_path: Path, text: str) -> Organization:
    (tmp_path / "org.yaml").write_text(text, encoding="utf-8")
    return lint_paths([tmp_path], select=["GL001"]).org


# -- Terms ---------------------------------------------------------------------------------


def test_a_body_gives_its_decisions_each_field_they_do_not_write(tmp_path: Path) -> None:
    org = organization(
        tmp_path,
        PEOPLE + "teams:\n"
        "  core: {name: Core, lead: ceo, members: [cpo, cto], decides_by: vote,"
        " threshold: two-thirds, quorum: 2, decide_within: 2w, on_no_agreement: reject,"
        " tie_breaker: ceo, escalates_to: ceo}\n"
        "decisions:\n"
        "  taken: {title: T, owner: core}\n"
        "  own: {title: O, owner: core, mode: consensus, threshold: majority, quorum: 3,"
        " decide_within: 5d, tie_breaker: cfo, escalates_to: coo}\n"
        "  plain: {title: P, owner: cpo}\n",
    )
    taken, own, plain = (org.decisions[name] for name in ("taken", "own", "plain"))
    assert modes.decision_mode(org, taken) == "vote"
    assert modes.threshold(org, taken) == "two-thirds"
    assert modes.quorum(org, taken).value == 2 and modes.quorum(org, taken).from_body
    assert modes.decide_within(org, taken).value == "2w"
    assert modes.on_no_agreement(org, taken).value == "reject"
    assert modes.tie_breaker(org, taken).value == "ceo"
    assert modes.escalation_target(org, taken).value == "ceo"
    assert modes.find_deciders(org, taken) == ("ceo", "cpo", "cto")
    assert modes.decision_mode(org, own) == "consensus"
    assert modes.threshold(org, own) == "majority"
    assert modes.quorum(org, own).value == 3 and not modes.quorum(org, own).from_body
    assert modes.tie_breaker(org, own).value == "cfo"
    assert modes.escalation_target(org, own).value == "coo"
    assert modes.on_no_agreement(org, own).value == "reject"  # not written: the body's
    assert modes.decision_mode(org, plain) == "dri" and modes.threshold(org, plain) == "majority"
    assert modes.find_deciders(org, plain) is None
    assert not modes.names_resolver(org, plain)


def test_a_broken_decides_by_leaves_the_mode_unknown(tmp_path: Path) -> None:
    org = organization(
        tmp_path,
        PEOPLE + "teams:\n  core: {name: Core, lead: ceo, members: [cpo], decides_by: unanimity}\n"
        "decisions:\n  a: {title: A, owner: core}\n  b: {title: B, owner: core, mode: vote}\n",
    )
    assert modes.decision_mode(org, org.decisions["a"]) is None
    assert not modes.deciders_sound(org, org.decisions["a"])
    assert modes.decision_mode(org, org.decisions["b"]) == "vote"


def test_deciders_of_shared_seats_groups_and_pools(tmp_path: Path) -> None:
    org = organization(
        tmp_path,
        PEOPLE + "teams:\n  list: {name: L, kind: group, members: [cpo, cto]}\n"
        "decisions:\n"
        "  seat: {title: S, owner: co-leads, mode: consensus}\n"
        "  seat-dri: {title: D, owner: co-leads}\n"
        "  grouped: {title: G, owner: list, mode: vote, deciders: [cpo, cto]}\n"
        "  pool: {title: P, owner: [cpo, cto, cpo], mode: any}\n"
        "  twice: {title: T, owner: [cpo, cpo]}\n",
    )
    decisions = org.decisions
    assert modes.find_deciders(org, decisions["seat"]) == ("lee", "sam")
    assert modes.find_deciders(org, decisions["seat-dri"]) is None
    assert modes.find_deciders(org, decisions["grouped"]) == ()
    assert modes.pool(org, decisions["pool"]) == ("cpo", "cto")
    assert modes.is_owner_list(decisions["pool"]) and not modes.joint_ownership(
        org, decisions["pool"]
    )
    assert not modes.is_owner_list(decisions["twice"])  # an id listed twice counts once
    # a role as each of its holders, a person and their role once, a vacant role one seat
    assert modes.decider_seats(org, ("co-leads", "cpo", "vacant")) == {"lee", "sam", "vacant"}
    assert modes.seat_holders(org, ("co-leads", "vacant")) == 2
    # veto holders: a shared seat is one, and one with its holder
    assert modes.blocker_count(org, ("co-leads", "sam", "lee")) == 1
    assert modes.blocker_count(org, ("co-leads", "vacant", "cfo")) == 3


def test_a_roles_own_escalates_to_is_not_a_resolver(tmp_path: Path) -> None:
    text = PEOPLE.replace(
        "cpo: {title: CPO, holder: lee, reports_to: ceo}",
        "cpo: {title: CPO, holder: lee, reports_to: ceo, escalates_to: ceo}",
    )
    text += "decisions:\n  d: {title: D, owner: cpo, mode: consensus, deciders: [cpo, cto]}\n"
    (finding,) = lint(tmp_path, text, ["DL001"])
    assert finding.entities == ("d", "cpo", "cto")
    assert (finding.location.line, finding.location.column) == (18, 35)


# -- findings about a body -----------------------------------------------------------------


CORE = (
    PEOPLE + "teams:\n"
    "  core: {name: Core, lead: ceo, members: [cpo, cto, cfo], decides_by: vote}\n"
    "decisions:\n"
    + "".join(f"  d{n}: {{title: D, owner: core}}\n" for n in range(7))
    + "  own: {title: Own deciders, owner: core, deciders: [cpo, cto]}\n"
)


def test_a_tie_the_body_gives_its_decisions_is_one_finding_about_the_body(
    tmp_path: Path,
) -> None:
    findings = lint(tmp_path, CORE, ["DL003"])
    assert [(f.location.line, f.location.column, f.entities) for f in findings] == [
        (18, 3, ("core", "d0", "d1", "d2", "d3", "d4", "d5", "d6")),
        (27, 37, ("own", "cpo", "cto")),  # writes its deciders: checked alone, at `owner`
    ]
    body = findings[0]
    assert body.message == (
        "team `core` votes by majority with 4 deciders and no resolver, so 7 decisions it "
        "owns can tie: `d0`, `d1`, `d2`, `d3`, `d4` and 2 more"
    )
    # `ceo` leads the body: one of its deciders, and nobody is above it
    assert body.help == "name a `tie_breaker`, or make the number of deciders odd"
    assert [(r.location.line, r.location.column) for r in body.related] == [
        (20 + n, 25) for n in range(7)
    ]


def test_a_body_with_a_resolver_or_an_odd_membership_gives_no_tie(tmp_path: Path) -> None:
    settled = CORE.replace("decides_by: vote}", "decides_by: vote, escalates_to: ceo}")
    assert lint(tmp_path, settled, ["DL003"]) == []
    odd = CORE.replace("members: [cpo, cto, cfo]", "members: [cpo, cto]")
    assert [f.entities[0] for f in lint(tmp_path, odd, ["DL003"])] == ["own"]


def test_a_quorum_the_body_gives_out_of_range_is_one_finding_about_it(tmp_path: Path) -> None:
    text = CORE.replace("decides_by: vote}", "decides_by: vote, quorum: 5}")
    findings = lint(tmp_path, text, ["DL004"])
    assert [(f.location.line, f.location.column, f.entities) for f in findings] == [
        (18, 3, ("core", "d0", "d1", "d2", "d3", "d4", "d5", "d6")),
        (27, 37, ("own", "cpo", "cto")),  # 2 deciders of its own, the body's quorum of 5
    ]
    assert findings[0].message.startswith(
        "team `core` has a quorum of 5, more than the 4 people among its deciders"
    )
    assert findings[0].message.endswith(
        "7 decisions it owns take it: `d0`, `d1`, `d2`, `d3`, `d4` and 2 more"
    )
    assert findings[0].help == "set `quorum` between 1 and 4, the number of deciders"


def test_an_open_end_the_body_gives_is_one_finding_about_it(tmp_path: Path) -> None:
    text = CORE.replace("decides_by: vote}", "decides_by: consent, escalates_to: ceo}")
    text += "  dated: {title: D, owner: core, decide_within: 2w}\n"
    findings = lint(tmp_path, text, ["DL006"])
    assert [(f.location.line, f.location.column, f.entities) for f in findings] == [
        (18, 3, ("core", "d0", "d1", "d2", "d3", "d4", "d5", "d6")),
        (27, 37, ("own",)),  # writes its deciders: checked alone, at `owner`
    ]
    assert findings[0].message == (
        "team `core` decides by consent and has no `decide_within`, so 7 decisions it owns "
        "have no deadline: `d0`, `d1`, `d2`, `d3`, `d4` and 2 more"
    )
    assert (
        findings[0].help
        == "set `decide_within` (such as `5d` or `2w`), after which it goes to `ceo`"
    )


def test_too_few_deciders_in_a_body_is_reported_per_decision(tmp_path: Path) -> None:
    text = (
        PEOPLE + "teams:\n  solo: {name: Solo, lead: cpo, decides_by: consensus}\n"
        "  empty: {name: Empty, lead: vacant, decides_by: consensus}\n"
        "decisions:\n  a: {title: A, owner: solo}\n  b: {title: B, owner: solo}\n"
        "  c: {title: C, owner: empty}\n"
        "  d: {title: D, owner: vacant, mode: any}\n"
        "  e: {title: E, owner: cpo, mode: any}\n"
    )
    findings = lint(tmp_path, text, ["DL004", "DL006"])
    assert [(f.code, f.location.line, f.location.column, f.entities) for f in findings] == [
        ("DL004", 21, 24, ("a", "cpo")),
        ("DL004", 22, 24, ("b", "cpo")),
        ("DL004", 25, 35, ("e",)),  # a pool of one; `c` and `d` are vacant-owner's
    ]
    assert (
        findings[2].message
        == "decision `e` is taken by any with no deciders: a pool needs at least two"
    )


# -- suppressing part of a finding about a body -------------------------------------------

# The body `core` (line 18) gives d1, d2 and d3 (lines 20-22) each code's fault.
BODY_FAULTS = {
    "DL003": "decides_by: vote",
    "DL004": "decides_by: vote, quorum: 5",
    "DL006": "decides_by: consent",
}
# Each code's message about `core` when it lists `d1` and `d3`.
BODY_MESSAGES = {
    "DL003": "team `core` votes by majority with 4 deciders and no resolver, so 2 decisions "
    "it owns can tie: `d1`, `d3`",
    "DL004": "team `core` has a quorum of 5, more than the 4 people among its deciders, "
    "`ceo` (Priya Raman), `cpo` (Lee Chen), `cto` (Sam Okafor) and `cfo` (Ada Obi): no vote "
    "can ever be valid; 2 decisions it owns take it: `d1`, `d3`",
    "DL006": "team `core` decides by consent and has no `decide_within`, so 2 decisions it "
    "owns have no deadline: `d1`, `d3`",
}


def faulty_body(code: str, comments: dict[str, str]) -> str:
    """`core` and its three decisions, with a comment after the line whose entry id is
    a key of ``comments`` (``core`` for the body's own line)."""
    lines = [
        "teams:",
        f"  core: {{name: Core, lead: ceo, members: [cpo, cto, cfo], {BODY_FAULTS[code]}}}",
        "decisions:",
        *(f"  {each}: {{title: D, owner: core}}" for each in ("d1", "d2", "d3")),
    ]
    for index, line in enumerate(lines):
        entry = line.strip().split(":")[0]
        if entry in comments:
            lines[index] = f"{line}  # governance-lint: disable={code} -- {comments[entry]}"
    return PEOPLE + "\n".join(lines) + "\n"


@pytest.mark.parametrize("code", sorted(BODY_FAULTS))
def test_a_suppression_at_a_listed_decision_takes_it_out_of_the_body_finding(
    code: str,
) -> None:
    result = lint_text(faulty_body(code, {"d2": "moved to the board"}), [code, "GL007"])
    [finding] = result.findings  # no GL007: the comment took `d2` out, so it was used
    assert (finding.code, finding.location.line, finding.location.column) == (code, 18, 3)
    assert finding.entities == ("core", "d1", "d3")
    assert finding.message == BODY_MESSAGES[code]
    assert [(r.location.line, r.location.column) for r in finding.related] == [
        (20, 25),
        (22, 25),
    ]
    assert result.suppressed == []


@pytest.mark.parametrize("code", sorted(BODY_FAULTS))
def test_a_suppression_above_a_listed_decisions_entry_takes_it_out(code: str) -> None:
    text = faulty_body(code, {}).replace(
        "  d2: {title: D, owner: core}",
        f"  # governance-lint: disable={code} -- moved to the board\n"
        "  d2:\n    title: D\n    owner: core",
    )
    result = lint_text(text, [code, "GL007"])
    [finding] = result.findings
    assert finding.entities == ("core", "d1", "d3")
    assert finding.message == BODY_MESSAGES[code]
    assert [r.location.line for r in finding.related] == [20, 25]


@pytest.mark.parametrize("code", sorted(BODY_FAULTS))
def test_a_body_finding_is_suppressed_when_every_listed_decision_is(code: str) -> None:
    comments = {each: "retired" for each in ("d1", "d2", "d3")}
    result = lint_text(faulty_body(code, comments), [code, "GL007"])
    assert list(result.findings) == []  # every comment was used: no GL007
    [suppressed] = result.suppressed
    assert suppressed.finding.entities == ("core", "d1", "d2", "d3")
    assert suppressed.reason == "retired"


@pytest.mark.parametrize("code", sorted(BODY_FAULTS))
def test_a_suppression_at_the_bodys_key_suppresses_the_whole_finding(code: str) -> None:
    result = lint_text(faulty_body(code, {"core": "being rewritten"}), [code, "GL007"])
    assert list(result.findings) == []
    assert [(s.finding.entities, s.reason) for s in result.suppressed] == [
        (("core", "d1", "d2", "d3"), "being rewritten")
    ]


def test_a_body_finding_left_with_one_decision_says_it_in_the_singular() -> None:
    comments = {"d1": "retired", "d2": "retired"}
    results = {code: lint_text(faulty_body(code, comments), [code]) for code in BODY_FAULTS}
    said = {code: result.findings[0].message.split(" so ")[-1] for code, result in results.items()}
    assert said == {
        "DL003": "the decision it owns can tie: `d3`",
        "DL004": "team `core` has a quorum of 5, more than the 4 people among its deciders, "
        "`ceo` (Priya Raman), `cpo` (Lee Chen), `cto` (Sam Okafor) and `cfo` (Ada Obi): no "
        "vote can ever be valid; the decision it owns takes it: `d3`",
        "DL006": "the decision it owns has no deadline: `d3`",
    }


def test_a_name_holding_braces_is_said_as_written_in_a_body_finding() -> None:
    text = faulty_body("DL004", {"d2": "retired"}).replace("Priya Raman", "'Pri {n} {entries}'")
    [finding] = lint_text(text, ["DL004"]).findings
    assert "`ceo` (Pri {n} {entries}), `cpo` (Lee Chen)" in finding.message
    assert finding.message.endswith("2 decisions it owns take it: `d1`, `d3`")


# -- DL002 and DL008 -----------------------------------------------------------------------


def test_a_shared_seat_is_one_veto_holder(tmp_path: Path) -> None:
    text = PEOPLE + (
        "decisions:\n"
        "  one: {title: O, owner: ceo, vetoes: [co-leads, lee]}\n"
        "  two: {title: T, owner: ceo, vetoes: [co-leads, cfo]}\n"
    )
    (finding,) = lint(tmp_path, text, ["DL002"])
    assert finding.entities == ("two", "co-leads", "cfo")
    assert finding.message.startswith("decision `two` can be blocked by 2 veto holders")


def test_a_blocking_peer_message_and_help(tmp_path: Path) -> None:
    text = PEOPLE + (
        "decisions:\n"
        "  roadmap:\n"
        "    title: R\n"
        "    owner: cpo\n"
        "    vetoes: [cto]\n"
        "  delegated:\n"
        "    title: D\n"
        "    owner: cpo\n"
        "    approvals: [vp-product]\n"
    )
    findings = lint(tmp_path, text, ["DL008"])
    assert [(f.location.line, f.location.column, f.entities) for f in findings] == [
        (21, 14, ("roadmap", "cto", "cpo")),
        (25, 17, ("delegated", "vp-product", "cpo")),
    ]
    assert findings[0].message == (
        "decision `roadmap` can be blocked by `cto` (Sam Okafor), who is not above its owner "
        "`cpo` (Lee Chen), and nobody settles a disagreement between them"
    )
    assert findings[0].help.startswith("set `tie_breaker: ceo`")
    # the owner is the lowest common manager of the two: the help goes one role up
    assert findings[1].help.startswith("set `tie_breaker: ceo`")


def test_dl002_is_reported_instead_of_dl008(tmp_path: Path) -> None:
    text = PEOPLE + "decisions:\n  d: {title: D, owner: cpo, vetoes: [cto, cfo]}\n"
    assert [f.code for f in lint(tmp_path, text, ["DL002", "DL008"])] == ["DL002"]
    assert lint(tmp_path, text, ["DL008"]) == []  # whether or not DL002 runs


def test_the_suggested_tie_breaker_is_never_one_of_the_deciders(tmp_path: Path) -> None:
    text = PEOPLE + (
        "decisions:\n"
        "  below: {title: B, owner: cpo, mode: consensus, deciders: [cpo, vp-product],"
        " decide_within: 5d}\n"
        "  top: {title: T, owner: ceo, mode: consensus, deciders: [ceo, cpo], decide_within: 5d}\n"
    )
    below, top = lint(tmp_path, text, ["DL001"])
    # the deciders' lowest common manager is `cpo`, one of them: the next role up
    assert below.help.startswith("set `tie_breaker: ceo`, who is above all of them")
    # `ceo` is one of them and nobody is above: no id is named
    assert top.help == (
        "name a `tie_breaker` who settles a disagreement, or an `escalates_to` or `on_no_agreement`"
    )
