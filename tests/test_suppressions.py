"""Inline suppressions end to end: line and entry comments, selectors, dates, reasons."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import invoke

HEAD = """governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, reports_to: ceo}
decisions:
"""


def lint(tmp_path: Path, decisions: str, *options: str) -> dict:  # type: ignore[type-arg]
    (tmp_path / "org.yaml").write_text(HEAD + decisions, encoding="utf-8")
    result = invoke(
        "check", "--format", "json", "--select", "GL,DR", *options, str(tmp_path), cwd=tmp_path
    )
    assert result.returncode in (0, 1), result.stderr
    data: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    return data


def codes(data: dict) -> list[tuple[str, int]]:  # type: ignore[type-arg]
    return [(f["code"], f["line"]) for f in data["findings"]]


def test_an_end_of_line_comment_moves_the_finding_to_suppressed_with_its_reason(
    tmp_path: Path,
) -> None:
    data = lint(
        tmp_path,
        "  shift-plan:\n    title: Shifts\n"
        "    owner: coo  # governance-lint: disable=DR004 -- the COO starts in May\n",
    )
    assert codes(data) == []
    [item] = data["suppressed"]
    # the finding is about the vacant role, at its key; the comment at its one listed
    # decision takes that decision out, and with it the whole finding
    assert (item["code"], item["line"], item["reason"], item["until"]) == (
        "DR004",
        6,
        "the COO starts in May",
        None,
    )
    assert list(item)[-2:] == ["reason", "until"]
    assert data["summary"]["suppressed"] == 1


def test_a_comment_above_an_entry_covers_every_finding_of_that_entry(tmp_path: Path) -> None:
    data = lint(
        tmp_path,
        "  # governance-lint: disable=DR004,GL002 -- being reorganised\n"
        "  # (other comment lines may come between)\n"
        "  shift-plan:\n    title: Shifts\n    owner: coo\n    shift: night\n"
        "  hiring:\n    title: Hiring\n",
    )
    assert codes(data) == [("DR001", 14)]  # the next entry is not covered
    assert sorted(i["code"] for i in data["suppressed"]) == ["DR004", "GL002"]


def test_a_blank_line_between_comment_and_entry_breaks_the_link(tmp_path: Path) -> None:
    data = lint(
        tmp_path,
        "  # governance-lint: disable=DR004 -- vacancy\n\n"
        "  shift-plan:\n    title: Shifts\n    owner: coo\n",
    )
    assert codes(data) == [("DR004", 6), ("GL007", 8)]


def test_names_and_prefixes_select_what_is_suppressed(tmp_path: Path) -> None:
    data = lint(
        tmp_path,
        "  a:\n    title: A\n    owner: coo  # governance-lint: disable=vacant-owner -- x\n"
        "  b:\n    title: B\n    owner: coo  # governance-lint: disable=dr -- y\n",
    )
    # both listed decisions are suppressed, so the one finding about `coo` is
    assert codes(data) == [] and len(data["suppressed"]) == 1


def test_until_keeps_it_through_that_day_and_then_reports_again(tmp_path: Path) -> None:
    body = (
        "  a:\n    title: A\n"
        "    owner: coo  # governance-lint: disable=DR004 until=2026-06-01 -- hiring\n"
    )
    active = lint(tmp_path, body)
    assert codes(active) == [] and active["suppressed"][0]["until"] == "2026-06-01"
    (tmp_path / "org.yaml").write_text(HEAD + body)
    expired = json.loads(
        invoke(
            "check",
            "--format",
            "json",
            "--select",
            "DR,GL",
            str(tmp_path),
            env={"GOVERNANCE_LINT_TODAY": "2026-06-02"},
        ).stdout
    )
    assert [(f["code"], f["line"]) for f in expired["findings"]] == [("DR004", 6), ("GL009", 10)]
    assert expired["suppressed"] == []


def test_a_comment_inside_a_quoted_or_block_scalar_suppresses_nothing(tmp_path: Path) -> None:
    data = lint(
        tmp_path,
        '  a:\n    title: "x  # governance-lint: disable=DR004 -- fake"\n'
        "    owner: coo\n"
        "  b:\n    title: |\n      # governance-lint: disable=DR004 -- fake\n"
        "    owner: coo\n"
        "  c:\n    title: plain # governance-lint: disable=DR004 -- real comment\n"
        "    owner: coo\n",
    )
    assert codes(data) == [("DR004", 6), ("GL007", 16)]
    assert data["findings"][0]["entities"] == ["coo", "a", "b", "c"]


def test_input_errors_can_be_suppressed_but_unreadable_files_cannot(tmp_path: Path) -> None:
    data = lint(
        tmp_path,
        "  a:\n    title: A\n    owner: ceo\n"
        "    x-old: 1\n    ownr: ceo  # governance-lint: disable=GL002 -- legacy field\n",
    )
    assert codes(data) == [] and data["suppressed"][0]["code"] == "GL002"
    (tmp_path / "bad.yaml").write_text(
        "governance: 1\nx: !!binary aGk=  # governance-lint: disable=GL006 -- no\n"
    )
    data = json.loads(invoke("check", "--format", "json", "--select", "GL", str(tmp_path)).stdout)
    assert [f["code"] for f in data["findings"]] == ["GL006"]


def test_a_missing_reason_is_gl010_unless_the_configuration_allows_it(tmp_path: Path) -> None:
    body = "  a:\n    title: A\n    owner: coo  # governance-lint: disable=DR004\n"
    assert codes(lint(tmp_path, body)) == [("GL010", 10)]
    (tmp_path / ".governance-lint.yaml").write_text("require_reason: false\n")
    assert codes(lint(tmp_path, body)) == []


def test_the_text_summary_counts_suppressed_findings(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(
        HEAD + "  a:\n    title: A\n    owner: coo  # governance-lint: disable=DR004 -- x\n"
    )
    result = invoke("check", "--select", "DR", str(tmp_path))
    assert result.stdout.endswith("suppressed: 1, files: 1\n") and result.returncode == 0
