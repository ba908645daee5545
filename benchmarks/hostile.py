"""Time and peak memory of every hostile case, as the oracle runs it, in a table.

    python benchmarks/hostile.py                # every case, worst of 3 runs
    python benchmarks/hostile.py --repeat 1 -k alias
    python benchmarks/hostile.py --stress       # also files at the default bounds

Each case is built as the oracle builds it (tests/hostile/corpus.py) and linted by the
installed console script with every format, in a child process whose peak resident
memory comes from wait4(). The baseline is the same command on a tree holding only the
companion file: memory is shown above it. Targets: under 1 s, under 100 MB above the
baseline. Nothing here is asserted by the test suite (timings are not deterministic).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

from corpus import (  # noqa: E402
    BUILDERS,
    Case,
    build,
    load_cases,
    remove_deep_folders,
    unprivileged,
)

from governance_lint.formatters import FORMATS  # noqa: E402

SCRIPT = shutil.which("governance-lint", path=os.path.dirname(sys.executable)) or "governance-lint"
TARGET_SECONDS = 1.0
TARGET_MB = 100.0
MIB = 1 << 20


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mb: float
    status: int


def measure(case: Case, index: int) -> Measure:
    root = Path(tempfile.mkdtemp(prefix="governance-lint-bench-"))
    try:
        repo = build(case, root)
        out = root / "out"
        out.mkdir()
        options = [arg for name in FORMATS for arg in ("--format", f"{name}={out / name}")]
        env = {**os.environ, "NO_COLOR": "1", "GOVERNANCE_LINT_TODAY": "2026-06-01"}
        env.pop("GITHUB_ACTIONS", None)
        began = time.perf_counter()
        child = subprocess.Popen(
            [*unprivileged(case), SCRIPT, "check", *options, *case.args],
            cwd=repo,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)
        return Measure(seconds, usage.ru_maxrss / 1024, child.returncode)
    finally:
        remove_deep_folders(root / "repo")
        shutil.rmtree(root, ignore_errors=True)


def stress_cases() -> list[Case]:
    """Files as large as the default bounds allow: what one hostile file can cost."""
    return [
        Case("stress-8mib-of-one-flow-list", "stress", build="stress_flow_list"),
        Case("stress-8mib-of-block-mappings", "stress", build="stress_block_mappings"),
        Case("stress-8mib-of-decisions", "stress", build="stress_decisions"),
        Case("stress-8mib-of-unknown-fields", "stress", build="stress_unknown_fields"),
    ]


def _fill(head: str, unit: str, tail: str = "") -> str:
    count = (8 * MIB - len(head) - len(tail)) // len(unit)
    return head + unit * count + tail


def _stress_flow_list(repo: Path) -> None:
    (repo / "flow.yaml").write_text(_fill("governance: 1\nx-pad: [", "1,", "1]\n"))


def _stress_block_mappings(repo: Path) -> None:
    head = "governance: 1\nx-pad:\n"
    rows = "".join(f"  k{number}: v\n" for number in range(8 * MIB // 12))
    (repo / "block.yaml").write_text((head + rows)[: 8 * MIB - 1] + "\n")


def _stress_decisions(repo: Path) -> None:
    head = "governance: 1\nroles:\n  ceo: {title: CEO}\ndecisions:\n"
    rows, size, number = [], len(head), 0
    while size < 8 * MIB - 200:
        row = f"  d{number}:\n    title: Decision {number}\n    owner: ceo\n    decide_within: 5d\n"
        rows.append(row)
        size += len(row)
        number += 1
    (repo / "decisions.yaml").write_text(head + "".join(rows))


def _stress_unknown_fields(repo: Path) -> None:
    head = "governance: 1\npeople:\n"
    rows, size, number = [], len(head), 0
    while size < 8 * MIB - 100:
        row = f"  p{number}: {{name: P, nam: x}}\n"
        rows.append(row)
        size += len(row)
        number += 1
    (repo / "people.yaml").write_text(head + "".join(rows))


BUILDERS.update(
    stress_flow_list=_stress_flow_list,
    stress_block_mappings=_stress_block_mappings,
    stress_decisions=_stress_decisions,
    stress_unknown_fields=_stress_unknown_fields,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the worst is shown")
    parser.add_argument("-k", default="", help="only cases whose id contains this")
    parser.add_argument("--stress", action="store_true", help="add files at the default bounds")
    options = parser.parse_args()
    cases = [case for case in load_cases() if options.k in case.id]
    if options.stress:
        cases += [case for case in stress_cases() if options.k in case.id]
    baseline_case = replace(cases[0], file=None, build=None, config=None, args=(".",))
    baseline = max(
        (measure(baseline_case, 0) for _ in range(options.repeat)), key=lambda m: m.peak_mb
    )
    print(f"baseline (companion file only): {baseline.seconds:.2f} s, {baseline.peak_mb:.0f} MB")
    print(f"{'case':<46} {'category':<26} {'status':>6} {'worst s':>8} {'MB above':>9}  verdict")
    over = 0
    for index, case in enumerate(cases):
        runs = [measure(case, index) for _ in range(options.repeat)]
        seconds = max(run.seconds for run in runs)
        above = max(run.peak_mb for run in runs) - baseline.peak_mb
        within = seconds < TARGET_SECONDS and above < TARGET_MB
        over += not within
        statuses = "/".join(sorted({str(run.status) for run in runs}))
        verdict = "ok" if within else "OVER TARGET"
        row = f"{case.id:<46} {case.category:<26} {statuses:>6} {seconds:8.2f} {above:9.1f}"
        print(f"{row}  {verdict}", flush=True)
    print(f"{len(cases)} cases, {over} over a target ({TARGET_SECONDS} s, {TARGET_MB} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
