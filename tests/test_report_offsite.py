"""The report as an offsite hand-out: problems merged by root cause and in severity
order, accepted exceptions, what changed since a git ref, and page counts in print."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from governance_lint.output.problems import problems

from browser import Elements, chromium, dump_dom, pdf_text_operators
from helpers import EXAMPLES, ROOT, invoke, lint_paths


def _offsite() -> str:
    """A co-owned decision, a vacant role owning three decisions, a CEO over both load
    limits (owns 5 of 17, approves 6 of 17), one accepted exception and one expired."""
    lines = [
        "governance: 1",
        "organization: {name: Offsite Co, final_authority: ceo}",
        "people:",
        "  maya: {name: Maya Lind}",
        "  raj: {name: Raj Patel}",
        "  olivia: {name: Olivia Brandt}",
        "  sam: {name: Sam Okafor}",
        "roles:",
        "  ceo: {title: Chief Executive Officer, holder: maya}",
        "  cpo: {title: Chief Product Officer, holder: raj, reports_to: ceo}",
        "  cto: {title: Chief Technology Officer, holder: olivia, reports_to: ceo}",
        "  cfo: {title: Chief Financial Officer, holder: sam, reports_to: ceo}",
        "  vp-sales: {title: VP Sales, reports_to: ceo}",
        "cadences:",
        "  weekly-staff: {title: Weekly staff meeting, every: weekly, chair: ceo}",
        "decisions:",
        "  eu-expansion: {title: EU expansion, scope: growth.eu, owner: [cpo, cto],"
        " reviewed_in: [weekly-staff]}",
    ]
    for i in range(3):
        lines.append(
            f"  sales-{i}: {{title: Sales decision {i}, scope: sales.s{i}, owner: vp-sales,"
            " reviewed_in: [weekly-staff]}"
        )
    for i in range(5):
        lines.append(
            f"  ceo-{i}: {{title: CEO decision {i}, scope: ceo.c{i}, owner: ceo,"
            " reviewed_in: [weekly-staff]}"
        )
    for i in range(6):
        owner = "cfo" if i < 4 else "cto"
        lines.append(
            f"  fin-{i}: {{title: Finance decision {i}, scope: fin.f{i}, owner: {owner},"
            " approvals: [ceo], reviewed_in: [weekly-staff]}"
        )
    lines += [
        "  # governance-lint: disable=DR010 until=2026-09-30 -- Olivia wants to be consulted"
        " <b>until</b> the new CFO starts",
        "  tech-budget: {title: Technology budget, scope: tech.budget, owner: cto,"
        " consulted: [cto], reviewed_in: [weekly-staff]}",
        "  # governance-lint: disable=DR010 until=2026-03-31 -- temporary",
        "  product-budget: {title: Product budget, scope: product.budget, owner: cpo,"
        " consulted: [cpo], reviewed_in: [weekly-staff]}",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def offsite(tmp_path: Path) -> Path:
    folder = tmp_path / "gov"
    folder.mkdir()
    (folder / "org.yaml").write_text(_offsite(), encoding="utf-8")
    return folder


def test_problems_merge_by_root_cause_and_come_most_severe_first(offsite: Path) -> None:
    report = lint_paths([offsite])
    found = problems(report.org, report.findings)
    # errors by the decisions they hold up (the vacancy's three before the co-owned one),
    # then the CEO's two load limits as one problem, then the expired exception; notes last
    assert [[f.code for f in p.findings] for p in found] == [
        ["DR004"],
        ["DR002"],
        ["DR006", "DR013"],
        ["GL009"],
        ["DR010"],
        ["CD006"],
    ]
    assert found[0].lead.entities[0] == "vp-sales"
    assert {f.entities[0] for f in found[2].findings} == {"maya"}


def test_a_vacancy_takes_the_findings_about_what_waits_on_it(tmp_path: Path) -> None:
    text = _offsite().replace(
        "  sales-0: {title: Sales decision 0, scope: sales.s0, owner: vp-sales,"
        " reviewed_in: [weekly-staff]}",
        "  sales-0: {title: Sales decision 0, scope: sales.s0, owner: vp-sales}",
    )
    (tmp_path / "org.yaml").write_text(text, encoding="utf-8")
    report = lint_paths([tmp_path], select=["DR004", "CD001", "DR002"])
    found = problems(report.org, report.findings)
    assert [sorted(f.code for f in p.findings) for p in found] == [["CD001", "DR004"], ["DR002"]]


def _page(folder: Path, target: Path, *args: str) -> Elements:
    done = invoke("report", "-o", str(target), *args, str(folder))
    assert done.returncode == 0, done.stderr
    return Elements(dump_dom(target))


def _text(dom: Elements) -> str:
    """The page's text after its header (whose contents list names every section)."""
    text = " ".join("".join(dom.text).split())
    return text.split("Reporting and escalation Decision rights", 1)[1]


def _section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def test_the_page_shows_cards_in_order_who_once_and_the_exceptions(
    offsite: Path, tmp_path: Path
) -> None:
    dom = _page(offsite, tmp_path / "page.html")
    articles = [a for a in dom.all("article") if "problem" in a.get("class", "")]
    cards = [a["class"] for a in articles if a.get("id", "").startswith("problem-")]
    assert cards == [
        "problem error",
        "problem error",
        "problem warning",
        "problem warning",
        "problem info",
        "problem info",
    ]
    text = _text(dom)
    findings = _section(text, "Findings", "Accepted exceptions")
    # the CEO's card: one person, named once, with her role, holding both findings
    ceo = _section(findings, "Maya Lind (maya) owns 5 of 17", "DR013")
    assert ceo.count("Maya Lind Chief Executive Officer") == 1
    assert "DR006 overloaded-owner" in findings and "DR013 sign-off-bottleneck" in findings
    assert "VP Sales vacant" in findings
    assert "start with them" not in text
    exceptions = _section(text, "Accepted exceptions", "Load per person")
    # the expired suppression first, as a finding; then the accepted one with its reason
    assert exceptions.index("this suppression expired on 2026-03-31") < exceptions.index(
        "2026-09-30"
    )
    assert "Olivia wants to be consulted <b>until</b> the new CFO starts" in exceptions
    assert "Olivia Brandt (Chief Technology Officer)" in exceptions
    assert dom.all("b") == [], "the reason is text, not markup"


def test_tiles_say_concentration_as_a_share_and_colour_by_threshold(
    offsite: Path, tmp_path: Path
) -> None:
    dom = _page(offsite, tmp_path / "page.html")
    text = _text(dom)
    # Maya owns 5 and approves 6: on 11 of 17 decisions (65%), more than half: red
    assert "decisions wait on Maya Lind11 of 17" in text, "the tile: its label, its value"
    assert "Maya Lind is on 11 of 17 decisions (65%)" in text
    tiles = [d["class"] for d in dom.all("div") if d.get("class", "").startswith("tile")]
    assert "tile bad" in tiles and "tile ok" in tiles


def _git(folder: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, env=env)


def test_report_base_says_what_changed_since_a_commit(offsite: Path, tmp_path: Path) -> None:
    repo = offsite.parent
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "the offsite before")
    text = _offsite().replace("owner: [cpo, cto]", "owner: cpo, consulted: [cto]")
    text = text.replace(
        "  # governance-lint: disable=DR010 until=2026-03-31 -- temporary\n", ""
    ).replace("owner: cpo, consulted: [cpo]", "owner: cpo")
    text += "  hiring: {title: Hiring, scope: people.hiring, owner: vp-people}\n"
    text = text.replace(
        "  vp-sales: {title: VP Sales, reports_to: ceo}",
        "  vp-sales: {title: VP Sales, reports_to: ceo}\n"
        "  vp-people: {title: VP People, reports_to: ceo}",
    )
    (offsite / "org.yaml").write_text(text, encoding="utf-8")
    target = tmp_path / "changed.html"
    done = invoke("report", "--base", "main", "-o", str(target), "gov", cwd=repo)
    assert done.returncode == 0, done.stderr
    dom = Elements(dump_dom(target))
    text = _text(dom)
    assert text.index("What changed") < text.index("Findings")
    changed = _section(text, "What changed", "Findings")
    # fixed: DR002 on eu-expansion, and GL009 and DR010 with the expired comment gone;
    # new: DR004 for vp-people and CD001 for hiring; persisting: DR004 vp-sales, the
    # CEO's DR006 and DR013 (now of 18), CD006. DR006's message counts 5 of 18 now,
    # but a finding's identity is not its message.
    assert "Since main: 2 new, 3 fixed and 4 persisting findings." in changed
    assert "role vp-people is vacant and owns 1 decision" in changed
    assert "decision eu-expansion has 2 owners" in changed.split("Fixed", 1)[1]
    assert "with exactly one owner94%100%" in changed, "16 of 17 then, 18 of 18 now"
    assert "vacant roles and bodies12" in changed
    bad = invoke("report", "--base", "no-such-ref", "gov", cwd=repo)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.startswith("governance-lint: error: --base: unknown git ref `no-such-ref`")
    assert bad.stderr.count("\n") == 1


def _pages(folder: Path, tmp_path: Path, name: str) -> int:
    page = tmp_path / f"{name}.html"
    done = invoke("report", "-o", str(page), str(folder))
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / f"{name}.pdf"
    chromium(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    count, drawn = pdf_text_operators(pdf)
    assert drawn > 50
    return count


@pytest.mark.parametrize(
    "example", ["series-c-saas/before", "logistics-expansion/before", "board-and-committees/before"]
)
def test_an_example_company_prints_in_at_most_six_pages(example: str, tmp_path: Path) -> None:
    assert _pages(EXAMPLES / example, tmp_path, "example") <= 6


def test_two_hundred_decisions_print_in_at_most_fifteen_pages(tmp_path: Path) -> None:
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "generate.py"),
            "--decisions",
            "200",
            "--out",
            str(tmp_path / "org"),
        ],
        check=True,
        capture_output=True,
    )
    assert _pages(tmp_path / "org", tmp_path, "big") <= 15
    assert time.monotonic() - started < 30


def test_the_print_stylesheet_keeps_cards_and_rows_whole_and_the_matrix_landscape() -> None:
    page = invoke("report", str(EXAMPLES / "healthy")).stdout
    style = page.split("@media print", 1)[1].split("</style>", 1)[0]
    assert "@page wide { size: A4 landscape" in page and "@page { size: A4;" in page
    # the landscape appendix, the footer ending it (a portrait footer would take a page)
    assert re.search(r"#matrix, #structure, body > main > footer \{ page: wide; \}", style)
    assert re.search(r"\.problem, [^{]*\btr\b[^{]*\{ break-inside: avoid-page; \}", style)
    assert "h2 {" in style and "break-after: avoid-page" in style


def test_a_400_role_organization_gets_one_picture_per_top_level_branch(tmp_path: Path) -> None:
    """Seven executives under the CEO, each with seven managers of seven: a branch drawn
    whole would be nine boxes wide and nine tall, printed at 4 pt; so each branch splits
    one level further, to pictures of a manager and their seven reports (two rows of at
    most seven boxes, about 7.5 pt on a landscape page). Branches come in id order."""
    text = ["governance: 1", "organization: {name: Wide, final_authority: r0}", "roles:"]
    for index in range(400):
        manager = f", reports_to: r{(index - 1) // 7}" if index else ""
        text.append(f"  r{index}: {{title: Role {index}{manager}}}")
    (tmp_path / "org.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")
    done = invoke("report", str(tmp_path))
    assert done.returncode == 0, done.stderr
    structure = done.stdout.split('<section id="structure">', 1)[1].split("</section>", 1)[0]
    titles = re.findall(r'<figure class="structure-picture">\n<h3>([^<]*)</h3>', structure)
    expected = ["The top"]
    for executive in range(1, 8):
        managers = sorted(f"r{7 * executive + n}" for n in range(1, 8))  # ids sort as text
        expected += [f"Role {executive}", *(f"Role {m[1:]}" for m in managers)]
    assert titles == expected
    pictures = structure.split('<figure class="structure-picture">')[1:]
    assert [p.count('class="node"') for p in pictures] == [8] * (1 + 7 + 49)
    for picture in pictures:
        box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', picture)
        assert box is not None
        width, height = float(box.group(1)), float(box.group(2))
        assert width <= 16 * 2 + 7 * (180 + 16), "at most seven boxes across"
        assert height <= 620, "at most five rows"


def test_an_escalation_is_counted_as_one_not_as_a_sign_off(tmp_path: Path) -> None:
    from governance_lint.output.views.health import loads

    (tmp_path / "org.yaml").write_text(
        "governance: 1\n"
        "organization: {name: E, final_authority: ceo}\n"
        "people: {maya: {name: Maya}, sam: {name: Sam}}\n"
        "roles:\n"
        "  ceo: {title: CEO, holder: maya}\n"
        "  cfo: {title: CFO, holder: sam, reports_to: ceo}\n"
        "decisions:\n"
        "  budget: {title: Budget, owner: cfo, escalates_to: ceo, approvals: [ceo]}\n"
        "  travel: {title: Travel, owner: cfo, escalates_to: ceo}\n",
        encoding="utf-8",
    )
    report = lint_paths([tmp_path])
    maya = next(row for row in loads(report.org) if row.seat == "maya")
    assert (maya.signoffs, maya.escalations, maya.on) == (1, 2, 1)


def test_approval_and_override_lines_are_there_to_show(offsite: Path) -> None:
    page = invoke("report", str(offsite)).stdout
    structure = page.split('<section id="structure">', 1)[1].split("</section>", 1)[0]
    # the CFO's and the CTO's finance decisions are approved by the CEO: one line each
    assert structure.count('<path class="line approvals"') == 2
    assert '<input type="checkbox" id="show-signoffs"' in structure
    assert "svg .line.approvals, svg .line.override {" in page and "display: none; }" in page
    assert "#show-signoffs:checked ~ figure svg .line.approvals" in page
    # loads on the boxes: the CEO owns 5 and signs off on 6
    assert "owns 5 · signs 6</text>" in structure


def test_the_agenda_opens_the_page_with_three_problems_and_checked_proposals(
    tmp_path: Path,
) -> None:
    # tests/data/offsite (test_agenda.py tells its story): the vacant VP Partnerships with
    # three decisions, the co-owned EU expansion, the CEO over both load limits, and a
    # charter reviewed nowhere accepted until 2027-03-31
    dom = _page(Path(__file__).parent / "data" / "offsite", tmp_path / "page.html")
    (agenda,) = [o for o in dom.all("ol") if o.get("class") == "agenda"]
    text = " ".join("".join(dom.text).split())
    first = text.split("Reporting and escalation Decision rights", 1)[1]
    assert first.lstrip().startswith("To settle at the offsite"), "the agenda comes first"
    items = _section(first, "To settle at the offsite", "Health summary")
    said = [
        "VP Partnerships is vacant and 3 decisions wait on it. Marcus Hale (Chief Revenue "
        "Officer) decides who fills it.",
        "Proposal: Set owner: cro on co-marketing-budget, partner-tiers, reseller-terms.",
        "EU expansion has 2 owners. Amara Okafor (Chief Executive Officer) decides who owns it.",
        "Proposal: Daniel Reyes (Chief Operating Officer) owns, Tomas Berg (Chief Technology "
        "Officer) consulted.",
        "Amara Okafor carries too much (DR006 overloaded-owner and DR013 sign-off-bottleneck). "
        "Amara Okafor (Chief Executive Officer) decides what to delegate, and to whom.",
        "Proposal: Set owner: cfo on ceo-call-7. (settles DR006;",
    ]
    positions = [items.index(part) for part in said]
    assert positions == sorted(positions), "in this order"
    assert items.count("Proposal:") == 3 and items.count("The findings") == 3
    assert "more problem" not in items
    exceptions = _section(first, "Accepted exceptions", "Load per person")
    assert "2027-03-31" in exceptions
    assert "reviewed at the board until the partner council starts" in exceptions
    assert agenda is not None
