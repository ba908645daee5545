"""Every output of every example and rule fixture, written into one folder to compare.

    python scripts/snapshot_outputs.py OUT          # write the snapshot
    python scripts/snapshot_outputs.py OUT --check  # compare with it; exit 1 on a change

A refactoring that must not change behaviour takes a snapshot before and checks it
after: for each example folder and each rule fixture, `check` in all five formats and
with --statistics, `matrix` in three formats, `graph` in two and the HTML report, run
by the installed console script from the project root with the cache off and the date
pinned, standard error and exit status included.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = shutil.which("governance-lint", path=os.path.dirname(sys.executable)) or "governance-lint"
COMMANDS: dict[str, list[str]] = {
    "check": [
        "check",
        "--format",
        "text",
        "--format",
        "json=json",
        "--format",
        "sarif=sarif",
        "--format",
        "github=github",
        "--format",
        "markdown=markdown",
    ],
    "statistics": ["check", "--statistics"],
    "matrix-markdown": ["matrix", "--format", "markdown"],
    "matrix-csv": ["matrix", "--format", "csv"],
    "matrix-json": ["matrix", "--format", "json"],
    "graph-mermaid": ["graph", "--format", "mermaid"],
    "graph-dot": ["graph", "--format", "dot"],
    "report": ["report", "--date", "2026-06-01"],
}


def targets() -> list[Path]:
    """Example folders (each side of a before/after pair) and every rule fixture file."""
    found: list[Path] = []
    for example in sorted((ROOT / "examples").iterdir()):
        if not example.is_dir() or example.name.startswith("."):
            continue
        sides = [example / side for side in ("before", "after") if (example / side).is_dir()]
        found.extend(sides or [example])
    found.extend(sorted((ROOT / "tests" / "rules").glob("*/*.yaml")))
    return found


def run_one(target: Path, name: str, out: Path) -> None:
    relative = target.relative_to(ROOT)
    folder = out / str(relative).replace(os.sep, "__") / name
    folder.mkdir(parents=True, exist_ok=True)
    args = [
        part if "=" not in part else f"{part.split('=')[0]}={folder / part.split('=')[1]}"
        for part in COMMANDS[name]
    ]
    env = {**os.environ, "NO_COLOR": "1", "GOVERNANCE_LINT_TODAY": "2026-06-01"}
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run(
        [SCRIPT, *args, "--no-cache", str(relative)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
    )
    (folder / "stdout").write_bytes(result.stdout)
    (folder / "stderr").write_bytes(result.stderr)
    (folder / "status").write_text(f"{result.returncode}\n")


def snapshot(out: Path) -> None:
    jobs = [(target, name) for target in targets() for name in COMMANDS]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda job: run_one(job[0], job[1], out), jobs))


def differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"{prefix}{name}: only before" for name in compared.left_only)
        found.extend(f"{prefix}{name}: only after" for name in compared.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            compared.left, compared.right, compared.common_files, shallow=False
        )
        found.extend(f"{prefix}{name}: differs" for name in mismatch + errors)
        for name, sub in sorted(compared.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the snapshot folder")
    parser.add_argument("--check", action="store_true", help="compare with the snapshot")
    options = parser.parse_args()
    if not options.check:
        if options.out.exists():
            shutil.rmtree(options.out)
        snapshot(options.out)
        print(f"{len(targets())} targets, {len(COMMANDS)} commands each: {options.out}")
        return 0
    with tempfile.TemporaryDirectory() as fresh:
        snapshot(Path(fresh))
        changed = differences(options.out, Path(fresh))
    for line in changed:
        print(line)
    print(f"{len(changed)} outputs differ" if changed else "every output is byte-identical")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
