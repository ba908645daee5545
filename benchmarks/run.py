"""Time the installed console script, whole process, beside check-jsonschema.

    pip install '.[benchmark]' && python benchmarks/run.py

For 100, 1 000, 10 000 and 100 000 decisions it generates an organization
(benchmarks/generate.py) and runs `governance-lint check` several times cold (no cache
folder: the first run anyone makes), reporting the median wall time, the peak memory
of the process (ru_maxrss from wait4, the child process included) and the number of
findings; then check-jsonschema validating the same files against the published
schema, and the ratio. It also times `--version`, `rules`, a typical pre-commit run (52
files, 500 decisions, cold and warm) and, at 10 000 decisions, a warm cache with one
file changed before each run. The records row times `check` and `indicators` on the
10 000-decision organization alone and with 10 000 and 100 000 decision records
(`--records-only` runs just that row).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate, generate_records

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "governance.schema.json"
CACHE = ".governance-lint-cache"


def measure(command: Sequence[str], cwd: Path | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak resident megabytes and standard output of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = process.stdout.read() if process.stdout else b""
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = 0
    return elapsed, usage.ru_maxrss / 1024, output.decode("utf-8", "replace")


def median_run(
    command: Sequence[str], runs: int, cwd: Path | None = None, before: object = None
) -> tuple[float, float, str]:
    """The median time, the largest peak memory and the last output of ``runs`` runs;
    ``before()`` is called before each."""
    results = []
    for _ in range(runs):
        if callable(before):
            before()
        results.append(measure(command, cwd))
    return (
        statistics.median(r[0] for r in results),
        max(r[1] for r in results),
        results[-1][2],
    )


def tool(name: str) -> str | None:
    return shutil.which(name, path=os.path.dirname(sys.executable)) or shutil.which(name)


def organization(work: Path, decisions: int, per_file: int = 50) -> Path:
    folder = work / f"org-{decisions}-{per_file}"
    if not folder.exists():
        generate(decisions, folder, per_file=per_file)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "gl-bench")
    parser.add_argument("--records-only", action="store_true", help="only the records row")
    args = parser.parse_args()
    lint = tool("governance-lint")
    if lint is None:
        raise SystemExit("governance-lint is not installed: pip install '.[benchmark]'")
    validator = tool("check-jsonschema")
    args.work.mkdir(parents=True, exist_ok=True)

    def cold() -> None:
        shutil.rmtree(args.work / CACHE, ignore_errors=True)

    if args.records_only:
        _records(lint, args.work, args.runs, cold)
        return

    print(
        f"{'decisions':>9} {'files':>6} {'MB':>5} {'governance-lint':>15} {'peak MB':>8} "
        f"{'findings':>8} {'check-jsonschema':>16} {'ratio':>6}"
    )
    for size in args.sizes:
        folder = organization(args.work, size)
        files = sorted(folder.glob("*.yaml"))
        megabytes = sum(f.stat().st_size for f in files) / 1e6
        runs = 3 if size >= 100_000 else args.runs
        seconds, peak, output = median_run(
            [lint, "check", "--format", "json", folder.name], runs, args.work, cold
        )
        findings = len(json.loads(output)["findings"])
        other, ratio = "not installed", "-"
        if validator:
            their_runs = 1 if size >= 100_000 else min(args.runs, 3)
            their, _, _ = median_run(
                [validator, "--schemafile", str(SCHEMA), *map(str, files)], their_runs
            )
            other, ratio = f"{their:.2f} s", f"{seconds / their:.3f}"
        print(
            f"{size:>9} {len(files):>6} {megabytes:>5.1f} {seconds:>13.2f} s {peak:>8.0f} "
            f"{findings:>8} {other:>16} {ratio:>6}",
            flush=True,
        )
    for label, command in (("--version", [lint, "--version"]), ("rules", [lint, "rules"])):
        seconds, _, _ = median_run(command, args.runs)
        print(f"{label}: {seconds:.3f} s")
    typical = organization(args.work, 500, per_file=10)
    command = [lint, "check", typical.name]
    cold_seconds, _, _ = median_run(command, args.runs, args.work, cold)
    warm_seconds, _, _ = median_run(command, args.runs, args.work)
    count = len(list(typical.glob("*.yaml")))
    print(
        f"pre-commit run, {count} files, 500 decisions: {cold_seconds:.3f} s cold, "
        f"{warm_seconds:.3f} s warm"
    )
    if 10_000 in args.sizes:
        _warm_one_changed(lint, args.work, args.runs, cold)
        _records(lint, args.work, args.runs, cold)


RECORDS_UNTIL = "2026-11-29"  # the generated records' last day: today for these runs


def _records(lint: str, work: Path, runs: int, cold: object) -> None:
    """`check` and `indicators` on 10 000 decisions alone, then with 10 000 and 100 000
    records over two years: the bound is 2x the register alone, linear in records."""
    register = organization(work, 10_000)
    os.environ["GOVERNANCE_LINT_TODAY"] = RECORDS_UNTIL
    try:
        base: dict[str, float] = {}
        for count in (0, 10_000, 100_000):
            folder = register
            if count:
                folder = work / f"org-10000-records-{count}"
                if not folder.exists():
                    shutil.copytree(register, folder)
                    generate_records(10_000, count, folder)
            cells = []
            for command in ("check", "indicators"):
                seconds, peak, _ = median_run(
                    [lint, command, "--format", "json", folder.name], runs, work, cold
                )
                base.setdefault(command, seconds)
                cells.append(
                    f"{command} {seconds:.2f} s ({seconds / base[command]:.2f}x, {peak:.0f} MB)"
                )
            print(f"records, 10 000 decisions, {count:>7} records: " + ", ".join(cells), flush=True)
    finally:
        os.environ.pop("GOVERNANCE_LINT_TODAY", None)


def _warm_one_changed(lint: str, work: Path, runs: int, cold: object) -> None:
    """A warm cache and one file edited before each run, as in a commit hook."""
    folder = work / "org-10000-edited"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(organization(work, 10_000), folder)
    command = [lint, "check", "--format", "json", folder.name]
    cold_seconds, _, _ = median_run(command, runs, work, cold)
    files = sorted(folder.glob("decisions-*.yaml"))
    edits = iter(files)

    def edit_one() -> None:
        target = next(edits)
        target.write_text(target.read_text() + "# edited\n")

    measure(command, work)  # warm the cache
    warm, _, _ = median_run(command, runs, work, edit_one)
    print(
        f"10 000 decisions, warm cache, one file changed: {warm:.2f} s "
        f"({warm / cold_seconds:.2f} of cold {cold_seconds:.2f} s)"
    )


if __name__ == "__main__":
    main()
