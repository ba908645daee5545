"""Several outputs in one run: `--format FMT=FILE`, at most one format on standard output."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import EXAMPLES, invoke, run_cli, run_cli_together, valid_sarif

SAAS = EXAMPLES / "series-c-saas"
FORMATS = ("text", "json", "sarif", "github", "markdown")


def alone(name: str) -> str:
    return invoke("check", "--format", name, "before", cwd=SAAS).stdout


def test_one_run_writes_every_format_each_as_a_run_of_its_own_would(tmp_path: Path) -> None:
    files = {name: tmp_path / f"out.{name}" for name in FORMATS if name != "github"}
    files["json"].write_text("x" * 100_000)  # an existing file is truncated, not appended to
    args = [arg for name, path in files.items() for arg in ("--format", f"{name}={path}")]
    result = invoke("check", "--format", "github", *args, "before", cwd=SAAS)
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout == alone("github") and result.stdout.startswith("::error file=")
    for name, path in files.items():
        assert path.read_text(encoding="utf-8") == alone(name), name
    valid_sarif(files["sarif"].read_text(encoding="utf-8"))


def test_every_format_to_a_file_leaves_standard_output_empty(tmp_path: Path) -> None:
    result = run_cli(
        "check", "--format", f"sarif={tmp_path / 'a'}", "--format", f"json={tmp_path / 'b'}",
        "before", cwd=SAAS,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (1, "")
    assert (tmp_path / "a").read_text().startswith('{\n  "$schema"')


def test_github_is_the_default_inside_github_actions() -> None:
    result = run_cli("check", "before", cwd=SAAS, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout == alone("github")
    statistics = run_cli(
        "check", "--statistics", "before", cwd=SAAS, env={"GITHUB_ACTIONS": "true"}
    )
    assert re.fullmatch(r"(\d+ [A-Z]{2}\d{3} [a-z-]+\n)+", statistics.stdout)


def _one_line_error(result: object) -> str:
    assert result.returncode == 2, result.stdout  # type: ignore[attr-defined]
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert stderr.count("\n") == 1 and stderr.startswith("governance-lint: error: ")
    return stderr


def test_bad_format_combinations_are_status_2(tmp_path: Path) -> None:
    two = invoke("check", "--format", "github", "--format", "sarif", "before", cwd=SAAS)
    assert "at most one --format" in _one_line_error(two)
    every = invoke("check", "--format", f"sarif={tmp_path / 'a'}", "-o", "x", "before", cwd=SAAS)
    assert "-o/--output" in _one_line_error(every)
    assert "file name" in _one_line_error(invoke("check", "--format", "sarif=", "before", cwd=SAAS))
    unwritable = invoke("check", "--format", f"markdown={tmp_path}", "before", cwd=SAAS)
    assert "cannot write" in _one_line_error(unwritable)
    assert unwritable.stdout == ""  # files are written first: nothing half done on stdout


def test_every_format_is_byte_identical_whatever_the_hash_seed(tmp_path: Path) -> None:
    seeds = ("0", "1", "4242")
    runs = []
    for seed in seeds:
        (tmp_path / seed).mkdir()
        args = [
            a for name in FORMATS[:-1] for a in ("--format", f"{name}={tmp_path / seed / name}")
        ]
        runs.append(("check", *args, "--format", "markdown", str(EXAMPLES)))
    outputs = set()
    for seed, result in zip(
        seeds, run_cli_together(*runs, envs=[{"PYTHONHASHSEED": s} for s in seeds]), strict=True
    ):
        written = tuple(
            (tmp_path / seed / name).read_text(encoding="utf-8") for name in FORMATS[:-1]
        )
        outputs.add((result.stdout, *written))
    assert len(outputs) == 1
