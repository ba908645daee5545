"""Fixtures every test gets: no network, a pinned date on request, the source tree left
as found. Shared helpers live in helpers.py."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import EXAMPLES, ROOT, TODAY


@pytest.fixture
def today_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVERNANCE_LINT_TODAY", TODAY)


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
