"""scripts/new_rule.py writes a rule the registry, the pages and the fixture tests accept."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from governance_lint.config import Config, default_thresholds
from governance_lint.linter import lint
from governance_lint.rules import ALL_RULES, Rule
from governance_lint.rules.pages import file_name, page
from governance_lint.rules.registry import RULE_MODULE

ROOT = Path(__file__).resolve().parent.parent
CODE, NAME = "DR099", "example-rule"
INPUT_CODES = tuple(rule.code for rule in ALL_RULES if rule.phase == "input")
_EXPECT = re.compile(r"# expect: ([A-Z]{2}[0-9]{3}):([0-9]+)((?: [^\s#]+)*)")


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repository")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "new_rule.py"), CODE, NAME, "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return root


def load_rule(root: Path) -> Rule:
    """The generated module's declaration, imported from its file."""
    path = root / "governance_lint" / "rules" / "dr099_example_rule.py"
    spec = importlib.util.spec_from_file_location("governance_lint.rules.dr099_example_rule", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rule = module.RULE
    assert isinstance(rule, Rule)
    return rule


def findings(
    path: Path, rule: Rule, select: tuple[str, ...]
) -> list[tuple[str, int, int, tuple[str, ...]]]:
    config = Config(
        rules=(*ALL_RULES, rule),
        thresholds=default_thresholds((*ALL_RULES, rule)),
        select=select,
        today=dt.date(2026, 6, 1),
    )
    with contextlib.chdir(path.parent):
        result = lint([str(path)], config)
    return sorted((f.code, f.location.line, f.location.column, f.entities) for f in result.findings)


def test_the_scaffold_writes_the_module_the_fixtures_and_the_page(scaffolded: Path) -> None:
    written = sorted(str(p.relative_to(scaffolded)) for p in scaffolded.rglob("*") if p.is_file())
    assert written == [
        "governance_lint/rules/dr099_example_rule.py",
        f"rules/{CODE}-{NAME}.md",
        f"tests/rules/{CODE}/fail.yaml",
        f"tests/rules/{CODE}/pass.yaml",
    ]
    assert RULE_MODULE.fullmatch("dr099_example_rule"), "the registry would not discover it"


def test_the_module_declares_the_rule_and_its_page_is_on_disk(scaffolded: Path) -> None:
    rule = load_rule(scaffolded)
    assert (rule.code, rule.name, rule.severity, rule.phase) == (CODE, NAME, "warning", "rules")
    on_disk = scaffolded / "rules" / file_name(rule)
    assert on_disk.read_text(encoding="utf-8") == page(rule)
    for heading in ("What it does", "Why is this bad?", "Example", "Fix"):
        assert f"\n## {heading}\n" in page(rule)


def test_the_failing_fixture_gives_what_it_expects_and_the_passing_one_nothing(
    scaffolded: Path,
) -> None:
    rule = load_rule(scaffolded)
    fail = scaffolded / "tests" / "rules" / CODE / "fail.yaml"
    expected = [
        (code, number, int(column), tuple(entities.split()))
        for number, line in enumerate(fail.read_text(encoding="utf-8").split("\n"), 1)
        for code, column, entities in _EXPECT.findall(line)
    ]
    assert expected and findings(fail, rule, (CODE,)) == expected
    passing = scaffolded / "tests" / "rules" / CODE / "pass.yaml"
    assert findings(passing, rule, (CODE, *INPUT_CODES)) == []


def test_the_page_example_raises_the_rule_and_the_fix_does_not(
    scaffolded: Path, tmp_path: Path
) -> None:
    rule = load_rule(scaffolded)
    for heading, wanted in (("Example", {CODE}), ("Fix", set())):
        block = re.search(r"```yaml\n(.*?)```", page(rule).split(f"## {heading}\n", 1)[1], re.S)
        assert block is not None
        path = tmp_path / heading / "organization.yaml"
        path.parent.mkdir()
        path.write_text(block.group(1), encoding="utf-8")
        assert {code for code, *_ in findings(path, rule, (CODE, *INPUT_CODES))} == wanted


def test_the_generated_module_is_ruff_clean(scaffolded: Path) -> None:
    module = scaffolded / "governance_lint" / "rules" / "dr099_example_rule.py"
    settings = str(ROOT / "pyproject.toml")
    for command in (["check"], ["format", "--check"]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command, "--config", settings, str(module)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_scaffold_refuses_an_unknown_family_and_never_overwrites(scaffolded: Path) -> None:
    script = str(ROOT / "scripts" / "new_rule.py")
    for code in ("XX001", CODE):
        result = subprocess.run(
            [sys.executable, script, code, NAME, "--root", str(scaffolded)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2 and result.stderr.startswith("new_rule: ")
