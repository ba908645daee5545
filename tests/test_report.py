"""`governance-lint report`: one self-contained, escaped, reproducible page, and its parts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from governance_lint.output.html.content import SECTIONS, _tiles, share, summary
from governance_lint.output.html.findings import why_it_matters
from governance_lint.output.html.layout import BOX_HEIGHT, BOX_WIDTH, layout
from governance_lint.output.views.health import health, loads
from governance_lint.rules import ALL_RULES

from helpers import EXAMPLES, example_names, invoke, lint_paths, run_cli_together

VIEWS = Path(__file__).parent / "views"
HEADINGS = [heading for _, heading in SECTIONS]


def _report(*args: str, **kw: object) -> str:
    result = invoke("report", *args, **kw)  # type: ignore[arg-type]
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def _structure(page: str) -> str:
    """The structure section, without the small pictures in the findings' cards."""
    return page.split('<section id="structure">', 1)[1].split("</section>", 1)[0]


def test_the_page_holds_every_section_and_nothing_it_would_fetch() -> None:
    page = _report(str(EXAMPLES / "healthy"))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    for heading in HEADINGS:
        assert f">{heading}</h2>" in page
    assert "Reviewed nowhere</h3>" in page
    for forbidden in ("<script", "<link", "<img", "<iframe", "<object", "@import", "http://"):
        assert forbidden not in page.lower()
    assert not re.search(r"""\b(?:src|href)=["'](?!#)""", page), "only in-page links"
    assert not re.search(r"url\((?!#)", page), "markers only, by fragment"
    assert "@media print" in page and "<svg" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_every_value_from_the_files_is_escaped() -> None:
    page = _report(str(VIEWS / "hostile"))
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;yes&#39;)" in page
    assert "Chief &#34;Ops&#34; &lt;b&gt;Officer&lt;/b&gt;" in page
    assert "Quinn &#34;The Hammer&#34; O&#39;Neil &amp; [Co]" in page
    assert "Nate\\u000aNewline" in page, "control characters shown as escapes"
    assert "Weekly &lt;em&gt;sync&lt;/em&gt; &amp; &#34;review&#34;" in page


def test_no_date_unless_asked_for_and_the_same_bytes_every_time() -> None:
    seeds = ("0", "1", "random")
    runs = run_cli_together(
        *[("report", str(EXAMPLES / "series-c-saas" / "before"))] * len(seeds),
        envs=[{"PYTHONHASHSEED": seed} for seed in seeds],
    )
    assert [(run.returncode, run.stderr) for run in runs] == [(0, "")] * len(seeds)
    pages = {run.stdout for run in runs}
    assert len(pages) == 1
    page = pages.pop()
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page)
    dated = _report("--date", "2026-03-02", str(EXAMPLES / "series-c-saas" / "before"))
    assert "As of 2026-03-02" in dated


@pytest.mark.parametrize("bad", ["2026-3-2", "02/03/2026", "2026-02-30", "yesterday"])
def test_a_bad_date_is_status_2_in_one_line(bad: str) -> None:
    result = invoke("report", "--date", bad, str(EXAMPLES / "healthy"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("governance-lint: error: ") and result.stderr.count("\n") == 1


def test_output_file_and_fail_on(tmp_path: Path) -> None:
    before = EXAMPLES / "logistics-expansion" / "before"
    target = tmp_path / "report.html"
    written = invoke("report", "-o", str(target), str(before))
    assert written.returncode == 0 and written.stdout == ""
    assert target.read_text(encoding="utf-8") == _report(str(before))
    assert invoke("report", "--fail-on", "error", str(before)).returncode == 1
    assert invoke("report", "--fail-on", "info", str(EXAMPLES / "healthy")).returncode == 0


@pytest.mark.parametrize("example", example_names())
def test_every_example_gives_a_page(example: str) -> None:
    folders = [EXAMPLES / example / "before", EXAMPLES / example / "after"]
    for folder in [f for f in folders if f.is_dir()] or [EXAMPLES / example]:
        page = _report(str(folder))
        assert all(f">{heading}</h2>" in page for heading in HEADINGS)


def test_findings_are_cards_in_severity_order_with_who_why_and_the_fix() -> None:
    """The issue replaced the themes (warnings could come before errors) with one card
    per problem, errors first; the "who" names each person once with their role."""
    page = _report(str(EXAMPLES / "logistics-expansion" / "before"))
    findings = page.split('<section id="findings">', 1)[1].split("</section>", 1)[0]
    badges = re.findall(r'<article class="problem (\w+)"', findings)
    assert badges == ["error", "error", "warning"]
    assert "start with them" not in page
    assert "Why it matters." in page
    assert (
        '<span class="person">Aisha Bello</span> <span class="role">Chief Technology Officer'
        in page
    )
    assert "<dt>Fix</dt>" in findings and "<strong>Who</strong>" in findings


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_every_rule_page_says_why_it_matters(rule: object) -> None:
    paragraphs = why_it_matters(rule)  # type: ignore[arg-type]
    assert paragraphs and all(p.strip() and "\n" not in p for p in paragraphs)


def test_health_counts_follow_the_terms() -> None:
    report = lint_paths([VIEWS / "matrix.yaml"], select=["DR002", "DL001"])
    numbers = health(report.org)
    assert numbers.decisions == 4
    assert numbers.one_owner == 3, "a role, a team deciding by vote, a person; not the list"
    assert numbers.to_final_authority == 3, "the person who holds no role has no chain"
    assert numbers.reviewed == 0
    assert numbers.vacant_roles == ("vacant-cfo",)
    assert numbers.longest is not None
    assert numbers.longest[0] == "m-roadmap" and numbers.longest[1].path == (
        "dev-lead",
        "cto",
        "ceo",
    )
    table = {row.seat: row for row in loads(report.org)}
    ana = table["ana"]
    assert (ana.owned, ana.approvals, ana.vetoes, ana.casting, ana.signoffs) == (1, 1, 0, 2, 2)
    assert (table["bo"].owned, table["bo"].approvals, table["bo"].signoffs) == (1, 1, 1)
    assert (table["dee"].owned, table["dee"].vetoes, table["dee"].signoffs) == (1, 1, 1)
    assert table["vacant-cfo"].owned == 1, "a vacant role that carries a decision has a row"
    assert table["eli"].owned == table["eli"].signoffs == 0


ORGS = {
    "wide": {f"r{i:02}": "top" for i in range(30)},
    "deep": {f"r{i:02}": f"r{i - 1:02}" if i else None for i in range(25)},
    "forest": {"a": None, "b": None, "a1": "a", "a2": "a", "b1": "b", "b11": "b1", "b12": "b1"},
    "loop with children": {"x": "y", "y": "z", "z": "x", "kid": "x", "kid2": "y", "g": "kid"},
    "self loop": {"solo": "solo", "under": "solo", "top2": None},
    "two loops": {"p": "q", "q": "p", "s": "t", "t": "s", "u": "p", "v": "s"},
}


def _write_org(folder: Path, lines: dict[str, str | None]) -> Path:
    roles = {"top": None, **lines} if "top" in lines.values() else lines
    text = ["governance: 1", "roles:"]
    for role, manager in roles.items():
        extra = f", reports_to: {manager}" if manager else ""
        text.append(f"  {role}: {{title: Role {role} with a long title that wraps{extra}}}")
    first, last = next(iter(roles)), list(roles)[-1]
    text.append(f"  esc: {{title: Escalation desk, reports_to: {first}, escalates_to: {last}}}")
    folder.mkdir()
    (folder / "org.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("shape", sorted(ORGS))
def test_no_two_boxes_overlap_whatever_the_shape(shape: str, tmp_path: Path) -> None:
    folder = _write_org(tmp_path / "org", ORGS[shape])
    report = lint_paths([folder])
    picture = layout(report.org, report.findings, report.config.show)
    boxes = picture.boxes
    assert len(boxes) == len(report.org.roles)
    for index, one in enumerate(boxes):
        assert one.x >= 0 and one.x + BOX_WIDTH <= picture.width
        assert one.y >= 0 and one.y + BOX_HEIGHT <= picture.height
        for other in boxes[index + 1 :]:
            apart = (
                one.x + BOX_WIDTH <= other.x
                or other.x + BOX_WIDTH <= one.x
                or one.y + BOX_HEIGHT <= other.y
                or other.y + BOX_HEIGHT <= one.y
            )
            assert apart, (one.id, other.id)
    assert all(line.path.startswith("M") for line in picture.lines)


def test_a_large_organization_gives_a_page_people_can_still_read(tmp_path: Path) -> None:
    text = ["governance: 1", "organization: {name: Big, final_authority: r0}", "roles:"]
    for index in range(200):
        manager = f", reports_to: r{(index - 1) // 5}" if index else ""
        text.append(f"  r{index}: {{title: Role {index}{manager}}}")
    text.append("decisions:")
    for index in range(320):
        owner = f"[r{index % 200}, r1]" if index == 7 else f"r{index % 200}"
        text.append(
            f"  d{index:03}: {{title: Decision {index}, scope: s{index % 9}, owner: {owner}}}"
        )
    (tmp_path / "org.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")
    page = _report("--select", "DR002", str(tmp_path))
    assert "320 decisions are too many for one page: only the 1 with findings are shown" in page
    matrix = page[page.index('id="matrix"') : page.index("</section>", page.index('id="matrix"'))]
    assert matrix.count('<table class="matrix">') == 1, "one table, never one per scope"
    # columns with no letter left in the rows shown are left out: r7 and r1 own d007
    assert matrix.count('<th scope="col" class="role"') == 2
    assert "this picture shows 3 of them, the roles findings name" in page
    # the structure picture only: the finding's card has its own small picture
    assert _structure(page).count('class="node"') == 3, "r7, r1 and their manager r0"
    assert len(page) < 200_000


def test_the_readme_commands_for_the_offsite_work(tmp_path: Path) -> None:
    import shlex

    from helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Before the offsite", 1)[1]
    block = re.search(r"```sh\n(.*?)\n```", section, re.S)
    assert block is not None
    for line in block.group(1).splitlines():
        words = shlex.split(line.replace("examples/", f"{ROOT / 'examples'}/"))
        assert words[0] == "governance-lint"
        result = invoke(*words[1:], cwd=tmp_path)
        assert result.returncode == 0, (line, result.stderr)
    assert (tmp_path / "governance.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    assert (ROOT / "docs" / "report.png").is_file() and (
        ROOT / "docs" / "report-structure.png"
    ).is_file()


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (1, 6, "17%"),
        (5, 6, "83%"),
        (1, 8, "13%"),
        (0, 6, "0%"),
        (6, 6, "100%"),
        (999, 1000, "99%"),
        (1, 1000, "1%"),
        (0, 0, "\N{EN DASH}"),
    ],
)
def test_shares_round_half_up_but_never_to_all_or_nothing(
    part: int, whole: int, shown: str
) -> None:
    """1 of 6 is 17%, as a reader works it out; 999 of 1000 is not "100%" and 1 of
    1000 is not "0%"."""
    assert share(part, whole) == shown


def test_loads_credit_a_body_count_a_shared_seat_for_each_holder_and_leave_alumni_out() -> None:
    """Worked out by hand from tests/views/seats.yaml: `budget` is the board's, not its
    chair Ana's; `policy` (owner `chairs`) is Bo's and Cy's; the pool `release` (owners
    `vp`, `chairs`) is each of Bo's and Cy's once; `spend` waits on the vacant `cfo`; Olu,
    alumni, approves `policy` but has no row; Ana breaks the board's ties on `budget`,
    which takes the board's `tie_breaker`."""
    report = lint_paths([VIEWS / "seats.yaml"], select=["OR007"])
    rows = loads(report.org)
    assert [(row.seat, row.owned, row.signoffs) for row in rows] == [
        ("bo", 2, 0),
        ("cy", 2, 0),
        ("ana", 0, 1),
        ("board", 1, 0),
        ("cfo", 1, 0),
    ]
    page = _report("--select", "OR007", str(VIEWS / "seats.yaml"))
    load = page[page.index('id="load"') : page.index('id="rhythm"')]
    assert '<th scope="row">Board (vote, two-thirds)</th>' in load
    assert "Olu Grey" not in load and "Olu Grey" in page


def test_the_picture_puts_bodies_on_the_escalation_paths_in_the_first_row() -> None:
    """Worked out by hand from tests/views/bodies.yaml: the final authority `board` first,
    then `exec` (where `cto` escalates) and `ring` (in a loop with `ops`); `idle` is on no
    path. Each body has dotted lines to the drawn roles that lead or sit on it."""
    report = lint_paths([VIEWS / "bodies.yaml"], select=["ES002"])
    picture = layout(report.org, report.findings, report.config.show)
    first = [box for box in picture.boxes if box.y == picture.boxes[0].y]
    assert [(box.id, box.name, box.body, box.top) for box in first] == [
        ("board", "vote, majority, qu…", True, True),
        ("exec", "consensus", True, False),
        ("ring", "consent", True, False),
    ]
    assert [box.id for box in picture.boxes[3:]] == ["ceo", "cto", "ops"]
    assert not any(box.body for box in picture.boxes[3:])
    assert sorted((line.kind, line.faulty) for line in picture.lines) == [
        ("escalates_to", False),  # cto -> exec
        ("escalates_to", False),  # exec -> board
        ("escalates_to", True),  # ops -> ring
        ("escalates_to", True),  # ring -> ops
        ("member", False),  # board: ceo (Bo, a person, is no box)
        ("member", False),  # exec: ceo
        ("member", False),  # ring: ops
    ]
    page = _report("--select", "ES002", str(VIEWS / "bodies.yaml"))
    assert _structure(page).count('<path class="line member" d="') == 3
    assert "<title>Board — decides by vote, majority, quorum 2</title>" in page


def test_the_page_s_matrix_shows_a_pool_and_a_shared_seat_s_holders() -> None:
    page = _report("--select", "OR007", str(VIEWS / "seats.yaml"))
    matrix = page[page.index('id="matrix"') : page.index("</section>", page.index('id="matrix"'))]
    assert (
        "<code>release</code><br><small>any one of: Vice President (Cy Park), "
        "Co-chairs (Bo Chen, Cy Park)</small>"
    ) in matrix


BODIES = """\
governance: 1
people:
  ana: {name: Ana}
  bo: {name: Bo}
roles:
  ceo: {title: Chief Executive, holder: ana}
  cfo: {title: Chief Financial, holder: bo, reports_to: ceo}
  gap: {title: Gap, reports_to: ceo}
teams:
  board: {name: Board, lead: ceo, members: [cfo], decides_by: vote, tie_breaker: ceo}
  ghosts: {name: Ghosts, lead: gap, decides_by: consensus}
decisions:
  a: {title: A, owner: board}
  b: {title: B, owner: board, tie_breaker: cfo}
  c: {title: C, owner: cfo, tie_breaker: ceo}
  e: {title: E, owner: ghosts}
"""


def test_a_bodys_tie_breaker_loads_each_decision_that_takes_it(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(BODIES, encoding="utf-8")
    table = {row.seat: row for row in loads(lint_paths([tmp_path], select=["GL001"]).org)}
    # ana: `a` takes the board's `ceo`, `c` names it; `b` writes its own, `cfo` (bo)
    assert (table["ana"].casting, table["ana"].signoffs) == (2, 2)
    assert (table["bo"].casting, table["bo"].signoffs) == (1, 1)


def test_the_summary_counts_vacant_bodies_with_vacant_roles(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(BODIES, encoding="utf-8")
    report = lint_paths([tmp_path], select=["GL001"])
    numbers = health(report.org)
    assert (numbers.vacant_roles, numbers.vacant_bodies) == (("gap",), ("ghosts",))
    said = summary(report, numbers, [])
    assert (
        "1 role and 1 body are vacant: Gap and Ghosts (consensus). Decisions owned by or "
        "escalated to an empty seat wait for nobody." in said
    )
    assert ("2", "vacant roles and bodies", "bad") in _tiles(report, numbers)
    held = BODIES.replace("  gap: {title: Gap, reports_to: ceo}", "  gap: {title: Gap, holder: bo}")
    (tmp_path / "org.yaml").write_text(held, encoding="utf-8")
    report = lint_paths([tmp_path], select=["GL001"])
    numbers = health(report.org)
    assert "Every role and body has someone in it." in summary(report, numbers, [])
    assert ("0", "vacant roles and bodies", "ok") in _tiles(report, numbers)
