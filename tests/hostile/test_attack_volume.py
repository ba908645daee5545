"""Volume attacks: inputs whose cost or output would grow with the square of their size.

A fork can commit thousands of suppression comments stacked above one entry, or a line
of thousands of roles each owning a decision. Before, the first took 23 s for 40 000
comments and the second wrote 240 MB, because every ES004 quoted the whole chain. The
tests here measure work and output, never time: the Python instructions the suppression
and escalation code executes, and the bytes each format writes, for an input of size n
and one of size 2n. Linear code doubles; quadratic code quadruples.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import pytest

from governance_lint import display, selectors, suppressions
from governance_lint.model import escalation
from governance_lint.output.formatters import markdown_format
from governance_lint.result import Result
from governance_lint.rules import (
    Rule,
    es004_escalation_too_deep,
    es005_vacant_escalation,
    gl007_unused_suppression,
)

from helpers import invoke, lint_paths, plain

# Doubling the input of linear code doubles its work, plus a constant that can only
# shrink the ratio; quadratic code quadruples it (a ratio near 4).
LINEAR = 2.3


def instructions(modules: Iterable[ModuleType], work: Callable[[], object]) -> int:
    """Bytecode instructions executed in ``modules`` while ``work`` runs: a deterministic
    measure of work (the same input, the same count), unlike a clock."""
    files = {module.__file__ for module in modules}
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        count += event == "opcode"
        return local

    def calls(frame: FrameType, event: str, arg: object) -> Any:
        if frame.f_code.co_filename not in files:
            return None
        frame.f_trace_opcodes = True
        return local

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(previous)
    return count


def lint_file(folder: Path, text: str, select: list[str] | None = None) -> Result:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organization.yaml").write_text(text, encoding="utf-8")
    return lint_paths([folder], select=select, cache=False)


# -- suppression comments -------------------------------------------------------------------

HEAD = """governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, reports_to: ceo}
decisions:
"""
SUPPRESSION_CODE = (suppressions, selectors, gl007_unused_suppression)


def stacked_comments(count: int) -> str:
    """``count`` own-line comments above one entry, each naming a rule that does not
    fire there, and a last one that suppresses the entry's DR004 (its owner is vacant)."""
    unused = "".join(
        f"  # governance-lint: disable=DR001 -- reviewed {number}\n" for number in range(count)
    )
    used = "  # governance-lint: disable=DR004 -- the COO starts in May\n"
    return HEAD + unused + used + "  shift-plan:\n    title: Shifts\n    owner: coo\n"


def fields_below_comments(count: int) -> str:
    """One entry with ``count`` unknown fields (a GL002 each) below ``count`` comments
    that name other rules: every finding of the entry meets every comment of the entry."""
    comments = "".join(
        f"  # governance-lint: disable=DR001 -- reviewed {number}\n" for number in range(count)
    )
    fields = "".join(f"    x{number}y: 1\n" for number in range(count))
    return HEAD + comments + "  shift-plan:\n    title: Shifts\n    owner: ceo\n" + fields


def test_comments_stacked_above_one_entry_all_count_and_cover_it(tmp_path: Path) -> None:
    report = lint_file(tmp_path, stacked_comments(2000), select=["GL", "DR"])
    assert [(s.finding.code, s.reason) for s in report.suppressed] == [
        ("DR004", "the COO starts in May")
    ]
    unused = [f for f in report.findings if f.code == "GL007"]
    assert len(unused) == 2000
    assert [f.location.line for f in unused] == list(range(8, 2008))
    assert {f.message for f in unused} == {"suppression of `DR001` suppressed nothing"}
    assert [f.code for f in report.findings if f.code != "GL007"] == []


@pytest.mark.parametrize(("text", "count"), [(stacked_comments, 500), (fields_below_comments, 200)])
def test_suppression_work_grows_linearly_with_the_comments(
    tmp_path: Path, text: Callable[[int], str], count: int
) -> None:
    """Reading the comments, finding what each covers, and reporting the unused ones."""
    small, large = (
        instructions(
            SUPPRESSION_CODE,
            lambda size=size: lint_file(tmp_path / str(size), text(size), ["GL", "DR"]),
        )
        for size in (count, 2 * count)
    )
    assert large < LINEAR * small, (small, large)


def test_comments_are_not_compared_with_every_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A selector is looked up in an index of codes, prefixes and names, so 4 000
    comments do not each compare their selectors with the 60 rules of the catalogue."""
    calls = 0
    real = selectors.specificity

    def counted(selector: str, rule: Rule) -> int:
        nonlocal calls
        calls += 1
        return real(selector, rule)

    for module in (selectors, suppressions, gl007_unused_suppression):
        if hasattr(module, "specificity"):
            monkeypatch.setattr(module, "specificity", counted)
    lint_file(tmp_path, stacked_comments(4000), select=["GL", "DR"])
    # the selection (GL, DR) is compared with each rule, a few hundred calls; comments
    # add none (before: each comment's selector with each of the 60 rules, twice)
    assert calls < 1000


# -- long escalation chains -----------------------------------------------------------------


def line_of_roles(count: int, field: str = "reports_to", vacant: int | None = None) -> str:
    """Roles ``r0001`` -> ``r0002`` -> ... -> the last, the top; each role held by its own
    person (but ``vacant``) and owning one decision ``dNNNN``."""
    people = "".join(f"  p{n:04}: {{name: Person {n}}}\n" for n in range(1, count + 1))
    roles = "".join(
        f"  r{n:04}: {{title: Role {n}"
        + ("" if n == vacant else f", holder: p{n:04}")
        + (f", {field}: r{n + 1:04}" if n < count else "")
        + "}\n"
        for n in range(1, count + 1)
    )
    decisions = "".join(
        f"  d{n:04}: {{title: Decision {n}, owner: r{n:04}}}\n" for n in range(1, count + 1)
    )
    return f"governance: 1\npeople:\n{people}roles:\n{roles}decisions:\n{decisions}"


def ids(numbers: Iterable[int]) -> list[str]:
    return [f"r{n:04}" for n in numbers]


def arrows(names: Iterable[str]) -> str:
    return " → ".join(names)


def test_a_long_chain_is_shown_by_its_ends_in_the_message_and_the_entities(
    tmp_path: Path,
) -> None:
    report = lint_file(tmp_path, line_of_roles(300), select=["ES004"])
    first = next(f for f in report.findings if f.entities[0] == "d0001")
    shown = [f"`{name}`" for name in ids(range(1, 5))]
    shown += ["… 292 more …", *(f"`{name}`" for name in ids(range(297, 301)))]
    assert first.message == (
        "decision `d0001` takes 299 hops to escalate, more than 4, from `r0001` (Person 1) "
        f"to `r0300` (Person 300): {arrows(shown)}"
    )
    assert first.entities == ("d0001", *ids(range(1, 5)), *ids(range(297, 301)))
    assert first.help == "set `escalates_to: r0297`, which brings the chain to 4 hops"
    assert len(report.findings) == 295  # d0296 and above take four hops or fewer


@pytest.mark.parametrize(("hops", "cut"), [(9, False), (10, True)])
def test_a_chain_is_cut_only_when_cutting_leaves_out_at_least_three_roles(
    tmp_path: Path, hops: int, cut: bool
) -> None:
    """Owner and hops: 10 ids are shown whole, 11 as four, "… 3 more …", four."""
    report = lint_file(tmp_path, line_of_roles(hops + 1), select=["ES004"])
    first = next(f for f in report.findings if f.entities[0] == "d0001")
    if cut:
        shown = [*(f"`{n}`" for n in ids(range(1, 5))), "… 3 more …"]
        shown += [f"`{n}`" for n in ids(range(8, 12))]
        assert first.message.endswith(": " + arrows(shown))
        assert first.entities == ("d0001", *ids(range(1, 5)), *ids(range(8, 12)))
    else:
        assert first.message.endswith(": " + arrows(f"`{n}`" for n in ids(range(1, 11))))
        assert first.entities == ("d0001", *ids(range(1, 11)))


def test_es005_is_one_finding_about_a_vacancy_deep_in_a_long_line(tmp_path: Path) -> None:
    """Every decision below the vacancy escalates through it: one finding about the role,
    its message listing five of them, its entities all of them."""
    report = lint_file(tmp_path, line_of_roles(300, "escalates_to", vacant=250), ["ES005"])
    [finding] = report.findings
    below = [f"d{n:04}" for n in range(1, 250)]
    assert finding.message == (
        "role `r0250` is vacant and 249 decisions escalate through it: `d0001`, `d0002`, "
        "`d0003`, `d0004`, `d0005` and 244 more"
    )
    assert finding.help == (
        "name a `holder` for `r0250`, or set `escalates_to: r0251` on `d0001`, `d0002`, "
        "`d0003`, `d0004`, `d0005` and 244 more"
    )
    assert finding.entities == ("r0250", *below)
    assert len(finding.related) == 249


ACTION_FORMATS = ("github", "sarif", "markdown")


def outputs(folder: Path, text: str) -> dict[str, bytes]:
    """What the Action's formats write for ``text``, by format, from the console script."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organization.yaml").write_text(text, encoding="utf-8")
    result = invoke(
        "check",
        "--no-cache",
        "--format",
        "github",
        "--format",
        "sarif=out.sarif",
        "--format",
        "markdown=out.md",
        "--format",
        "json=out.json",
        ".",
        cwd=folder,
    )
    assert result.returncode in (0, 1), result.stderr
    return {
        "github": result.stdout.encode(),
        "sarif": (folder / "out.sarif").read_bytes(),
        "markdown": (folder / "out.md").read_bytes(),
        "json": (folder / "out.json").read_bytes(),
    }


def test_the_output_of_a_line_of_roles_grows_linearly_with_its_length(tmp_path: Path) -> None:
    small = outputs(tmp_path / "small", line_of_roles(400))
    large = outputs(tmp_path / "large", line_of_roles(800))
    for name in ("github", "sarif", "json"):  # markdown is bounded by GitHub's 1 MiB
        assert len(large[name]) < LINEAR * len(small[name]), name


def test_a_line_of_3000_roles_writes_under_25_mb_for_the_action(tmp_path: Path) -> None:
    """The issue's case: 3 000 roles, each owning a decision, each decision an ES004.
    Quoting every chain whole, the formats wrote 240 MB."""
    written = outputs(tmp_path, line_of_roles(3000))
    assert sum(len(written[name]) for name in ACTION_FORMATS) < 25_000_000
    es004 = [line for line in written["github"].splitlines() if b"title=ES004" in line]
    assert len(es004) == 2995
    assert max(len(line) for line in es004) < 600
    findings = json.loads(written["json"])["findings"]
    assert max(len(f["entities"]) for f in findings) <= 1 + display.CHAIN_SHOWN


def test_markdown_draws_only_the_diagrams_it_can_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """295 findings about chains, 20 diagrams shown: only those 20 are drawn."""
    report = lint_file(tmp_path, line_of_roles(300), select=["ES004"])
    drawn = []
    real = markdown_format.diagram
    monkeypatch.setattr(
        markdown_format, "diagram", lambda finding, org: drawn.append(finding) or real(finding, org)
    )
    text = markdown_format.render(report, plain())
    assert drawn == report.findings[: markdown_format.MAX_DIAGRAMS]
    assert text.count("```mermaid") == markdown_format.MAX_DIAGRAMS
    assert text.endswith(
        "_0 table rows and 275 diagrams were left out to stay within GitHub's limits; the log "
        "and the SARIF file list every finding._\n"
    )


@pytest.mark.parametrize("field", ["reports_to", "escalates_to"])
def test_escalation_work_grows_linearly_with_the_line(tmp_path: Path, field: str) -> None:
    """Each role is walked once, however many decisions' chains pass through it."""
    code = (escalation, display, es004_escalation_too_deep, es005_vacant_escalation)
    small, large = (
        instructions(
            code,
            lambda count=count: lint_file(
                tmp_path / str(count), line_of_roles(count, field, vacant=count - 1), ["ES"]
            ),
        )
        for count in (250, 500)
    )
    assert large < LINEAR * small, (small, large)


def one_person_in_every_role(count: int) -> str:
    """A person holding ``count`` roles and owning ``count`` decisions: each decision has
    a chain from each of the person's roles (format.md), the same ones every time."""
    roles = "".join(f"  r{n:04}: {{title: R, holder: p, reports_to: top}}\n" for n in range(count))
    decisions = "".join(f"  d{n:04}: {{title: D, owner: p}}\n" for n in range(count))
    return (
        "governance: 1\npeople:\n  p: {name: P}\nroles:\n  top: {title: Top}\n"
        f"{roles}decisions:\n{decisions}"
    )


def test_decisions_owned_alike_share_their_chains(tmp_path: Path) -> None:
    code = (escalation, display, es004_escalation_too_deep, es005_vacant_escalation)
    small, large = (
        instructions(
            code,
            lambda count=count: lint_file(
                tmp_path / str(count), one_person_in_every_role(count), ["ES"]
            ),
        )
        for count in (100, 200)
    )
    assert large < LINEAR * small, (small, large)
    report = lint_file(tmp_path / "vacant", one_person_in_every_role(30), ["ES"])
    assert [(f.code, f.entities) for f in report.findings] == [("ES005", ("top",))]


LOOPS = {
    "ES002": (
        "roles",
        "escalates_to",
        "escalation loops: {path}; a decision that enters it never reaches anyone who can decide",
    ),
    "OR001": (
        "roles",
        "reports_to",
        "reporting lines loop: {path}; nobody in the loop has a manager outside it",
    ),
    "DL005": (
        "decisions",
        "depends_on",
        "decisions wait on each other: {path}; none of them can be decided first",
    ),
    "OR006": (
        "teams",
        "parent",
        "team parents loop: {path}; none of these teams sits under a team outside the loop",
    ),
}


@pytest.mark.parametrize("code", sorted(LOOPS))
def test_a_long_loop_is_shown_by_its_ends_and_keeps_every_member(tmp_path: Path, code: str) -> None:
    """40 entries naming the next, the last naming the first: one finding, whose message
    shows the loop's ends and whose entities keep every member (its identity)."""
    section, field, message = LOOPS[code]
    names = [f"e{n:02}" for n in range(1, 41)]
    label = {"roles": "title: T", "teams": "name: T", "decisions": "title: T, owner: ceo"}
    written = "[{}]" if section == "decisions" else "{}"
    entries = "".join(
        f"  {name}: {{{label[section]}, {field}: {written.format(names[(n + 1) % 40])}}}\n"
        for n, name in enumerate(names)
    )
    head = "governance: 1\npeople:\n  p: {name: P}\nroles:\n  ceo: {title: CEO, holder: p}\n"
    report = lint_file(tmp_path, f"{head}{section}:\n{entries}", select=[code])
    (finding,) = report.findings
    shown = [*(f"`{n}`" for n in names[:4]), "… 33 more …"]
    shown += [f"`{n}`" for n in (*names[37:], names[0])]
    assert finding.message == message.format(path=arrows(shown))
    assert finding.entities == tuple(names)


# -- one list named in many findings ------------------------------------------------------


def people(count: int) -> str:
    return "people:\n" + "".join(f"  p{n:04}: {{name: Person {n}}}\n" for n in range(count))


def listed(count: int) -> str:
    return "[" + ", ".join(f"p{n:04}" for n in range(count)) + "]"


def team_deciding_everything(count: int, how: str = "mode: consensus") -> str:
    """A team of ``count`` people deciding ``count`` decisions by consensus: DL001 names
    its members on each decision (by a vote, DL003 or DL004)."""
    decisions = "".join(f"  d{n:04}: {{title: D, owner: big, {how}}}\n" for n in range(count))
    return (
        f"governance: 1\n{people(count)}teams:\n  big: {{name: Big, members: {listed(count)}}}\n"
        f"decisions:\n{decisions}"
    )


def owners_missing_from_every_review(count: int) -> str:
    """A decision of ``count`` owners reviewed in ``count`` cadences none of them attends:
    CD007 names the owners on each cadence."""
    roles = "".join(f"  r{n:04}: {{title: R, holder: p{n:04}}}\n" for n in range(count))
    cadences = "".join(
        f"  c{n:04}: {{title: C, every: weekly, chair: x, attendees: [x]}}\n" for n in range(count)
    )
    owners = "[" + ", ".join(f"r{n:04}" for n in range(count)) + "]"
    reviews = "[" + ", ".join(f"c{n:04}" for n in range(count)) + "]"
    return (
        f"governance: 1\n{people(count + 1)}roles:\n{roles}  x: {{title: X, holder: p{count:04}}}\n"
        f"cadences:\n{cadences}decisions:\n  d:\n    title: D\n    owner: {owners}\n"
        f"    reviewed_in: {reviews}\n"
    )


def team_in_every_meeting(count: int) -> str:
    """A team of ``count`` people attending ``count`` daily cadences: CD009 lists each
    person's cadences."""
    cadences = "".join(
        f"  c{n:04}: {{title: C, every: daily, chair: x, attendees: [big]}}\n" for n in range(count)
    )
    return (
        f"governance: 1\n{people(count)}roles:\n  x: {{title: X, holder: p0000}}\n"
        f"teams:\n  big: {{name: Big, lead: x, members: {listed(count)}}}\n"
        f"cadences:\n{cadences}"
    )


@pytest.mark.parametrize(
    "text", [team_deciding_everything, owners_missing_from_every_review, team_in_every_meeting]
)
def test_a_list_named_in_many_findings_grows_the_output_linearly(
    tmp_path: Path, text: Callable[[int], str]
) -> None:
    small = outputs(tmp_path / "small", text(150))
    large = outputs(tmp_path / "large", text(300))
    for name in ("github", "sarif", "json"):
        assert len(large[name]) < LINEAR * len(small[name]), name


def test_a_long_list_is_named_by_its_first_25_and_counted(tmp_path: Path) -> None:
    report = lint_file(tmp_path, team_deciding_everything(40), select=["DL001", "CD007"])
    first = report.findings[0]
    names = ", ".join(f"Person {n} (`p{n:04}`)" for n in range(display.LIST_SHOWN))
    assert first.message == (
        f"decision `d0000` needs {names} and 15 more to agree, and nobody can settle a disagreement"
    )
    assert first.entities == ("d0000", *(f"p{n:04}" for n in range(display.LIST_SHOWN)))
    report = lint_file(tmp_path, owners_missing_from_every_review(30), select=["CD007"])
    assert len(report.findings) == 30
    names = ", ".join(f"`r{n:04}` (Person {n})" for n in range(display.LIST_SHOWN))
    assert report.findings[0].message == (
        f"decision `d` is reviewed in `c0000`, where neither its owners {names} and 5 more "
        "nor anyone above them is present: nobody there can answer for it"
    )
    assert report.findings[0].entities == (
        "d",
        "c0000",
        *(f"r{n:04}" for n in range(display.LIST_SHOWN)),
    )


@pytest.mark.parametrize(
    ("code", "how", "message"),
    [
        (
            "DL003",
            "mode: vote",
            "decision `d0000` is a majority vote of 40 people, {names}: a 20-20 split "
            "decides nothing, and nobody breaks the tie",
        ),
        (
            "DL004",
            "mode: vote, quorum: 41",
            "decision `d0000` has a quorum of 41, more than the 40 people among its "
            "deciders, {names}: no vote can ever be valid",
        ),
    ],
)
def test_a_vote_of_a_large_team_names_its_first_25(
    tmp_path: Path, code: str, how: str, message: str
) -> None:
    report = lint_file(tmp_path, team_deciding_everything(40, how), select=[code])
    first = report.findings[0]
    names = ", ".join(f"Person {n} (`p{n:04}`)" for n in range(display.LIST_SHOWN))
    assert first.message == message.format(names=f"{names} and 15 more")
    assert first.entities == ("d0000", *(f"p{n:04}" for n in range(display.LIST_SHOWN)))
