"""The project keeps its promises to new users and to CI."""

from __future__ import annotations

import re
import subprocess
import sys

from governance_lint.rules import ALL_RULES

from helpers import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.*?)\n```", text, re.S)


def test_readme_starts_with_the_two_commands_a_new_user_needs() -> None:
    install_and_lint, install_and_test = readme_commands()[:2]
    assert "pip install ." in install_and_lint and "governance-lint check examples/" in (
        install_and_lint
    )
    assert "pip install '.[test]'" in install_and_test
    assert install_and_test.rsplit("&& ", 1)[-1].split()[0] == "pytest"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_readme_lists_every_rule_with_its_page() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in ALL_RULES:
        assert f"[{rule.code}](rules/{rule.code}-{rule.name}.md)" in text


def test_the_code_is_ruff_clean() -> None:
    for command in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
