"""Each rule's page is its docstring, on disk under rules/, and its examples are real."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from governance_lint.rules import ALL_RULES, Rule
from governance_lint.rules.pages import file_name, page

from helpers import ROOT, invoke, lint_paths

PAGES = ROOT / "rules"
INPUT_RULES = ["GL001", "GL002", "GL003", "GL004", "GL005", "GL006"]


def yaml_block(text: str, heading: str) -> str:
    section = text.split(f"## {heading}\n", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert match, f"no yaml block under '## {heading}'"
    return match.group(1)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_the_page_on_disk_is_the_rule_docstring(rule: Rule) -> None:
    on_disk = PAGES / file_name(rule)
    assert on_disk.read_text(encoding="utf-8") == page(rule), (
        f"{on_disk} drifted: run `python -m governance_lint.rules.pages rules`"
    )


def test_every_page_belongs_to_a_registered_rule() -> None:
    assert sorted(p.name for p in PAGES.glob("*.md")) == sorted(map(file_name, ALL_RULES))


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_the_page_has_every_section(rule: Rule) -> None:
    text = page(rule)
    for heading in ("What it does", "Why is this bad?", "Example", "Fix"):
        assert f"\n## {heading}\n" in text


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_the_page_example_raises_the_rule_and_the_fix_does_not(rule: Rule, tmp_path: Path) -> None:
    text = page(rule)
    selected = [rule.code] if rule.code.startswith("GL") else [rule.code, *INPUT_RULES]
    for heading, wanted in (("Example", {rule.code}), ("Fix", set())):
        folder = tmp_path / heading
        folder.mkdir()
        (folder / "organization.yaml").write_text(yaml_block(text, heading), encoding="utf-8")
        codes = {finding.code for finding in lint_paths([folder], select=selected).findings}
        assert codes == wanted, f"{heading}: {codes}"


def test_explain_prints_the_page_by_code_and_by_name() -> None:
    rule = next(r for r in ALL_RULES if r.code == "DL001")
    by_code = invoke("explain", "DL001")
    by_name = invoke("explain", "consensus-deadlock")
    assert by_code.returncode == 0 and by_code.stdout == page(rule)
    assert by_name.stdout == by_code.stdout


def test_explain_of_an_unknown_rule_is_one_line_and_status_2() -> None:
    result = invoke("explain", "XX999")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("governance-lint: error: unknown rule `XX999`")
