"""markdown: a step summary that renders as intended whatever the governance files hold."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from governance_lint.findings import Finding, Location
from governance_lint.output.formatters import markdown_format
from governance_lint.output.formatters.mermaid import MAX_NODES, diagram

from helpers import EXAMPLES, invoke, lint_paths, plain, run_cli

HOSTILE = (
    "Eve | `x` ``` <script>alert(1)</script> [click](https://evil.example) "
    'https://evil.example www.evil.example @octocat #1 **b** &amp; \\"] --> n9[x] end'
)
LEFT_OUT = (
    "_{} table rows and {} diagrams were left out to stay within GitHub's limits; "
    "the log and the SARIF file list every finding._\n"
)
NODE = re.compile(r'  n\d+\["[\w \-#;·]*"\]')
EDGE = re.compile(r"  n\d+ -->\|[a-z_]+\| n\d+")


def gfm() -> MarkdownIt:
    """CommonMark with GitHub's tables and bare-URL links; raw HTML would pass through."""
    return MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["table", "linkify"])


def tokens_of(text: str) -> list[Any]:
    flat: list[Any] = []
    for token in gfm().parse(text):
        flat.append(token)
        flat.extend(token.children or ())
    return flat


def check_mermaid(block: str) -> None:
    lines = block.rstrip("\n").split("\n")
    assert lines[0] == "flowchart LR"
    for line in lines[1:]:
        assert NODE.fullmatch(line) or EDGE.fullmatch(line) or line.startswith("  style n0 ")


def _hostile_project(tmp_path: Path) -> Path:
    (tmp_path / "org | `x` <b>.yaml").write_text(
        "governance: 1\n"
        f'people:\n  eve: {{name: "{HOSTILE}"}}\n  sam: {{name: "{HOSTILE}"}}\n'
        f'roles:\n  cpo: {{title: "{HOSTILE}", holder: eve}}\n'
        f'  cto: {{title: "{HOSTILE}", holder: sam}}\n'
        f'decisions:\n  pricing: {{title: "{HOSTILE}", owner: [cpo, cto]}}\n'
        f'  hiring: {{title: x, owner: cpo, mode: "{HOSTILE}"}}\n'
    )
    return tmp_path


def test_values_from_files_open_no_link_tag_or_cell(tmp_path: Path) -> None:
    result = invoke("check", "--format", "markdown", cwd=_hostile_project(tmp_path))
    assert result.returncode == 1
    text = result.stdout
    assert text.startswith("## governance-lint\n\n")
    tokens = tokens_of(text)
    kinds = {token.type for token in tokens}
    assert not kinds & {"html_inline", "html_block", "link_open", "image", "strong_open"}
    rows = [t for t in gfm().parse(text) if t.type == "tr_open"]
    cells = [t for t in gfm().parse(text) if t.type in ("th_open", "td_open")]
    assert len(cells) == 4 * len(rows)
    outside_code = " ".join(t.content for t in tokens if t.type == "text")
    assert "octocat" not in outside_code and "evil" not in outside_code  # no mention, no URL
    spans = [t.content.replace("\\|", "|") for t in tokens if t.type == "code_inline"]
    assert any(HOSTILE.replace("\\", "") in span for span in spans)
    fences = [t for t in tokens if t.type == "fence"]
    assert [t.info for t in fences] == ["mermaid"] * len(fences) and fences
    for fence in fences:
        check_mermaid(fence.content)
    assert str(tmp_path) not in text


def test_an_example_has_counts_findings_and_a_diagram_per_chain_loop_or_joint_owner() -> None:
    text = invoke(
        "check", "--format", "markdown", "--select", "DR002,DL001,ES002", "before",
        cwd=EXAMPLES / "logistics-expansion",
    )  # fmt: skip
    lines = text.stdout.split("\n")
    assert lines[:3] == [
        "## governance-lint",
        "",
        "2 errors, 0 warnings, 0 info, 0 suppressed, in 4 files.",
    ]
    assert "| severity | code | name | count |" in lines
    assert "| error | ES002 | escalation-cycle | 1 |" in lines
    assert "| severity | code | location | message |" in lines
    rows = [line for line in lines if line.startswith("| error | ") and "`" in line]
    assert len(rows) == 2  # the owner list is DR002 alone: no DL001 with it
    assert rows[1].startswith(
        "| error | ES002 | ` examples/logistics-expansion/before/roles.yaml:11 ` |"
    )
    # the help follows the message, in prose: ids as code spans, punctuation escaped
    assert rows[1].endswith(
        " | `` escalation loops: `coo` → `cto` → `coo`; a decision that enters it never "
        "reaches anyone who can decide `` help: point one ` escalates_to ` of the loop at a "
        "role above all of them\\, or remove it so the role escalates to its manager \\(a "
        "body without one ends its chains\\) |"
    )
    fences = [t for t in tokens_of(text.stdout) if t.type == "fence"]
    assert len(fences) == 2
    loop = fences[1].content
    check_mermaid(loop)
    assert "-->|escalates_to|" in loop and "Chief Operating Officer" in loop


def _org(decisions: str) -> str:
    return (
        "governance: 1\npeople:\n  lee: {name: Lee}\n  sam: {name: Sam}\n"
        "roles:\n  cpo: {title: CPO, holder: lee}\n  cto: {title: CTO, holder: sam}\n"
        f"decisions:\n{decisions}"
    )


def test_at_most_20_diagrams_and_the_rest_counted(tmp_path: Path) -> None:
    joint = "".join(f"  d{n:02}: {{title: D, owner: [cpo, cto]}}\n" for n in range(21))
    (tmp_path / "org.yaml").write_text(_org(joint))
    text = markdown_format.render(lint_paths([tmp_path / "org.yaml"], select=["DR002"]), plain())
    assert text.count("```mermaid") == 20 and text.count("| error | DR002 | `") == 21
    assert text.endswith(LEFT_OUT.format(0, 1))


def test_a_loop_too_large_to_draw_is_cut(tmp_path: Path) -> None:
    roles = "".join(f"  r{n:03}: {{title: R, reports_to: r{(n + 1) % 40:03}}}\n" for n in range(40))
    (tmp_path / "org.yaml").write_text(f"governance: 1\nroles:\n{roles}")
    text = markdown_format.render(lint_paths([tmp_path / "org.yaml"], select=["OR001"]), plain())
    (fence,) = [t for t in tokens_of(text) if t.type == "fence"]
    assert fence.content.count('["') == MAX_NODES
    assert f"(and {40 - MAX_NODES} more entities not drawn)" in text


def test_at_most_1000_rows(tmp_path: Path) -> None:
    missing = "".join(f"  d{n:04}: {{title: D}}\n" for n in range(1001))
    (tmp_path / "org.yaml").write_text(_org(missing))
    text = markdown_format.render(lint_paths([tmp_path / "org.yaml"], select=["DR001"]), plain())
    assert text.count("| error | DR001 | `") == 1000 and "| 1001 |" in text
    assert "`` decision `d0999`" in text and "d1000`" not in text
    assert text.endswith(LEFT_OUT.format(1, 0))


def test_rows_are_dropped_from_the_end_until_the_bytes_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = "".join(f"  d{n:02}: {{title: D}}\n" for n in range(40))
    (tmp_path / "org.yaml").write_text(_org(missing))
    report = lint_paths([tmp_path / "org.yaml"], select=["DR001"])
    whole = markdown_format.render(report, plain())
    monkeypatch.setattr(markdown_format, "MAX_BYTES", len(whole.encode()) // 2)
    cut = markdown_format.render(report, plain())
    assert len(cut.encode()) <= markdown_format.MAX_BYTES
    rows = [line for line in cut.split("\n") if line.startswith("| error | DR001 | `")]
    assert 0 < len(rows) < 40
    assert whole.startswith(cut[: cut.index(rows[-1])] + rows[-1])
    assert cut.endswith(LEFT_OUT.format(40 - len(rows), 0))


def test_a_body_is_a_node_with_its_name_and_its_lead_edge() -> None:
    """tests/views/bodies.yaml: `ops` escalates to the body `ring`, which `ops` leads and
    which escalates back to `ops`: ES002 about `ops`, drawn with the body's `lead`."""
    report = lint_paths([Path(__file__).parent / "views" / "bodies.yaml"], select=["ES002"])
    [finding] = report.findings
    chart, left_out = diagram(finding, report.org)
    assert left_out == 0
    assert chart == (
        "```mermaid\n"
        "flowchart LR\n"
        '  n0["ops · Operations"]\n'
        '  n1["ring · Ring · body by consent"]\n'
        "  n0 -->|escalates_to| n1\n"
        "  n1 -->|escalates_to| n0\n"
        "  n1 -->|lead| n0\n"
        "  style n0 stroke-width:3px\n"
        "```\n"
    )
    check_mermaid(chart.removeprefix("```mermaid\n").removesuffix("```\n"))


VACANT_PANEL = """\
governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ops: {title: Ops, holder: priya}
  seat: {title: Seat}
teams:
  panel: {name: Panel, lead: seat, members: [seat, ops], decides_by: vote, quorum: 2}
"""


def test_a_vacant_body_says_so_and_draws_its_members_among_the_entities(
    tmp_path: Path,
) -> None:
    (tmp_path / "org.yaml").write_text(VACANT_PANEL, encoding="utf-8")
    org = lint_paths([tmp_path], select=["GL001"]).org
    # `ops` is held, so `panel` is not vacant; `seat` is
    finding = Finding("ES005", Location("org.yaml", 8, 3), "m", "h", entities=("panel", "seat"))
    chart, _ = diagram(finding, org)
    assert chart.split("\n")[2:6] == [
        '  n0["panel · Panel · body by vote#44; majority#44; quorum 2"]',
        '  n1["seat · Seat · vacant"]',
        "  n0 -->|lead| n1",
        "  n0 -->|members| n1",
    ]
    empty = VACANT_PANEL.replace("members: [seat, ops]", "members: [seat]")
    (tmp_path / "org.yaml").write_text(empty, encoding="utf-8")
    org = lint_paths([tmp_path], select=["GL001"]).org
    chart, _ = diagram(finding, org)
    assert '  n0["panel · Panel · body by vote#44; majority#44; quorum 2 · vacant"]' in chart


def test_a_help_is_prose_whatever_backticks_and_markup_a_name_holds() -> None:
    help = "delegate to `ops` (Eve `x` **b** [l](https://e.example) | www.e.example, who owns 0)"
    shown = markdown_format.prose(help)
    assert shown.startswith("delegate to ` ops ` \\(Eve ` x ` \\*\\*b\\*\\* \\[l\\]")
    row = f"| a | b |\n|---|---|\n| x | {shown} |\n"
    tokens = tokens_of(row)
    assert not {t.type for t in tokens} & {"link_open", "strong_open", "html_inline"}
    assert len([t for t in gfm().parse(row) if t.type == "td_open"]) == 2, "the | stayed inside"
    assert [t.content for t in tokens if t.type == "code_inline"] == ["ops", "x"]


ONE_PROBLEM = """\
governance: 1
organization: {name: X, final_authority: ceo}
people:
  ana: {name: Ana}
  lee: {name: Lee}
  sam: {name: Sam}
roles:
  ceo: {title: CEO, holder: ana}
  vp: {title: VP, reports_to: ceo}
  cpo: {title: CPO, holder: lee, reports_to: vp}
  cto: {title: CTO, holder: sam, reports_to: vp}
decisions:
  pricing: {title: Pricing, owner: [cpo, cto]}
  hiring: {title: Hiring, owner: cpo}
"""


def test_one_diagram_per_problem_not_per_finding(tmp_path: Path) -> None:
    """The vacant `vp` (ES005, listing `hiring` and `pricing`) and `pricing`'s two owners
    (DR002) are one problem: filling `vp` is where the owners' disagreement goes."""
    (tmp_path / "org.yaml").write_text(ONE_PROBLEM)
    # the console script, as a workflow step runs it
    result = run_cli("check", "--format", "markdown", "--select", "DR002,ES005", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.count("| error | ") == 2 + 2, "two counts, two findings"
    fences = [t for t in tokens_of(result.stdout) if t.type == "fence"]
    assert len(fences) == 1
    assert "#### ES005 vacant-escalation ` vp ` with DR002\n" in result.stdout
    assert fences[0].content == (
        "flowchart LR\n"
        '  n0["vp · VP · vacant"]\n'
        '  n1["hiring · Hiring"]\n'
        '  n2["pricing · Pricing"]\n'
        '  n3["cpo · CPO"]\n'
        '  n4["cto · CTO"]\n'
        "  n1 -->|owner| n3\n"
        "  n2 -->|owner| n3\n"
        "  n2 -->|owner| n4\n"
        "  n3 -->|reports_to| n0\n"
        "  n4 -->|reports_to| n0\n"
        "  style n0 stroke-width:3px\n"
    )
