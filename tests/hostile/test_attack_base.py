"""`--base GIT-REF` on a tree a pull request controls: committed links, many named paths.

The base is read from git's object store, never checked out, so it must find what a
walk of a checkout of the base would: a link is never followed, and one that leads to a
folder is GL006 "symbolic link; not read" on both sides, so an unchanged tree brings no
new finding. And naming thousands of files (`git diff --name-only | xargs ...`) must
cost in proportion to them.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from governance_lint.output import compare as base_module
from governance_lint.output.compare import resolve

from helpers import invoke, make_config

ORG = "governance: 1\npeople:\n  a: {name: A}\n"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def commit(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-gpg-sign", "-m", "state")


def _linked_repo(tmp_path: Path) -> Path:
    """A repository whose `gov` folder holds links of every kind, committed."""
    repo = tmp_path / "repo"
    gov = repo / "gov"
    (gov / "real" / "deep").mkdir(parents=True)
    (gov / "drafts").mkdir()
    (repo / "other").mkdir()
    (tmp_path / "outside").mkdir()
    git(repo, "init", "-q")
    (repo / ".governance-lint.yaml").write_text("exclude: [drafts/]\n")
    (gov / "real" / "org.yaml").write_text(ORG)
    (gov / "real" / "file.txt").write_text("x")
    (gov / "real" / "deep" / "f.txt").write_text("x")  # git keeps no empty folder
    (repo / "other" / "f.txt").write_text("x")
    links = {
        "to-folder": "real",
        "chain": "to-folder",  # a link to a link to a folder
        "up": "../other",
        "out-of-tree": "../..",  # the folder that holds the repository
        "absolute": str(tmp_path / "outside"),
        "self": ".",
        "via-dotdot": "real/deep/../deep",
        "org-link.yaml": "real/org.yaml",  # a YAML name: refused whatever it points at
        "dangling": "nowhere",
        "loop1": "loop2",
        "loop2": "loop1",
        "to-file": "real/file.txt",
        "not-a-folder": "to-file/x",
        "drafts/excluded": "../real",
        ".hidden": "real",
    }
    for name, target in links.items():
        os.symlink(target, gov / name)
    commit(repo)
    return repo


# cli.md / SECURITY.md: a link met in a walk is GL006 when it has a YAML name or points
# at a folder (never followed, whatever it points at), unless excluded or hidden
REFUSED = {
    "gov/absolute",
    "gov/chain",
    "gov/org-link.yaml",
    "gov/out-of-tree",
    "gov/self",
    "gov/to-folder",
    "gov/up",
    "gov/via-dotdot",
}


def _json(repo: Path, *args: str) -> dict[str, Any]:
    result = invoke("check", "--select", "GL", "--format", "json", *args, cwd=repo)
    assert result.returncode in (0, 1), result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_links_at_the_base_are_refused_exactly_as_in_the_work_tree(tmp_path: Path) -> None:
    repo = _linked_repo(tmp_path)
    head = _json(repo, "gov")["findings"]
    assert {f["file"] for f in head if f["code"] == "GL006"} == REFUSED
    assert {f["message"] for f in head} == {"symbolic link; not read"}
    compared = invoke("check", "--select", "GL", "--base", "HEAD", "gov", cwd=repo)
    assert compared.returncode == 0, compared.stdout  # nothing new on an unchanged tree
    assert compared.stderr == f"compared with HEAD: 0 new, 0 fixed, {len(REFUSED)} persisting\n"
    named = _json(repo, "--base", "HEAD", "gov/to-folder", "gov/dangling")["summary"]["base"]
    assert named == {"ref": "HEAD", "new": 0, "fixed": 0, "persisting": 2}


def test_a_link_removed_from_the_work_tree_is_fixed_with_the_link_through_it(
    tmp_path: Path,
) -> None:
    repo = _linked_repo(tmp_path)
    (repo / "gov" / "to-folder").unlink()  # `chain` now leads nowhere: not refused either
    base = _json(repo, "--base", "HEAD", "gov")["summary"]["base"]
    assert base == {"ref": "HEAD", "new": 0, "fixed": 2, "persisting": len(REFUSED) - 2}


MANY = 8000


@pytest.fixture(scope="module")
def many_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A repository of ``MANY`` governance files in 20 folders, committed, each giving one
    OR004, and their names: made once, as the tests below only read it."""
    repo = tmp_path_factory.mktemp("many-files")
    git(repo, "init", "-q")
    names = []
    for number in range(MANY):
        name = f"f{number % 20:02}/o{number:05}.yaml"
        (repo / name).parent.mkdir(exist_ok=True)
        (repo / name).write_text(f"governance: 1\npeople:\n  p{number}: {{name: P}}\n")
        names.append(name)
    commit(repo)
    return repo, names


def test_thousands_of_named_paths_compare_like_a_few(many_files: tuple[Path, list[str]]) -> None:
    repo, names = many_files
    # the other half of the first 4000 lies beside them, and the rest beyond, and neither
    # must count at the base
    named = names[:4000:2]
    result = invoke(
        "check", "--select", "OR004", "--format", "json", "--base", "HEAD", *named, cwd=repo
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["files"] == len(named)
    assert data["summary"]["base"] == {
        "ref": "HEAD",
        "new": 0,
        "fixed": 0,
        "persisting": len(named),
    }


def test_named_paths_cost_in_proportion_to_their_number(
    many_files: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, names = many_files
    monkeypatch.chdir(repo)
    base, config = resolve("HEAD"), make_config()
    asked: list[list[str]] = []
    real_git = base_module._git

    def recording(args: list[str], cwd: str) -> subprocess.CompletedProcess[bytes]:
        asked.append(list(args))
        return real_git(args, cwd)

    monkeypatch.setattr(base_module, "_git", recording)

    def timed(count: int) -> float:
        started = time.perf_counter()
        sources, refused = base_module._find(base, names[:count], config, str(repo))
        assert len(sources) == count and refused == []
        return time.perf_counter() - started

    few = min(timed(1000) for _ in range(3))
    many = timed(8000)
    # eight times the paths: about eight times the time when linear, 64 when quadratic
    assert many < 20 * few, (few, many)
    # git matches each entry against each pathspec: it is never given thousands
    listings = [args for args in asked if args[0] == "ls-tree"]
    assert listings and all(
        len(args) - args.index("--") - 1 <= base_module.MAX_PATHSPECS for args in listings
    )
