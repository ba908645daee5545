"""Attacks through the cache folder, which sits in a checkout a pull request controls.

Each test plants what a hostile repository can commit (links at the names entries and
their temporary files take, a cache folder that is a link, crafted or oversized entries,
a broken .gitignore) and holds that the run neither writes through a link nor lets an
entry it did not write change, hide or crash anything.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from governance_lint import writing
from governance_lint.bounds import Bounds
from governance_lint.reading import cache as cache_module
from governance_lint.reading.cache import FOLDER, Cache
from governance_lint.reading.loader import load_bytes
from governance_lint.reading.read_all import classify

from helpers import invoke, make_config

CLEAN = (
    "governance: 1\n"
    "organization: {name: Acme, final_authority: ceo}\n"
    "people:\n  p: {name: Priya}\n  q: {name: Lee}\n  r: {name: Sam}\n"
    "roles:\n"
    "  ceo: {title: CEO, holder: p}\n"
    "  cpo: {title: CPO, holder: q, reports_to: ceo}\n"
    "  cto: {title: CTO, holder: r, reports_to: ceo}\n"
    "decisions:\n"
    "  roadmap: {title: Roadmap, owner: cpo, consulted: [cto]}\n"
)
# the same organization, but the roadmap has two owners: DR002 at line 12, column 36
FAULTY = CLEAN.replace("owner: cpo, consulted: [cto]", "owner: [cpo, cto]")
SELECT = "select: [GL, DR002]\n"


def outcome_of(shown: str, text: str) -> Any:
    return classify(load_bytes(shown, text.encode(), Bounds()), Bounds().max_scalar_shown)


def crafted_entry(folder: Path, shown: str, bytes_keyed: str, outcome_text: str) -> Path:
    """An entry named for the bytes of one file that holds the outcome of another: what a
    pull request would commit to hide its faults."""
    cache = Cache(str(folder), Bounds())
    key = cache.key(shown, bytes_keyed.encode())
    cache.store(key, outcome_of(shown, outcome_text))
    entry = folder / FOLDER / f"{key}.json"
    assert entry.is_file()
    return entry


def test_the_crafted_entry_hides_the_fault_when_the_run_trusts_it(tmp_path: Path) -> None:
    """The attack works on a real cache folder; the tests below show links do not."""
    (tmp_path / "org.yaml").write_text(FAULTY)
    (tmp_path / ".governance-lint.yaml").write_text(SELECT)
    assert invoke("check", "org.yaml", cwd=tmp_path).returncode == 1
    crafted_entry(tmp_path, "org.yaml", FAULTY, CLEAN)
    assert invoke("check", "org.yaml", cwd=tmp_path).returncode == 0


def test_a_cache_folder_that_is_a_link_is_never_read(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    crafted_entry(elsewhere, "org.yaml", FAULTY, CLEAN)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "org.yaml").write_text(FAULTY)
    (repo / ".governance-lint.yaml").write_text(SELECT)
    (repo / FOLDER).symlink_to(elsewhere / FOLDER)
    before = sorted(p.name for p in (elsewhere / FOLDER).iterdir())

    result = invoke("check", "org.yaml", cwd=repo)

    assert result.returncode == 1, result.stdout
    assert result.stdout.startswith("org.yaml:12:36: DR002 [error]")
    assert sorted(p.name for p in (elsewhere / FOLDER).iterdir()) == before  # nor written


def test_a_cache_folder_under_a_linked_folder_is_never_read(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "org.yaml").write_text(FAULTY)
    (real / ".governance-lint.yaml").write_text(SELECT)
    crafted_entry(real, "linked/org.yaml", FAULTY, CLEAN)
    (tmp_path / "linked").symlink_to(real)
    before = sorted(p.name for p in (real / FOLDER).iterdir())

    result = invoke(
        "check", "--config", "linked/.governance-lint.yaml", "linked/org.yaml", cwd=tmp_path
    )

    assert result.returncode == 1, result.stdout
    assert sorted(p.name for p in (real / FOLDER).iterdir()) == before


def test_temporary_files_are_never_opened_through_a_planted_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hook = tmp_path / "hooks" / "pre-commit"
    hook.parent.mkdir()
    hook.write_text("#!/bin/sh\nexit 0\n")
    cache = Cache(str(tmp_path), Bounds())
    key = cache.key("org.yaml", FAULTY.encode())
    (tmp_path / FOLDER).mkdir()
    (tmp_path / FOLDER / ".gitignore").write_text("*\n")
    # every name a temporary file could take: the old `<key>.json.<pid>.tmp` and the next
    # random one the writer will draw (made predictable here)
    monkeypatch.setattr(writing.secrets, "token_hex", lambda n: "0" * 2 * n)
    planted = [
        f"{key}.json.{os.getpid()}.tmp",
        f".{key}.json.{'0' * 16}.tmp",
    ]
    for name in planted:
        (tmp_path / FOLDER / name).symlink_to(hook)

    drawn = iter(["0" * 16, "1" * 16])
    monkeypatch.setattr(writing.secrets, "token_hex", lambda n: next(drawn))
    cache.store(key, outcome_of("org.yaml", FAULTY))

    assert hook.read_text() == "#!/bin/sh\nexit 0\n"
    entry = json.loads((tmp_path / FOLDER / f"{key}.json").read_text())
    assert entry["path"] == "org.yaml"
    assert all((tmp_path / FOLDER / name).is_symlink() for name in planted)


def test_an_entry_that_is_a_link_is_not_read(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    entry = crafted_entry(elsewhere, "org.yaml", FAULTY, CLEAN)
    (tmp_path / "org.yaml").write_text(FAULTY)
    (tmp_path / ".governance-lint.yaml").write_text(SELECT)
    (tmp_path / FOLDER).mkdir()
    (tmp_path / FOLDER / ".gitignore").write_text("*\n")
    (tmp_path / FOLDER / entry.name).symlink_to(entry)
    assert invoke("check", "org.yaml", cwd=tmp_path).returncode == 1
    assert not (tmp_path / FOLDER / entry.name).is_symlink()  # replaced by our own entry


def _valid_entry(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    (tmp_path / "org.yaml").write_text(FAULTY)
    (tmp_path / ".governance-lint.yaml").write_text(SELECT)
    assert invoke("check", "org.yaml", cwd=tmp_path).returncode == 1
    (entry,) = (tmp_path / FOLDER).glob("*.json")
    return entry, json.loads(entry.read_text())


def _set(entry: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    target: Any = entry
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return entry


WRONG_TYPES = {
    "data is a number where a mapping was": (("data",), 3),
    "data holds NaN": (("data", "people"), float("nan")),
    "data nested past max_depth": (("data", "people"), json.loads("[" * 70 + "]" * 70)),
    "path of another file": (("path",), "other.yaml"),
    "comment line is text": (("comments",), [["1", 1, "x", True]]),
    "comment flag is a number": (("comments",), [[1, 1, "x", 2]]),
    "events negative": (("events",), -1),
    "nodes a boolean": (("nodes",), True),
    "plain table of strings": (("plain",), ["x"]),
    "odd key path of floats": (("odd_keys",), [[[1.5], "x"]]),
    "finding severity unknown": (
        ("doc_problems",),
        [["GL002", ["org.yaml", 1, 1, 1, []], "m", "h", [], [], "fatal", "n"]],
    ),
    "finding line zero": (
        ("doc_problems",),
        [["GL002", ["org.yaml", 0, 1, 1, []], "m", "h", [], [], "error", "n"]],
    ),
    "finding entities numbers": (
        ("doc_problems",),
        [["GL002", ["org.yaml", 1, 1, 1, []], "m", "h", [1], [], "error", "n"]],
    ),
    "finding too short": (("doc_problems",), [["GL002"]]),
    "related without message": (
        ("doc_problems",),
        [
            [
                "GL002",
                ["org.yaml", 1, 1, 1, []],
                "m",
                "h",
                [],
                [[["org.yaml", 1, 1, 1, []]]],
                "error",
                "n",
            ]
        ],
    ),
    "failure a string": (("failure",), "GL001"),
    "broken a mapping": (("broken",), {"a": 1}),
    "unread a number": (("unread",), 0),
}


@pytest.mark.parametrize("damage", WRONG_TYPES.values(), ids=WRONG_TYPES.keys())
def test_an_entry_of_the_right_shape_with_wrong_types_is_a_miss_and_rewritten(
    tmp_path: Path, damage: tuple[tuple[Any, ...], Any]
) -> None:
    entry, good = _valid_entry(tmp_path)
    path, value = damage
    entry.write_text(json.dumps(_set(json.loads(json.dumps(good)), path, value)))

    result = invoke("check", "org.yaml", cwd=tmp_path)

    assert result.returncode == 1 and "internal error" not in result.stderr, result.stderr
    assert result.stdout.startswith("org.yaml:12:36: DR002 [error]")
    assert json.loads(entry.read_text()) == good  # rewritten


def test_an_entry_past_its_size_bound_is_never_read_and_is_rewritten(tmp_path: Path) -> None:
    entry, good = _valid_entry(tmp_path)
    size = len(FAULTY.encode())
    padded = json.dumps(good) + " " * (8 * size + 64 * 1024)  # still valid JSON
    entry.write_text(padded)
    invoke("check", "org.yaml", cwd=tmp_path)
    assert json.loads(entry.read_text()) == good and len(entry.read_bytes()) < size * 8


def test_an_entry_is_never_written_past_its_bound(tmp_path: Path) -> None:
    cache = Cache(str(tmp_path), Bounds())
    key = cache.key("org.yaml", FAULTY.encode())
    cache.sizes[key] = 0  # the bound is then the 64 KiB of slack alone
    outcome = outcome_of("org.yaml", FAULTY)
    outcome = replace(outcome, problems=[*outcome.problems] * 0)
    outcome.doc.data["padding"] = "x" * (64 * 1024)
    cache.store(key, outcome)
    assert not (tmp_path / FOLDER / f"{key}.json").exists()


@pytest.mark.parametrize("broken", ["", "!important\n", "*"], ids=["empty", "other", "no newline"])
def test_a_broken_gitignore_is_repaired_before_any_entry_is_written(
    tmp_path: Path, broken: str
) -> None:
    (tmp_path / FOLDER).mkdir()
    (tmp_path / FOLDER / ".gitignore").write_text(broken)
    (tmp_path / "org.yaml").write_text(FAULTY)
    invoke("check", "org.yaml", cwd=tmp_path)
    assert (tmp_path / FOLDER / ".gitignore").read_text() == "*\n"
    assert len(list((tmp_path / FOLDER).glob("*.json"))) == 1


def test_no_entry_is_written_while_the_gitignore_cannot_be(tmp_path: Path) -> None:
    (tmp_path / FOLDER / ".gitignore").mkdir(parents=True)  # a folder: cannot be replaced
    (tmp_path / "org.yaml").write_text(FAULTY)
    assert invoke("check", "org.yaml", cwd=tmp_path).returncode == 1
    assert list((tmp_path / FOLDER).glob("*.json")) == []


def test_a_linked_gitignore_is_replaced_not_written_through(tmp_path: Path) -> None:
    target = tmp_path / "hook"
    target.write_text("keep\n")
    (tmp_path / FOLDER).mkdir()
    (tmp_path / FOLDER / ".gitignore").symlink_to(target)
    (tmp_path / "org.yaml").write_text(FAULTY)
    invoke("check", "org.yaml", cwd=tmp_path)
    assert target.read_text() == "keep\n"
    assert not (tmp_path / FOLDER / ".gitignore").is_symlink()
    assert (tmp_path / FOLDER / ".gitignore").read_text() == "*\n"


def test_the_cache_still_serves_its_own_entries(tmp_path: Path) -> None:
    """The checks above leave the cache working: a second run reads what the first wrote."""
    (tmp_path / "org.yaml").write_text(FAULTY)
    first = invoke("check", "--format", "json", "org.yaml", cwd=tmp_path)
    (entry,) = (tmp_path / FOLDER).glob("*.json")
    written = entry.stat().st_mtime_ns
    second = invoke("check", "--format", "json", "org.yaml", cwd=tmp_path)
    assert first.stdout == second.stdout and entry.stat().st_mtime_ns == written
    assert cache_module.FOLDER == FOLDER and make_config().cache
