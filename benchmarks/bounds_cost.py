"""What the reading bounds cost: load a large generated organization with and without them.

    python benchmarks/bounds_cost.py                  # 10 000 decisions in 200 files
    python benchmarks/bounds_cost.py --files 400 --per-file 250

"Load" is what governance_lint.reading.loader does for every file: read (at most the bound + 1
bytes), decode, check characters, and build data and positions from PyYAML's events.
The unbounded variant is the same builder with every bound check taken out of its event
handlers (the `if` statements that compare with a max_* bound, and the counters that
feed them), rebuilt from the builder's own source, so the two never drift apart. The
full lint (validation, merge, rules) is shown for scale. Times are the best of N runs.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import importlib
import inspect
import shutil
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from governance_lint.config import Config, default_thresholds
from governance_lint.linter import lint
from governance_lint.reading import loader
from governance_lint.reading.discover import discover
from governance_lint.rules import ALL_RULES

_COUNTERS = {"nodes", "weight", "expanded"}


class _StripBounds(ast.NodeTransformer):
    """Drop `if ... self.max_X ...:` statements and the counters only bounds read."""

    def visit_If(self, node: ast.If) -> Any:
        names = {n.attr for n in ast.walk(node.test) if isinstance(n, ast.Attribute)}
        if any(name.startswith("max_") for name in names):
            return None
        return self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> Any:
        self.generic_visit(node)
        node.body = node.body or [ast.Pass()]
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> Any:
        target = node.target
        if isinstance(target, ast.Attribute) and target.attr in _COUNTERS:
            return None
        return node


def _builder_class() -> tuple[ModuleType, str]:
    """Where the event builder lives: ``builder.Builder``, or ``loader._Builder`` in
    versions before it had a module of its own (to measure those too)."""
    if hasattr(loader, "_Builder"):
        return loader, "_Builder"
    return importlib.import_module("governance_lint.reading.builder"), "Builder"


def unbounded_builder() -> type:
    """A subclass of the builder whose methods check no bound."""
    module, name = _builder_class()
    cls = getattr(module, name)
    namespace = dict(vars(module))
    methods: dict[str, Callable[..., Any]] = {}
    for method, function in vars(cls).items():
        if not inspect.isfunction(function) or method == "__init__":
            continue
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
        tree = ast.fix_missing_locations(_StripBounds().visit(tree))
        exec(compile(tree, f"<unbounded {method}>", "exec"), namespace)
        methods[method] = namespace[method]
    return type("UnboundedBuilder", (cls,), methods)


def generate(folder: Path, files: int, per_file: int) -> None:
    for number in range(files):
        lines = ["governance: 1", "people:"]
        lines += [f"  p{number}-{k}: {{name: Person {number} {k}}}" for k in range(5)]
        lines.append("roles:")
        lines += [
            f"  r{number}-{k}: {{title: Role {k}, holder: p{number}-{k}"
            + (f", reports_to: r{number}-0}}" if k else "}")
            for k in range(5)
        ]
        lines.append("decisions:")
        for k in range(per_file):
            lines += [
                f"  d{number}-{k}:",
                f"    title: Decision {k} of team {number}",
                f"    scope: team{number}.area{k % 7}",
                f"    owner: r{number}-{k % 5}",
                "    mode: consent",
                f"    deciders: [r{number}-1, r{number}-2]",
                f"    consulted: [r{number}-3]",
                "    decide_within: 5d",
                "    notes: >",
                "      Written by the team; reviewed every quarter.",
            ]
        (folder / f"team-{number:04}.yaml").write_text("\n".join(lines) + "\n")


def best(repeat: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--per-file", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="governance-lint-bounds-"))
    try:
        generate(folder, options.files, options.per_file)
        size = sum(path.stat().st_size for path in folder.iterdir())
        sources, _ = discover([str(folder)])
        bounds = loader.Bounds()

        def load() -> None:
            for source in sources:
                document = loader.read_source(source, bounds)
                assert document.failure is None, document.failure

        bounded = best(options.repeat, load)
        _, name = _builder_class()
        attribute = "Builder" if name == "Builder" else "_Builder"
        original = getattr(loader, attribute)
        setattr(loader, attribute, unbounded_builder())
        try:
            unbounded = best(options.repeat, load)
        finally:
            setattr(loader, attribute, original)
        config = Config(rules=ALL_RULES, thresholds=default_thresholds(ALL_RULES))
        with contextlib.chdir(folder):
            full = best(max(1, options.repeat // 2), lambda: lint(["."], config))
        decisions = options.files * options.per_file
        print(f"{decisions} decisions in {options.files} files, {size / 1e6:.1f} MB")
        print(f"load with bounds:     {bounded:7.3f} s")
        print(f"load without bounds:  {unbounded:7.3f} s")
        print(f"bounds cost:          {100 * (bounded - unbounded) / unbounded:+7.1f} %")
        print(f"full lint (for scale): {full:6.3f} s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
