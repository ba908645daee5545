"""Time the installed console script, whole process, beside check-jsonschema.

    pip install '.[benchmark]'
    python benchmarks/run.py                 # 100, 1 000 and 10 000 decisions
    python benchmarks/run.py --sizes 100000  # add the big one (minutes with check-jsonschema)

For each size it generates an organization (benchmarks/generate.py), runs
`governance-lint check` several times cold (--no-cache) and reports the median wall
time, the peak memory of the process (ru_maxrss from wait4) and the number of
findings; then check-jsonschema validating the same files against the published
schema, when it is installed, and the ratio. It also times `--version`, `rules`, a
typical pre-commit run (50 files, 500 decisions) and a warm cache with one file
changed.
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
from generate import generate

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "governance.schema.json"


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
    command: Sequence[str], runs: int, cwd: Path | None = None
) -> tuple[float, float, str]:
    results = [measure(command, cwd) for _ in range(runs)]
    return (statistics.median(r[0] for r in results), max(r[1] for r in results), results[-1][2])


def tool(name: str) -> str:
    found = shutil.which(name, path=os.path.dirname(sys.executable)) or shutil.which(name)
    if not found:
        raise SystemExit(f"{name} is not installed: pip install '.[benchmark]'")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "gl-bench")
    args = parser.parse_args()
    lint = tool("governance-lint")
    validator = shutil.which("check-jsonschema", path=os.path.dirname(sys.executable))
    print(
        f"{'decisions':>9} {'files':>6} {'MB':>5} {'governance-lint':>15} {'peak MB':>8} "
        f"{'findings':>8} {'check-jsonschema':>16} {'ratio':>6}"
    )
    for size in args.sizes:
        folder = args.work / f"org-{size}"
        if not folder.exists():
            generate(size, folder)
        files = sorted(folder.glob("*.yaml"))
        megabytes = sum(f.stat().st_size for f in files) / 1e6
        seconds, peak, output = median_run(
            [lint, "check", "--no-cache", "--format", "json", str(folder)], args.runs
        )
        findings = len(json.loads(output)["findings"])
        other, ratio = "-", "-"
        if validator:
            runs = 1 if size >= 100_000 else min(args.runs, 3)
            their, _, _ = median_run(
                [validator, "--schemafile", str(SCHEMA), *map(str, files)], runs
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
    typical = args.work / "typical-500"
    if not typical.exists():
        generate(500, typical, per_file=10)
    seconds, _, _ = median_run([lint, "check", "--no-cache", str(typical)], args.runs)
    print(
        f"pre-commit run, {len(list(typical.glob('*.yaml')))} files, 500 decisions: {seconds:.3f} s"
    )


if __name__ == "__main__":
    main()
