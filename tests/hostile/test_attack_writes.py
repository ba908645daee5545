"""Writes: every file governance-lint writes is a new file put in place, never a link
followed, and the standard streams fail as one error line, never a traceback.

A pull request controls every name in its checkout, so each way of naming an output
(`--format FMT=FILE`, `check -o`, `report -o`, `matrix -o`, `graph -o`) is tried with
the name committed as a link, as a folder, as a FIFO and under a linked folder.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import EXAMPLES, SCRIPT, run_cli

FAULTY = str(EXAMPLES / "series-c-saas" / "before")
WAYS = {
    "check FMT=FILE": ("check", "--format", "sarif={out}", FAULTY),
    "check -o": ("check", "--format", "json", "-o", "{out}", FAULTY),
    "report -o": ("report", "-o", "{out}", FAULTY),
    "matrix -o": ("matrix", "-o", "{out}", FAULTY),
    "graph -o": ("graph", "-o", "{out}", FAULTY),
}


def run_way(way: tuple[str, ...], out: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*(part.format(out=out) for part in way), cwd=cwd)


@pytest.mark.parametrize("way", WAYS.values(), ids=WAYS.keys())
def test_an_output_named_as_a_link_is_refused_and_its_target_untouched(
    tmp_path: Path, way: tuple[str, ...]
) -> None:
    target = tmp_path / "running-script.sh"
    target.write_text("#!/bin/bash\necho safe\n")
    (tmp_path / "out.txt").symlink_to(target)
    result = run_way(way, "out.txt", tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "governance-lint: error: cannot write out.txt: it is a symbolic link, not a regular file\n"
    )
    assert target.read_text() == "#!/bin/bash\necho safe\n"
    assert (tmp_path / "out.txt").is_symlink()


@pytest.mark.parametrize("way", WAYS.values(), ids=WAYS.keys())
def test_an_output_under_a_linked_folder_is_refused(tmp_path: Path, way: tuple[str, ...]) -> None:
    elsewhere = tmp_path / "hooks"
    elsewhere.mkdir()
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "reports").symlink_to(elsewhere)
    result = run_way(way, "reports/out.txt", tmp_path / "repo")
    assert result.returncode == 2
    assert result.stderr == (
        "governance-lint: error: cannot write reports/out.txt: "
        "`reports` is a symbolic link, not a folder\n"
    )
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(
    "make, kind",
    [
        (lambda p: p.mkdir(), "a folder"),
        (lambda p: os.mkfifo(p), "a FIFO, device or socket"),
    ],
    ids=["folder", "fifo"],
)
def test_an_output_that_is_not_a_regular_file_is_refused(
    tmp_path: Path, make: Callable[[Path], object], kind: str
) -> None:
    make(tmp_path / "out.sarif")
    result = run_cli("check", "--format", "sarif=out.sarif", FAULTY, cwd=tmp_path, timeout=30)
    assert result.returncode == 2
    assert result.stderr == (
        f"governance-lint: error: cannot write out.sarif: it is {kind}, not a regular file\n"
    )


def test_an_existing_file_is_replaced_whole_and_a_reader_keeps_the_old_bytes(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out.json"
    out.write_text("old contents, longer than nothing at all\n" * 100)
    with out.open("rb") as reader:  # as bash holds the script it is running
        result = run_cli(
            "check", "--no-cache", "--format", "json", "-o", "out.json", FAULTY, cwd=tmp_path
        )
        assert result.returncode == 1
        assert reader.read().startswith(b"old contents")
    assert out.read_text().startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary left


def test_temporary_names_taken_by_planted_links_are_skipped(tmp_path: Path) -> None:
    """Names in the folder that look like temporary files are never opened."""
    target = tmp_path / "victim"
    target.write_text("keep\n")
    for index in range(50):
        (tmp_path / f".out.json.{index:016x}.tmp").symlink_to(target)
    assert (
        run_cli("check", "--format", "json", "-o", "out.json", FAULTY, cwd=tmp_path).returncode == 1
    )
    assert target.read_text() == "keep\n"


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "GOVERNANCE_LINT_TODAY": "2026-06-01"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        ["bash", "-c", command.replace("LINT", str(SCRIPT))],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_closed_standard_output_is_one_error_line(tmp_path: Path) -> None:
    healthy = EXAMPLES / "healthy"
    result = _shell(f"LINT check {healthy} >&-", tmp_path)
    assert (result.returncode, result.stderr) == (
        2,
        "governance-lint: error: cannot write standard output: it is closed\n",
    )


def test_a_closed_standard_output_is_fine_when_every_format_goes_to_a_file(
    tmp_path: Path,
) -> None:
    healthy = EXAMPLES / "healthy"
    result = _shell(f"LINT check --format sarif=out.sarif {healthy} >&-", tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / "out.sarif").read_text().startswith("{")


@pytest.mark.parametrize("folder, status", [("healthy", 0), ("series-c-saas/before", 1)])
def test_a_closed_standard_error_keeps_the_exit_status(
    tmp_path: Path, folder: str, status: int
) -> None:
    result = _shell(f"LINT check {EXAMPLES / folder} 2>&-", tmp_path)
    assert result.returncode == status
    assert "Traceback" not in result.stdout and "errors: " in result.stdout


def test_a_full_standard_output_is_one_error_line(tmp_path: Path) -> None:
    result = _shell(f"LINT check {EXAMPLES / 'healthy'} >/dev/full", tmp_path)
    assert (result.returncode, result.stderr) == (
        2,
        "governance-lint: error: cannot write standard output: No space left on device\n",
    )


def test_a_closed_standard_output_is_never_handed_to_a_file_opened_later(tmp_path: Path) -> None:
    """With descriptor 1 closed, the SARIF file would be opened as descriptor 1 and the
    text output written into it."""
    result = _shell(
        f"LINT check --format sarif=out.sarif --format text {EXAMPLES / 'healthy'} >&-",
        tmp_path,
    )
    assert result.returncode == 2
    assert (tmp_path / "out.sarif").read_text().startswith("{")


@pytest.mark.parametrize("code_point", [0x85, 0x2028, 0x2029])
def test_an_error_line_shows_unicode_line_breaks_as_escapes(
    tmp_path: Path, code_point: int
) -> None:
    # a YAML escape, so the value really holds the character (raw, YAML would fold it)
    (tmp_path / ".governance-lint.yaml").write_text(f'select: ["x\\u{code_point:04x}y"]\n')
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2 and f"`x\\u{code_point:04x}y`" in result.stderr, result.stderr
    assert chr(code_point) not in result.stderr and result.stderr.count("\n") == 1
