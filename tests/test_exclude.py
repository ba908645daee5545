"""exclude patterns: gitignore semantics, in time linear in the path whatever the pattern."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from governance_lint.exclude import excluder

from conftest import run_cli


def _reference(pattern: str) -> re.Pattern[str]:
    """The regular expression these patterns used to become (fine on benign patterns)."""
    out, index = [], 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("/**", index) and index + 3 == len(pattern):
            out.append("(?:/.*)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        elif pattern[index] == "[" and "]" in pattern[index + 1 :]:
            end = pattern.index("]", index + 1)
            body = pattern[index + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            index = end + 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    regex = "".join(out)
    return re.compile(regex if "/" in pattern else f"(?:.*/)?{regex}")


PATTERNS = [
    "drafts",
    "drafts/",
    "/drafts",
    "*.yml",
    "team-?.yaml",
    "team-[ab].yaml",
    "team-[!ab].yaml",
    "**/archive",
    "archive/**",
    "a/**/b.yaml",
    "**/*.yaml",
    "old*/*.yaml",
    "**",
]
PATHS = [
    "drafts",
    "drafts/x.yaml",
    "x/drafts/y.yaml",
    "x.yml",
    "dir/x.yml",
    "team-a.yaml",
    "team-c.yaml",
    "team-ab.yaml",
    "archive/2024/q1.yaml",
    "x/archive",
    "a/b.yaml",
    "a/x/y/b.yaml",
    "older/z.yaml",
    "older/deep/z.yaml",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_patterns_match_as_gitignore_patterns_do(pattern: str, tmp_path: Path) -> None:
    excluded = excluder([pattern], str(tmp_path))
    reference = _reference(pattern.lstrip("/").rstrip("/"))
    for path, is_dir in itertools.product(PATHS, (False, True)):
        expected = (is_dir or not pattern.endswith("/")) and bool(reference.fullmatch(path))
        assert excluded(str(tmp_path / path), is_dir) == expected, (pattern, path, is_dir)


def test_negation_and_the_last_matching_pattern_win(tmp_path: Path) -> None:
    excluded = excluder(["*.yaml", "!keep.yaml", "# a comment", ""], str(tmp_path))
    assert excluded(str(tmp_path / "a.yaml"), False)
    assert not excluded(str(tmp_path / "keep.yaml"), False)


def test_a_pathological_pattern_costs_no_more_than_its_length(tmp_path: Path) -> None:
    excluded = excluder(["*a" * 40 + "*b", "**/a" * 40 + "/b"], str(tmp_path))
    long_name = "a" * 4000 + ".yaml"
    deep = "/".join(["a"] * 1000) + "/c.yaml"
    # with regular expressions, the first took longer than the age of the universe
    assert not excluded(str(tmp_path / long_name), False)
    assert not excluded(str(tmp_path / deep), False)


def test_a_pattern_that_is_not_one_is_status_2(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("governance: 1\n")
    (tmp_path / ".governance-lint.yaml").write_text("exclude: ['[z-a].yaml']\n")
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("governance-lint: error: .governance-lint.yaml:1: exclude:")
    assert "not a pattern" in result.stderr
