"""Configuration: discovery, validation with file and line, selection, severity, thresholds."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from helpers import invoke, run_cli

ORG = """governance: 1
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  coo: {title: Chief Operating Officer, reports_to: ceo}
decisions:
  shift-plan:
    title: Warehouse shift plan
    owner: coo
    approvals: [ceo, ceo]
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git work tree with a governance folder."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "governance").mkdir()
    (tmp_path / "governance" / "org.yaml").write_text(ORG)
    return tmp_path


def findings(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    assert result.returncode in (0, 1), result.stderr
    return [(f["code"], f["severity"]) for f in json.loads(result.stdout)["findings"]]


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    return result.stderr.removeprefix("governance-lint: error: ").rstrip("\n")


def test_the_yaml_file_is_found_in_a_parent_folder_up_to_the_work_tree_root(repo: Path) -> None:
    (repo / ".governance-lint.yaml").write_text("paths: [governance]\nselect: [DR004]\n")
    result = invoke("check", "--format", "json", cwd=repo / "governance")
    assert findings(result) == [("DR004", "error")]


def test_discovery_stops_at_the_work_tree_root(repo: Path) -> None:
    (repo.parent / ".governance-lint.yaml").write_text("select: [nonsense]\n")
    inner = repo / "governance"
    result = invoke("check", "--format", "json", "--select", "DR004", ".", cwd=inner)
    assert findings(result) == [("DR004", "error")]
    (repo.parent / ".governance-lint.yaml").unlink()


def test_pyproject_table_is_read_and_the_yaml_file_wins_in_the_same_folder(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.governance-lint]\nselect = ["DR004"]\n'
        '[tool.governance-lint.severity]\nDR004 = "info"\n'
    )
    assert findings(invoke("check", "--format", "json", "governance", cwd=repo)) == [
        ("DR004", "info")
    ]
    (repo / ".governance-lint.yaml").write_text("select: [DR004]\n")
    assert findings(invoke("check", "--format", "json", "governance", cwd=repo)) == [
        ("DR004", "error")
    ]


def test_config_option_names_the_file(repo: Path, tmp_path: Path) -> None:
    settings = repo / "custom.yaml"
    settings.write_text("select: [DR004]\nseverity: {DR: warning}\n")
    result = invoke("check", "--format", "json", "--config", str(settings), "governance", cwd=repo)
    assert findings(result) == [("DR004", "warning")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("select: [DR004]\ncolour: true\n", ".governance-lint.yaml:2: colour: unknown key"),
        (
            "thresholds:\n  max_aprovals: 3\n",
            ".governance-lint.yaml:2: thresholds.max_aprovals: unknown threshold",
        ),
        (
            "thresholds:\n  max_approvals: 2.5\n",
            ".governance-lint.yaml:2: thresholds.max_approvals: must be a whole number",
        ),
        (
            "fail_on: sometimes\n",
            ".governance-lint.yaml:1: fail_on: must be one of error, warning, info",
        ),
        ("select: DR004\n", ".governance-lint.yaml:1: select: must be a list"),
        (
            "ignore: [DR004, XX1]\n",
            ".governance-lint.yaml:1: ignore: unknown rule code, name or prefix `XX1` (item 2)",
        ),
        (
            "bounds:\n  max_depth: 0\n",
            ".governance-lint.yaml:2: bounds.max_depth: must be at least 1",
        ),
        (
            "severity:\n  DR004: fatal\n",
            ".governance-lint.yaml:2: severity.DR004: must be one of error, warning, info",
        ),
        (
            "paths: [../elsewhere]\n",
            ".governance-lint.yaml:1: paths: `../elsewhere` is outside the repository",
        ),
        ("select: [DR004\n", ".governance-lint.yaml:2: cannot be parsed"),
        # the line of the list item, not of the list
        (
            "select: [DR]\npaths:\n  - governance\n  - 1\n",
            ".governance-lint.yaml:4: paths.1: must be text",
        ),
    ],
)
def test_a_bad_configuration_is_status_2_naming_file_key_and_line(
    repo: Path, content: str, message: str
) -> None:
    (repo / ".governance-lint.yaml").write_text(content)
    assert error_line(invoke("check", "governance", cwd=repo)).startswith(message)


def test_a_bad_pyproject_key_names_the_line_of_the_key(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.governance-lint]\nselect = ["DR004"]\nfail_on = "never"\n'
    )
    assert error_line(invoke("check", "governance", cwd=repo)) == (
        "pyproject.toml:5: fail_on: must be one of error, warning, info"
    )


def test_a_bad_pyproject_list_item_names_the_line_of_its_key(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[tool.governance-lint]\nselect = ["DR"]\npaths = ["governance", 1]\n'
    )
    assert error_line(invoke("check", "governance", cwd=repo)) == (
        "pyproject.toml:3: paths.1: must be text"
    )


def test_select_replaces_and_extend_select_adds(repo: Path) -> None:
    (repo / ".governance-lint.yaml").write_text("select: [DR008]\n")
    assert findings(invoke("check", "--format", "json", "governance", cwd=repo)) == []
    both = invoke("check", "--format", "json", "--extend-select", "DR004", "governance", cwd=repo)
    assert findings(both) == [("DR004", "error")]
    replaced = invoke("check", "--format", "json", "--select", "DR004", "governance", cwd=repo)
    assert findings(replaced) == [("DR004", "error")]


def test_the_most_specific_selector_decides_and_ignore_wins_ties(repo: Path) -> None:
    (repo / ".governance-lint.yaml").write_text(
        "select: [DR]\nignore: [DR00]\nextend_select: [DR004]\n"
        "severity: {D: info, DR004: warning}\n"
    )
    assert findings(invoke("check", "--format", "json", "governance", cwd=repo)) == [
        ("DR004", "warning")
    ]
    (repo / ".governance-lint.yaml").write_text("select: [DR00]\nignore: [dr00]\n")
    assert findings(invoke("check", "--format", "json", "governance", cwd=repo)) == []


def test_a_severity_override_decides_the_exit_status(repo: Path) -> None:
    (repo / ".governance-lint.yaml").write_text("select: [DR004]\nseverity: {DR004: info}\n")
    assert invoke("check", "governance", cwd=repo).returncode == 0
    assert invoke("check", "--fail-on", "info", "governance", cwd=repo).returncode == 1
    (repo / ".governance-lint.yaml").write_text(
        "select: [DR004]\nfail_on: warning\nseverity: {DR004: warning}\n"
    )
    assert invoke("check", "governance", cwd=repo).returncode == 1


def test_show_config_prints_every_setting_with_its_source(repo: Path) -> None:
    (repo / ".governance-lint.yaml").write_text(
        "paths: [governance]\nselect: [DR, ES]\nthresholds: {max_approvals: 1}\n"
    )
    result = invoke("check", "--show-config", "--ignore", "DR003", cwd=repo)
    lines = result.stdout.splitlines()
    assert result.returncode == 0
    assert lines[0] == 'paths: ["governance"]  # .governance-lint.yaml'
    assert 'select: ["DR", "ES"]  # .governance-lint.yaml' in lines
    assert 'ignore: ["DR003"]  # command line' in lines
    assert "thresholds.max_approvals: 1  # .governance-lint.yaml" in lines
    assert "bounds.max_depth: 64  # default" in lines
    assert [line.split(":")[0] for line in lines[:10]] == [
        "paths",
        "exclude",
        "select",
        "extend_select",
        "ignore",
        "extend_ignore",
        "severity",
        "fail_on",
        "require_reason",
        "cache",
    ]
    assert lines[-1].startswith("enabled: DR001, DR002, DR004")


def test_show_config_shows_no_cache_as_cache_off_from_the_command_line(repo: Path) -> None:
    (repo / ".governance-lint.yaml").write_text("cache: true\n")
    shown = invoke("check", "--show-config", "--no-cache", cwd=repo).stdout.splitlines()
    assert "cache: false  # command line" in shown
    assert (
        "cache: true  # .governance-lint.yaml"
        in invoke("check", "--show-config", cwd=repo).stdout.splitlines()
    )


def test_load_takes_the_cache_setting_from_the_command_line_values(repo: Path) -> None:
    from governance_lint.config import load
    from governance_lint.rules import ALL_RULES

    loaded = load(ALL_RULES, cli={"cache": False}, cwd=str(repo))
    assert (loaded.cache, loaded.sources["cache"]) == (False, "command line")


def test_exclude_skips_matching_files_in_walks_but_never_named_paths(repo: Path) -> None:
    (repo / "governance" / "drafts").mkdir()
    (repo / "governance" / "drafts" / "wip.yaml").write_text("governance: 1\nroles: [\n")
    (repo / ".governance-lint.yaml").write_text("exclude: [drafts/]\nselect: [GL001]\n")
    assert findings(invoke("check", "--format", "json", "governance", cwd=repo)) == []
    named = invoke("check", "--format", "json", "governance/drafts/wip.yaml", cwd=repo)
    assert findings(named) == [("GL001", "error")]


def test_an_invalid_today_is_status_2(repo: Path) -> None:
    result = run_cli("check", "governance", cwd=repo, env={"GOVERNANCE_LINT_TODAY": "tomorrow"})
    assert "GOVERNANCE_LINT_TODAY" in error_line(result)
