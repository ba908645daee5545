"""`governance-lint matrix`: the decision-rights matrix in markdown, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from governance_lint.output.views.matrix_format import escape_markdown

from helpers import EXAMPLES, example_names, invoke, run_cli

FIXTURE = Path(__file__).parent / "views" / "matrix.yaml"
# Only the rules the fixture is about, so rules added later do not change its rows.
SELECT = ("--select", "DR002,DL001")
COLUMNS = ["ceo", "cto", "dev-lead", "vacant-cfo", "dee", "eli", "eng"]
# Worked out by hand from the offsite issue's letters: O owner, D decider not owner,
# S approvals, V vetoes, T tie_breaker, R override, C consulted, I informed, E executed_by
# (a team executes as one column); a team in other fields marks its lead and members, a
# team owner its lead O; a person the roles they hold, else themself.
EXPECTED_CELLS = {
    "z-budget": {
        "ceo": "STI",
        "cto": "SCI",
        "dev-lead": "C",
        "vacant-cfo": "OI",
        "dee": "V",
        "eli": "C",
        "eng": "E",
    },
    "a-hiring": {"ceo": "OR", "cto": "D", "vacant-cfo": "D"},
    "b-loose": {"dee": "O", "dev-lead": "D"},
    "m-roadmap": {"cto": "O", "dev-lead": "O"},
}
# Rows with O; rows with S, V, T or R. Nobody here is near a load limit.
EXPECTED_TOTALS = {
    "ceo": (1, 2),
    "cto": (1, 1),
    "dev-lead": (1, 0),
    "vacant-cfo": (1, 0),
    "dee": (1, 1),
    "eli": (0, 0),
    "eng": (0, 0),
}
HEADS = [
    "Chief Executive Officer (Ana Lima)",
    "Chief Technology Officer (Bo Chen)",
    "Development Lead (Cy Park)",
    "Chief Financial Officer (vacant)",
    "Dee Ross",
    "Eli Gold",
    "Engineering",
]


def _matrix(*args: str) -> str:
    result = invoke("matrix", *SELECT, *args, str(FIXTURE))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_json_has_the_contract_shape_and_every_cell_worked_out_by_hand() -> None:
    data = json.loads(_matrix("--format", "json"))
    assert list(data) == ["version", "columns", "rows", "legend", "totals"]
    assert data["version"] == 1
    assert data["columns"] == COLUMNS
    assert list(data["legend"]) == list("ODSVTRCIE")
    rows = {row["decision"]: row for row in data["rows"]}
    assert [row["decision"] for row in data["rows"]] == [
        "z-budget",
        "a-hiring",
        "b-loose",
        "m-roadmap",
    ], "scopes sorted (-finance before people), decisions with no scope last"
    assert {d: row["cells"] for d, row in rows.items()} == EXPECTED_CELLS
    assert list(rows["z-budget"]) == [
        "decision",
        "title",
        "scope",
        "findings",
        "cells",
        "reviewed_in",
        "decide_within",
    ]
    assert rows["z-budget"]["scope"] == "-finance" and rows["m-roadmap"]["scope"] is None
    assert rows["a-hiring"]["decide_within"] == "5d" and rows["a-hiring"]["reviewed_in"] == []
    assert rows["m-roadmap"]["findings"] == ["DR002"]  # an owner list is DR002 alone
    assert rows["b-loose"]["findings"] == ["DL001"]
    assert rows["a-hiring"]["findings"] == []
    assert {c: (t["owns"], t["signs_off"]) for c, t in data["totals"].items()} == EXPECTED_TOTALS
    assert all(t["over"] == {} for t in data["totals"].values())


def test_csv_is_one_rfc_4180_table_named_by_titles_and_guards_formulas(tmp_path: Path) -> None:
    target = tmp_path / "matrix.csv"
    assert _matrix("--format", "csv", "-o", str(target)) == ""
    text = target.read_bytes().decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == [
        "scope",
        "decision",
        "title",
        "findings",
        *HEADS,
        "taken in",
        "decide within",
    ]
    budget = rows[1]
    assert budget[:3] == ["'-finance", "z-budget", "'=SUM(A1) budget"]
    assert budget[4:] == ["STI", "SCI", "C", "OI", "V", "C", "E", "", ""]
    assert rows[2][2] == 'Hiring, "senior" roles' and rows[2][-1] == "5d"
    assert '"Hiring, ""senior"" roles"' in text
    assert rows[4][:4] == ["", "m-roadmap", "Roadmap", "DR002"]
    assert rows[5] == ["", "", "total: owns", "", "1", "1", "1", "1", "1", "0", "0", "", ""]
    assert rows[6] == ["", "", "total: signs off", "", "2", "1", "0", "0", "1", "0", "0", "", ""]
    assert len(rows) == 7, "no row says who is over a limit when nobody is"


def test_markdown_is_one_table_with_scope_rows_and_a_totals_row() -> None:
    lines = _matrix().splitlines()
    assert lines[0].startswith("Legend: **O** owns, **D** decides with others, **S** signs off")
    assert not [line for line in lines if line.startswith("#")], "no heading: one table"
    header = "| decision | findings | " + " | ".join(HEADS) + " | taken in | decide within |"
    assert lines[2] == header and lines.count(header) == 1
    assert [line for line in lines if line.startswith("| **")] == [
        "| **Scope: -finance** |" + "  |" * 10,
        "| **Scope: people** |" + "  |" * 10,
        "| **Decisions with no scope** |" + "  |" * 10,
        "| **Totals: owns · signs off** |  | 1 · 2 | 1 · 1 | 1 · 0 | 1 · 0 | 1 · 1 | 0 · 0 "
        "| 0 · 0 |  |  |",
    ]
    assert "| Roadmap (`m-roadmap`) | DR002 |  | O | O |  |  |  |  |  |  |" in lines
    assert '| Hiring, "senior" roles (`a-hiring`) |  | OR | D |  | D |  |  |  |  | 5d |' in lines
    assert "Over a load limit:" not in lines


LOAD = Path(__file__).parent / "views" / "load.yaml"


def test_totals_mark_people_over_a_load_limit_and_columns_past_15_go_to_an_appendix() -> None:
    result = invoke("matrix", "--select", "DR006,DR013", str(LOAD))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    main = [f"Lead {n:02} (vacant)" for n in range(1, 13)]
    assert lines[2] == (
        "| decision | findings | Acting CFO (Dana Ruiz) | Chief Executive Officer (Maya Chen) "
        "| Chief Operating Officer (Dana Ruiz) | " + " | ".join(main) + " | taken in "
        "| decide within |"
    )
    assert (
        "| Decision 01 (`d01`) |  |  | S | O |" + "  |" * 12 + " Weekly operating review | 2w |"
        in lines
    )
    # Dana owns 3 as COO and 2 as acting CFO: 5 of 16 is more than 25%, in both columns;
    # Maya signs off on 13, more than 12.
    totals = "| **Totals: owns · signs off** |  | 2! · 0 | 0 · 13! | 3! · 0 |"
    assert totals + " 1 · 0 |" * 11 + " 0 · 0 |  |  |" in lines
    # each person once, in the order of their first column, with the roles they hold
    assert [line for line in lines if line.startswith("- ")] == [
        "- Dana Ruiz, as Acting CFO and Chief Operating Officer: owns 5 of 16 decisions "
        "(31%), more than 25%",
        "- Maya Chen, as Chief Executive Officer: signs off on 13 decisions; the limit is 12",
    ]
    appendix = lines[lines.index("### Appendix: 2 more columns") :]
    assert appendix[2:] == [
        "| decision | Lead 13 (vacant) | Lead 14 (vacant) |",
        "|---|---|---|",
        "| **Decisions with no scope** |  |  |",
        "| Decision 15 (`d15`) | C |  |",
        "| Decision 16 (`d16`) |  | C |",
        "| **Totals: owns · signs off** | 0 · 0 | 0 · 0 |",
    ]
    data = json.loads(invoke("matrix", "--format", "json", str(LOAD)).stdout)
    assert len(data["columns"]) == 17, "json keeps every column"
    assert data["totals"]["ceo"] == {
        "owns": 0,
        "signs_off": 13,
        "over": {"signs_off": "signs off on 13 decisions; the limit is 12"},
    }
    assert data["totals"]["coo"]["over"] == {"owns": "owns 5 of 16 decisions (31%), more than 25%"}


def test_the_limits_are_the_configured_ones(tmp_path: Path) -> None:
    (tmp_path / ".governance-lint.yaml").write_text(
        "thresholds: {max_signoffs_per_person: 13, max_signoff_share: 90, max_owned_share: 40}\n"
    )
    (tmp_path / "load.yaml").write_text(LOAD.read_text())
    data = json.loads(invoke("matrix", "--format", "json", cwd=tmp_path).stdout)
    assert all(total["over"] == {} for total in data["totals"].values())


def test_markdown_escapes_what_could_break_a_table_or_open_markup() -> None:
    hostile = "a|b <script> [x](http://y) `c` *d* _e_ www.f.com $g$ &amp;"
    escaped = escape_markdown(hostile)
    for raw in ("|", "<", "[", "`", "*", "_", "$", "&", "://", "www."):
        assert raw not in escaped.replace("\\" + raw[0], "")
    result = invoke("matrix", str(Path(__file__).parent / "views" / "hostile"))
    table_rows = [line for line in result.stdout.splitlines() if line.startswith("| Launch")]
    assert len(table_rows) == 1
    cells = table_rows[0].replace("\\|", "").split("|")
    # the edges, decision and findings, the two owners, where and how fast
    assert len(cells) == 2 + 2 + 2 + 2, "the title's pipes did not add cells"
    assert "<script>" not in result.stdout and "\\<script\\>" in result.stdout
    assert "| **Scope: launch\\|scope \\<i\\>it\\</i\\>** |" in result.stdout
    # column heads and the cadence's title come from the files too
    assert (
        "<b>" not in result.stdout and 'Chief "Ops" \\<b\\>Officer\\</b\\> (Quinn' in result.stdout
    )
    assert 'Weekly \\<em\\>sync\\</em\\> \\& "review"' in table_rows[0]


def test_findings_change_the_status_only_with_fail_on(tmp_path: Path) -> None:
    plain = invoke("matrix", *SELECT, str(FIXTURE))
    assert plain.returncode == 0
    failing = invoke("matrix", *SELECT, "--fail-on", "error", str(FIXTURE))
    assert failing.returncode == 1 and failing.stdout == plain.stdout
    target = tmp_path / "matrix.csv"
    written = invoke("matrix", "--format", "csv", "-o", str(target), str(FIXTURE))
    assert written.returncode == 0 and written.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("scope,decision,title,findings,")


def test_a_bad_format_is_one_line_and_status_2() -> None:
    result = invoke("matrix", "--format", "xlsx", str(FIXTURE))
    assert result.returncode == 2
    assert result.stderr.startswith("governance-lint: error: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("example", example_names())
def test_every_example_gives_a_matrix(example: str) -> None:
    result = invoke("matrix", str(EXAMPLES / example))  # csv and json: the fixture above
    assert result.returncode == 0, result.stderr
    assert result.stdout and result.stderr == ""


SEATS = Path(__file__).parent / "views" / "seats.yaml"
# Worked out by hand from the 1.1 contract: a body owns as itself (its deciders, lead and
# members, decide with it: D) and its tie-breaker is the casting vote on the decisions
# that take it (T); a shared seat is one column; a person marks the roles they hold (Cy
# holds `chairs` and `vp`); an alumni person who holds no role is no column.
SEATS_CELLS = {
    "budget": {"board": "O", "ceo": "DT", "chairs": "D"},
    "policy": {"chairs": "O", "vp": "D"},
    "release": {"chairs": "O", "vp": "O"},
    "spend": {"cfo": "O"},
}


def test_bodies_shared_seats_pools_and_alumni_in_the_json_matrix() -> None:
    result = invoke("matrix", "--select", "OR007,DR004,DL006", "--format", "json", str(SEATS))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["columns"] == ["ceo", "cfo", "chairs", "vp", "board"], "alumni `old`: none"
    rows = {row["decision"]: row for row in data["rows"]}
    assert {d: row["cells"] for d, row in rows.items()} == SEATS_CELLS
    # the findings about a body, a vacant role and an alumni person, on the rows they list
    assert {d: row["findings"] for d, row in rows.items()} == {
        "budget": ["DL006"],
        "policy": ["DL006", "OR007"],
        "release": [],
        "spend": ["DR004"],
    }
    assert rows["release"]["pool"] == ["vp", "chairs"]
    assert [d for d, row in rows.items() if "pool" in row] == ["release"]


def test_markdown_names_a_body_by_its_rule_and_a_shared_seat_by_its_holders() -> None:
    result = invoke("matrix", "--select", "OR007", str(SEATS))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        "| decision | findings | Chief Executive (Ana Lima) | Chief Financial Officer (vacant) "
        "| Co-chairs (Bo Chen, Cy Park) | Vice President (Cy Park) | Board (vote, two-thirds) "
        "| taken in | decide within |"
    ) in lines
    assert "| Budget (`budget`) |  | DT |  | D |  | O |  |  |" in lines
    assert (
        "| Release (`release`) any one of: ` vp `, ` chairs ` |  |  |  | O | O |  |  |  |" in lines
    )
    assert "| Policy (`policy`) | OR007 |  |  | O | D |  |  |  |" in lines
    # the board's decision is the board's: a body's O counts in its own column
    assert (
        "| **Totals: owns · signs off** |  | 0 · 1 | 1 · 0 | 2 · 0 | 1 · 0 | 1 · 0 |  |  |" in lines
    )


def test_the_console_script_writes_the_one_table_matrix() -> None:
    result = run_cli("matrix", "--select", "DR006,DR013", str(LOAD))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines.count("|---|---|" + "---|" * 17) == 1, "one main table: 2 + 15 + 2 columns"
    assert (
        "- Maya Chen, as Chief Executive Officer: signs off on 13 decisions; the limit is 12"
        in lines
    )
    assert "### Appendix: 2 more columns" in lines


def test_one_person_over_both_limits_is_named_once() -> None:
    """The example's managing partner owns 13 decisions through her four roles and is
    approver or escalation point on 13 (its README): one line, both limits."""
    result = invoke("matrix", str(EXAMPLES / "professional-services-bottleneck" / "before"))
    notes = [line for line in result.stdout.splitlines() if line.startswith("- ")]
    assert notes == [
        "- Helen Ashworth, as Head of Business Development (acting), Head of Talent (acting), "
        "Managing Partner and Operations Director (acting): owns 13 decisions; the limit is "
        "12 — signs off on 13 decisions; the limit is 12"
    ]
