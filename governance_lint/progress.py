"""Progress on long runs, on standard error: for a person at a terminal, nobody else.

Shown only when standard error is a terminal, outside CI, for a format people read,
without ``-q``, and only once the run has taken more than about a second, so short runs,
pipes, CI logs and machine-readable output never see it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from typing import TextIO

# Formats that other programs read: progress stays off even on a terminal.
MACHINE_FORMATS = frozenset({"json", "sarif", "github", "csv", "mermaid", "dot"})
DELAY_SECONDS = 1.0
REDRAW_SECONDS = 0.1


def in_ci(environ: Mapping[str, str]) -> bool:
    """CI services set ``CI`` (``true``, ``1``...); GitHub Actions also ``GITHUB_ACTIONS``."""
    flag = environ.get("CI", "").strip().lower()
    return flag not in ("", "0", "false", "no") or environ.get("GITHUB_ACTIONS") == "true"


def wanted(
    stream: TextIO, quiet: bool, formats: tuple[str, ...], environ: Mapping[str, str]
) -> bool:
    """Whether this run may show progress at all (the delay is checked as it goes)."""
    if quiet or in_ci(environ) or any(name in MACHINE_FORMATS for name in formats):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):  # a closed or odd stream is not a terminal
        return False


class Progress:
    """``update(stage, done, total)`` redraws one status line once the delay has passed;
    ``close()`` erases it, so the terminal is left as it was."""

    def __init__(
        self,
        stream: TextIO,
        enabled: bool,
        clock: Callable[[], float] = time.monotonic,
        delay: float = DELAY_SECONDS,
    ) -> None:
        self.stream = stream
        self.enabled = enabled
        self.clock = clock
        self.delay = delay
        self.started = clock()
        self.drawn_at: float | None = None

    def update(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if now - self.started <= self.delay:
            return
        if self.drawn_at is not None and now - self.drawn_at < REDRAW_SECONDS and done < total:
            return
        self.stream.write(f"\r\033[K{stage}: {done}/{total}")
        self.stream.flush()
        self.drawn_at = now

    def close(self) -> None:
        if self.drawn_at is not None:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.drawn_at = None


def for_run(quiet: bool, formats: tuple[str, ...]) -> Progress:
    """The progress of a command-line run on this process's standard error."""
    return Progress(sys.stderr, wanted(sys.stderr, quiet, formats, os.environ))
