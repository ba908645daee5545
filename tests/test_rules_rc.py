"""The record rules at their edges: thresholds met exactly and crossed, the minimum
record counts, the window's days, memos, messages, and the console script end to end.

Today is pinned to 2026-06-01 (helpers.TODAY): the default window runs from 2026-03-04
to 2026-06-01, its last 28 days from 2026-05-05.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from governance_lint.findings import Finding
from governance_lint.indicators.definitions import Window
from governance_lint.rules import rc006_meeting_without_decisions
from governance_lint.rules.rc007_indicator_off_limit import NO_VALUE

from helpers import lint_paths, make_config, run_cli

ORG = """\
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  kim: {name: Kim Park}
  dana: {name: Dana Ruiz}
  ana: {name: Ana Costa}
  lee: {name: Lee Chen}
roles:
  ceo: {title: Chief Executive Officer, holder: kim}
  coo: {title: Chief Operating Officer, holder: dana, reports_to: ceo}
  cfo: {title: Chief Financial Officer, holder: ana, reports_to: ceo}
  vp-sales: {title: VP Sales, holder: lee, reports_to: coo}
decisions:
  discounts: {title: Discounts, owner: vp-sales, decide_within: 5d}
records:
"""


def records(*groups: tuple[int, str]) -> str:
    """``(count, fields)`` groups of records of `discounts`, one a day from 2026-04-01
    (each raised the day before it is decided), ids r1, r2..."""
    lines, number = [], 0
    for count, fields in groups:
        for _ in range(count):
            day = dt.date(2026, 4, 1) + dt.timedelta(days=number)
            number += 1
            extra = f", {fields}" if fields else ""
            lines.append(
                f"  r{number}: {{decision: discounts, raised: {day - dt.timedelta(days=1)}, "
                f"decided: {day}{extra}}}"
            )
    return "\n".join(lines) + "\n"


def findings(tmp_path: Path, text: str, code: str, **settings: object) -> list[Finding]:
    (tmp_path / "org.yaml").write_text(text, encoding="utf-8")
    return lint_paths([tmp_path], select=[code], **settings).findings


# -- RC001: more than 25% and at least 3 decided above the owner -------------------------


@pytest.mark.parametrize(
    ("above", "own", "fires"),
    [(3, 9, False), (3, 8, True), (2, 0, False), (3, 0, True)],
    ids=["3-of-12-is-25%", "3-of-11", "2-is-too-few", "3-of-3"],
)
def test_rc001_threshold_and_minimum(tmp_path: Path, above: int, own: int, fires: bool) -> None:
    text = ORG + records((above, "decided_by: coo"), (own, "decided_by: lee"))
    assert bool(findings(tmp_path, text, "RC001")) is fires


def test_rc001_configured_threshold(tmp_path: Path) -> None:
    # 3 of 11 is 27.3%: compared exactly, more than 27 but not more than 28
    text = ORG + records((3, "decided_by: coo"), (8, "decided_by: lee"))
    assert findings(tmp_path, text, "RC001", thresholds={"max_decided_above_share": 28}) == []
    assert findings(tmp_path, text, "RC001", thresholds={"max_decided_above_share": 27})


def test_rc001_message_and_entities(tmp_path: Path) -> None:
    text = ORG + records((1, "decided_by: coo"), (2, "decided_by: ceo"), (1, ""))
    [finding] = findings(tmp_path, text, "RC001")
    assert finding.entities == ("discounts", "ceo", "coo")
    assert (finding.location.line, finding.location.column) == (14, 40)
    assert finding.message == (
        "decision `discounts`: 3 of its 4 records decided from 2026-03-04 to 2026-06-01 "
        "(75%, more than 25%) were closed above its owner `vp-sales` (Lee Chen), by "
        "`ceo` (2), `coo` (1): ownership collapses upward"
    )


# -- RC002: at least 3 and more than half decided elsewhere ------------------------------


@pytest.mark.parametrize(
    ("elsewhere", "own", "fires"),
    [(3, 3, False), (3, 2, True), (2, 0, False), (4, 3, True)],
    ids=["half", "3-of-5", "2-is-too-few", "4-of-7"],
)
def test_rc002_more_than_half_and_minimum(
    tmp_path: Path, elsewhere: int, own: int, fires: bool
) -> None:
    text = ORG + records((elsewhere, "decided_by: cfo"), (own, "decided_by: vp-sales"))
    assert bool(findings(tmp_path, text, "RC002")) is fires


def test_rc002_does_not_count_records_closed_above_or_by_nobody(tmp_path: Path) -> None:
    # 3 by the CFO of 7: the COO above and the records with no decided_by are not elsewhere.
    text = ORG + records((3, "decided_by: cfo"), (2, "decided_by: coo"), (2, ""))
    assert findings(tmp_path, text, "RC002") == []


# -- RC003: more than 25% and at least 2 late --------------------------------------------


@pytest.mark.parametrize(
    ("late", "on_time", "fires"),
    [(2, 6, False), (2, 5, True), (1, 0, False)],
    ids=["2-of-8-is-25%", "2-of-7", "1-is-too-few"],
)
def test_rc003_threshold_and_minimum(tmp_path: Path, late: int, on_time: int, fires: bool) -> None:
    # each record of `records` takes 1 day; a late one is raised 6 days before it is decided
    text = (
        ORG
        + records((on_time, ""))
        + "".join(
            f"  late{n}: {{decision: discounts, raised: 2026-05-0{n}, "
            f"decided: 2026-05-{n + 6:02d}}}\n"
            for n in range(1, late + 1)
        )
    )
    assert bool(findings(tmp_path, text, "RC003")) is fires


def test_rc003_counts_open_records_by_their_age_and_gives_the_median(tmp_path: Path) -> None:
    text = ORG + (
        "  a: {decision: discounts, raised: 2026-05-20}\n"  # open, 12 days old: late
        "  b: {decision: discounts, raised: 2026-05-01, decided: 2026-05-09}\n"  # 8: late
        "  c: {decision: discounts, raised: 2026-05-01, decided: 2026-05-02}\n"  # 1
    )
    [finding] = findings(tmp_path, text, "RC003")
    assert finding.entities == ("discounts", "a", "b")
    assert finding.message.endswith("`a`, `b`; its records took a median of 8 days to close")
    assert (finding.location.line, finding.location.column) == (14, 65)


def test_rc003_configured_threshold(tmp_path: Path) -> None:
    text = ORG + (
        "  a: {decision: discounts, raised: 2026-05-01, decided: 2026-05-09}\n"
        "  b: {decision: discounts, raised: 2026-05-01, decided: 2026-05-09}\n"
        "  c: {decision: discounts, raised: 2026-05-01, decided: 2026-05-02}\n"
    )  # 2 late of 3: 67%
    assert findings(tmp_path, text, "RC003", thresholds={"max_late_share": 67}) == []
    assert findings(tmp_path, text, "RC003", thresholds={"max_late_share": 66})


# -- RC004: more than 30% escalated over at least 4 records ------------------------------


@pytest.mark.parametrize(
    ("escalated", "not_escalated", "fires"),
    [(3, 7, False), (4, 9, True), (3, 0, False), (2, 2, True)],
    ids=["3-of-10-is-30%", "4-of-13", "3-records-are-too-few", "2-of-4"],
)
def test_rc004_threshold_and_minimum(
    tmp_path: Path, escalated: int, not_escalated: int, fires: bool
) -> None:
    text = ORG + records((escalated, "escalated_to: [coo]"), (not_escalated, ""))
    found = findings(tmp_path, text, "RC004")
    assert bool(found) is fires
    if fires:
        assert found[0].entities == ("lee", "discounts")
        assert (found[0].location.line, found[0].location.column) == (7, 3)


def test_rc004_configured_threshold(tmp_path: Path) -> None:
    text = ORG + records((2, "escalated_to: [coo]"), (2, ""))  # 50%
    assert findings(tmp_path, text, "RC004", thresholds={"max_escalation_share": 50}) == []
    assert findings(tmp_path, text, "RC004", thresholds={"max_escalation_share": 49})


# -- RC005: more than 20% and at least 2 reversed ----------------------------------------


@pytest.mark.parametrize(
    ("total", "fires"), [(10, False), (9, True)], ids=["2-of-10-is-20%", "2-of-9"]
)
def test_rc005_threshold(tmp_path: Path, total: int, fires: bool) -> None:
    text = (
        ORG
        + records((total, ""))
        + (
            "  x1: {decision: discounts, raised: 2026-05-20, reverses: r1}\n"
            "  x2: {decision: discounts, raised: 2026-05-20, reverses: r2}\n"
        )
    )
    assert bool(findings(tmp_path, text, "RC005")) is fires


def test_rc005_one_reversed_is_too_few_and_the_threshold_is_configurable(tmp_path: Path) -> None:
    one = ORG + records((1, "")) + "  x1: {decision: discounts, raised: 2026-05-20, reverses: r1}\n"
    assert findings(tmp_path, one, "RC005") == []
    two = (
        ORG
        + records((4, ""))
        + (
            "  x1: {decision: discounts, raised: 2026-05-20, reverses: r1}\n"
            "  x2: {decision: discounts, raised: 2026-05-20, reverses: r2}\n"
        )
    )  # 2 of 4: 50%
    assert findings(tmp_path, two, "RC005", thresholds={"max_rework_share": 50}) == []
    assert findings(tmp_path, two, "RC005", thresholds={"max_rework_share": 49})


# -- RC006: at least 4 meetings in the window --------------------------------------------

MEETING = """\
governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
decisions:
  roadmap: {title: Roadmap, owner: cpo, reviewed_in: [review]}
cadences:
  review: {title: Review, every: EVERY, chair: cpo}
records:
  r1: {decision: roadmap, raised: 2026-05-20, decided: 2026-05-21}
"""


@pytest.mark.parametrize(
    ("every", "days", "fires"),
    [
        ("weekly", 24, False),  # 24 / 7 = 3.43 meetings: 3
        ("weekly", 25, True),  # 3.57: 4
        ("biweekly", 42, False),  # 3
        ("biweekly", 49, True),  # 3.5, rounded half up: 4
        ("monthly", 90, False),  # 3.21: 3
    ],
)
def test_rc006_needs_at_least_four_meetings(
    tmp_path: Path, every: str, days: int, fires: bool
) -> None:
    (tmp_path / "org.yaml").write_text(MEETING.replace("EVERY", every), encoding="utf-8")
    result = lint_paths([tmp_path], select=["RC006"])
    until = dt.date(2026, 6, 1)
    span = Window(until - dt.timedelta(days=days - 1), until)
    found = list(rc006_meeting_without_decisions.findings(result.org, make_config(), span))
    assert bool(found) is fires


# -- RC007: the message and the direction ------------------------------------------------


def test_rc007_gives_the_value_the_limit_and_four_weekly_values(tmp_path: Path) -> None:
    text = ORG + (
        "  a: {decision: discounts, raised: 2026-05-04, decided: 2026-05-10}\n"  # 6 days
        "  b: {decision: discounts, raised: 2026-05-11, decided: 2026-05-19}\n"  # 8
        "  c: {decision: discounts, raised: 2026-05-20, decided: 2026-05-30}\n"  # 10
        "metrics:\n"
        "  cycle: {title: Cycle, owner: lee, measures: decision-cycle-time, limit: 7d}\n"
    )
    [finding] = findings(tmp_path, text, "RC007")
    assert finding.entities == ("cycle", "lee")
    assert (finding.location.line, finding.location.column) == (20, 75)
    # weeks of 2026-05-05..2026-06-01 from Monday: 05-04, 05-11, 05-18, 05-25, 06-01
    assert finding.message == (
        "metric `cycle`: `decision-cycle-time` for the decisions of Lee Chen (`lee`) is "
        "8 days from 2026-05-05 to 2026-06-01, above its limit 7d; weekly, oldest first: "
        f"{NO_VALUE}, 8 days, 10 days, {NO_VALUE}"  # b in the week of 05-18, c of 05-25
    )


def test_rc007_higher_is_better_for_durability(tmp_path: Path) -> None:
    metric = (
        "metrics:\n"
        "  kept: {title: Kept, owner: vp-sales, measures: delegation-durability, limit: LIMIT}\n"
    )
    text = ORG + (
        "  a: {decision: discounts, raised: 2026-05-10, decided: 2026-05-11, decided_by: lee}\n"
        "  b: {decision: discounts, raised: 2026-05-10, decided: 2026-05-11, decided_by: lee}\n"
        "  c: {decision: discounts, raised: 2026-05-10, decided: 2026-05-11, decided_by: coo}\n"
    )  # 2 of 3 stayed delegated: 67%
    assert findings(tmp_path, text + metric.replace("LIMIT", "67%"), "RC007") == []
    assert findings(tmp_path, text + metric.replace("LIMIT", "68%"), "RC007")


def test_a_limit_written_for_another_indicator_is_gl002(tmp_path: Path) -> None:
    text = ORG.replace("records:\n", "") + (
        "metrics:\n"
        "  a: {title: A, owner: lee, measures: rework-rate, limit: 5d}\n"
        "  b: {title: B, owner: lee, limit: 20%}\n"
        "  c: {title: C, owner: lee, measures: decisions-per-meeting, limit: '1.5'}\n"
    )
    found = findings(tmp_path, text, "GL002")
    assert [(f.location.line, f.location.column) for f in found] == [(16, 59), (17, 36), (18, 69)]
    assert found[0].message == (
        "`limit` is `5d`; for `rework-rate` it must be a percentage from 0% to 100% such as `20%`"
    )
    assert found[1].message == "metric `b` has a `limit` but no `measures`"


# -- RC008 in a memo, and one finding per entry however long the history -----------------


def test_rc008_points_at_record_in_a_memo(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(ORG.replace("records:\n", ""), encoding="utf-8")
    (tmp_path / "q2-discount.md").write_text(
        "---\ngovernance: 1\n# a memo\nrecord:\n  decision: discounts\n  raised: 2026-05-01\n"
        "---\nStill waiting for the numbers.\n",
        encoding="utf-8",
    )
    [finding] = lint_paths([tmp_path], select=["RC008"]).findings
    assert finding.entities == ("q2-discount", "discounts")
    assert Path(finding.location.file).name == "q2-discount.md"
    assert (finding.location.line, finding.location.column) == (4, 1)


def test_a_long_history_gives_one_finding_per_decision(tmp_path: Path) -> None:
    text = ORG + records((60, "decided_by: coo, escalated_to: [coo]"))
    for code in ("RC001", "RC004"):
        assert len(findings(tmp_path, text, code)) == 1


def test_no_records_no_record_findings(tmp_path: Path) -> None:
    text = ORG.replace("records:\n", "") + (
        "cadences:\n  weekly: {title: Weekly, every: weekly, chair: ceo}\n"
    )
    (tmp_path / "org.yaml").write_text(text, encoding="utf-8")
    assert lint_paths([tmp_path], select=["RC"]).findings == []


# -- end to end, through the console script ----------------------------------------------


def test_check_reports_record_rules_and_reads_record_thresholds(tmp_path: Path) -> None:
    text = ORG + records((3, "decided_by: coo"), (8, "decided_by: lee"))  # 27% above
    (tmp_path / "org.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", "--select", "RC", "--format", "json", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # warnings only
    found = [(f["code"], f["line"], f["entities"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [("RC001", 14, ["discounts", "coo"])]
    (tmp_path / ".governance-lint.yaml").write_text(
        "thresholds:\n  max_decided_above_share: 30\n", encoding="utf-8"
    )
    again = run_cli("check", "--select", "RC", "--format", "json", ".", cwd=tmp_path)
    assert json.loads(again.stdout)["findings"] == []
    # another today moves the window: in 2026-09 these April records are out of it
    later = run_cli(
        "check", "--select", "RC001", "--format", "json", ".",
        cwd=tmp_path, env={"GOVERNANCE_LINT_TODAY": "2026-09-01"},
    )  # fmt: skip
    assert json.loads(later.stdout)["findings"] == []


def test_rules_lists_the_record_rules_after_the_structure_rules() -> None:
    listed = [line.split()[0] for line in run_cli("rules").stdout.splitlines() if line.strip()]
    codes = [code for code in listed if code[:2] in ("OR", "RC")]
    assert codes == [f"OR00{n}" for n in range(1, 8)] + [f"RC00{n}" for n in range(1, 9)]
