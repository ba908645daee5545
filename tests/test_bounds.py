"""Every bound is configurable, shown by --show-config, validated, and reported exactly."""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest

from governance_lint.bounds import Bounds
from governance_lint.config import load
from governance_lint.findings import GovernanceLintError
from governance_lint.reading import loader
from governance_lint.rules import ALL_RULES

from helpers import invoke, lint_paths

DEFAULTS = {
    "max_file_bytes": 8388608,
    "max_depth": 64,
    "max_alias_expansion": 10000,
    "max_nodes": 5000000,
    "max_scalar_shown": 200,
}
COMPANION = "governance: 1\npeople:\n  ana: {name: Ana Lima}\n"


def test_the_defaults_are_the_contracts() -> None:
    assert {name: getattr(Bounds(), name) for name in DEFAULTS} == DEFAULTS


def test_show_config_lists_every_bound_with_its_source(tmp_path: Path) -> None:
    (tmp_path / ".governance-lint.yaml").write_text("bounds:\n  max_nodes: 1000\n")
    lines = invoke("check", "--show-config", cwd=tmp_path).stdout.splitlines()
    bounds = [line for line in lines if line.startswith("bounds.")]
    assert bounds == [
        f"bounds.{name}: {1000 if name == 'max_nodes' else value}  # "
        + (".governance-lint.yaml" if name == "max_nodes" else "default")
        for name, value in DEFAULTS.items()
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("max_depth: 0", "bounds.max_depth: must be at least 1"),
        ("max_nodes: -5", "bounds.max_nodes: must be at least 1"),
        ("max_depth: 1001", "bounds.max_depth: must be at most 1000"),
        ("max_file_bytes: 1073741825", "bounds.max_file_bytes: must be at most 1073741824"),
        ("max_alias_expansion: 10000001", "bounds.max_alias_expansion: must be at most 10000000"),
        ("max_alias_expansion: 1.0", "bounds.max_alias_expansion: must be a whole number"),
        ("max_file_bytes: '10'", "bounds.max_file_bytes: must be a whole number"),
        ("max_scalar_shown: true", "bounds.max_scalar_shown: must be a whole number"),
        (
            "max_scalar_shown: 010",
            "bounds.max_scalar_shown: `010` is read as 8 (YAML 1.1); write 8",
        ),
        ("max_nodes: 1:30", "bounds.max_nodes: `1:30` is read as 90 (YAML 1.1); write 90"),
        ("max_nodes: 0x10", "bounds.max_nodes: `0x10` is read as 16 (YAML 1.1); write 16"),
        ("max_lines: 3", "bounds.max_lines: unknown key"),
    ],
)
def test_a_bad_bound_is_status_2_naming_the_key_and_its_line(
    written: str, message: str, tmp_path: Path
) -> None:
    (tmp_path / "org.yaml").write_text(COMPANION)
    (tmp_path / ".governance-lint.yaml").write_text(f"cache: true\nbounds:\n  {written}\n")
    result = invoke("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"governance-lint: error: .governance-lint.yaml:3: {message}\n"


def test_a_threshold_written_in_octal_is_refused_but_a_fraction_is_left_to_its_check(
    tmp_path: Path,
) -> None:
    (tmp_path / "org.yaml").write_text(COMPANION)
    (tmp_path / ".governance-lint.yaml").write_text("thresholds:\n  max_approvals: 010\n")
    assert invoke("check", cwd=tmp_path).stderr.endswith(
        "thresholds.max_approvals: `010` is read as 8 (YAML 1.1); write 8\n"
    )
    (tmp_path / ".governance-lint.yaml").write_text("thresholds:\n  max_approvals: 2.5\n")
    assert "YAML 1.1" not in invoke("check", cwd=tmp_path).stderr


def test_bounds_in_pyproject_are_checked_at_their_line(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(COMPANION)
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.governance-lint.bounds]\nmax_depth = 8\nmax_nodes = 2.0\n"
    )
    result = invoke("check", cwd=tmp_path)
    assert result.stderr == (
        "governance-lint: error: pyproject.toml:6: bounds.max_nodes: must be a whole number\n"
    )


def _one(tmp_path: Path, text: str | bytes, **bounds: int) -> list[tuple[str, int, int, str]]:
    target = tmp_path / "case.yaml"
    target.write_bytes(text.encode() if isinstance(text, str) else text)
    report = lint_paths([target], cwd=tmp_path, bounds=Bounds(**bounds))
    return [
        (f.code, f.location.line, f.location.column, f.message)
        for f in report.findings
        if f.code in ("GL001", "GL006")
    ]


def test_each_bound_is_gl006_at_the_node_that_crosses_it(tmp_path: Path) -> None:
    nested = "governance: 1\nx-a:\n  b:\n    c: [d, {e: f}]\n"
    assert _one(tmp_path, nested, max_depth=4)[0][:3] == ("GL006", 4, 12)
    assert _one(tmp_path, nested, max_depth=5) == []
    # nodes: map, governance, 1, x-a, map, b, map, c, list, d, map (11th), e, f
    assert _one(tmp_path, nested, max_nodes=10)[0][:3] == ("GL006", 4, 12)
    assert _one(tmp_path, nested, max_nodes=13) == []
    aliases = "governance: 1\nx-a: &a [1, 2, 3]\nx-b: [*a, *a, *a]\n"
    # each *a adds the list and its 3 items
    assert _one(tmp_path, aliases, max_alias_expansion=11)[0][:3] == ("GL006", 3, 15)
    assert _one(tmp_path, aliases, max_alias_expansion=12) == []
    assert _one(tmp_path, "governance: 1\n", max_file_bytes=13)[0][:3] == ("GL006", 1, 1)
    assert _one(tmp_path, "governance: 1\n", max_file_bytes=14) == []


def test_an_alias_that_nests_past_max_depth_is_refused_at_the_alias(tmp_path: Path) -> None:
    text = "governance: 1\nx-a: &a [[[x]]]\nx-b: [[*a]]\n"
    # the copy of *a (three levels) inside two lists under the top-level mapping: depth 6
    found = _one(tmp_path, text, max_depth=5)
    assert found[0][:3] == ("GL006", 3, 8) and "nests deeper than 5" in found[0][3]
    assert _one(tmp_path, text, max_depth=6) == []


def test_at_most_the_bound_and_one_more_byte_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    real_read = os.read

    def counting_read(descriptor: int, size: int) -> bytes:
        asked.append(size)
        return real_read(descriptor, size)

    with open(tmp_path / "big.yaml", "wb") as handle:
        handle.truncate(1 << 30)
    monkeypatch.setattr(loader.os, "read", counting_read)
    report = lint_paths([tmp_path / "big.yaml"], bounds=Bounds(max_file_bytes=3_000_000))
    assert [f.code for f in report.findings] == ["GL006"]
    assert sum(asked) == 3_000_001


def test_max_scalar_shown_cuts_messages_and_excerpts(tmp_path: Path) -> None:
    long_key = "k" * 300
    (tmp_path / "org.yaml").write_text(
        f'governance: 1\npeople:\n  ana: {{name: Ana, "{long_key}": 1}}\nx-a: !{"t" * 300} x\n'
    )
    (tmp_path / "alias.yaml").write_text(f"governance: 1\nx-a: &{'a' * 300} [*{'a' * 300}]\n")
    (tmp_path / ".governance-lint.yaml").write_text("bounds:\n  max_scalar_shown: 20\n")
    result = invoke("check", cwd=tmp_path)
    findings = json.loads(invoke("check", "--format", "json", cwd=tmp_path).stdout)["findings"]
    assert {f["code"] for f in findings} == {"GL006"}  # the tag refuses org.yaml first
    messages = " ".join(f["message"] for f in findings)
    assert "`!" + "t" * 18 + "…`" in messages and "`*" + "a" * 19 + "…`" in messages
    excerpts = [line for line in result.stdout.splitlines() if re.match(r"\s+\d+ \| ", line)]
    assert excerpts and all(len(line.split(" | ", 1)[1]) <= 20 for line in excerpts)


def test_an_unreadable_file_is_a_finding_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.yaml").write_text(COMPANION)
    (tmp_path / "b.yaml").write_text("governance: 1\npeople:\n  bo: {name: Bo, nam: x}\n")
    real_open = os.open

    def refusing_open(path: str, flags: int, *args: int, dir_fd: int | None = None) -> int:
        if str(path).endswith("a.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args, dir_fd=dir_fd)

    monkeypatch.setattr(loader.os, "open", refusing_open)
    report = lint_paths([tmp_path])
    assert [(f.code, f.location.file, f.message) for f in report.findings][:1] == [
        ("GL006", "a.yaml", "cannot be read: permission denied")
    ]
    assert ("GL002", "b.yaml") in {(f.code, f.location.file) for f in report.findings}


def test_configured_paths_must_stay_inside_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    (repo / "gov").mkdir()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", repo / "escape")
    for paths, ok in [
        ("[../gov]", True),  # from sub/, still inside the work tree
        ("[../../elsewhere]", False),
        (f"[{tmp_path / 'elsewhere'}]", False),
        ("[../escape]", False),  # a link that leaves the work tree
    ]:
        (repo / "sub" / ".governance-lint.yaml").write_text(f"paths: {paths}\n")
        if ok:
            load(ALL_RULES, cwd=str(repo / "sub"))
        else:
            with pytest.raises(GovernanceLintError, match="is outside the repository"):
                load(ALL_RULES, cwd=str(repo / "sub"))


def test_suppressions_are_looked_up_by_line_and_entry_in_file_order(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(
        "governance: 1\n"
        "# governance-lint: disable=GL002 -- the whole entry\n"
        "people:\n"
        "  # governance-lint: disable=GL002 -- first, for the entry\n"
        "  ana: {nam: x}  # governance-lint: disable=GL002 -- second, same line\n"
        "  bo: {name: Bo, nam: x}  # governance-lint: disable=schema-violation -- on its line\n"
        "  cy: {name: Cy, nam: x}\n"
    )
    report = lint_paths([tmp_path])
    reasons = sorted((s.finding.location.line, s.reason or "") for s in report.suppressed)
    assert reasons == [
        (5, "first, for the entry"),
        (5, "first, for the entry"),
        (6, "on its line"),
    ]
    assert [(f.code, f.location.line) for f in report.findings if f.code == "GL002"] == [
        ("GL002", 7)
    ]


def test_values_are_shown_cut_without_writing_them_out_whole() -> None:
    from governance_lint.display import shown

    deep: list[object] = []
    inner = deep
    for _ in range(5_000):  # str() of this overflows the stack
        inner.append([])
        inner = inner[0]  # type: ignore[assignment]
    assert shown(deep, 6) == "[[[[[…"
    assert shown(list(range(10**6)), 12) == "[0, 1, 2, 3…"
    assert shown({"a": ["b\x1b", None]}, 200) == "{'a': ['b\\x1b', None]}"
    assert shown("line\nbreak", 200) == "line\\u000abreak"
