"""Attacks through the configuration, which a pull request can change like any file.

A hostile `.governance-lint.yaml` or `pyproject.toml` is status 2 with exactly one line,
`governance-lint: error: FILE:LINE: KEY: ...`, naming the file, and the key and its line
where the contract says (cli.md, Configuration, "Errors"): never an internal error, a
traceback, a Python warning, or a run that eats the machine. `--show-config` escapes the
control characters of every value it shows, as every other output does (SECURITY.md,
"Output cannot be hijacked").
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli

ORG = (
    "governance: 1\n"
    "organization: {name: Acme, final_authority: ceo}\n"
    "people:\n  p: {name: Priya}\n"
    "roles:\n  ceo: {title: CEO, holder: p}\n"
)
# C1 controls, U+2028 and U+2029: never raw in what a terminal or a CI log shows
RAW = re.compile("[\x80-\x9f\u2028\u2029]")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git work tree with one clean governance file."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "governance").mkdir()
    (tmp_path / "governance" / "org.yaml").write_text(ORG, encoding="utf-8")
    return tmp_path


def no_noise(result: subprocess.CompletedProcess[str]) -> None:
    """Nothing of Python's own reaches the user."""
    for word in ("Traceback", "internal error", "Warning"):
        assert word not in result.stderr, result.stderr


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one status-2 line, without its prefix."""
    no_noise(result)
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n"), result.stderr
    assert result.stderr.startswith("governance-lint: error: "), result.stderr
    return result.stderr.removeprefix("governance-lint: error: ").removesuffix("\n")


# -- --show-config shows every value escaped ------------------------------------------


def test_show_config_escapes_c1_controls_and_line_separators(repo: Path) -> None:
    odd = "a\x85b\u2028c"
    (repo / "governance" / odd).mkdir()
    (repo / "governance" / odd / "org.yaml").write_text(ORG, encoding="utf-8")
    config = "conf\x9b-.yaml"
    (repo / config).write_text(
        json.dumps({"paths": [f"governance/{odd}"], "exclude": ["x\x9b2J", "y\u2029"]}),
        encoding="utf-8",
    )
    result = run_cli("check", "--show-config", "--config", config, cwd=repo)
    no_noise(result)
    assert result.returncode == 0 and result.stderr == ""
    assert not RAW.search(result.stdout)
    lines = result.stdout.split("\n")
    # each value still reads as JSON for the same text: \u escapes are JSON escapes
    assert lines[0] == 'paths: ["governance/a\\u0085b\\u2028c"]  # conf\\u009b-.yaml'
    assert lines[1] == 'exclude: ["x\\u009b2J", "y\\u2029"]  # conf\\u009b-.yaml'
    assert json.loads(lines[1].split(": ", 1)[1].split("  # ")[0]) == ["x\x9b2J", "y\u2029"]


# -- exclude patterns: no Python warning, gitignore's meaning ---------------------------


@pytest.mark.parametrize(
    ("pattern", "excluded"),
    [
        # `[` inside a class is an ordinary character: the class is `[` or `a`
        ("[[a].yaml", {"a.yaml", "[.yaml"}),
        ("[[:digit:]].yaml", {"1.yaml"}),
        ("[a&&b].yaml", {"a.yaml", "b.yaml", "&.yaml"}),
        ("[a||b].yaml", {"a.yaml", "b.yaml", "|.yaml"}),
        ("[a~~b].yaml", {"a.yaml", "b.yaml", "~.yaml"}),
        ("[+--].yaml", {"+.yaml", ",.yaml", "-.yaml"}),
    ],
)
def test_an_exclude_pattern_prints_no_warning_and_means_what_gitignore_means(
    repo: Path, pattern: str, excluded: set[str]
) -> None:
    names = {"a.yaml", "b.yaml", "c.yaml", "[.yaml", "1.yaml", "&.yaml", "|.yaml", "~.yaml"}
    names |= {"+.yaml", ",.yaml", "-.yaml"}
    for name in names:
        (repo / "governance" / name).write_text("governance: 1\nroles: [\n", encoding="utf-8")
    (repo / ".governance-lint.yaml").write_text(
        json.dumps({"exclude": [pattern], "select": ["GL001"]}), encoding="utf-8"
    )
    # --no-cache: this is about which files a walk reads, not about the cache
    result = run_cli("check", "--no-cache", "--format", "json", "governance", cwd=repo)
    no_noise(result)
    assert result.returncode == 1 and result.stderr == ""
    reported = {finding["file"] for finding in json.loads(result.stdout)["findings"]}
    assert reported == {f"governance/{name}" for name in names - excluded}
