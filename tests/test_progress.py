"""Progress on standard error: only at a terminal, outside CI, after about a second."""

from __future__ import annotations

import contextlib
import io

import pytest

from governance_lint.linter import lint
from governance_lint.progress import Progress, in_ci, wanted

from helpers import EXAMPLES, make_config, run_cli_together


class FakeTerminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


NO_CI: dict[str, str] = {}


def test_progress_is_wanted_only_at_a_terminal_outside_ci_for_formats_people_read() -> None:
    terminal = FakeTerminal()
    assert wanted(terminal, False, ("text",), NO_CI)
    assert wanted(terminal, False, ("html",), NO_CI)
    assert wanted(terminal, False, ("markdown",), NO_CI)
    assert not wanted(io.StringIO(), False, ("text",), NO_CI), "a pipe or a file"
    assert not wanted(terminal, True, ("text",), NO_CI), "-q"
    for machine in ("json", "sarif", "github", "csv", "mermaid", "dot"):
        assert not wanted(terminal, False, (machine,), NO_CI), machine
    assert not wanted(terminal, False, ("text", "sarif"), NO_CI)
    assert not wanted(terminal, False, ("text",), {"CI": "true"})
    assert not wanted(terminal, False, ("text",), {"GITHUB_ACTIONS": "true"})


@pytest.mark.parametrize(
    ("environ", "ci"),
    [
        ({}, False),
        ({"CI": ""}, False),
        ({"CI": "false"}, False),
        ({"CI": "0"}, False),
        ({"CI": "true"}, True),
        ({"CI": "1"}, True),
        ({"GITHUB_ACTIONS": "true"}, True),
    ],
)
def test_ci_is_recognised_from_the_environment(environ: dict[str, str], ci: bool) -> None:
    assert in_ci(environ) is ci


def test_nothing_is_shown_during_the_first_second() -> None:
    terminal, clock = FakeTerminal(), Clock()
    progress = Progress(terminal, True, clock)
    clock.now += 0.9
    progress.update("files read", 3, 10)
    progress.close()
    assert terminal.getvalue() == ""


def test_after_a_second_one_line_is_redrawn_and_erased_at_the_end() -> None:
    terminal, clock = FakeTerminal(), Clock()
    progress = Progress(terminal, True, clock)
    clock.now += 1.5
    progress.update("files read", 3, 10)
    clock.now += 0.01
    progress.update("files read", 4, 10)  # too soon to redraw
    clock.now += 0.5
    progress.update("rules run", 54, 54)
    progress.close()
    assert terminal.getvalue() == ("\r\033[Kfiles read: 3/10\r\033[Krules run: 54/54\r\033[K")


def test_a_disabled_progress_never_writes() -> None:
    terminal, clock = FakeTerminal(), Clock()
    progress = Progress(terminal, False, clock)
    clock.now += 5
    progress.update("files read", 1, 1)
    progress.close()
    assert terminal.getvalue() == ""


def test_lint_tells_the_hook_about_files_read_and_rules_run() -> None:
    calls: list[tuple[str, int, int]] = []
    healthy = EXAMPLES / "healthy"
    with contextlib.chdir(healthy):
        report = lint([str(healthy)], make_config(), progress=lambda *call: calls.append(call))
    files = [call for call in calls if call[0] == "files read"]
    rules = [call for call in calls if call[0] == "rules run"]
    # every file the walk meets is read: the example's README.md too (to its first line,
    # then skipped as no decision memo), which the files read or reported leave out
    met = report.files + 1
    assert [call[1:] for call in files] == [(n, met) for n in range(1, met + 1)]
    enabled = len(report.config.enabled_rules())
    assert rules[-1] == ("rules run", enabled, enabled)


def test_pipes_never_see_progress() -> None:
    commands = ("check", "graph", "matrix", "report")
    results = run_cli_together(*[(command, str(EXAMPLES / "healthy")) for command in commands])
    for command, result in zip(commands, results, strict=True):
        assert result.returncode == 0
        assert result.stderr == "", command
