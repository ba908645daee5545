"""The same files give byte-identical output in every format, whatever the hash seed and
whatever order files are found in; no output holds a clock time, a host or a user name."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import random
import socket
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from governance_lint.linter import lint
from governance_lint.output.formatters import FORMATS, renderer
from governance_lint.reading import discover as discovery

from helpers import EXAMPLES, ROOT, make_config, plain, run_cli_together

CORPUS = ROOT / "tests" / "hostile" / "files"
TREES = {"examples": EXAMPLES, "corpus": CORPUS}


def _outputs(tree: Path, tmp_path: Path, seeds: Sequence[str]) -> list[dict[str, bytes]]:
    """Every format written to a file, by a process per hash seed (run at once)."""
    folders = [tmp_path / f"{tree.name}-{seed}" for seed in seeds]
    runs = []
    for folder in folders:
        folder.mkdir()
        options = [arg for name in FORMATS for arg in ("--format", f"{name}={folder / name}")]
        runs.append(("check", *options, "."))
    envs = [{"PYTHONHASHSEED": seed} for seed in seeds]
    for result in run_cli_together(*runs, cwd=tree, envs=envs):
        assert result.returncode in (0, 1), result.stderr
    return [{name: (folder / name).read_bytes() for name in FORMATS} for folder in folders]


@pytest.mark.parametrize("tree", sorted(TREES))
def test_every_format_is_byte_identical_whatever_the_hash_seed(tree: str, tmp_path: Path) -> None:
    runs = _outputs(TREES[tree], tmp_path, ("0", "1", "4242", "random"))
    for name in FORMATS:
        assert len({run[name] for run in runs}) == 1, name


@contextlib.contextmanager
def _shuffled_listings(seed: int) -> Iterator[None]:
    """Folders list their entries in a random order, as some file systems do."""
    real_scandir = os.scandir
    rng = random.Random(seed)

    class Shuffled:
        def __init__(self, path: str) -> None:
            with real_scandir(path) as listing:
                self.entries = list(listing)
            rng.shuffle(self.entries)

        def __enter__(self) -> list[os.DirEntry[str]]:
            return self.entries

        def __exit__(self, *exc: object) -> None:
            return None

    discovery.os.scandir = Shuffled  # type: ignore[assignment]
    try:
        yield
    finally:
        discovery.os.scandir = real_scandir


@pytest.mark.parametrize("tree", sorted(TREES))
def test_output_does_not_depend_on_the_order_files_are_found(tree: str) -> None:
    folder = TREES[tree]
    parts = sorted(
        str(path)
        for path in folder.iterdir()
        if not path.name.endswith(".md") and not path.name.startswith(".")
    )
    rendered = []
    for seed in range(4):
        order = parts[:]
        random.Random(seed).shuffle(order)
        with contextlib.chdir(folder), _shuffled_listings(seed):
            report = lint(order, make_config())
            rendered.append({name: renderer(name)(report, plain()) for name in FORMATS})
    assert all(outputs == rendered[0] for outputs in rendered)


def test_no_output_holds_a_time_a_host_a_user_or_a_machine_path(tmp_path: Path) -> None:
    (outputs,) = _outputs(EXAMPLES, tmp_path, ("0",))
    today = dt.datetime.now(dt.UTC).date()
    forbidden = {
        today.isoformat(),
        today.strftime("%d/%m/%Y"),
        socket.gethostname(),
        str(ROOT),
        str(Path.home()),
    }
    with contextlib.suppress(Exception):
        forbidden.add(getpass.getuser())
    for name, output in outputs.items():
        text = output.decode("utf-8")
        for value in forbidden:
            if len(value) >= 4:  # a one-letter user name would match anything
                assert value not in text, (name, value)
        assert not any(f"{hour:02}:{minute:02}:" in text for hour in range(24) for minute in (0,))
