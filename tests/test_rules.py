"""Every rule against its failing and passing fixture, through the whole pipeline."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from governance_lint.rules import ALL_RULES

from conftest import ROOT, expectations, lint_paths

FIXTURES = ROOT / "tests" / "rules"
INPUT_RULES = ["GL001", "GL002", "GL003", "GL004", "GL005", "GL006", "GL008"]


def fixture(rule: ModuleType, kind: str) -> Path:
    folder = FIXTURES / rule.CODE / kind
    return folder if folder.is_dir() else folder.with_suffix(".yaml")


def observed(path: Path, select: list[str]) -> list[tuple[str, str, int, int, tuple[str, ...]]]:
    report = lint_paths([path], select=select)
    return sorted(
        (Path(f.location.file).name, f.code, f.location.line, f.location.column, f.entities)
        for f in report.findings
    )


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.CODE)
def test_the_failing_fixture_gives_exactly_the_findings_it_expects(rule: ModuleType) -> None:
    path = fixture(rule, "fail")
    expected = expectations(path)
    assert expected, f"{path} names no expected finding"
    assert observed(path, [rule.CODE]) == expected


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.CODE)
def test_the_passing_fixture_is_valid_and_gives_no_finding(rule: ModuleType) -> None:
    path = fixture(rule, "pass")
    assert observed(path, [rule.CODE, *INPUT_RULES]) == []


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.CODE)
def test_the_passing_fixture_still_defines_what_the_failing_one_is_about(
    rule: ModuleType,
) -> None:
    failing = lint_paths([fixture(rule, "fail")], select=[rule.CODE]).org.entities
    passing = lint_paths([fixture(rule, "pass")], select=[rule.CODE]).org.entities
    named = {entities[0] for *_, entities in expectations(fixture(rule, "fail")) if entities}
    assert {entity for entity in named if entity in failing} <= set(passing)
