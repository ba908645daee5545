"""The report's Indicators section: its figures, weekly series, the decisions pulled up
the most and the meetings that decided nothing, worked out by hand from the records of
examples/bottleneck-in-practice; its sparklines; and its escaping."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

from governance_lint.linter import lint
from governance_lint.output.html import environment
from governance_lint.output.html.indicators_section import figure_text, indicators_context
from governance_lint.output.views.indicators_view import (
    IdleMeeting,
    PulledUp,
    indicators_view,
    sparkline,
)
from governance_lint.result import Result

from helpers import EXAMPLES, make_config

STORY = EXAMPLES / "bottleneck-in-practice"
LAST_DAY = dt.date(2026, 11, 29)


def _lint(folder: Path, today: dt.date) -> Result:
    config = dataclasses.replace(make_config(), today=today)
    with contextlib.chdir(folder):
        return lint(["."], config)


def test_the_window_and_the_five_figures() -> None:
    view = indicators_view(_lint(STORY, LAST_DAY).org, LAST_DAY)
    assert view is not None
    assert (view.window.since, view.window.until) == (dt.date(2026, 9, 1), LAST_DAY)
    assert view.records == 35
    figures = {item.name: item.value for item in view.indicators}
    assert figures == {
        "decision-cycle-time": 3,
        "escalation-frequency": 13,
        "delegation-durability": 73,
        "rework-rate": 6,
        "decisions-per-meeting": Decimal("0.53"),
    }
    assert (view.cycle_p90, view.open_past_due) == (9, 1)


def test_a_weekly_series_per_figure() -> None:
    view = indicators_view(_lint(STORY, LAST_DAY).org, LAST_DAY)
    assert view is not None
    # the 13 Mondays from 31 August (whose week holds 1 to 6 September) to 23 November
    assert view.weeks == tuple(dt.date(2026, 8, 31) + dt.timedelta(weeks=n) for n in range(13))
    escalation = next(item for item in view.indicators if item.name == "escalation-frequency")
    # 1-6 Sep: nothing decided; 7-13 Sep: 1 of 4 (tcr-0902); 14-20: 1 of 2 (tcr-0909);
    # 21-27: 0 of 2; 28 Sep-4 Oct: 1 of 2 (tcr-0922); October none; 9-15 Nov: 1 of 5
    assert escalation.weekly == (None, 25, 50, 0, 50, 0, 0, 0, 0, 0, 20, 0, 0)


def test_the_decisions_pulled_up_the_most_and_the_meetings_that_decided_nothing() -> None:
    view = indicators_view(_lint(STORY, LAST_DAY).org, LAST_DAY)
    assert view is not None
    assert view.pulled_up == (
        PulledUp("staffing-allocation", 3, 9, (("managing-partner", 3),)),
        PulledUp(
            "technology-change-requests",
            3,
            8,
            (("managing-partner", 2), ("technology-practice-lead", 1)),
        ),
        PulledUp("consultant-hiring", 1, 5, (("managing-partner", 1),)),
        PulledUp("strategy-change-requests", 1, 3, (("strategy-practice-lead", 1),)),
    )
    # the partner meeting reviews client acceptance and pricing (records in the window)
    # and proposal bids (none); no record was decided in it. The monthly firm review
    # decided two expense exceptions; the quarterly forecast's decisions have no record.
    assert view.idle_meetings == (
        IdleMeeting("weekly-partner-meeting", ("client-acceptance", "engagement-pricing")),
    )


def test_no_section_without_records() -> None:
    report = _lint(EXAMPLES / "professional-services-bottleneck" / "after", LAST_DAY)
    assert indicators_view(report.org, LAST_DAY) is None
    assert indicators_context(report) is None


def test_a_sparkline_breaks_where_a_week_has_no_value() -> None:
    # 120 x 28 with 3 of padding: x steps of 114/4 = 28.5; 0 at the bottom (25), 10 at
    # the top (3), 5 halfway (14)
    drawn = sparkline([None, 0, 10, None, 5])
    assert drawn.lines == ("31.5,25 60,3",)
    assert drawn.dots == ((117.0, 14.0),)
    assert drawn.last == (117.0, 14.0)
    flat = sparkline([Decimal("0.53"), Decimal("0.53")])
    assert flat.lines == ("3,14 117,14",)
    assert sparkline([None, None]).lines == () and sparkline([None]).last is None


def test_figures_read_as_people_read_them() -> None:
    assert figure_text("decision-cycle-time", 3) == "3 days"
    assert figure_text("decision-cycle-time", 1) == "1 day"
    assert figure_text("rework-rate", 6) == "6%"
    assert figure_text("decisions-per-meeting", Decimal("0.50")) == "0.50"
    assert figure_text("delegation-durability", None) == "\u2013"


def test_the_section_escapes_every_value_and_runs_no_script(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(
        """\
governance: 1
organization: {name: Acme, final_authority: ceo}
roles:
  ceo: {title: "CEO <b>boss</b>"}
  cto: {title: CTO, reports_to: ceo}
cadences:
  sync: {title: "<script>alert(1)</script>", every: weekly, chair: ceo}
decisions:
  stack: {title: "Stack & \\"tools\\"", owner: cto, reviewed_in: sync}
records:
  r1: {decision: stack, raised: 2026-11-02, decided: 2026-11-03, decided_by: ceo}
  r2: {decision: stack, raised: 2026-11-09, decided: 2026-11-10, decided_by: ceo}
""",
        encoding="utf-8",
    )
    report = _lint(tmp_path, LAST_DAY)
    context = indicators_context(report)
    assert context is not None
    html = environment().get_template("sections/indicators.html.j2").render(indicators=context)
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Stack &amp; &#34;tools&#34;" in html and "CEO &lt;b&gt;boss&lt;/b&gt;" in html
    assert html.count("<svg") == 5 and html.count("<polyline") >= 1
    assert "2 of 2" in html  # both records pulled up to the CEO
