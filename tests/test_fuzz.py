"""The fast fuzz profile: a fixed, seeded set of mutated inputs through the real pipeline.

500 inputs by default, a few seconds; ``GOVERNANCE_LINT_FUZZ_COUNT=N`` runs the first N
of the same sequence (the first 500 always among them), and
``python tests/fuzzing.py --seed S --count N`` runs a long one (README, Security).
"""

from __future__ import annotations

import os

from fuzzing import make_input, mutate, run_range

FAST_COUNT = int(os.environ.get("GOVERNANCE_LINT_FUZZ_COUNT", "500"))


def test_mutated_inputs_never_crash_the_pipeline() -> None:
    crashes = run_range(seed=1, start=0, count=FAST_COUNT)
    assert not crashes, "\n".join(
        f"input {crash.index} ({crash.name}):\n{crash.error}" for crash in crashes[:5]
    )


def test_an_input_is_the_same_bytes_on_every_run() -> None:
    from fuzzing import load_seeds

    seeds = load_seeds()
    assert make_input(7, 123, seeds) == make_input(7, 123, seeds)
    assert make_input(7, 123, seeds) != make_input(7, 124, seeds)


def test_mutations_make_mostly_different_inputs() -> None:
    import random

    produced = {
        mutate(random.Random(n), b"governance: 1\npeople: {a: {name: b}}\n", [b"x"])
        for n in range(200)
    }
    assert len(produced) > 100  # rewiring a file this small often repeats itself
