"""Realistic 1.1 organizations, each small: a consent council, SIG-style co-chairs, a
release pool and a board with committees. Healthy shapes must give no finding at all
(every rule runs); each fault gives exactly the findings its rule defines.

Every expected finding here is worked out by hand from the rules' definitions."""

from __future__ import annotations

from collections.abc import Mapping

from helpers import lint_text

Row = tuple[str, str, int, int, tuple[str, ...]]


def findings(files: str | Mapping[str, str], select: list[str] | None = None) -> list[Row]:
    """Every finding of the run, every rule selected unless ``select`` says otherwise."""
    result = lint_text(files, select)
    return sorted(
        (f.code, f.location.file, f.location.line, f.location.column, f.entities)
        for f in result.findings
    )


# -- A council that decides by consent --------------------------------------------------

COUNCIL = """\
governance: 1
organization: {name: Lumen, final_authority: council}
people:
  ana: {name: Ana}
  ben: {name: Ben}
  cy: {name: Cy}
  dee: {name: Dee}
  gus: {name: Gus, status: alumni}
roles:
  chair: {title: Council chair, holder: ana}
  compiler-lead: {title: Compiler lead, holder: ben}
  docs-lead: {title: Docs lead, holder: cy}
  release-lead: {title: Release lead, holder: dee, reports_to: compiler-lead}
  emeritus: {title: Emeritus lead, holder: gus, reports_to: chair}
teams:
  council:
    name: Project council
    lead: chair
    members: [compiler-lead, docs-lead]
    decides_by: consent
    on_no_agreement: status-quo
    decide_within: 2w
  announce: {name: announce@, kind: group, members: [ana, ben, cy, dee, gus]}
decisions:
  charter: {title: Charter changes, owner: council, reviewed_in: council-meeting}
  language: {title: Language changes, owner: compiler-lead, reviewed_in: council-meeting}
  releases: {title: Release dates, owner: release-lead, reviewed_in: [sync, council-meeting]}
  roadmap: {title: Yearly roadmap, owner: council, reviewed_in: planning}
cadences:
  council-meeting: {title: Council meeting, every: monthly, chair: council}
  sync: {title: Release sync, every: weekly, chair: release-lead, attendees: [compiler-lead]}
  planning: {title: Planning, every: quarterly, chair: chair, attendees: [council]}
"""


def test_a_consent_council_as_final_authority_gives_no_finding() -> None:
    # the council's members need no lines (their next hop is the council); its
    # decisions take consent, the status quo and two weeks from it; the chair and the
    # compiler lead sit in the meeting the council chairs; an alumni person on a list
    # and in an honorary role is relied on by nothing
    assert findings(COUNCIL) == []


def test_a_meeting_a_body_chairs_has_the_body_s_lead_and_members_in_the_room() -> None:
    # the treasurer escalates to the council but reports to nobody who is in its room:
    # the council chairs through its lead and members, and the council itself (the
    # final authority) is not one of the people present
    more = """\
governance: 1
people:
  eve: {name: Eve}
roles:
  treasurer: {title: Treasurer, holder: eve, escalates_to: council}
decisions:
  budget: {title: Budget, owner: treasurer, reviewed_in: council-meeting}
"""
    assert findings({"org.yaml": COUNCIL, "more.yaml": more}) == [
        ("CD007", "more.yaml", 7, 58, ("budget", "council-meeting", "treasurer")),
    ]


def test_an_alumni_member_still_on_the_council_is_one_finding_about_them() -> None:
    text = COUNCIL.replace("holder: cy}", "holder: gus}").replace("  cy: {name: Cy}\n", "")
    text = text.replace("[ana, ben, cy, dee, gus]", "[ana, ben, dee, gus]")
    # docs-lead, held by gus, sits on the council (decides); the honorary role does not count
    assert findings(text) == [("OR007", "org.yaml", 11, 41, ("gus", "docs-lead"))]


# -- SIG-style co-chairs on a shared seat -----------------------------------------------

SIGS = """\
governance: 1
organization: {name: Cloud project, final_authority: steering}
people:
  ana: {name: Ana}
  ben: {name: Ben}
  cy: {name: Cy}
  dee: {name: Dee}
  eve: {name: Eve}
  fay: {name: Fay}
roles:
  network-chairs: {title: SIG Network co-chairs, holder: [ana, ben], escalates_to: steering}
  storage-chairs: {title: SIG Storage co-chairs, holder: [cy, dee], escalates_to: steering}
teams:
  steering:
    name: Steering committee
    members: [ana, cy, eve]
    decides_by: vote
    decide_within: 4w
  sig-network:
    name: SIG Network
    lead: network-chairs
    members: [fay]
    decides_by: consent
    decide_within: 2w
    escalates_to: steering
  sig-storage:
    name: SIG Storage
    lead: storage-chairs
    decides_by: consent
    decide_within: 2w
    escalates_to: steering
decisions:
  network-api: {title: Network API changes, owner: sig-network, reviewed_in: network-weekly}
  storage-api: {title: Storage API changes, owner: sig-storage, reviewed_in: storage-weekly}
  network-roadmap:
    title: SIG Network roadmap
    owner: network-chairs
    mode: consensus
    on_no_agreement: status-quo
    decide_within: 1w
    reviewed_in: network-weekly
  project-charter:
    title: Project charter
    owner: steering
    reviewed_in: [steering-monthly, steering-quarterly]
cadences:
  network-weekly: {title: SIG Network weekly, every: weekly, chair: network-chairs}
  storage-weekly: {title: SIG Storage weekly, every: weekly, chair: storage-chairs}
  steering-monthly: {title: Steering monthly, every: monthly, chair: steering}
  steering-quarterly:
    title: Steering planning
    every: quarterly
    chair: steering
    attendees: [sig-network, sig-storage]
"""


def test_co_chairs_leading_bodies_give_no_finding() -> None:
    # the co-chairs lead their SIGs (bodies deciding by consent) and decide their roadmap
    # together, the status quo settling a disagreement; the steering committee, the
    # final authority, seats people with no lines of their own
    assert findings(SIGS) == []


def test_co_chairs_owning_alone_in_dri_mode_is_co_leadership() -> None:
    text = SIGS.replace(
        "    mode: consensus\n    on_no_agreement: status-quo\n    decide_within: 1w\n", ""
    )
    # network-roadmap now owned by the shared seat alone, in dri mode
    assert findings(text) == [
        ("DR002", "org.yaml", 37, 12, ("network-roadmap", "network-chairs", "ana", "ben")),
    ]


# -- A release pool ---------------------------------------------------------------------

POOL = """\
governance: 1
organization: {name: Project, final_authority: lead}
people:
  ana: {name: Ana}
  ben: {name: Ben}
  cy: {name: Cy}
roles:
  lead: {title: Project lead, holder: ana}
  rm-1: {title: Release manager, holder: ben, reports_to: lead}
  rm-2: {title: Release manager, holder: cy, reports_to: lead}
  rm-3: {title: Release manager (backup), reports_to: lead}
decisions:
  cut-release: {title: Cut a release, owner: [rm-1, rm-2, rm-3], mode: any, reviewed_in: sync}
  backport: {title: Backport a fix, owner: [rm-2, rm-3], mode: any, reviewed_in: sync}
  hotfix: {title: Ship a hotfix, owner: [rm-1, rm-2], mode: any, reviewed_in: [sync, monthly]}
cadences:
  sync: {title: Release sync, every: weekly, chair: lead}
  monthly: {title: Monthly review, every: monthly, chair: lead}
  planning: {title: Planning, every: quarterly, chair: lead, attendees: [rm-1]}
"""


def test_a_release_pool_with_a_vacant_backup_seat_gives_no_finding() -> None:
    # any release manager may cut a release alone: no joint ownership, no deadline
    # needed, and the vacant backup seat is no fault while a held one can decide;
    # the quarterly planning reviews the release too
    text = POOL.replace(
        "reviewed_in: sync}\n  backport", "reviewed_in: [sync, planning]}\n  backport"
    )
    assert findings(text) == []


def test_a_pool_whose_seats_empty_and_a_pool_of_one() -> None:
    text = (
        POOL.replace("  cy: {name: Cy}\n", "")
        .replace("holder: cy, ", "")
        .replace("reviewed_in: sync}\n  backport", "reviewed_in: [sync, planning]}\n  backport")
        .replace("owner: [rm-1, rm-2], mode: any", "owner: [rm-1], mode: any")
    )
    # rm-2 and rm-3 are both vacant: backport's pool cannot decide (DR004 about each,
    # listing backport only: cut-release still has rm-1); hotfix is a pool of one
    assert findings(text) == [
        ("DL004", "org.yaml", 14, 55, ("hotfix",)),
        ("DR004", "org.yaml", 9, 3, ("rm-2", "backport")),
        ("DR004", "org.yaml", 10, 3, ("rm-3", "backport")),
    ]


# -- A board with committees ------------------------------------------------------------

BOARD = """\
governance: 1
organization: {name: Halvorsen, final_authority: board}
people:
  ingrid: {name: Ingrid}
  marcus: {name: Marcus}
  nora: {name: Nora}
  olu: {name: Olu}
  pia: {name: Pia}
  sofia: {name: Sofia}
roles:
  chair: {title: Chair of the board, holder: ingrid}
  ceo: {title: CEO, holder: marcus}
  cfo: {title: CFO, holder: sofia, reports_to: ceo}
teams:
  board:
    name: Board
    lead: chair
    members: [ceo, nora, olu, pia]
    decides_by: vote
    quorum: 3
    decide_within: 4w
  audit:
    name: Audit committee
    lead: cfo
    members: [nora, olu, pia]
    decides_by: vote
    decide_within: 4w
    tie_breaker: board
    escalates_to: board
decisions:
  budget: {title: Annual budget, owner: board, reviewed_in: [board-meeting, monthly]}
  auditor: {title: External auditor, owner: audit, reviewed_in: [board-meeting, weekly]}
cadences:
  weekly: {title: Finance weekly, every: weekly, chair: cfo}
  monthly: {title: Monthly review, every: monthly, chair: ceo, attendees: [cfo]}
  board-meeting: {title: Board meeting, every: quarterly, chair: chair, attendees: [board]}
"""


def test_a_board_with_a_committee_that_ties_to_it_gives_no_finding() -> None:
    # five directors vote by majority with a quorum of three; the four-member audit
    # committee sends ties and contested decisions to the board, the final authority
    assert findings(BOARD) == []


def test_a_committee_that_can_tie_is_one_finding_about_it() -> None:
    more = """\
governance: 1
teams:
  pay:
    name: Remuneration committee
    lead: chair
    members: [nora, olu, pia]
    decides_by: vote
    decide_within: 4w
decisions:
  exec-pay: {title: Executive pay, owner: pay, reviewed_in: board-meeting}
  bonus-pool: {title: Bonus pool, owner: pay, tie_breaker: ceo, reviewed_in: board-meeting}
"""
    # the committee ends the chains of both decisions (a top besides the board); the
    # bonus pool writes its own tie-breaker, so only exec pay takes the committee's tie
    assert findings({"org.yaml": BOARD, "more.yaml": more}) == [
        ("DL003", "more.yaml", 3, 3, ("pay", "exec-pay")),
        ("OR002", "more.yaml", 3, 3, ("pay",)),
    ]
