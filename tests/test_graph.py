"""`governance-lint graph`: Mermaid in the subset GitHub renders, dot that Graphviz renders."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from governance_lint.output.views.names import role_lines

from helpers import EXAMPLES, example_names, invoke, lint_paths, run_cli

VIEWS = Path(__file__).parent / "views"
HOSTILE = VIEWS / "hostile"
SELECT = ("--select", "ES002,DR002")  # the fixture's loop and joint ownership, nothing else

# The statements governance-lint may write, all within the flowchart syntax GitHub has
# rendered since it added Mermaid: quoted labels in four shapes, two arrows and a line (a
# body to its members) each labelled with what it says, the legend's node, classDef,
# class and linkStyle. No directives, click handlers, icons or markdown strings.
_LABEL = r'(?:[^"#<>\[\]{}|%;:&`\\\n]|#\d+;|<br>)*'
_STATEMENTS = [
    r"flowchart BT",
    rf'    n\d+(?:\["{_LABEL}"\]|\("{_LABEL}"\)|\(\["{_LABEL}"\]\)|\[\["{_LABEL}"\]\])',
    r"    n\d+ (?:-->|-\.->|---)\|(?:reports to|escalates to|owned by|depends on|member)\| n\d+",
    rf'    legend\["Legend<br>{_LABEL}"\]',
    r"    classDef (?:vacant|error|vacantError) [a-z-]+:[#0-9a-z .]+(?:,[a-z-]+:[#0-9a-z .]+)*",
    r"    class n\d+(?:,n\d+)* (?:vacant|error|vacantError)",
    r"    linkStyle \d+(?:,\d+)* [a-z-]+:[#0-9a-z .]+(?:,[a-z-]+:[#0-9a-z .]+)*",
]


def _graph(*args: str) -> str:
    result = invoke("graph", *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def _labels(mermaid: str) -> dict[str, str]:
    """Node name -> label decoded as Mermaid decodes it (#NNN; codes, <br> a line break)."""
    found = {}
    for name, label in re.findall(r'^    (n\d+)\W+"(.*)"\W*$', mermaid, re.M):
        lines = [
            re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), part) for part in label.split("<br>")
        ]
        found[name] = "\n".join(lines)
    return found


def assert_github_mermaid(text: str) -> None:
    assert text.endswith("\n")
    for line in text.splitlines():
        assert any(re.fullmatch(pattern, line) for pattern in _STATEMENTS), line


def test_mermaid_with_hostile_labels_stays_in_the_subset_and_decodes_to_the_text() -> None:
    text = _graph(*SELECT, str(HOSTILE))
    assert_github_mermaid(text)
    report = lint_paths([HOSTILE], select=["ES002", "DR002"])
    show = report.config.show
    expected = {"\n".join(role_lines(report.org, r, show)) for r in report.org.roles}
    decoded = set(_labels(text).values())
    assert expected <= decoded
    title = report.org.decisions["launch"].get("title")
    assert title in decoded
    assert any("<script>" in label for label in decoded)
    assert any("%% end" in label for label in decoded)
    assert any("\\u000aNewline \\N #quot; fa:fa-ban" in label for label in decoded)
    for raw in ("<script", "%%", "fa:", '""', "-->|"):
        assert raw not in "".join(re.findall(r'"(.*)"', text))


def test_mermaid_marks_the_loop_red_vacant_roles_dashed_and_error_entities() -> None:
    text = _graph(*SELECT, str(HOSTILE))
    names = {label.split("\n")[0]: name for name, label in _labels(text).items()}
    edges = re.findall(r"^    (n\d+) (-->|-\.->)\|[a-z ]+\| (n\d+)$", text, re.M)
    red = {
        int(i)
        for line in re.findall(r"^    linkStyle ([\d,]+) stroke:#d1242f", text, re.M)
        for i in line.split(",")
    }
    coo, cto = names['Chief "Ops" <b>Officer</b>'], names['CTO"]; n0 --> n1; %% comment']
    red_edges = {(edges[i][0], edges[i][2]) for i in red}
    assert red_edges == {(coo, cto), (cto, coo)}, "both escalates_to edges of the ES002 loop"
    assert all(edges[i][1] == "-.->" for i in red), "escalates_to is dashed"
    vacant = re.search(r"^    class ([n\d,]+) vacant$", text, re.M)
    assert vacant and vacant.group(1) == names["subgraph end"]
    errors = re.search(r"^    class ([n\d,]+) error$", text, re.M)
    assert errors is not None
    assert set(errors.group(1).split(",")) >= {coo, cto}


def test_nodes_and_edges_come_in_sorted_order_and_only_named_people_and_teams() -> None:
    text = _graph("--select", "DR002", str(VIEWS / "matrix.yaml"))
    assert_github_mermaid(text)
    labels = _labels(text)
    ordered = [labels[f"n{i}"].split("\n")[0] for i in range(len(labels))]
    # ids in sorted order: a-hiring, b-loose, board, ceo, cto, dee, dev-lead, m-roadmap...
    assert ordered == [
        'Hiring, "senior" roles',
        "Loose ends",
        "Board",
        "Chief Executive Officer",
        "Chief Technology Officer",
        "Dee Ross",
        "Development Lead",
        "Roadmap",
        "Chief Financial Officer",
        "=SUM(A1) budget",
    ]
    edges = [
        (int(a), int(b)) for a, b in re.findall(r"^    n(\d+) \S+?\|[a-z ]+\| n(\d+)$", text, re.M)
    ]
    assert len(edges) == text.count("|owned by|") + text.count("|reports to|")
    assert edges and edges == sorted(edges), "names follow sorted ids, so edges sort by them"
    assert "Eli Gold" not in text and "Engineering" not in text


def test_focus_keeps_the_neighbourhood_within_depth() -> None:
    one = _labels(_graph("--focus", "dev-lead", "--depth", "1", str(VIEWS / "matrix.yaml")))
    assert {label.split("\n")[0] for label in one.values()} == {
        "Development Lead",
        "Chief Technology Officer",
        "Roadmap",
    }
    zero = _labels(_graph("--focus", "dev-lead", "--depth", "0", str(VIEWS / "matrix.yaml")))
    assert [label.split("\n")[0] for label in zero.values()] == ["Development Lead"]
    two = _labels(_graph("--focus", "dev-lead", str(VIEWS / "matrix.yaml")))
    assert len(two) > len(one), "the default depth is 2"


@pytest.mark.parametrize(
    ("focus", "words"),
    [("nobody", "is not defined"), ("eli", "is a person that is not in the graph")],
)
def test_an_unknown_focus_is_status_2_in_one_line(focus: str, words: str) -> None:
    result = invoke("graph", "--focus", focus, str(VIEWS / "matrix.yaml"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("governance-lint: error: ") and result.stderr.count("\n") == 1
    assert words in result.stderr


def _dot(source: str, fmt: str = "svg") -> str:
    dot = shutil.which("dot")
    assert dot, "Graphviz's dot is not installed: .ci/run installs it (apt-get install graphviz)"
    done = subprocess.run(
        [dot, f"-T{fmt}"], input=source, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr and "Error" not in done.stderr, done.stderr
    return done.stdout


def test_dot_with_hostile_labels_renders_in_graphviz_with_the_text_intact() -> None:
    source = _graph("--format", "dot", *SELECT, str(HOSTILE))
    assert source.startswith("digraph governance {") and source.endswith("}\n")
    svg = _dot(source)
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg)]
    assert "<script>document.body.setAttribute('data-pwned','yes')</script>" in texts
    assert 'Chief "Ops" <b>Officer</b>' in texts
    nate = "Nate\\u000aNewline \\N #quot; fa:fa-ban <img src=x onerror="
    assert any(text.startswith(nate) for text in texts), "backslashes stay text, not \\N"
    assert 'Launch "now" <script>alert(1)</script> & [later] -->|x|' in texts


def test_dot_marks_loops_vacancies_and_errors() -> None:
    source = _graph("--format", "dot", *SELECT, str(HOSTILE))
    red = 'color="#d1242f", penwidth=2'
    assert f'"coo" -> "cto" [style=dashed, label="escalates to", {red}];' in source
    assert f'"cto" -> "coo" [style=dashed, label="escalates to", {red}];' in source
    assert '"coo" -> "ceo" [style=solid, label="reports to"];' in source
    assert '"launch" -> "coo" [style=dotted, label="owned by"];' in source
    cfo = next(line for line in source.splitlines() if line.startswith('    "cfo" '))
    assert "style=dashed" in cfo and "#d1242f" not in cfo
    launch = next(line for line in source.splitlines() if line.startswith('    "launch" '))
    assert 'color="#d1242f"' in launch


@pytest.mark.parametrize("example", example_names())
def test_every_example_draws_in_both_formats(example: str, tmp_path: Path) -> None:
    assert_github_mermaid(_graph(str(EXAMPLES / example)))
    target = tmp_path / "graph.dot"
    assert _graph("--format", "dot", "-o", str(target), str(EXAMPLES / example)) == ""
    assert "<svg" in _dot(target.read_text(encoding="utf-8"))


def test_loops_of_every_kind_are_red_in_a_real_example() -> None:
    text = _graph(str(EXAMPLES / "logistics-expansion" / "before"))
    assert "stroke:#d1242f" in text
    fail_on = invoke(
        "graph", "--fail-on", "error", str(EXAMPLES / "logistics-expansion" / "before")
    )
    assert fail_on.returncode == 1 and fail_on.stdout == text


ESCALATIONS = """\
governance: 1
organization: {name: Escalations, final_authority: board}
people:
  ana: {name: Ana Lima}
  bo: {name: Bo Chen}
roles:
  ceo: {title: Chief Executive, holder: ana}
  cto: {title: Chief Technology Officer, holder: bo, escalates_to: exec}
  ops: {title: Operations, holder: bo, escalates_to: ring}
teams:
  exec: {name: Exec, lead: ceo, decides_by: consensus, escalates_to: board}
  board: {name: Board, members: [ceo, bo], decides_by: vote, quorum: 2}
  ring: {name: Ring, lead: ops, decides_by: consent, escalates_to: ops}
  idle: {name: Idle, members: [cto], decides_by: consent}
"""


def test_bodies_are_nodes_with_their_rule_and_lines_to_their_members(tmp_path: Path) -> None:
    """Worked out by hand: `board` (the final authority), `exec` (named by `cto`) and
    `ring` are drawn, `idle` (named nowhere) is not; a body's `escalates_to` is a dashed
    edge, its lead and members a line without an arrow; the loop through `ring` is red."""
    path = tmp_path / "org.yaml"
    path.write_text(ESCALATIONS)
    dot = _graph("--select", "ES002", "--format", "dot", str(path)).splitlines()
    red = 'color="#d1242f", penwidth=2'
    assert dot[4:] == [
        '    "bo" [label="Bo Chen", shape=oval];',
        '    "board" [label="Board\\nvote, majority, quorum 2", shape=box3d];',
        '    "ceo" [label="Chief Executive\\nAna Lima", shape=box];',
        '    "cto" [label="Chief Technology Officer\\nBo Chen", shape=box];',
        '    "exec" [label="Exec\\nconsensus", shape=box3d];',
        f'    "ops" [label="Operations\\nBo Chen", shape=box, {red}];',
        f'    "ring" [label="Ring\\nconsent", shape=box3d, {red}];',
        '    "board" -> "bo" [style=solid, dir=none, label="member"];',
        '    "board" -> "ceo" [style=solid, dir=none, label="member"];',
        '    "cto" -> "exec" [style=dashed, label="escalates to"];',
        '    "exec" -> "board" [style=dashed, label="escalates to"];',
        '    "exec" -> "ceo" [style=solid, dir=none, label="member"];',
        f'    "ops" -> "ring" [style=dashed, label="escalates to", {red}];',
        f'    "ring" -> "ops" [style=dashed, label="escalates to", {red}];',
        '    "ring" -> "ops" [style=solid, dir=none, label="member"];',
        # the legend names what this picture draws: its shapes, lines and marks
        "    subgraph cluster_legend {",
        '        style=dashed; color="#888888";',
        '        "Legend" [label="Legend\\lbox: a role\\loval: a person\\l3-D box: a team\\l'
        "dashed: escalates to\\lplain line: member\\lred line: a loop a finding reports\\l"
        'red outline: named by an error finding\\l", shape=note];',
        "    }",
        "}",
    ]


def test_a_shared_seat_names_each_holder_and_a_vacant_owner_is_dashed() -> None:
    mermaid = _graph("--select", "DR004", str(VIEWS / "seats.yaml"))
    for line in mermaid.splitlines()[1:]:
        assert any(re.fullmatch(statement, line) for statement in _STATEMENTS), line
    assert set(_labels(mermaid).values()) == {
        "Board\nvote, two-thirds",
        "Budget",
        "Chief Executive\nAna Lima",
        "Chief Financial Officer\nvacant",
        "Co-chairs\nBo Chen, Cy Park",
        "Policy",
        "Release",
        "Spend",
        "Vice President\nCy Park",
    }
    # board: ceo, chairs
    assert "    n0 ---|member| n2\n    n0 ---|member| n4\n    n1 -.->|owned by| n0\n" in mermaid
    assert "    classDef vacantError " in mermaid and "    class n3 vacantError\n" in mermaid


def test_the_legend_names_what_the_mermaid_picture_draws() -> None:
    text = _graph("--select", "DR004", str(VIEWS / "seats.yaml"))
    (legend,) = [line for line in text.splitlines() if line.startswith("    legend[")]
    assert _labels(legend.replace("legend", "n99", 1))["n99"] == (
        "Legend\nbox: a role\nrounded: a decision\ndouble box: a team\n"
        "solid: reports to\ndotted: owned by\nplain line: member\n"
        "red outline: named by an error finding\ndashed outline: vacant"
    )
    # the legend's node is not among the entities' n0, n1...: no edge or class names it
    assert text.count("legend") == 1


def test_the_console_script_draws_labelled_edges_and_a_legend_that_dot_renders() -> None:
    source = run_cli("graph", "--format", "dot", str(VIEWS / "seats.yaml"))
    assert source.returncode == 0, source.stderr
    assert '"spend" -> "cfo" [style=dotted, label="owned by"];' in source.stdout
    svg = _dot(source.stdout)
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg)]
    assert "Legend" in texts and "owned by" in texts and "reports to" in texts
    mermaid = run_cli("graph", str(VIEWS / "seats.yaml"))
    assert_github_mermaid(mermaid.stdout)
    assert "    n7 -.->|owned by| n3" in mermaid.stdout.splitlines()
