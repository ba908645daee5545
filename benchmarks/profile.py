"""Where a cold run's time goes: each stage of the pipeline, and the slowest rules.

    python benchmarks/profile.py --decisions 10000

Generates an organization (benchmarks/generate.py), then runs ``governance-lint check``
in this process, cold (no cache folder yet), with each stage of the pipeline wrapped in
a timer: interpreter start is measured apart (``python -c pass``), imports are the time
to import the console script's module plus the libraries the run loads lazily. Stages
that use a second core (reading, half the rules) show their wall time. The rules are
then timed one by one on one core, so the table says which of them cost the most.
Nothing here is asserted by the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

STAGES: dict[str, float] = {}


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with stage(name):
            return function(*args, **kwargs)

    return wrapper


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    began = time.perf_counter()
    try:
        yield
    finally:
        STAGES[name] = STAGES.get(name, 0.0) + time.perf_counter() - began


def interpreter_start() -> float:
    runs = []
    for _ in range(5):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        runs.append(time.perf_counter() - began)
    return sorted(runs)[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--decisions", type=int, default=10_000)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="governance-lint-profile-"))
    org = work / "org"
    generate(options.decisions, org)
    os.chdir(work)
    started = interpreter_start()

    with stage("imports"):
        # what a cold run of a valid organization imports (jsonschema only on errors)
        import click
        import fastjsonschema  # noqa: F401
        import networkx  # noqa: F401

        from governance_lint import cli, linter
        from governance_lint.output import formatters

    linter.read_all = timed("read, parse, validate (2 cores)", linter.read_all)
    linter.merge = timed("merge into one organization", linter.merge)
    linter.read_suppressions = timed("find suppression comments", linter.read_suppressions)
    linter._run_shared = timed("rules (2 cores)", linter._run_shared)
    render = formatters.renderer
    formatters.renderer = lambda name: timed(f"write {name} output", render(name))

    gc.disable()  # as the console script does
    quiet = contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO()))
    with stage("whole check"), quiet, contextlib.suppress(click.exceptions.Exit):
        cli.cli.main(args=["check", str(org)], standalone_mode=False)
    whole = STAGES.pop("whole check")
    imports = STAGES.pop("imports")
    files = len(list(org.iterdir()))
    print(f"{options.decisions} decisions in {files} files, cold (no cache yet), wall time\n")
    print(f"{'interpreter start':36} {started:6.3f} s")
    print(f"{'imports':36} {imports:6.3f} s")
    for name, seconds in STAGES.items():
        print(f"{name:36} {seconds:6.3f} s")
    rest = whole - sum(STAGES.values())
    print(f"{'the rest (configuration, walk, sort)':36} {rest:6.3f} s")
    print(f"{'total':36} {started + imports + whole:6.3f} s\n")
    slowest_rules(org)


def slowest_rules(org: Path) -> None:
    """Each rule on one core, in the order a run calls them, on a fresh organization (the
    terms a rule computes first, and memoizes, count towards that rule)."""
    from governance_lint import linter
    from governance_lint.config import load
    from governance_lint.rules import ALL_RULES

    times: list[tuple[float, str, str]] = []

    def one_by_one(rules: Any, org: Any, config: Any, ran: Any) -> list[Any]:
        found = []
        for rule in rules:
            began = time.perf_counter()
            found.extend(rule.check(org, config))
            times.append((time.perf_counter() - began, rule.code, rule.name))
        return found

    linter._run_shared = one_by_one
    linter.lint([str(org)], load(ALL_RULES, cli={"cache": False}))
    total = sum(seconds for seconds, _, _ in times)
    print(f"rules one by one on one core: {total:.3f} s for {len(times)} rules; the slowest:")
    for seconds, code, name in sorted(times, reverse=True)[:8]:
        print(f"  {code} {name:32} {seconds:6.3f} s")


if __name__ == "__main__":
    main()
