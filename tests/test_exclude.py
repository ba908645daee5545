"""exclude patterns: gitignore semantics, in time linear in the path whatever the pattern."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import warnings
from pathlib import Path

import pytest

from governance_lint.reading import exclude
from governance_lint.reading.exclude import excluder

from helpers import invoke, run_cli


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
    result = invoke("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("governance-lint: error: .governance-lint.yaml:1: exclude:")
    assert "not a pattern" in result.stderr


# Character classes as git reads them. Each pattern is checked against git itself
# (`git check-ignore`), the reference for "gitignore-style" (cli.md, `exclude`).
CLASS_PATTERNS = [
    "[[a].yaml",  # `[` inside a class is a member (Python's re warns "nested set")
    "[[].yaml",
    "[]a].yaml",  # `]` first is a member
    "[!]a].yaml",
    "[^a].yaml",
    "[a-c].yaml",
    "[a-c-e].yaml",  # after a range, `-` is a member
    "[a-].yaml",
    "[-a].yaml",
    "[!-].yaml",
    "[+--].yaml",  # a range that ends at `-` (re warns "set difference")
    "[\\]].yaml",  # `\` escapes inside a class too
    "[\\a-c].yaml",
    "[[:digit:]].yaml",
    "[[:alpha:][:digit:]].yaml",
    "[![:alpha:]].yaml",
    "[[:upper:]x].yaml",
    "[[:punct:]].yaml",
    "[[:a].yaml",  # not a named class: `[`, `:` and `a`
    "[a&&b].yaml",  # re warns "set intersection", "union", "symmetric difference"
    "[a||b].yaml",
    "[a~~b].yaml",
    "x/[ab]*.yaml",
]
CLASS_NAMES = [f"{char}.yaml" for char in "abcdexAZ19-[]:&|~+,!^\\_ "] + [
    "x/a1.yaml",
    "x/c.yaml",
    "y/a.yaml",
]


def _ignored_by_git(pattern: str, names: list[str], folder: Path) -> set[str]:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    (folder / ".gitignore").write_text(pattern + "\n", encoding="utf-8")
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin", "-z"],
        cwd=folder,
        # `./`: a name starting with `:` would be read as pathspec magic
        input="".join(f"./{name}\0" for name in names),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: nothing ignored
    return {name.removeprefix("./") for name in result.stdout.split("\0") if name}


@pytest.mark.parametrize("pattern", CLASS_PATTERNS)
def test_character_classes_match_what_git_matches_without_a_warning(
    pattern: str, tmp_path: Path
) -> None:
    expected = _ignored_by_git(pattern, CLASS_NAMES, tmp_path / "git")
    re.purge()  # a pattern compiled before would not warn again
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        excluded = excluder([pattern], str(tmp_path))
        found = {name for name in CLASS_NAMES if excluded(str(tmp_path / name), False)}
    assert found == expected


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [("[z-a].yaml", "bad character range z-a"), ("[[:word:]]", "unknown character class")],
)
def test_a_class_git_cannot_match_with_is_status_2(
    pattern: str, reason: str, tmp_path: Path
) -> None:
    (tmp_path / "org.yaml").write_text("governance: 1\n")
    (tmp_path / ".governance-lint.yaml").write_text(json.dumps({"exclude": [pattern]}))
    result = invoke("check", cwd=tmp_path)
    assert (result.returncode, result.stderr.count("\n")) == (2, 1)
    assert result.stderr.startswith(
        f"governance-lint: error: .governance-lint.yaml:1: exclude: not a pattern: `{pattern}`: "
        + reason
    )


def test_a_bracket_that_never_closes_is_an_ordinary_character(tmp_path: Path) -> None:
    excluded = excluder(["team[1.yaml", "[[:alpha:].yaml"], str(tmp_path))
    assert excluded(str(tmp_path / "team[1.yaml"), False)
    assert excluded(str(tmp_path / "[[:alpha:].yaml"), False)
    assert not excluded(str(tmp_path / "team1.yaml"), False)


def test_a_bracket_that_never_closes_is_read_to_the_end_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reading on to the end of the pattern from every `[` costs the square of its length
    (a million `[` took 26 s, and a configuration may hold eight million)."""
    calls = []

    def counted(pattern: str, start: int) -> object:
        calls.append(start)
        return read_class(pattern, start)

    read_class = exclude._class
    monkeypatch.setattr(exclude, "_class", counted)
    assert len(exclude.compile_pattern("a[b" + "[" * 1000)) == 1 + 3 + 1000
    assert calls == [1]


def test_brackets_cost_no_more_than_the_pattern_length(tmp_path: Path) -> None:
    """`[` that never close, and a class of many `[:`, are read once each."""
    (tmp_path / "org.yaml").write_text("governance: 1\n")
    patterns = ["[" * 200_000, "[" + "[:" * 100_000 + "x].yaml"]
    (tmp_path / ".governance-lint.yaml").write_text(json.dumps({"exclude": patterns}))
    result = run_cli("check", "--show-config", cwd=tmp_path, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
