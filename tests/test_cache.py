"""The cache never changes a finding, and survives anything found in its folder."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from governance_lint.linter import lint
from governance_lint.output.formatters import renderer
from governance_lint.reading import cache as cache_module
from governance_lint.reading.cache import FOLDER

from helpers import EXAMPLES, ROOT, invoke, make_config, plain

FORMATS = ("json", "text", "sarif")


def outputs(folder: Path, cached: bool) -> dict[str, str]:
    """Every format's output of a lint of ``folder``, run from its parent."""
    with contextlib.chdir(folder.parent):
        report = lint([folder.name], replace(make_config(), cache=cached, folder="."))
        return {name: renderer(name)(report, plain()) for name in FORMATS}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of every example and rule fixture, so the cache lands in a temporary folder."""
    root = tmp_path / "trees"
    fresh = shutil.ignore_patterns(FOLDER)  # other tests may have cached in the sources
    shutil.copytree(EXAMPLES, root / "examples", ignore=fresh)
    shutil.copytree(ROOT / "tests" / "rules", root / "rules", ignore=fresh)
    return root / "examples"


def test_cold_warm_and_uncached_runs_give_identical_output(tree: Path) -> None:
    folders = sorted(p for p in tree.glob("*/*") if p.is_dir() and not p.name.startswith("."))
    for folder in [*folders, tree.parent / "rules"]:
        plain = outputs(folder, cached=False)
        assert not (folder.parent / FOLDER).exists()
        assert outputs(folder, cached=True) == plain  # cold: entries written
        assert any((folder.parent / FOLDER).glob("*.json"))
        assert outputs(folder, cached=True) == plain  # warm: entries read
        shutil.rmtree(folder.parent / FOLDER)


def test_positions_come_back_for_findings_in_cached_files(tree: Path) -> None:
    folder = tree / "series-c-saas" / "before"
    cold = outputs(folder, cached=True)["text"]
    warm = outputs(folder, cached=True)["text"]
    assert "    7 |     owner: [cpo, cto]\n      |            ^^^^^^^^^^" in warm
    assert warm == cold


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"\x00\xff garbage",
        b'{"format": 1}',
        b'{"format": 1, "path": 3}',
        b"[]",
        b'{"format": 99}',
    ],
    ids=["empty", "truncated", "binary", "missing keys", "wrong types", "a list", "format"],
)
def test_a_damaged_entry_is_ignored_and_rewritten(tree: Path, damage: bytes) -> None:
    folder = tree / "logistics-expansion" / "before"
    expected = outputs(folder, cached=False)
    outputs(folder, cached=True)
    entries = sorted((folder.parent / FOLDER).glob("*.json"))
    for entry in entries:
        entry.write_bytes(damage)
    assert outputs(folder, cached=True) == expected
    assert all(entry.read_bytes() != damage for entry in entries)  # rewritten
    assert outputs(folder, cached=True) == expected


def test_entries_of_another_version_are_never_read(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tree / "healthy"
    outputs(folder, cached=True)
    before = set((folder.parent / FOLDER).glob("*.json"))
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    outputs(folder, cached=True)
    after = set((folder.parent / FOLDER).glob("*.json"))
    assert before < after and len(after) == 2 * len(before)


def test_the_folder_ignores_itself_in_git(tree: Path) -> None:
    outputs(tree / "healthy", cached=True)
    assert (tree / FOLDER / ".gitignore").read_text() == "*\n"


def test_a_folder_that_cannot_be_used_is_skipped_silently(tree: Path, tmp_path: Path) -> None:
    folder = tree / "healthy"
    expected = outputs(folder, cached=False)
    (tree / FOLDER).write_text("a file where the folder should be")
    assert outputs(folder, cached=True) == expected
    (tree / FOLDER).unlink()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", tree / FOLDER)  # a link is never followed
    assert outputs(folder, cached=True) == expected
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_the_console_script_caches_beside_the_configuration_and_no_cache_writes_none(
    tmp_path: Path,
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)  # discovery walks up
    shutil.copytree(EXAMPLES / "healthy", tmp_path / "governance")
    (tmp_path / ".governance-lint.yaml").write_text("paths: [governance]\n")
    (tmp_path / "sub").mkdir()
    assert invoke("check", "--no-cache", cwd=tmp_path / "sub").returncode == 0
    assert not (tmp_path / FOLDER).exists()
    first = invoke("check", "--format", "json", cwd=tmp_path / "sub")
    assert (tmp_path / FOLDER / ".gitignore").is_file() and not (tmp_path / "sub" / FOLDER).exists()
    second = invoke("check", "--format", "json", cwd=tmp_path / "sub")
    assert first.stdout == second.stdout and json.loads(first.stdout)["findings"] == []
    (tmp_path / ".governance-lint.yaml").write_text("paths: [governance]\ncache: false\n")
    shutil.rmtree(tmp_path / FOLDER)
    invoke("check", cwd=tmp_path / "sub")
    assert not (tmp_path / FOLDER).exists()
