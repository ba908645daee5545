"""Time and peak memory of every hostile case, as the oracle runs it, in a table.

    python benchmarks/hostile.py                # every case, worst of 3 runs
    python benchmarks/hostile.py --repeat 1 -k alias
    python benchmarks/hostile.py --stress       # also files at the default bounds
    python benchmarks/hostile.py --volume       # the two volume attacks of issue 19

``--volume`` measures only the inputs that once cost the square of their size, against
their targets: 40 000 suppression comments stacked above one entry (under 2 s), and a
line of 3 000 roles, each owning a decision, with the GitHub Action's formats (github,
sarif, markdown: under 3 s and 25 MB written in all).

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
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

from governance_lint.output.formatters import FORMATS  # noqa: E402

from corpus import (  # noqa: E402
    BUILDERS,
    Case,
    build,
    load_cases,
    remove_deep_folders,
    unprivileged,
)

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


@dataclass(frozen=True)
class Volume:
    """One volume attack: the file it writes, the formats it asks for, its targets."""

    name: str
    text: Callable[[], str]
    formats: tuple[str, ...]
    seconds: float
    megabytes: float | None


def _stacked_comments(count: int = 40_000) -> str:
    """``count`` own-line suppression comments above one entry, then the entry."""
    head = "governance: 1\npeople:\n  p: {name: P}\nroles:\n  ceo: {title: CEO, holder: p}\n"
    comments = "".join(
        f"  # governance-lint: disable=DR001 -- reviewed {number}\n" for number in range(count)
    )
    return head + "decisions:\n" + comments + "  d:\n    title: D\n    owner: ceo\n"


def _line_of_roles(count: int = 3_000) -> str:
    """Role r1 reports to r2 ... to r``count``, the top; each held, each owning a decision."""
    people = "".join(f"  p{n}: {{name: Person {n}}}\n" for n in range(1, count + 1))
    roles = "".join(
        f"  r{n}: {{title: Role {n}, holder: p{n}"
        + (f", reports_to: r{n + 1}" if n < count else "")
        + "}\n"
        for n in range(1, count + 1)
    )
    decisions = "".join(f"  d{n}: {{title: D{n}, owner: r{n}}}\n" for n in range(1, count + 1))
    return f"governance: 1\npeople:\n{people}roles:\n{roles}decisions:\n{decisions}"


ACTION_FORMATS = ("github", "sarif=out/governance-lint.sarif", "markdown=out/summary.md")
VOLUMES = (
    Volume("40 000 suppression comments", _stacked_comments, ("text",), 2.0, None),
    Volume("3 000-role chain, Action formats", _line_of_roles, ACTION_FORMATS, 3.0, 25.0),
)


def measure_volume(volume: Volume) -> tuple[float, int, int]:
    """(seconds, bytes written to standard output and output files, exit status)."""
    root = Path(tempfile.mkdtemp(prefix="governance-lint-volume-"))
    try:
        (root / "out").mkdir()
        (root / "organization.yaml").write_text(volume.text(), encoding="utf-8")
        options = [arg for name in volume.formats for arg in ("--format", name)]
        env = {**os.environ, "NO_COLOR": "1", "GOVERNANCE_LINT_TODAY": "2026-06-01"}
        env.pop("GITHUB_ACTIONS", None)
        with open(root / "out" / "stdout", "wb") as stdout:
            began = time.perf_counter()
            status = subprocess.call(
                [SCRIPT, "check", "--no-cache", *options, "."],
                cwd=root,
                env=env,
                stdout=stdout,
                stderr=subprocess.DEVNULL,
            )
            seconds = time.perf_counter() - began
        written = sum(path.stat().st_size for path in (root / "out").iterdir())
        return seconds, written, status
    finally:
        shutil.rmtree(root, ignore_errors=True)


def volume(repeat: int) -> int:
    """The volume attacks, worst of ``repeat`` runs each, against their targets."""
    print(f"{'case':<34} {'status':>6} {'worst s':>8} {'MB written':>10}  verdict")
    over = 0
    for case in VOLUMES:
        runs = [measure_volume(case) for _ in range(repeat)]
        seconds = max(run[0] for run in runs)
        megabytes = max(run[1] for run in runs) / 1e6
        statuses = "/".join(sorted({str(run[2]) for run in runs}))
        within = seconds < case.seconds and (case.megabytes is None or megabytes < case.megabytes)
        over += not within
        target = f"< {case.seconds:g} s" + (
            f", < {case.megabytes:g} MB" if case.megabytes is not None else ""
        )
        verdict = "ok" if within else "OVER TARGET"
        row = f"{case.name:<34} {statuses:>6} {seconds:8.2f} {megabytes:10.1f}"
        print(f"{row}  {verdict} ({target})", flush=True)
    print(f"{len(VOLUMES)} volume attacks, {over} over a target")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the worst is shown")
    parser.add_argument("-k", default="", help="only cases whose id contains this")
    parser.add_argument("--stress", action="store_true", help="add files at the default bounds")
    parser.add_argument(
        "--volume", action="store_true", help="only the two volume attacks, against their targets"
    )
    options = parser.parse_args()
    if options.volume:
        return volume(options.repeat)
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
