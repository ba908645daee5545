"""examples/bottleneck-in-practice: the indicators and the record findings its README
lists, worked out by hand from the story's records, are what governance-lint prints."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from helpers import EXAMPLES, invoke, invoke_json, run_cli

STORY = EXAMPLES / "bottleneck-in-practice"
LAST_DAY = {"GOVERNANCE_LINT_TODAY": "2026-11-29"}
KEYS = (
    "decision-cycle-time",
    "decision-cycle-time-p90",
    "open-past-due",
    "escalation-frequency",
    "delegation-durability",
    "rework-rate",
    "decisions-per-meeting",
)


def figures(*values: Any) -> dict[str, Any]:
    return dict(zip(KEYS, values, strict=True))


def indicators(*args: str) -> dict[str, Any]:
    result = invoke("indicators", "--format", "json", *args, cwd=STORY, env=LAST_DAY)
    assert result.returncode == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def test_the_last_90_days_one_bad_month_and_two_good_ones() -> None:
    data = indicators()
    assert data["window"] == {"since": "2026-09-01", "until": "2026-11-29"}
    # 32 decided in the window, 3 open at its end
    assert data["records"] == 35
    # median: the 16th of 32 durations (3); p90: the 29th (9); one open client
    # acceptance 9 days old against 1w; 4/32 escalated = 12.5 -> 13; 22 of 30
    # delegated records kept by their owner = 73.3 -> 73; 2/32 redone = 6.25 -> 6;
    # 16 decided in meetings / round(90 * 121/52 / 7 = 29.9) = 16/30 = 0.53
    assert data["rows"] == [{"group": "organization", **figures(3, 9, 1, 13, 73, 6, 0.53)}]


def test_the_whole_half_year() -> None:
    data = indicators("--since", "2026-06-01")
    assert data["window"] == {"since": "2026-06-01", "until": "2026-11-29"}
    assert data["records"] == 53
    # the 25th of 50 durations (4), the 45th (9); 8/50 = 16; 26/46 = 56.5 -> 57;
    # 4/50 = 8; 18 / round half up(182 * 121/52 / 7 = 60.5 -> 61) = 0.295 -> 0.30
    assert data["rows"] == [{"group": "organization", **figures(4, 9, 1, 16, 57, 8, 0.30)}]


def test_november_week_by_week() -> None:
    data = indicators("--since", "2026-11-02", "--weekly")
    assert data["records"] == 14
    weekly = {row["week"]: {k: row[k] for k in KEYS} for row in data["rows"]}
    # a week meets 121/52 times, unrounded: n decisions in meetings give 52n/121
    assert weekly == {
        "2026-11-02": figures(2, 2, 0, 0, 100, 0, 0.86),
        "2026-11-09": figures(2, 6, 0, 20, 80, 0, 1.29),
        "2026-11-16": figures(2, 2, 0, 0, 100, 0, 1.29),
        "2026-11-23": figures(1, 1, 1, 0, 100, 0, 0.43),
    }


def test_by_owner() -> None:
    rows = {row["group"]: {k: row[k] for k in KEYS} for row in indicators("--by", "owner")["rows"]}
    assert rows == {
        # five offers (2, 3, 4, 4, 6 days), one decided by Helen, two redone;
        # the monthly firm review meets round(90/28) = 3 times and decided none
        "amelia-grant": figures(4, 6, 0, 0, 80, 40, 0.0),
        # eight change requests (2, 2, 2, 2, 6, 7, 8, 9); 5 of 13 delivery reviews
        "chloe-dubois": figures(2, 9, 0, 38, 63, 0, 0.38),
        # client acceptance: the final authority's own, nothing to delegate
        "helen-ashworth": figures(2, 3, 1, 0, None, 0, 0.0),
        "luis-fernandez": figures(2, 6, 0, 33, 67, 0, 0.23),
        # staffing and expenses: 8 in meetings over round(90/7 + 90/28) = 16
        "omar-siddiqui": figures(3, 12, 0, 0, 73, 0, 0.50),
        "peter-lindgren": figures(2, 3, 0, 0, 100, 0, 0.0),
    }


def _readme_blocks() -> list[str]:
    text = (STORY / "README.md").read_text(encoding="utf-8")
    return [block for block in re.findall(r"```\n(.*?)```", text, re.S) if "window:" in block]


@pytest.mark.parametrize(
    ("index", "args"),
    [
        (0, ()),
        (1, ("--since", "2026-06-01")),
        (2, ("--since", "2026-11-02", "--weekly")),
        (3, ("--by", "owner")),
    ],
)
def test_the_readme_shows_what_the_command_prints(index: int, args: tuple[str, ...]) -> None:
    result = invoke("indicators", *args, cwd=STORY, env=LAST_DAY)
    assert result.returncode == 0
    assert result.stdout == _readme_blocks()[index]


def test_the_console_script_prints_the_readme_table() -> None:
    result = run_cli("indicators", cwd=STORY, env=LAST_DAY)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == _readme_blocks()[0]


# The record rules, worked out by hand from the records (window 1 September to
# 29 November): (code, file:line:column, entities).
EXPECTED_FINDINGS = [
    ("RC001", "decisions/firm.yaml:26:12", ("staffing-allocation", "managing-partner")),
    (
        "RC001",
        "decisions/practices.yaml:75:12",
        ("technology-change-requests", "managing-partner", "technology-practice-lead"),
    ),
    (
        "RC003",
        "decisions/firm.yaml:29:20",
        ("staffing-allocation", "sa-0901", "sa-0914", "sa-0917"),
    ),
    (
        "RC003",
        "decisions/practices.yaml:77:20",
        ("technology-change-requests", "tcr-0902", "tcr-0909", "tcr-0922", "tcr-1020"),
    ),
    ("RC004", "organization.yaml:24:3", ("chloe-dubois", "technology-change-requests")),
    ("RC005", "decisions/firm.yaml:67:3", ("consultant-hiring", "ch-0907", "ch-1012")),
    ("RC006", "cadences.yaml:9:3", ("weekly-partner-meeting",)),
    ("RC008", "records/2026-08.yaml:24:3", ("ee-0817", "expense-exceptions")),
]


def test_check_reports_the_findings_the_readme_lists() -> None:
    result = run_cli("check", "--format", "json", cwd=STORY, env=LAST_DAY)
    assert result.returncode in (0, 1), result.stderr
    observed = sorted(
        (f["code"], f"{f['file']}:{f['line']}:{f['column']}", tuple(f["entities"]))
        for f in json.loads(result.stdout)["findings"]
    )
    assert observed == EXPECTED_FINDINGS
    listed = []
    readme = (STORY / "README.md").read_text(encoding="utf-8").split("## Expected findings")[1]
    for line in readme.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"RC\d{3}", cells[0]):
            listed.append((cells[0], cells[1], tuple(e.strip() for e in cells[2].split(","))))
    assert sorted(listed) == EXPECTED_FINDINGS


def test_the_healthy_organization_decides_where_it_owns_and_on_time() -> None:
    result = invoke("indicators", "--format", "json", str(EXAMPLES / "healthy"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # today 2026-06-01: the 90 days from 2026-03-04 hold the ten records of May;
    # durations 1, 1, 2, 2, 2, 2, 7, 7, 13, 15; all ten in meetings over
    # round(90 * 95/52 / 7 = 23.49) = 23 meetings: 0.43
    assert data["window"] == {"since": "2026-03-04", "until": "2026-06-01"}
    assert data["records"] == 10
    assert data["rows"] == [{"group": "organization", **figures(2, 13, 0, 0, 100, 0, 0.43)}]


def test_the_markdown_summary_opens_with_the_indicators() -> None:
    result = run_cli("check", "--format", "markdown", cwd=STORY, env=LAST_DAY)
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "## governance-lint",
        "",
        "Indicators 2026-09-01 to 2026-11-29 (35 records): decision cycle time 3 days "
        "(p90 9 days, 1 open past due), escalation frequency 13%, delegation durability "
        "73%, rework rate 6%, decisions per meeting 0.53.",
    ]


def test_no_indicator_line_without_records() -> None:
    after = EXAMPLES / "professional-services-bottleneck" / "after"
    result = invoke("check", "--format", "markdown", str(after), env=LAST_DAY)
    assert "Indicators" not in result.stdout


def _readme_section() -> str:
    text = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    return text.split("## Decision records and indicators", 1)[1].split("\n## ", 1)[0]


def test_the_project_readme_shows_the_real_output_of_the_example() -> None:
    block = re.findall(r"```\n\$ (.*?)\n(.*?)```", _readme_section(), re.S)
    assert len(block) == 1
    command, shown = block[0]
    assert command == (
        "GOVERNANCE_LINT_TODAY=2026-11-29 governance-lint indicators "
        "examples/bottleneck-in-practice"
    )
    result = run_cli(
        "indicators", "examples/bottleneck-in-practice", cwd=EXAMPLES.parent, env=LAST_DAY
    )
    assert result.returncode == 0 and result.stdout == shown


def test_the_project_readme_memo_is_a_sound_record(tmp_path: Path) -> None:
    memo = re.findall(r"```markdown\n(.*?)```", _readme_section(), re.S)[0]
    register = EXAMPLES / "professional-services-bottleneck" / "after"
    shutil.copytree(register, tmp_path / "governance")
    (tmp_path / "governance" / "sa-1005.md").write_text(memo, encoding="utf-8")
    data = invoke_json("governance", cwd=tmp_path, env=LAST_DAY)
    assert data["findings"] == []
    result = invoke("indicators", "--format", "json", "governance", cwd=tmp_path, env=LAST_DAY)
    # one record, closed in 3 days by its owner in the weekly delivery review
    assert json.loads(result.stdout)["records"] == 1
