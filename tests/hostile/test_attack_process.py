"""A process limit (`ulimit -u`, a container's pids limit) on a large run.

A large run parses and runs rules in a forked child (_speed.py). Where the system
refuses the child, or the thread that drains its pipe, the run must do all the work in
one process and print exactly what it prints otherwise, never "internal error".
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from governance_lint import _speed, linter
from governance_lint.output.formatters import renderer
from governance_lint.reading import read_all as reading
from governance_lint.result import Result

from helpers import lint_paths, plain, run_cli

# More entries than linter.PARALLEL_FROM_ENTRIES (5 000): the rules run on two cores.
PEOPLE = 3_000


def _large_org(folder: Path) -> None:
    lines = ["governance: 1", "people:"]
    lines += [f"  p{n}: {{name: Person {n}}}" for n in range(PEOPLE)]
    lines.append("roles:")
    lines += [f"  r{n}: {{title: R{n}, holder: p{n}, reports_to: r0}}" for n in range(PEOPLE)]
    lines.append("decisions:")
    lines += [f"  d{n}: {{title: D{n}, owner: r{n}}}" for n in range(0, PEOPLE, 6)]
    (folder / "org.yaml").write_text("\n".join(lines) + "\n")


def _output(report: Result) -> str:
    return renderer("json")(report, plain()) + renderer("text")(report, plain())


@pytest.fixture
def every_share_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing and the rules both take the two-process path, whatever the machine."""
    monkeypatch.setattr(_speed, "can_fork", lambda: True)
    monkeypatch.setattr(reading, "PARALLEL_FROM_BYTES", 1)
    monkeypatch.setattr(linter, "PARALLEL_FROM_ENTRIES", 1)


@pytest.mark.usefixtures("every_share_forks")
def test_a_refused_fork_does_the_work_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(3):  # more than one file, so the parsing is shared too
        (tmp_path / f"team{number}.yaml").write_text(
            f"governance: 1\npeople:\n  q{number}: {{name: Q}}\n"
            f"decisions:\n  e{number}: {{title: E, owner: [q{number}, x{number}]}}\n"
        )
    _large_org(tmp_path)
    with monkeypatch.context() as alone:
        alone.setattr(_speed, "can_fork", lambda: False)
        expected = _output(lint_paths([tmp_path], cache=False))
    refused = []

    def fork() -> int:
        refused.append("fork")
        raise BlockingIOError(errno.EAGAIN, os.strerror(errno.EAGAIN))

    monkeypatch.setattr(os, "fork", fork)
    assert _output(lint_paths([tmp_path], cache=False)) == expected
    assert refused == ["fork", "fork"]  # the parsing and the rules both asked


@pytest.mark.usefixtures("every_share_forks")
def test_a_refused_drain_thread_still_reads_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit counts threads too: the child may start and the thread not."""
    _large_org(tmp_path)
    with monkeypatch.context() as alone:
        alone.setattr(_speed, "can_fork", lambda: False)
        expected = _output(lint_paths([tmp_path], cache=False))
    refused = []

    def start(self: threading.Thread) -> None:
        refused.append("thread")
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", start)
    assert _output(lint_paths([tmp_path], cache=False)) == expected
    assert refused == ["thread", "thread"]


@pytest.mark.usefixtures("every_share_forks")
def test_no_pipe_left_does_the_work_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process out of file descriptors cannot open the pipe to a child either."""
    _large_org(tmp_path)
    with monkeypatch.context() as alone:
        alone.setattr(_speed, "can_fork", lambda: False)
        expected = _output(lint_paths([tmp_path], cache=False))

    def pipe() -> tuple[int, int]:
        raise OSError(errno.EMFILE, os.strerror(errno.EMFILE))

    monkeypatch.setattr(os, "pipe", pipe)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked without a pipe"))
    assert _output(lint_paths([tmp_path], cache=False)) == expected


def _limited(processes: int) -> list[str]:
    """A prefix that runs a command under a limit of ``processes`` for its user. Root is
    not bound by the limit, so as root the command runs as a user of its own (a uid no
    other process has, so the count starts at zero)."""
    limit = ["prlimit", f"--nproc={processes}", "--"]
    if os.geteuid() != 0:
        return limit
    uid = str(60_000 + os.getpid() % 5_000)
    return [*limit, "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--"]


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder any user can read (pytest's own are private to the user running it)."""
    folder = Path(tempfile.mkdtemp(prefix="governance-lint-nproc-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not shutil.which("prlimit"),
    reason="prlimit (util-linux) sets a process limit on Linux",
)
@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="needs setpriv")
@pytest.mark.parametrize("processes", [1, 2])
def test_a_real_process_limit_gives_the_same_output(open_folder: Path, processes: int) -> None:
    """1: the fork itself is refused; 2: the child starts and the drain thread is refused."""
    _large_org(open_folder)
    (open_folder / "org.yaml").chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    args = ("check", "--no-cache", "--format", "json", ".")
    free = run_cli(*args, cwd=open_folder, prefix=_limited(1000))
    assert free.returncode == 1 and free.stderr == ""
    limited = run_cli(*args, cwd=open_folder, prefix=_limited(processes))
    assert limited.stderr == ""
    assert (limited.returncode, limited.stdout) == (1, free.stdout)
