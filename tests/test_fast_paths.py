"""Every fast path gives exactly what the plain path gives.

Schema validation first asks a compiled validator (fastjsonschema) whether a document
is valid, and runs jsonschema only when it is not. Here both ways run on every seed of
the fuzzer (examples, rule fixtures, hostile corpus), on thousands of mutated inputs
and on generated organizations with mutations, and must give the same GL002 findings,
the same broken fields and the same data.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from fuzzing import load_seeds, make_input, mutate

from governance_lint.bounds import Bounds
from governance_lint.reading.loader import load_bytes
from governance_lint.schema.normalize import normalize
from governance_lint.schema.validate import validate

from helpers import benchmark

generate = benchmark("generate").generate

MUTATED = 2000


def outcome(raw: bytes, bounds: Bounds, fast: bool) -> Any:
    doc = load_bytes("org.yaml", raw, bounds)
    if doc.failure is not None or not isinstance(doc.data, dict):
        return None
    checked = validate(doc, bounds.max_scalar_shown, normalize(doc), fast=fast)
    return checked.findings, sorted(map(repr, checked.broken)), repr(doc.data)


DEFAULT_BOUNDS = Bounds()


def assert_same(raw: bytes, bounds: Bounds = DEFAULT_BOUNDS) -> None:
    assert outcome(raw, bounds, fast=True) == outcome(raw, bounds, fast=False), raw[:300]


def test_every_seed_validates_the_same_both_ways() -> None:
    for seed in load_seeds():
        for _, content in seed.files:
            assert_same(content)


def test_mutated_inputs_validate_the_same_both_ways() -> None:
    seeds = load_seeds()
    for index in range(MUTATED):
        case, bounds = make_input(11, index, seeds)
        for _, content in case.files:
            assert_same(content, bounds)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    folder = tmp_path_factory.mktemp("generated")
    return [path.read_bytes() for path in generate(300, folder, per_file=20)]


def test_generated_organizations_validate_the_same_both_ways(generated: list[bytes]) -> None:
    rng = random.Random(5)
    for content in generated:
        assert_same(content)
        for _ in range(3):
            assert_same(mutate(rng, content, generated))


CACHED = 300


def _render(folder: Path, cached: bool) -> list[str]:
    import contextlib
    from dataclasses import replace

    from governance_lint.findings import GovernanceLintError
    from governance_lint.linter import lint
    from governance_lint.output.formatters import renderer

    from helpers import make_config, plain

    with contextlib.chdir(folder):
        try:
            report = lint(["org"], replace(make_config(), cache=cached, folder="."))
        except GovernanceLintError as error:
            return [str(error)]
        return [renderer(name)(report, plain()) for name in ("json", "text")]


def test_the_cache_changes_nothing_on_mutated_organizations(tmp_path: Path) -> None:
    import shutil

    seeds = load_seeds()
    for index in range(CACHED):
        case, _ = make_input(23, index, seeds)
        folder = tmp_path / str(index)
        for name, content in case.files:
            (folder / "org" / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / "org" / name).write_bytes(content)
        plain = _render(folder, cached=False)
        assert _render(folder, cached=True) == plain, case.name  # cold
        assert _render(folder, cached=True) == plain, case.name  # warm
        shutil.rmtree(folder)


def _lint_outputs(folder: Path) -> list[str]:
    import contextlib
    from dataclasses import replace

    from governance_lint.findings import GovernanceLintError
    from governance_lint.linter import lint
    from governance_lint.output.formatters import renderer

    from helpers import make_config, plain

    with contextlib.chdir(folder):
        try:
            report = lint(["."], replace(make_config(), cache=False))
        except GovernanceLintError as error:
            return [str(error)]
        return [renderer(name)(report, plain()) for name in ("json", "text")]


def _everything_in_parallel(monkeypatch: pytest.MonkeyPatch, on: bool) -> None:
    from governance_lint import linter
    from governance_lint.reading import read_all as reading

    monkeypatch.setattr(reading, "PARALLEL_FROM_BYTES", 0 if on else 1 << 60)
    monkeypatch.setattr(linter, "PARALLEL_FROM_ENTRIES", 0 if on else 1 << 60)


def test_two_cores_give_what_one_gives(
    tmp_path: Path, generated: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = load_seeds()
    folders = [p for p in (Path(__file__).parent.parent / "examples").glob("*/*") if p.is_dir()]
    for index in range(40):
        case, _ = make_input(31, index, seeds)
        folder = tmp_path / f"mutated-{index}"
        for name, content in case.files:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(content)
        folders.append(folder)
    big = tmp_path / "generated"
    big.mkdir()
    for number, content in enumerate(generated):
        (big / f"part-{number:03d}.yaml").write_bytes(content)
    for folder in [*folders, big]:
        _everything_in_parallel(monkeypatch, on=False)
        alone = _lint_outputs(folder)
        _everything_in_parallel(monkeypatch, on=True)
        assert _lint_outputs(folder) == alone, folder


def test_a_child_that_fails_leaves_its_share_to_the_parent(
    tmp_path: Path, generated: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    from governance_lint import _speed

    for number, content in enumerate(generated):
        (tmp_path / f"part-{number:03d}.yaml").write_bytes(content)
    _everything_in_parallel(monkeypatch, on=False)
    alone = _lint_outputs(tmp_path)
    _everything_in_parallel(monkeypatch, on=True)
    real_fork = _speed.os.fork

    def fork_that_breaks_pickling() -> int:
        pid = real_fork()
        if pid == 0:  # in the child: nothing it finds can be sent back
            monkeypatch.setattr(pickle, "dumps", lambda *a, **k: b"")
        return pid

    monkeypatch.setattr(_speed.os, "fork", fork_that_breaks_pickling)
    assert _lint_outputs(tmp_path) == alone
