"""A lint opens only what it must: the linted files, its own package, Python's files, its
configuration, its cache. Never a file beside the tree, never one behind a link; never
the network (the guard in conftest.py blocks it for every test)."""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import governance_lint
from governance_lint.cli import cli
from governance_lint.output.formatters import FORMATS

_recording: list[tuple[str, str]] | None = None
_recording_thread: int | None = None


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if _recording is None or threading.get_ident() != _recording_thread:
        return
    if event in ("open", "os.scandir", "os.listdir") and args:
        path = args[0]
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if isinstance(path, str):
            _recording.append((event, os.path.abspath(path)))


sys.addaudithook(_hook)  # hooks cannot be removed: this one only listens while recording


@contextlib.contextmanager
def _recorded() -> Any:
    global _recording, _recording_thread
    _recording, _recording_thread = [], threading.get_ident()
    try:
        yield _recording
    finally:
        _recording, _recording_thread = None, None


def _tree(tmp_path: Path) -> Path:
    """A repository with a linted folder, its configuration, and canaries around it."""
    (tmp_path / "canary-beside.yaml").write_text("governance: 1\n")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "canary-behind.yaml").write_text("governance: 1\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "pyproject.toml").write_text("[tool.governance-lint]\nfail_on = 'warning'\n")
    gov = repo / "gov"
    (gov / "teams").mkdir(parents=True)
    (gov / "org.yaml").write_text(
        "governance: 1\npeople:\n  ana: {name: Ana}\nroles:\n"
        "  ceo: {title: CEO, holder: ana}\n  cto: {title: CTO, reports_to: ceo}\n"
        "decisions:\n  d: {title: D, owner: [ceo, cto]}\n"
    )
    (gov / "teams" / "ops.yml").write_text("governance: 1\nteams:\n  ops: {name: Ops, lead: cto}\n")
    os.symlink(tmp_path / "secret" / "canary-behind.yaml", gov / "behind.yaml")
    os.symlink(tmp_path / "secret", gov / "secret")
    os.symlink(tmp_path / "canary-beside.yaml", gov / "teams" / "beside.yaml")
    return repo


def _run(arguments: list[str], cwd: Path, capsys: pytest.CaptureFixture[str]) -> int:
    """The click command in this process; its exit status (click returns it)."""
    with contextlib.chdir(cwd):
        try:
            status = cli.main(args=arguments, prog_name="governance-lint", standalone_mode=False)
        finally:
            capsys.readouterr()
    return int(status or 0)


def _allowed(path: str, repo: Path, linted: Path) -> bool:
    python = {os.path.realpath(prefix) for prefix in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    package = os.path.dirname(os.path.realpath(governance_lint.__file__))
    real = os.path.realpath(path)
    inside = [str(linted), package, str(repo / ".governance-lint-cache"), *python]
    configuration = {
        str(folder / name)
        for folder in (linted, repo)
        for name in ("pyproject.toml", ".governance-lint.yaml")
    }
    # the installed package's own metadata (SARIF names its project URLs), wherever the
    # installer put it: site-packages, or the source tree for an editable install
    metadata = os.path.basename(os.path.dirname(real))
    own_metadata = metadata == "governance_lint.egg-info" or (
        metadata.startswith("governance_lint-") and metadata.endswith(".dist-info")
    )
    return (
        path in configuration
        or own_metadata
        or any(real == folder or real.startswith(folder + os.sep) for folder in inside)
    )


def test_a_lint_opens_only_its_files_and_never_a_canary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _tree(tmp_path)
    linted = repo / "gov"
    formats = [arg for name in FORMATS for arg in ("--format", f"{name}={tmp_path / name}")]
    arguments = ["check", *formats[2:], "--format", FORMATS[0], "."]
    assert _run(arguments, linted, capsys) == 1  # warm up: every import done once
    with _recorded() as seen:
        status = _run(arguments, linted, capsys)
    assert status == 1
    opened = [path for event, path in seen if event == "open"]
    assert str(linted / "org.yaml") in opened and str(linted / "teams" / "ops.yml") in opened
    assert str(repo / "pyproject.toml") in opened
    written = {str(tmp_path / name) for name in FORMATS}
    # an output is a temporary file made in its folder, then renamed onto it (writing.py)
    beside = {os.path.dirname(p) for p in written}

    def is_output(path: str) -> bool:
        name = os.path.basename(path)
        temporary = name.startswith(".") and name.endswith(".tmp")
        return path in written or path in beside or (os.path.dirname(path) in beside and temporary)

    strays = [p for p in opened if not is_output(p) and not _allowed(p, repo, linted)]
    assert strays == []
    for event, path in seen:
        assert "canary" not in path, (event, path)
        assert not os.path.realpath(path).startswith(str(tmp_path / "secret")), (event, path)
    # folders listed: the linted ones, and those the import system looks through
    listed = {path for event, path in seen if event != "open"}
    strays = {p for p in listed if p not in (str(linted), str(linted / "teams"))}
    assert all(_allowed(p, repo, linted) or p in sys.path for p in strays), strays


def test_the_network_guard_refuses_connections() -> None:
    with pytest.raises(RuntimeError, match="network"):
        socket.create_connection(("192.0.2.1", 9), timeout=0.1)
    with pytest.raises(RuntimeError, match="network"):
        socket.getaddrinfo("example.com", 443)
