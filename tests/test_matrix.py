"""`governance-lint matrix`: the decision-rights matrix in markdown, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from governance_lint.output.views.matrix_format import escape_markdown

from helpers import EXAMPLES, example_names, invoke

FIXTURE = Path(__file__).parent / "views" / "matrix.yaml"
# Only the rules the fixture is about, so rules added later do not change its rows.
SELECT = ("--select", "DR002,DL001")
COLUMNS = ["ceo", "cto", "dev-lead", "vacant-cfo", "dee", "eli"]
# Worked out by hand from cli.md: O owner, D decider not owner, A approvals, V vetoes,
# T tie_breaker/override, C consulted, I informed, E executed_by; a team marks its lead
# and members, a team owner its lead O; a person the roles they hold, else themself.
EXPECTED_CELLS = {
    "z-budget": {
        "ceo": "ATI",
        "cto": "ACIE",
        "dev-lead": "CE",
        "vacant-cfo": "OI",
        "dee": "V",
        "eli": "CE",
    },
    "a-hiring": {"ceo": "OT", "cto": "D", "vacant-cfo": "D"},
    "b-loose": {"dee": "O", "dev-lead": "D"},
    "m-roadmap": {"cto": "O", "dev-lead": "O"},
}


def _matrix(*args: str) -> str:
    result = invoke("matrix", *SELECT, *args, str(FIXTURE))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_json_has_the_contract_shape_and_every_cell_worked_out_by_hand() -> None:
    data = json.loads(_matrix("--format", "json"))
    assert list(data) == ["version", "columns", "rows", "legend"]
    assert data["version"] == 1
    assert data["columns"] == COLUMNS
    assert list(data["legend"]) == list("ODAVTCIE")
    rows = {row["decision"]: row for row in data["rows"]}
    assert [row["decision"] for row in data["rows"]] == [
        "z-budget",
        "a-hiring",
        "b-loose",
        "m-roadmap",
    ], "scopes sorted (-finance before people), decisions with no scope last"
    assert {d: row["cells"] for d, row in rows.items()} == EXPECTED_CELLS
    assert list(rows["z-budget"]) == ["decision", "title", "scope", "findings", "cells"]
    assert rows["z-budget"]["scope"] == "-finance" and rows["m-roadmap"]["scope"] is None
    assert rows["m-roadmap"]["findings"] == ["DR002"]  # an owner list is DR002 alone
    assert rows["b-loose"]["findings"] == ["DL001"]
    assert rows["a-hiring"]["findings"] == []


def test_csv_is_rfc_4180_with_a_header_and_guards_formulas(tmp_path: Path) -> None:
    target = tmp_path / "matrix.csv"
    assert _matrix("--format", "csv", "-o", str(target)) == ""
    text = target.read_bytes().decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["scope", "decision", "title", "findings", *COLUMNS]
    budget = rows[1]
    assert budget[:3] == ["'-finance", "z-budget", "'=SUM(A1) budget"]
    assert budget[4:] == ["ATI", "ACIE", "CE", "OI", "V", "CE"]
    assert rows[2][2] == 'Hiring, "senior" roles'
    assert '"Hiring, ""senior"" roles"' in text
    assert rows[4][:4] == ["", "m-roadmap", "Roadmap", "DR002"]


def test_markdown_has_a_legend_then_a_heading_and_table_per_scope() -> None:
    lines = _matrix().splitlines()
    assert lines[0].startswith("Legend: **O** owns, **D** decides with others")
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == ["## Scope: -finance", "## Scope: people", "## Decisions with no scope"]
    # ids in code spans, as the markdown format shows every id (see test_attack_output)
    header = "| decision | findings | " + " | ".join(f"` {c} `" for c in COLUMNS) + " |"
    assert lines.count(header) == 3
    assert "| Roadmap (`m-roadmap`) | DR002 |  | O | O |  |  |  |" in lines


def test_markdown_escapes_what_could_break_a_table_or_open_markup() -> None:
    hostile = "a|b <script> [x](http://y) `c` *d* _e_ www.f.com $g$ &amp;"
    escaped = escape_markdown(hostile)
    for raw in ("|", "<", "[", "`", "*", "_", "$", "&", "://", "www."):
        assert raw not in escaped.replace("\\" + raw[0], "")
    result = invoke("matrix", str(Path(__file__).parent / "views" / "hostile"))
    table_rows = [line for line in result.stdout.splitlines() if line.startswith("| Launch")]
    assert len(table_rows) == 1
    cells = table_rows[0].replace("\\|", "").split("|")
    assert len(cells) == 2 + 2 + 4, "the title's pipes did not add cells"
    assert "<script>" not in result.stdout and "\\<script\\>" in result.stdout
    assert "## Scope: launch\\|scope \\<i\\>it\\</i\\>" in result.stdout


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
        "| decision | findings | ` ceo ` | ` cfo ` | ` chairs ` (Co-chairs\\: Bo Chen, Cy Park) "
        "| ` vp ` | ` board ` (vote, two-thirds) |"
    ) in lines
    assert "| Budget (`budget`) |  | DT |  | D |  | O |" in lines
    assert "| Release (`release`) any one of: ` vp `, ` chairs ` |  |  |  | O | O |  |" in lines
    assert "| Policy (`policy`) | OR007 |  |  | O | D |  |" in lines
