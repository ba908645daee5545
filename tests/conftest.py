"""Shared helpers: run the installed console script, lint in-process, read expectations."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from governance_lint.config import Config, default_thresholds
from governance_lint.linter import Report, lint
from governance_lint.rules import ALL_RULES

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def example_names() -> list[str]:
    """The bundled examples, as the linter walks them: hidden folders (a cache) left out."""
    return sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir() and not p.name.startswith("."))


_SCRIPT = shutil.which("governance-lint", path=os.path.dirname(sys.executable)) or shutil.which(
    "governance-lint"
)


def run_cli(
    *args: str,
    cwd: Path | str | None = None,
    env: dict[str, str] | None = None,
    input: bytes | None = None,
    timeout: float = 120,
    prefix: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script as a user would (after ``prefix``, a command
    that runs it, such as one that drops privileges)."""
    assert _SCRIPT, "the governance-lint console script is not installed"
    full_env = {**os.environ, "NO_COLOR": "1", "GOVERNANCE_LINT_TODAY": "2026-06-01"}
    full_env.pop("GITHUB_ACTIONS", None)
    full_env.update(env or {})
    return subprocess.run(
        [*prefix, _SCRIPT, *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
        timeout=timeout,
        input=None,
    )


def run_json(*args: str, cwd: Path | str | None = None, **kw: Any) -> dict[str, Any]:
    result = run_cli("check", "--format", "json", *args, cwd=cwd, **kw)
    assert result.returncode in (0, 1), result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def make_config(select: Sequence[str] | None = None, **settings: Any) -> Config:
    """The default configuration, without discovery, on a pinned date."""
    return Config(
        rules=ALL_RULES,
        thresholds={**default_thresholds(ALL_RULES), **settings.pop("thresholds", {})},
        select=tuple(select) if select is not None else None,
        today=dt.date(2026, 6, 1),
        **settings,
    )


def lint_paths(
    paths: Sequence[str | Path],
    select: Sequence[str] | None = None,
    cwd: Path | None = None,
    **settings: Any,
) -> Report:
    """Lint in-process; paths are shown relative to ``cwd`` (default: the first path's folder)."""
    first = Path(paths[0])
    with contextlib.chdir(cwd or (first if first.is_dir() else first.parent)):
        return lint([str(Path(p).resolve()) for p in paths], make_config(select, **settings))


_EXPECT = re.compile(r"expect(\^*):\s*([A-Z]{2}\d{3}):(\d+)((?:[ \t]+(?!expect)[^\s]+)*)")


def expectations(path: Path) -> list[tuple[str, str, int, int, tuple[str, ...]]]:
    """``# expect: CODE:COLUMN entity ...`` comments: (file, code, line, column, entities).

    ``expect^:`` is about the line above (each ``^`` one line up), for findings on a
    line whose comment cannot hold the expectation (an empty suppression reason).
    """
    files = sorted(path.rglob("*.y*ml")) if path.is_dir() else [path]
    found = []
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").split("\n"), 1):
            for up, code, column, entities in _EXPECT.findall(line):
                found.append(
                    (file.name, code, number - len(up), int(column), tuple(entities.split()))
                )
    return sorted(found)


@pytest.fixture
def today_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVERNANCE_LINT_TODAY", "2026-06-01")


@functools.cache
def _sarif_validator() -> Any:
    """The vendored SARIF 2.1.0 schema (tests/data/README.md): nothing is fetched."""
    import jsonschema
    from referencing import Registry

    schema = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, registry=Registry(), format_checker=cls.FORMAT_CHECKER)


def valid_sarif(text: str) -> dict[str, Any]:
    """Parse SARIF output and assert it is valid against the official schema."""
    data: dict[str, Any] = json.loads(text)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _sarif_validator().iter_errors(data)]
    assert errors == []
    return data


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches the network: governance-lint never needs it (schemas are local,
    nothing is fetched), so any attempt is a bug to see, not a flaky test."""
    import socket

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("network access attempted during a test")

    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family == getattr(socket, "AF_UNIX", None):
            return real_connect(self, address)
        return refuse()

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(autouse=True, scope="session")
def source_tree_left_as_found() -> Iterator[None]:
    """Tests that lint the examples and fixtures in place write the cache beside them;
    remove the cache folders the session made, so a checkout stays as it was."""

    def caches() -> set[Path]:
        return {
            found
            for top in (EXAMPLES, ROOT / "tests")
            for found in top.rglob(".governance-lint-cache")
        } | {ROOT / ".governance-lint-cache"}

    before = {path for path in caches() if path.exists()}
    yield
    for path in caches() - before:
        shutil.rmtree(path, ignore_errors=True)
