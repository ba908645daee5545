"""Every rule against its failing and passing fixture, through the whole pipeline."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest

from governance_lint.output.formatters import renderer
from governance_lint.rules import ALL_RULES, Rule

from helpers import ROOT, expectations, lint_paths, plain

FIXTURES = ROOT / "tests" / "rules"
INPUT_RULES = ["GL001", "GL002", "GL003", "GL004", "GL005", "GL006", "GL008"]


def fixture(rule: Rule, kind: str) -> Path:
    folder = FIXTURES / rule.code / kind
    return folder if folder.is_dir() else folder.with_suffix(".yaml")


def selection(path: Path, rule: Rule) -> list[str]:
    """The rule itself, plus the rules a fixture names on a `# lint-select:` line
    (suppression rules need the rules their comments silence to run)."""
    text = (
        "".join(p.read_text() for p in sorted(path.rglob("*.y*ml")))
        if path.is_dir()
        else (path.read_text())
    )
    extra = re.findall(r"# lint-select: (\S+)", text)
    return [rule.code, *(code for line in extra for code in line.split(","))]


def observed(path: Path, select: list[str]) -> list[tuple[str, str, int, int, tuple[str, ...]]]:
    report = lint_paths([path], select=select)
    return sorted(
        (Path(f.location.file).name, f.code, f.location.line, f.location.column, f.entities)
        for f in report.findings
    )


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_the_failing_fixture_gives_exactly_the_findings_it_expects(rule: Rule) -> None:
    path = fixture(rule, "fail")
    expected = expectations(path)
    assert expected, f"{path} names no expected finding"
    codes = {rule.code}
    assert [f for f in observed(path, selection(path, rule)) if f[1] in codes] == expected


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_the_passing_fixture_is_valid_and_gives_no_finding(rule: Rule) -> None:
    path = fixture(rule, "pass")
    assert observed(path, [*selection(path, rule), *INPUT_RULES]) == []


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_the_passing_fixture_still_defines_what_the_failing_one_is_about(
    rule: Rule,
) -> None:
    failing = lint_paths([fixture(rule, "fail")], select=[rule.code]).org.entities
    passing = lint_paths([fixture(rule, "pass")], select=[rule.code]).org.entities
    named = {entities[0] for *_, entities in expectations(fixture(rule, "fail")) if entities}
    assert {entity for entity in named if entity in failing} <= set(passing)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_the_json_output_reports_the_failing_fixture(rule: Rule) -> None:
    """In-process: the console script's JSON is tested on the examples (test_examples)."""
    path = fixture(rule, "fail")
    folder = path if path.is_dir() else path.parent
    result = lint_paths([path], select=selection(path, rule), cwd=folder)
    with contextlib.chdir(folder):
        data = json.loads(renderer("json")(result, plain()))
    reported = sorted(
        (Path(f["file"]).name, f["code"], f["line"], f["column"], tuple(f["entities"]))
        for f in data["findings"]
        if f["code"] == rule.code
    )
    assert reported == expectations(path)
