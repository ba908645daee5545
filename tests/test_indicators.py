"""The five indicators on a small record set, every figure worked out by hand from the
definitions (window, lateness, medians, p90 by nearest rank, shares and decisions per
meeting rounded half up), through the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import invoke, run_cli

ORG = """\
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya}
  lee: {name: Lee}
  sam: {name: Sam}
roles:
  ceo: {title: CEO, holder: priya}
  cpo: {title: CPO, holder: lee, reports_to: ceo}
  cto: {title: CTO, holder: sam, reports_to: ceo}
cadences:
  wk: {title: Weekly, every: weekly, chair: ceo}
  mo: {title: Monthly, every: monthly, chair: ceo}
  adhoc: {title: When needed, chair: ceo}
decisions:
  roadmap: {title: Roadmap, owner: cpo, decide_within: 36h, reviewed_in: [wk], scope: product}
  hiring: {title: Hiring, owner: cto, decide_within: 1w, reviewed_in: [mo], scope: people}
  budget: {title: Budget, owner: ceo, reviewed_in: [adhoc]}
records:
  a: {decision: roadmap, raised: 2026-11-01, decided: 2026-11-03, decided_by: cpo, meeting: wk}
  b: {decision: roadmap, raised: 2026-11-04, decided: 2026-11-05, decided_by: ceo, meeting: wk,
      escalated_to: [ceo]}
  c: {decision: roadmap, raised: 2026-11-05, decided: 2026-11-12, decided_by: lee, meeting: mo}
  d: {decision: hiring, raised: 2026-11-02, decided: 2026-11-10, decided_by: cto, meeting: mo}
  e: {decision: hiring, raised: 2026-11-10}
  f: {decision: hiring, raised: 2026-10-01, decided: 2026-11-20}
  g: {decision: budget, raised: 2026-11-09, decided: 2026-11-09, decided_by: ceo, meeting: adhoc}
  h: {decision: roadmap, raised: 2026-11-20, decided: 2026-11-21, reverses: a}
  i: {decision: roadmap, raised: 2026-10-01, decided: 2026-10-05}
"""
KEYS = (
    "decision-cycle-time",
    "decision-cycle-time-p90",
    "open-past-due",
    "escalation-frequency",
    "delegation-durability",
    "rework-rate",
    "decisions-per-meeting",
)
WINDOW = ("--since", "2026-11-02", "--until", "2026-11-15")


def figures(*values: Any) -> dict[str, Any]:
    return dict(zip(KEYS, values, strict=True))


@pytest.fixture
def org(tmp_path: Path) -> Path:
    (tmp_path / "org.yaml").write_text(ORG, encoding="utf-8")
    return tmp_path


def indicators(folder: Path, *args: str) -> dict[str, Any]:
    done = invoke("indicators", ".", "--format", "json", *args, cwd=folder)
    assert done.returncode == 0, done.stderr
    parsed: dict[str, Any] = json.loads(done.stdout)
    return parsed


def rows(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        row["group"] + (f"@{row['week']}" if "week" in row else ""): {k: row[k] for k in KEYS}
        for row in document["rows"]
    }


def test_the_organization(org: Path) -> None:
    found = indicators(org, *WINDOW)
    assert found["window"] == {"since": "2026-11-02", "until": "2026-11-15"}
    assert found["records"] == 7  # a b c d g decided in it, e f open at its end
    # days 0 1 2 7 8: median 2, p90 the 5th; f is open and late; b escalated; a, c, d
    # stayed with their owner, b went to the CEO (g: the CEO's own); a is reversed by h
    # after the window; wk meets 2 times and mo 0.5 in 14 days: 2.5 -> 3, and 4 records
    # were decided in them: 4/3
    assert rows(found) == {"organization": figures(2, 8, 1, 20, 75, 20, 1.33)}


def test_by_decision_owner_scope_and_cadence(org: Path) -> None:
    roadmap = figures(2, 7, 0, 33, 67, 33, 1.0)  # mo's 0.5 meetings round up to 1 for hiring
    hiring = figures(8, 8, 1, 0, 100, 0, 1.0)
    budget = figures(0, 0, 0, 0, None, 0, None)  # owned by the final authority; adhoc never meets
    assert rows(indicators(org, *WINDOW, "--by", "decision")) == {
        "budget": budget,
        "hiring": hiring,
        "roadmap": roadmap,
    }
    assert rows(indicators(org, *WINDOW, "--by", "owner")) == {
        "lee": roadmap,
        "priya": budget,
        "sam": hiring,
    }
    assert rows(indicators(org, *WINDOW, "--by", "scope")) == {
        "people": hiring,
        "product": roadmap,
    }
    assert rows(indicators(org, *WINDOW, "--by", "cadence")) == {
        "adhoc": figures(0, 0, 0, 0, None, 0, None),
        "mo": figures(7, 8, 0, 0, 100, 0, 2.0),
        "wk": figures(1, 2, 0, 50, 50, 50, 1.0),  # days 1 and 2: the lower middle
    }


def test_weekly(org: Path) -> None:
    assert rows(indicators(org, *WINDOW, "--weekly")) == {
        # c (age 3 > 36h) and f are late at the week's end; 2 / 1.25 meetings
        "organization@2026-11-02": figures(1, 2, 2, 50, 50, 50, 1.6),
        "organization@2026-11-09": figures(7, 8, 1, 0, 100, 0, 1.6),
    }


def test_a_week_cut_by_the_window_end(org: Path) -> None:
    found = rows(indicators(org, "--since", "2026-11-09", "--until", "2026-11-11", "--weekly"))
    # 3 days: 3/7 + 0.75/7 meetings, 1 record decided in them: 7 / 3.75 = 1.866...
    assert found == {"organization@2026-11-09": figures(0, 8, 2, 0, 100, 0, 1.87)}


def test_an_empty_window(org: Path) -> None:
    found = indicators(org, "--since", "2025-01-01", "--until", "2025-01-31")
    assert found["records"] == 0
    assert rows(found) == {"organization": dict.fromkeys(KEYS)}


def test_the_default_window_is_90_days_ending_today(org: Path) -> None:
    found = invoke(
        "indicators", ".", "--format", "json", cwd=org, env={"GOVERNANCE_LINT_TODAY": "2026-11-15"}
    )
    assert json.loads(found.stdout)["window"] == {"since": "2026-08-18", "until": "2026-11-15"}


def test_status_2_for_a_reversed_window_or_too_many_weeks(org: Path) -> None:
    late = invoke("indicators", ".", "--since", "2026-11-16", "--until", "2026-11-15", cwd=org)
    assert late.returncode == 2 and late.stderr.count("\n") == 1
    assert late.stderr.startswith("governance-lint: error: ")
    many = invoke(
        "indicators", ".", "--weekly", "--since", "2000-01-03", "--until", "2009-12-27", cwd=org
    )  # Monday to Sunday: exactly 521 weeks
    assert many.returncode == 2 and "521 weeks" in many.stderr
    fits = invoke(
        "indicators",
        ".",
        "--weekly",
        "--since",
        "2000-01-03",
        "--until",
        "2009-12-20",
        "--format",
        "json",
        cwd=org,
    )
    assert fits.returncode == 0 and len(json.loads(fits.stdout)["rows"]) == 520


def test_text_csv_and_markdown_end_to_end(org: Path) -> None:
    (org / "org.yaml").write_text(
        ORG.replace("scope: product", "scope: '=HYPERLINK(1)|*x*'"), encoding="utf-8"
    )
    text = run_cli("indicators", ".", *WINDOW, cwd=org)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].split() == ["group", *KEYS]
    assert lines[1].split() == ["organization", "2", "8", "1", "20", "75", "20", "1.33"]
    assert lines[-1] == "window: 2026-11-02 to 2026-11-15, records: 7"
    assert len(lines[0]) == len(lines[1])  # aligned
    csv = run_cli("indicators", ".", *WINDOW, "--by", "scope", "--format", "csv", cwd=org)
    assert csv.stdout.splitlines()[0] == "group," + ",".join(KEYS)
    assert "'=HYPERLINK(1)|*x*,2,7,0,33,67,33,1.00" in csv.stdout.splitlines()
    md = run_cli("indicators", ".", *WINDOW, "--by", "scope", "--format", "markdown", cwd=org)
    assert "| =HYPERLINK(1)\\|\\*x\\* | 2 |" in md.stdout
    out = org / "out.json"
    written = run_cli("indicators", ".", *WINDOW, "--format", "json", "-o", str(out), cwd=org)
    assert written.returncode == 0 and written.stdout == ""
    assert json.loads(out.read_text())["records"] == 7


def test_fail_on_like_report(org: Path) -> None:
    (org / "org.yaml").write_text(ORG + "  z: {decision: nothing, raised: 2026-11-03}\n")
    assert invoke("indicators", ".", *WINDOW, cwd=org).returncode == 0
    assert invoke("indicators", ".", *WINDOW, "--fail-on", "error", cwd=org).returncode == 1
