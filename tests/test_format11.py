"""Format 1.1 read in: people status, shared seats, groups, bodies, mode any, on_no_agreement.

Each new field has a passing case (no GL finding, the model carries it) and each misuse
one finding at the exact node; positions are worked out by hand from the YAML below.
"""

from __future__ import annotations

import pytest

from governance_lint.model.organization import Body

from helpers import lint_text

GL = ["GL"]

# Every 1.1 field, used as the format allows: no GL finding.
VALID = """\
governance: 1
organization: {name: Example project, final_authority: steering}
people:
  ana: {name: Ana Silva}
  ben: {name: Ben Ito, status: active}
  cy: {name: Cy Park}
  dee: {name: Dee Roy, status: alumni}
roles:
  core-leads: {title: Co-leads, holder: [ana, ben], escalates_to: steering}
  release-manager: {title: Release manager, holder: cy, reports_to: core-leads}
  emeritus: {title: Emeritus, holder: [dee, dee]}
  treasurer: {title: Treasurer, holder: []}
  secretary: {title: Secretary, holder: [cy]}
teams:
  steering:
    name: Steering committee
    kind: team
    members: [ana, ben, cy]
    decides_by: vote
    threshold: two-thirds
    quorum: 2
    on_no_agreement: status-quo
    decide_within: 2w
    tie_breaker: core-leads
  core:
    name: Core team
    lead: core-leads
    members: [release-manager]
    decides_by: consent
    escalates_to: steering
    tie_breaker: steering
  announce:
    name: announce@ mailing list
    kind: group
    members: [ana, ben, cy, dee]
decisions:
  language-change:
    title: Accept a language change
    owner: core
    decide_within: 2w
    on_no_agreement: reject
    escalates_to: steering
    tie_breaker: steering
    override: steering
  cut-release:
    title: Cut a release
    owner: [core-leads, release-manager]
    mode: any
ready:
  proposal:
    artifact: Proposal
    from: announce
    to: core
    accepted_by: core
cadences:
  steering-meeting: {title: Steering meeting, every: monthly, chair: steering}
"""


def codes_at(text: str) -> list[tuple[str, int, int]]:
    """The GL findings of one document: code, line, column."""
    return [(f.code, f.location.line, f.location.column) for f in lint_text(text, GL).findings]


def test_every_new_field_used_as_the_format_allows_is_no_finding() -> None:
    assert lint_text(VALID, GL).findings == []


def test_the_model_carries_the_new_fields() -> None:
    org = lint_text(VALID, GL).org
    assert [org.people[p].status for p in ("ana", "ben", "dee")] == ["active", "active", "alumni"]
    roles = org.roles
    assert roles["core-leads"].holders == ("ana", "ben")
    assert roles["release-manager"].holders == ("cy",)
    assert roles["emeritus"].holders == ("dee",)  # an id listed twice counts once
    assert roles["treasurer"].holders == ()  # `[]`: vacant
    assert roles["secretary"].holders == ("cy",)  # a one-item list: that one person
    # the single holder the rules read today: a shared seat's first holder
    assert org.index.holders["core-leads"] == ("ana", "ben")
    assert org.index.holders["treasurer"] == ()
    teams = org.teams
    assert (teams["announce"].is_group, teams["announce"].is_body) == (True, False)
    assert (teams["core"].is_group, teams["core"].is_body) == (False, True)
    assert teams["announce"].body() is None
    assert teams["steering"].body() == Body(
        decides_by="vote",
        threshold="two-thirds",
        quorum=2,
        on_no_agreement="status-quo",
        decide_within="2w",
        tie_breaker="core-leads",
        escalates_to=None,
    )
    assert teams["core"].body() == Body("consent", None, None, None, None, "steering", "steering")
    decisions = org.decisions
    assert decisions["cut-release"].get("mode") == "any"
    assert decisions["language-change"].get("on_no_agreement") == "reject"


def test_a_1_0_team_is_neither_a_group_nor_a_body() -> None:
    org = lint_text("governance: 1\nteams:\n  t: {name: T}\n", GL).org
    assert (org.teams["t"].is_group, org.teams["t"].is_body, org.teams["t"].body()) == (
        False,
        False,
        None,
    )


@pytest.mark.parametrize(
    "name, value",
    [
        ("threshold", "majority"),
        ("quorum", "2"),
        ("on_no_agreement", "reject"),
        ("decide_within", "5d"),
        ("tie_breaker", "lead"),
        ("escalates_to", "lead"),
    ],
)
def test_a_body_field_on_a_plain_team_is_one_gl002_at_its_key(name: str, value: str) -> None:
    text = (
        "governance: 1\n"
        "roles:\n"
        "  lead: {title: Lead}\n"
        "teams:\n"
        "  plain:\n"
        "    name: Plain\n"
        "    lead: lead\n"
        f"    {name}: {value}\n"
    )
    findings = lint_text(text, GL).findings
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [("GL002", 8, 5)]
    assert findings[0].message == f"`{name}` is for a body: set `decides_by` in team `plain`"
    assert findings[0].entities == ("plain",)


def test_decides_by_on_a_group_and_a_body_field_on_a_group_are_one_finding_each() -> None:
    text = """\
governance: 1
roles:
  lead: {title: Lead}
teams:
  list:
    name: List
    kind: group
    decides_by: vote
    tie_breaker: nobody-at-all
"""
    findings = lint_text(text, GL).findings
    # the unknown tie-breaker is not also GL005: the field is not followed
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [
        ("GL002", 8, 5),
        ("GL002", 9, 5),
    ]
    assert "not for a group" in findings[0].message
    assert "a group" in findings[1].message


def test_a_body_field_with_a_wrong_value_on_a_plain_team_is_one_finding() -> None:
    text = "governance: 1\nteams:\n  plain:\n    name: Plain\n    threshold: most\n"
    assert codes_at(text) == [("GL002", 5, 16)]  # the value: its enum is the first fault


def test_a_wrong_decides_by_is_gl002_at_its_value_and_the_team_is_still_a_body() -> None:
    text = """\
governance: 1
teams:
  board:
    name: Board
    decides_by: poll
    threshold: majority
"""
    result = lint_text(text, GL)
    assert [(f.code, f.location.line, f.location.column) for f in result.findings] == [
        ("GL002", 5, 17)
    ]
    board = result.org.teams["board"]
    assert board.is_body
    body = board.body()
    assert body is not None and (body.decides_by, body.threshold) == (None, "majority")


@pytest.mark.parametrize(
    "line, expected",
    [
        ("  ana: {name: Ana, status: gone}\n", ("GL002", 3, 28)),
        ("  ana: {name: Ana, status: no}\n", ("GL002", 3, 28)),
    ],
)
def test_a_wrong_status_is_gl002_at_its_value_and_the_person_counts_as_active(
    line: str, expected: tuple[str, int, int]
) -> None:
    result = lint_text("governance: 1\npeople:\n" + line, GL)
    assert [(f.code, f.location.line, f.location.column) for f in result.findings] == [expected]
    assert result.org.people["ana"].status == "active"


def test_a_wrong_kind_is_gl002_and_the_team_counts_as_a_team() -> None:
    text = "governance: 1\nteams:\n  t: {name: T, kind: list, decides_by: vote}\n"
    result = lint_text(text, GL)
    assert [(f.code, f.location.line, f.location.column) for f in result.findings] == [
        ("GL002", 3, 22)
    ]
    assert (result.org.teams["t"].is_group, result.org.teams["t"].is_body) == (False, True)


def test_wrong_mode_and_on_no_agreement_values_are_gl002_at_the_value() -> None:
    text = """\
governance: 1
decisions:
  d:
    title: D
    mode: anyone
    on_no_agreement: revert
"""
    assert codes_at(text) == [("GL002", 5, 11), ("GL002", 6, 22)]


BODIES = """\
governance: 1
people:
  ana: {name: Ana}
roles:
  lead: {title: Lead, holder: ana}
teams:
  steering: {name: Steering, lead: lead, decides_by: vote}
  plain: {name: Plain, lead: lead}
  list: {name: List, kind: group, members: [ana]}
"""


@pytest.mark.parametrize(
    "entry, column",
    [
        ("organization: {final_authority: TARGET}\n", 33),
        ("roles:\n  r: {title: R, escalates_to: TARGET}\n", 31),
        ("teams:\n  b: {name: B, decides_by: vote, escalates_to: TARGET}\n", 48),
        ("teams:\n  b: {name: B, decides_by: vote, tie_breaker: TARGET}\n", 47),
        ("decisions:\n  d: {title: D, owner: lead, escalates_to: TARGET}\n", 44),
        ("decisions:\n  d: {title: D, owner: lead, tie_breaker: TARGET}\n", 43),
        ("decisions:\n  d: {title: D, owner: lead, override: TARGET}\n", 40),
        ("cadences:\n  c: {title: C, chair: TARGET}\n", 24),
        ("ready:\n  r: {artifact: A, accepted_by: TARGET}\n", 33),
    ],
)
def test_where_a_body_is_accepted_a_body_is_no_finding_and_a_team_or_group_is_gl005(
    entry: str, column: int, tmp_path: object
) -> None:
    def lint(target: str) -> list[tuple[str, int, int, str]]:
        files = {"a.yaml": BODIES, "b.yaml": "governance: 1\n" + entry.replace("TARGET", target)}
        line = entry.count("\n")  # the entry's last line, after `governance: 1`
        found = [
            (f.code, f.location.line, f.location.column, f.message)
            for f in lint_text(files, GL).findings
            if f.location.file == "b.yaml"
        ]
        assert all(where[1:3] == (line + 1, column) for where in found)
        return found

    assert lint("steering") == []
    (plain,) = lint("plain")
    assert plain[0] == "GL005" and plain[3].endswith(
        ": `plain` is a team, not a body: give it `decides_by`"
    )
    (group,) = lint("list")
    assert group[0] == "GL005" and "`list`, a group, not a body" in group[3]
    (unknown,) = lint("steerin")
    assert unknown[0] == "GL005" and "`steerin`, which is not defined" in unknown[3]


def test_a_plain_team_where_only_a_body_is_accepted_is_told_to_become_one() -> None:
    text = BODIES + "cadences:\n  c: {title: C, chair: plain}\n"
    (finding,) = lint_text(text, GL).findings
    assert (finding.code, finding.location.line, finding.location.column) == ("GL005", 11, 24)
    assert finding.entities == ("c", "plain")
    assert finding.message == (
        "`chair` of cadence `c`: `plain` is a team, not a body: give it `decides_by`"
    )
    assert finding.help == (
        "give `plain` `decides_by` to make it a body, or name a role or person here"
    )


def test_an_unknown_body_gets_a_did_you_mean() -> None:
    text = BODIES + "organization: {final_authority: steerin}\n"
    (finding,) = lint_text(text, GL).findings
    assert (finding.code, finding.location.line, finding.location.column) == ("GL005", 10, 33)
    assert finding.help == "did you mean `steering`?"


def test_a_holder_list_item_that_is_unknown_or_not_a_person_is_gl005_at_that_item() -> None:
    text = """\
governance: 1
people:
  ana: {name: Ana}
roles:
  other: {title: Other}
  seat:
    title: Seat
    holder: [ana, anna, other]
"""
    result = lint_text(text, GL)
    assert [(f.code, f.location.line, f.location.column) for f in result.findings] == [
        ("GL005", 8, 19),
        ("GL005", 8, 25),
    ]
    assert result.findings[0].help == "did you mean `ana`?"
    assert result.org.roles["seat"].holders == ("ana",)


@pytest.mark.parametrize(
    "holder, column",
    [
        ("[ana, Ben]", 34),
        ("[ana, no]", 34),
        ("[ana, ~]", 34),
        ("[ana, 7]", 34),
        ("[ana, [ben]]", 34),
    ],
)
def test_a_holder_list_item_of_the_wrong_shape_is_one_gl002_at_that_item_and_the_rest_hold(
    holder: str, column: int
) -> None:
    text = (
        "governance: 1\npeople:\n  ana: {name: Ana}\nroles:\n"
        f"  seat: {{title: S, holder: {holder}}}\n"
    )
    result = lint_text(text, GL)
    assert [(f.code, f.location.line, f.location.column) for f in result.findings] == [
        ("GL002", 5, column)
    ]
    assert result.org.roles["seat"].holders == ("ana",)


def test_the_run_goes_on_past_every_misuse() -> None:
    files = {
        "a.yaml": "governance: 1\nteams:\n  t: {name: T, kind: group, decides_by: vote}\n",
        "b.yaml": "governance: 1\npeople:\n  ana: {name: Ana, status: alumni}\n",
    }
    result = lint_text(files, GL)
    assert [(f.location.file, f.code) for f in result.findings] == [("a.yaml", "GL002")]
    assert result.org.people["ana"].status == "alumni"
