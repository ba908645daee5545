"""The 1.1 terms (shared seats, bodies, groups, a body as final authority) and the
escalation rules, OR002 and DR009 that read them.

Expected findings are worked out by hand from the contract: code, line, column (the
value of a field on its key's line, else the key) and entities.
"""

from __future__ import annotations

from governance_lint.model.escalation import chains, is_chain_end
from governance_lint.model.organization import Organization
from governance_lint.model.terms import (
    above,
    at_or_above,
    body_tops,
    final_authority,
    holder,
    holders,
    is_vacant,
    lowest_common_manager,
    lowest_role_above,
    matching_owner,
    resolve_owner,
    roles_held,
    same_person,
    stands_for,
    teams_of,
    tops,
)

from helpers import lint_text

# A consent council is the final authority; its lead and director sit on it with no
# lines of their own. `director` is a shared seat.
COUNCIL = """\
governance: 1
organization: {name: Example, final_authority: council}
people:
  ana: {name: Ana}
  ben: {name: Ben}
  cy: {name: Cy}
  dee: {name: Dee}
roles:
  chair: {title: Chair, holder: ana}
  director: {title: Director, holder: [ben, cy]}
  cto: {title: CTO, holder: dee, reports_to: chair}
  eng: {title: Eng, holder: dee, reports_to: cto}
teams:
  council: {name: Council, lead: chair, members: [director], decides_by: consent}
  steering: {name: Steering, lead: cto, decides_by: vote}
decisions:
  d1: {title: D1, owner: eng}
  d2: {title: D2, owner: steering}
"""

TERMS = """\
governance: 1
organization: {name: Example, final_authority: council}
people:
  ana: {name: Ana}
  ben: {name: Ben}
  cy: {name: Cy}
  dee: {name: Dee}
roles:
  chair: {title: Chair, holder: ana}
  director: {title: Director, holder: [ben, cy, ben]}
  cto: {title: CTO, holder: dee, reports_to: chair}
  eng: {title: Eng, reports_to: cto}
  spare: {title: Spare, holder: []}
teams:
  council: {name: Council, lead: chair, members: [director], decides_by: consent}
  steering: {name: Steering, lead: cto, members: [dee], decides_by: vote}
  empty: {name: Empty, decides_by: vote}
  ghosts: {name: Ghosts, members: [eng, spare], decides_by: consent}
  plain: {name: Plain, lead: cto, members: [eng]}
  everyone: {name: Everyone, kind: group, members: [ana, director]}
"""


def org_of(text: str) -> Organization:
    org = lint_text(text, ["GL"]).org
    assert org is not None
    return org


def test_holders_of_a_shared_seat_are_each_of_its_people_once() -> None:
    org = org_of(TERMS)
    assert holders(org, "director") == ("ben", "cy")
    assert holder(org, "director") == "ben"  # one holder, for callers naming one person
    assert holders(org, "eng") == () and holders(org, "spare") == ()
    assert roles_held(org, "cy") == ("director",)
    assert roles_held(org, "ben") == ("director",)


def test_vacant_roles_and_bodies() -> None:
    org = org_of(TERMS)
    assert is_vacant(org, "eng") and is_vacant(org, "spare")
    assert not is_vacant(org, "director")
    assert not is_vacant(org, "council")  # a held lead and a held member
    assert not is_vacant(org, "steering")
    assert is_vacant(org, "empty")  # no lead and no members
    assert is_vacant(org, "ghosts")  # only vacant roles
    assert not is_vacant(org, "plain") and not is_vacant(org, "everyone")  # not bodies


def test_a_role_whose_only_holder_item_is_unknown_is_not_vacant() -> None:
    text = "governance: 1\nroles:\n  r: {title: R, holder: [ghost]}\n"
    org = org_of(text)
    assert holders(org, "r") == () and not is_vacant(org, "r")


def test_stands_for_and_same_person_with_shared_seats_bodies_and_groups() -> None:
    org = org_of(TERMS)
    assert stands_for(org, "director") == {"director", "ben", "cy"}
    assert same_person(org, "director", "ben") and same_person(org, "cy", "director")
    assert not same_person(org, "ben", "cy")
    assert same_person(org, "ana", "chair")
    # a team, a body or a group is the same person only as itself
    assert not same_person(org, "council", "chair")
    assert not same_person(org, "plain", "cto")
    assert not same_person(org, "everyone", "ana")
    assert same_person(org, "council", "council")


def test_resolved_owners_a_body_is_itself_a_group_none_a_team_its_lead() -> None:
    org = org_of(TERMS)
    assert resolve_owner(org, "steering") == ("steering",)
    assert resolve_owner(org, "everyone") == ()
    assert resolve_owner(org, "plain") == ("cto",)
    assert resolve_owner(org, "ben") == ("director",)


def test_an_owner_matches_through_a_team_lead_and_a_body_only_as_itself() -> None:
    text = TERMS + (
        "decisions:\n"
        "  by-body: {title: A, owner: steering}\n"
        "  by-team: {title: B, owner: plain, mode: consensus}\n"
        "  by-seat: {title: C, owner: director, mode: vote}\n"
    )
    org = org_of(text)
    by_body, by_team, by_seat = (org.decisions[d] for d in ("by-body", "by-team", "by-seat"))
    assert matching_owner(org, by_body, "cto") is None
    assert matching_owner(org, by_body, "steering") == "steering"
    assert matching_owner(org, by_team, "cto") == "plain"
    assert matching_owner(org, by_team, "dee") == "plain"  # the lead's holder
    assert matching_owner(org, by_team, "eng") is None  # a member is no owner
    assert matching_owner(org, by_seat, "cy") == "director"


def test_above_with_a_body_as_final_authority_upper_and_lower() -> None:
    org = org_of(TERMS)
    assert final_authority(org) == "council"
    assert above(org, "council", "eng") and above(org, "council", "chair")
    assert above(org, "council", "steering")
    assert not above(org, "chair", "council")  # nothing is above the final authority
    assert above(org, "chair", "steering")  # above its lead role
    assert not above(org, "cto", "steering")  # its lead is not above it
    assert above(org, "steering", "eng")  # through its lead, a role it stands for
    assert not above(org, "steering", "cto")
    assert not above(org, "cto", "empty")  # no lead: only the final authority is above it
    assert above(org, "ana", "steering")  # a person through the role they hold
    assert at_or_above(org, "dee", "cto") and not at_or_above(org, "eng", "cto")


def test_the_lowest_common_manager_of_bodies_and_a_body_final_authority() -> None:
    org = org_of(TERMS)
    assert lowest_common_manager(org, ("eng", "steering")) == "cto"  # steering: its lead
    assert lowest_common_manager(org, ("empty", "eng")) == "council"  # a body with no lead
    assert lowest_common_manager(org, ("director", "cto")) == "council"  # no role above both
    assert lowest_common_manager(org, ("eng", "cto")) == "cto"
    assert lowest_role_above(org, ("steering",)) == "chair"
    assert lowest_role_above(org, ("empty",)) == "council"
    assert lowest_role_above(org, ("council",)) is None


def test_team_membership_counts_shared_seats_and_groups() -> None:
    org = org_of(TERMS)
    assert teams_of(org, "cy") == {"council", "everyone"}  # through the shared seat
    assert teams_of(org, "ana") == {"council", "everyone"}
    assert teams_of(org, "dee") == {"steering", "plain"}


def test_roles_on_a_final_authority_body_are_no_tops_and_escalate_to_it() -> None:
    org = org_of(COUNCIL)
    assert tops(org) == ()
    assert final_authority(org) == "council"
    (chain,) = chains(org, org.decisions["d1"])
    assert tuple(chain.path) == ("eng", "cto", "chair", "council") and chain.end == "end"
    assert is_chain_end(org, "council") and not is_chain_end(org, "chair")
    (chain,) = chains(org, org.decisions["d2"])  # a body owner with no escalates_to
    assert tuple(chain.path) == ("steering",) and chain.end == "end"
    assert body_tops(org) == ("steering",)


def test_a_final_authority_council_is_neither_vacant_nor_a_second_top() -> None:
    findings = lint_text(COUNCIL, ["OR002", "ES005", "OR005", "ES001", "ES004"]).findings
    assert [(f.code, f.location.line, f.location.column, f.entities) for f in findings] == [
        ("OR002", 15, 3, ("steering",))
    ]
    assert "escalates_to: council" in findings[0].help


def test_a_body_that_escalates_is_no_top() -> None:
    text = COUNCIL.replace(
        "lead: cto, decides_by: vote}", "lead: cto, decides_by: vote, escalates_to: council}"
    )
    assert lint_text(text, ["OR002"]).findings == []


def test_a_body_led_by_a_final_authority_role_is_no_top_and_another_is() -> None:
    text = """\
governance: 1
people:
  ana: {name: Ana}
  dee: {name: Dee}
roles:
  ceo: {title: CEO, holder: ana}
  cto: {title: CTO, holder: dee, reports_to: ceo}
teams:
  exec: {name: Exec, lead: ceo, decides_by: consent}
  tech: {name: Tech, lead: cto, decides_by: consent}
decisions:
  a: {title: A, owner: exec}
  b: {title: B, owner: tech}
"""
    (finding,) = lint_text(text, ["OR002"]).findings
    # ceo, the only top role, is the final authority though none is written
    assert (finding.location.line, finding.location.column, finding.entities) == (
        10,
        3,
        ("tech",),
    )
    assert finding.help == "set `final_authority: ceo` and `escalates_to: ceo` on `tech`"
    fixed = text.replace("  b: {title: B, owner: tech}\n", "")
    assert lint_text(fixed, ["OR002"]).findings == []
    # a body has no `reports_to`: it is a top for having no `escalates_to` and ending a chain
    assert finding.message == (
        "besides the final authority `ceo`, `tech` is a top (a body with no `escalates_to` "
        "that ends a decision's chain): escalations that reach it stop there and never "
        "reach `ceo`"
    )
    mixed = (
        text.replace(
            "  cto: {title: CTO, holder: dee, reports_to: ceo}\n",
            "  cto: {title: CTO, holder: dee, reports_to: ceo}\n"
            "  adv: {title: Advisor, holder: dee}\n",
        ).replace(
            "  tech: {name: Tech, lead: cto, decides_by: consent}\n",
            "  tech: {name: Tech, lead: cto, decides_by: consent}\n"
            "  ops: {name: Ops, lead: cto, decides_by: consent}\n",
        )
        + "  c: {title: C, owner: ops}\n"
    )
    (finding,) = lint_text(mixed, ["OR002"]).findings
    # two top roles: no final authority is found, so every top is named, `exec` too
    assert finding.entities == ("adv", "ceo", "exec", "ops", "tech")
    assert finding.message == (
        "`adv` (Dee), `ceo` (Ana), `exec`, `ops` and `tech` are tops (roles with no "
        "`reports_to` or `escalates_to`; bodies with no `escalates_to` that end decisions' "
        "chains): escalations stop at whichever one they reach, and no role is above all of them"
    )


ES002_TEXT = """\
governance: 1
people:
  ana: {name: Ana}
roles:
  ceo: {title: CEO, holder: ana}
  lead:
    title: Lead
    holder: ana
    reports_to: ceo
    escalates_to: council
teams:
  council:
    name: Council
    members: [ana]
    decides_by: consent
    escalates_to: lead
"""


def test_an_escalation_loop_through_a_body_is_es002_at_the_body_edge() -> None:
    (finding,) = lint_text(ES002_TEXT, ["ES002", "ES003"]).findings
    assert (finding.code, finding.location.line, finding.location.column) == ("ES002", 16, 19)
    assert finding.entities == ("council", "lead")
    fixed = ES002_TEXT.replace("    escalates_to: lead\n", "")
    assert lint_text(fixed, ["ES002", "ES003"]).findings == []


ES003_TEXT = """\
governance: 1
people:
  ana: {name: Ana}
roles:
  cto: {title: CTO, holder: ana}
  eng: {title: Eng, reports_to: cto}
teams:
  tech:
    name: Tech
    lead: cto
    members: [eng]
    decides_by: consent
    escalates_to: tech
  plain: {name: Plain, lead: cto, members: [eng]}
decisions:
  by-body:
    title: By body
    owner: tech
    escalates_to: cto
  by-team:
    title: By team
    owner: plain
    mode: consensus
    escalates_to: eng
  by-team-lead:
    title: By team lead
    owner: plain
    mode: consensus
    escalates_to: cto
"""


def test_es003_a_body_escalating_to_itself_and_owners_compared_by_the_11_terms() -> None:
    findings = lint_text(ES003_TEXT, ["ES003"]).findings
    # a body owner is compared as itself, a plain team owner through its lead only
    assert [(f.code, f.location.line, f.location.column, f.entities) for f in findings] == [
        ("ES003", 13, 19, ("tech",)),
        ("ES003", 29, 19, ("by-team-lead", "cto")),
    ]
    fixed = ES003_TEXT.replace("    escalates_to: tech\n", "").replace(
        "    mode: consensus\n    escalates_to: cto\n", "    mode: consensus\n"
    )
    assert lint_text(fixed, ["ES003"]).findings == []


def test_es003_a_decision_escalating_to_a_holder_of_its_shared_seat_owner() -> None:
    text = """\
governance: 1
people:
  ana: {name: Ana}
  ben: {name: Ben}
roles:
  leads: {title: Co-leads, holder: [ana, ben]}
decisions:
  d: {title: D, owner: leads, mode: consent, escalates_to: ben}
"""
    (finding,) = lint_text(text, ["ES003"]).findings
    assert (finding.location.line, finding.location.column, finding.entities) == (
        8,
        60,
        ("d", "ben"),
    )


ES001_TEXT = """\
governance: 1
people:
  ana: {name: Ana}
  kim: {name: Kim}
roles:
  ceo: {title: CEO, holder: ana}
teams:
  council: {name: Council, lead: ceo, decides_by: consent}
decisions:
  d:
    title: D
    owner: council
    escalates_to: kim
"""


def test_es001_a_body_owner_escalating_to_a_person_with_no_role() -> None:
    (finding,) = lint_text(ES001_TEXT, ["ES001"]).findings
    assert (finding.code, finding.location.line, finding.location.column) == ("ES001", 13, 19)
    assert finding.entities == ("d", "council", "kim")
    fixed = ES001_TEXT.replace("    escalates_to: kim\n", "")
    assert lint_text(fixed, ["ES001", "ES003"]).findings == []


ES004_TEXT = """\
governance: 1
people:
  ana: {name: Ana}
roles:
  ceo: {title: CEO, holder: ana}
  eng: {title: Eng, holder: ana, reports_to: ceo}
teams:
  b1: {name: B1, lead: eng, decides_by: vote, escalates_to: b2}
  b2: {name: B2, lead: eng, decides_by: vote, escalates_to: b3}
  b3: {name: B3, lead: eng, decides_by: vote, escalates_to: b4}
  b4: {name: B4, lead: eng, decides_by: vote, escalates_to: ceo}
decisions:
  d:
    title: D
    owner: eng
    escalates_to: b1
"""


def test_es004_counts_hops_through_bodies() -> None:
    (finding,) = lint_text(ES004_TEXT, ["ES004"]).findings
    assert (finding.code, finding.location.line, finding.location.column) == ("ES004", 16, 19)
    assert finding.entities == ("d", "eng", "b1", "b2", "b3", "b4", "ceo")
    fixed = ES004_TEXT.replace("escalates_to: b1", "escalates_to: b2")
    assert lint_text(fixed, ["ES004"]).findings == []


DR009_TEXT = """\
governance: 1
organization: {name: Example, final_authority: board}
people:
  ana: {name: Ana}
  ben: {name: Ben}
  dee: {name: Dee}
  eve: {name: Eve}
roles:
  chair: {title: Chair, holder: ana}
  ceo: {title: CEO, holder: ben, escalates_to: board}
  cto: {title: CTO, holder: dee, reports_to: ceo}
  eng: {title: Eng, holder: eve, reports_to: cto}
teams:
  board: {name: Board, lead: chair, decides_by: vote}
  tech: {name: Tech, lead: cto, decides_by: consent}
  ops: {name: Ops, members: [eng], decides_by: consent}
decisions:
  a: {title: A, owner: tech, override: board}
  b: {title: B, owner: tech, override: ceo}
  c: {title: C, owner: eng, override: tech}
  f: {title: F, owner: ops, override: ceo}
  g: {title: G, owner: ceo, override: tech}
"""


def test_dr009_reads_above_with_bodies_as_override_owner_and_final_authority() -> None:
    findings = lint_text(DR009_TEXT, ["DR009"]).findings
    # the final-authority body is above every owner; a role above a body's lead is above
    # the body; a body is above what its lead is above; a body with no lead has only the
    # final authority above it; a body is not above its lead's manager
    assert [(f.code, f.location.line, f.location.column, f.entities) for f in findings] == [
        ("DR009", 21, 39, ("f", "ceo", "ops")),
        ("DR009", 22, 39, ("g", "tech", "ceo")),
    ]
    assert all(f.help.startswith("set `override: board`") for f in findings)
    fixed = DR009_TEXT.replace("owner: ops, override: ceo", "owner: ops, override: board")
    fixed = fixed.replace("owner: ceo, override: tech", "owner: cto, override: ceo")
    assert lint_text(fixed, ["DR009"]).findings == []


def test_a_body_owner_is_no_person_s_load_and_counts_as_no_seat() -> None:
    from governance_lint.model.terms import owner_seats
    from governance_lint.output.views.health import loads

    org = org_of(COUNCIL)
    assert owner_seats(org, "steering") == ()
    assert owner_seats(org, "eng") == ("dee",)
    # the body's decision is its own load, not its lead's holder's: Dee owns d1 only
    owned = {row.seat: row.owned for row in loads(org)}
    assert owned["steering"] == 1 and owned["dee"] == 1


def test_a_shared_seat_owner_counts_as_each_holder_and_a_person_as_themself() -> None:
    from governance_lint.model.terms import owner_seats

    org = org_of(
        "governance: 1\npeople:\n  a: {name: A}\n  b: {name: B}\nroles:\n"
        "  duo: {title: Duo, holder: [a, b]}\n  gap: {title: Gap}\n"
        "decisions:\n  d: {title: D, owner: duo}\n"
    )
    assert owner_seats(org, "duo") == ("a", "b")
    assert owner_seats(org, "b") == ("b",)  # not the seat's first holder
    assert owner_seats(org, "gap") == ("gap",)
    assert org.index.facts(org.decisions["d"]).seats == ("a", "b")


def test_a_body_s_decision_in_its_mode_has_one_accountable_owner_in_the_summary() -> None:
    from governance_lint.output.views.health import has_one_owner

    org = org_of(
        "governance: 1\npeople:\n  a: {name: A}\nroles:\n  r: {title: R, holder: a}\n"
        "teams:\n  board: {name: Board, lead: r, decides_by: vote}\n"
        "  crew: {name: Crew, lead: r}\n"
        "decisions:\n  d: {title: D, owner: board}\n  e: {title: E, owner: board, mode: dri}\n"
        "  f: {title: F, owner: crew}\n"
    )
    # the body's decides_by is the decision's mode; one that writes dri, or a plain
    # team's in dri, has no one accountable
    assert has_one_owner(org, org.decisions["d"])
    assert not has_one_owner(org, org.decisions["e"])
    assert not has_one_owner(org, org.decisions["f"])


def test_dr003_reads_a_body_s_mode_and_leaves_a_broken_owner_alone() -> None:
    text = (
        "governance: 1\npeople:\n  a: {name: A}\nroles:\n  r: {title: R, holder: a}\n"
        "teams:\n  board: {name: Board, lead: r, decides_by: vote}\n"
        "decisions:\n  d: {title: D, owner: board}\n  e: {title: E, owner: [board, null]}\n"
        "  f: {title: F, owner: board, mode: dri}\n"
    )
    findings = lint_text(text, ["DR003"]).findings
    # d takes the board's vote; e's owner has a finding (GL002), not followed; f writes dri
    assert [(f.code, f.location.line, f.location.column, f.entities) for f in findings] == [
        ("DR003", 11, 3 + len("f: {title: F, owner: "), ("f", "board"))
    ]
