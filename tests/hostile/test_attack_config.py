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

from helpers import invoke, run_cli

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


# -- hostile values in .governance-lint.yaml ----------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # a NUL cannot be in a file name: the operating system refuses it
        (
            'paths: ["governance\\0x"]\n',
            ".governance-lint.yaml:1: paths.0: must not contain a NUL character",
        ),
        (
            'select: [DR]\npaths:\n  - governance\n  - "governance\\0x"\n',
            ".governance-lint.yaml:4: paths.1: must not contain a NUL character",
        ),
        (
            'exclude: ["drafts/\\0"]\n',
            ".governance-lint.yaml:1: exclude.0: must not contain a NUL character",
        ),
        # rules.md: a threshold is a non-negative number; NaN is not one, and infinity
        # has no JSON form for --show-config
        (
            "thresholds:\n  max_meetings_per_week: .nan\n",
            ".governance-lint.yaml:2: thresholds.max_meetings_per_week: must be a finite number",
        ),
        (
            "thresholds:\n  max_meetings_per_week: .inf\n",
            ".governance-lint.yaml:2: thresholds.max_meetings_per_week: must be a finite number",
        ),
    ],
)
def test_a_hostile_yaml_value_is_one_line_naming_file_key_and_line(
    repo: Path, content: str, expected: str
) -> None:
    (repo / ".governance-lint.yaml").write_text(content, encoding="utf-8")
    assert error_line(invoke("check", "governance", cwd=repo)) == expected


# -- hostile pyproject.toml ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # every table on the way to [tool.governance-lint] may have the wrong type
        ("tool = 1\n", "pyproject.toml:1: tool: must be a table"),
        ('[project]\nname = "x"\n\n[[tool]]\n', "pyproject.toml:4: tool: must be a table"),
        ("tool.governance-lint = 1\n", "pyproject.toml:1: tool.governance-lint: must be a table"),
        (
            '[project]\nname = "x"\n[tool]\ngovernance-lint = "x"\n',
            "pyproject.toml:4: tool.governance-lint: must be a table",
        ),
        (
            "[tool]\ngovernance-lint = [1]\n",
            "pyproject.toml:2: tool.governance-lint: must be a table",
        ),
        (
            '[[tool.governance-lint]]\npaths = ["governance"]\n',
            "pyproject.toml:1: tool.governance-lint: must be a table",
        ),
        (
            '[tool.governance-lint]\nselect = ["DR"]\npaths = ["governance\\u0000x"]\n',
            "pyproject.toml:3: paths.0: must not contain a NUL character",
        ),
        (
            '[tool.governance-lint]\nexclude = [\n  "a",\n  "b\\u0000",\n]\n',
            "pyproject.toml:2: exclude.1: must not contain a NUL character",
        ),
        (
            "[tool.governance-lint.thresholds]\nmax_meetings_per_week = nan\n",
            "pyproject.toml:2: thresholds.max_meetings_per_week: must be a finite number",
        ),
        (
            "[tool.governance-lint.thresholds]\nmax_meetings_per_week = 1e400\n",
            "pyproject.toml:2: thresholds.max_meetings_per_week: must be a finite number",
        ),
        # Python refuses to read a whole number of more than 4300 digits (the time to
        # convert one grows with the square of its length)
        (
            "[tool.governance-lint.thresholds]\nmax_approvals = 1" + "0" * 5000 + "\n",
            "pyproject.toml: cannot be parsed: a whole number of more than 4300 digits",
        ),
        # TOML is UTF-8: bytes that are not are refused, not replaced
        (
            b'[tool.governance-lint]\nselect = ["DR"]\npaths = ["gov\xffernance"]\n',
            "pyproject.toml:3: not valid text",
        ),
    ],
)
def test_a_hostile_pyproject_is_one_line_naming_file_key_and_line(
    repo: Path, content: str | bytes, expected: str
) -> None:
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    (repo / "pyproject.toml").write_bytes(data)
    result = invoke("check", "--config", "pyproject.toml", "governance", cwd=repo)
    assert error_line(result) == expected


def test_a_hostile_pyproject_found_by_discovery_is_the_same_line(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '# lint settings\ntool.governance-lint = "strict"\n[project]\nname = "x"\n',
        encoding="utf-8",
    )
    result = invoke("check", ".", cwd=repo / "governance")
    assert error_line(result) == "../pyproject.toml:2: tool.governance-lint: must be a table"


# The configuration is read with the default bounds (cli.md, Discovery): nesting of
# tables, lists and dotted keys deeper than max_depth (64) is refused before it is
# parsed. Python's TOML reader recurses once per list (100 000 overflow its stack) and
# builds a dotted key of N parts in time and memory growing with N squared (8 000 parts
# took 265 MB; the 1.6 million of an 8 MiB file would take terabytes).
DEEP = 100_000


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("[tool.governance-lint]\nselect = " + "[" * DEEP + "]" * DEEP + "\n", 2),
        ("[other]\nx = " + "{a = " * DEEP + "1" + "}" * DEEP + "\n[tool.governance-lint]\n", 2),
        ('[tool.governance-lint]\npaths = ["governance"]\n\n' + "a." * 5000 + "a = 1\n", 4),
        ("[tool.governance-lint]\n[other]\n" + "b." * 5000 + "b = 1\n", 3),
        ('[tool.governance-lint]\n[other]\nx = """\n]]]\n"""\ny = [' + "[" * 70 + "\n", 6),
    ],
    ids=["lists", "inline-tables", "dotted-key", "dotted-key-elsewhere", "after-a-string"],
)
def test_toml_nested_deeper_than_the_default_bound_is_one_line(
    repo: Path, content: str, line: int
) -> None:
    (repo / "pyproject.toml").write_text(content, encoding="utf-8")
    result = run_cli("check", "--config", "pyproject.toml", "governance", cwd=repo, timeout=60)
    assert error_line(result) == (
        f"pyproject.toml:{line}: cannot be parsed: nesting deeper than 64 levels (bound max_depth)"
    )


def test_toml_nested_as_deep_as_the_bound_is_read(repo: Path) -> None:
    """64 levels (the bound itself) are fine, and brackets, dots and braces inside
    strings and comments are not structure."""
    depth_64 = "[" * 64 + "]" * 64
    (repo / "pyproject.toml").write_text(
        "[tool.governance-lint]\n"
        f'paths = ["governance"]  # [[[[ {"." * 100}\n'
        f'fail_on = "error"\n'
        f"[other]\nx = {depth_64}\n"
        f'y = "{"[" * 100}{"." * 100}"\n'
        f"z = '''{'{' * 100}'''\n",
        encoding="utf-8",
    )
    result = invoke("check", "--config", "pyproject.toml", cwd=repo)
    no_noise(result)
    assert (result.returncode, result.stderr) == (0, "")


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
    result = invoke("check", "--show-config", "--config", config, cwd=repo)
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
    result = invoke("check", "--no-cache", "--format", "json", "governance", cwd=repo)
    no_noise(result)
    assert result.returncode == 1 and result.stderr == ""
    reported = {finding["file"] for finding in json.loads(result.stdout)["findings"]}
    assert reported == {f"governance/{name}" for name in names - excluded}
