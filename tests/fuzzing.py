"""A seeded mutation fuzzer: hostile bytes through the real pipeline, in-process.

Seeds are the examples, the rule fixtures and the hostile corpus. Each input is made by
byte, token and line mutations of one seed (sometimes one file of a whole example
folder), linted with ``governance_lint.linter.lint`` under the default or under small
bounds, and rendered in every format. Input N of seed S is always the same bytes, so
any failure is reproduced with ``--seed S --start N --count 1``.

    python tests/fuzzing.py --seed 1 --count 1000000 --jobs 2   # a long run
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import multiprocessing
import os
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from governance_lint.config import Config, default_thresholds
from governance_lint.display import escape_controls
from governance_lint.findings import GovernanceLintError
from governance_lint.linter import lint
from governance_lint.output.formatters import FORMATS, renderer
from governance_lint.reading.loader import Bounds
from governance_lint.result import RenderOptions
from governance_lint.rules import ALL_RULES

ROOT = Path(__file__).resolve().parent.parent
SEED_FOLDERS = (ROOT / "examples", ROOT / "tests" / "rules", ROOT / "tests" / "hostile" / "files")

TOKENS = [
    *"[]{}:,-?&*!|>'\"#%@`~\t\n\r",
    "\r\n",
    "\u2028",
    "\u2029",
    "\x85",
    "\ufeff",
    "\x00",
    "\x1b[31m",
    "é",
    "😀",
    "\udcff",
    ": ",
    "- ",
    "? ",
    "---\n",
    "...\n",
    "%YAML 1.1\n---\n",
    "%TAG !e! tag:example.com,2000:\n---\n",
    "&a ",
    "*a",
    "&b [*a, *a, *a, *a]",
    "<<: ",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGk=",
    "!!timestamp 2024-01-01",
    "!!set {a, b}",
    "!e!x ",
    "!local ",
    "!<tag:yaml.org,2002:str> ",
    "!!str ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!null ",
    "!!map ",
    "!!seq ",
    "~",
    "null",
    "yes",
    "no",
    "on",
    "off",
    "010",
    "0x1F",
    "0b101",
    "1:30",
    "1:30.5",
    ".inf",
    "-.nan",
    "1e5",
    "1.10",
    "2024-02-30",
    "9" * 5000,
    "x-",
    "governance: 1\n",
    "governance: 1.10\n",
    "'<<'",
    "# governance-lint: disable=DR002 -- reason\n",
    "  # governance-lint: disable=GL002,ES until=2020-01-01\n",
    "# governance-lint: disable=all\n",
    "%0A::error file=x::injected",
    "##[error]injected",
    "<script>alert(1)</script>",
    "](javascript:x)",
    "|",
    "`",
    "-->",
    '"]] --> x',
    "a" * 1025,
    "[a, a]",
    "any",
    "group",
    "alumni",
    "status-quo",
]
FIELDS = [
    "governance",
    "organization",
    "people",
    "roles",
    "teams",
    "decisions",
    "ready",
    "cadences",
    "metrics",
    "name",
    "title",
    "holder",
    "reports_to",
    "escalates_to",
    "lead",
    "members",
    "parent",
    "owner",
    "mode",
    "deciders",
    "quorum",
    "threshold",
    "tie_breaker",
    "consulted",
    "informed",
    "vetoes",
    "approvals",
    "decide_within",
    "override",
    "executed_by",
    "depends_on",
    "affects",
    "reviewed_in",
    "artifact",
    "from",
    "to",
    "accepted_by",
    "criteria",
    "every",
    "chair",
    "attendees",
    "kind",
    "target",
    "final_authority",
    "scope",
    "status",
    "decides_by",
    "on_no_agreement",
]
SMALL_BOUNDS = Bounds(
    max_file_bytes=4096, max_depth=6, max_alias_expansion=40, max_nodes=300, max_scalar_shown=12
)


@dataclass(frozen=True)
class Seed:
    """One seed: a file, or a folder of files of which one is mutated."""

    name: str
    files: tuple[tuple[str, bytes], ...]


def load_seeds() -> list[Seed]:
    seeds: list[Seed] = []
    for folder in SEED_FOLDERS:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink() and path.suffix in (".yaml", ".yml"):
                seeds.append(Seed(str(path.relative_to(ROOT)), ((path.name, path.read_bytes()),)))
    for organization in sorted((ROOT / "examples").glob("*/")):
        for folder in [organization, *sorted(organization.glob("*/"))]:
            files = sorted(folder.rglob("*.yaml"))
            if len(files) > 1 and folder.name in ("before", "after", "healthy"):
                seeds.append(
                    Seed(
                        str(folder.relative_to(ROOT)),
                        tuple((str(f.relative_to(folder)), f.read_bytes()) for f in files),
                    )
                )
    return seeds


def _token(rng: random.Random, pool: Sequence[bytes]) -> bytes:
    choice = rng.random()
    if choice < 0.6:
        return rng.choice(TOKENS).encode("utf-8", "surrogatepass")
    if choice < 0.85:
        return (rng.choice(FIELDS) + rng.choice([": ", ":", ": [", ": {", ""])).encode()
    donor = rng.choice(pool)
    start = rng.randrange(len(donor) + 1)
    return donor[start : start + rng.randrange(1, 64)]


_WORD = re.compile(rb"[a-z][a-z0-9_-]{1,40}")


def rewire(rng: random.Random, data: bytes) -> bytes:
    """Replace one occurrence of an id-like word with another word of the file: the
    file stays valid YAML, and references now loop, collide or dangle."""
    words = _WORD.findall(data)
    if len(words) < 2:
        return data
    old, new = rng.choice(words), rng.choice(words)
    places = [match.start() for match in re.finditer(re.escape(old), data)]
    at = rng.choice(places)
    return data[:at] + new + data[at + len(old) :]


def mutate(rng: random.Random, data: bytes, pool: Sequence[bytes]) -> bytes:
    """A few random edits: bytes, tokens, lines, repetition, nesting, re-encoding; or,
    for a third of the inputs, only rewired references (so the rules see valid files)."""
    if rng.random() < 0.33:
        for _ in range(rng.choice((1, 2, 3, 5, 8))):
            data = rewire(rng, data)
        return data
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4, 6, 10))):
        size = len(data)
        at = rng.randrange(size + 1)
        op = rng.randrange(14)
        if op == 0 and size:
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
        elif op == 1:
            data = data[:at] + _token(rng, pool) + data[at:]
        elif op == 2 and size:
            data = data[:at] + data[at + rng.randrange(1, 32) :]
        elif op == 3:
            data = data[:at] + _token(rng, pool) + data[at + rng.randrange(0, 16) :]
        elif op in (4, 5, 6):
            lines = data.split(b"\n")
            index = rng.randrange(len(lines))
            other = rng.randrange(len(lines))
            if op == 4:
                lines.insert(other, lines[index])
            elif op == 5:
                lines[index], lines[other] = lines[other], lines[index]
            else:
                lines[index] = b" " * rng.choice((0, 1, 2, 4, 8)) + lines[index].lstrip(b" ")
            data = b"\n".join(lines)
        elif op == 7 and size:
            end = min(size, at + rng.randrange(1, 80))
            data = data[:at] + data[at:end] * rng.choice((2, 10, 100, 1000)) + data[end:]
        elif op == 8:
            depth = rng.choice((5, 70, 1200))
            opener, closer = rng.choice(((b"[", b"]"), (b"{", b"}"), (b"- ", b"")))
            data = data[:at] + opener * depth + closer * rng.choice((0, depth)) + data[at:]
        elif op == 9:
            lines = data.split(b"\n")
            index = rng.randrange(len(lines))
            lines[index] = lines[index].split(b":")[0] + b": " + _token(rng, pool)
            data = b"\n".join(lines)
        elif op == 10:
            data = data[:at] + b"\n" + rng.choice(pool)[: rng.randrange(1, 400)] + data[at:]
        elif op == 11:
            with contextlib.suppress(UnicodeDecodeError):
                codec = rng.choice(("utf-16", "utf-16-le", "utf-16-be", "utf-32"))
                data = data.decode("utf-8").encode(codec)
        elif op == 12:
            break_ = rng.choice((b"\r", b"\r\n", "\u2028".encode(), "\x85".encode(), b"\n\n"))
            data = data.replace(b"\n", break_, rng.randrange(1, 20))
        else:
            anchor = b"&n" + str(rng.randrange(3)).encode() + b" "
            alias = b"*n" + str(rng.randrange(3)).encode()
            data = data[:at] + rng.choice((anchor, alias, anchor + alias)) + data[at:]
    return data[: 1 << 20]


def make_input(seed: int, index: int, seeds: Sequence[Seed]) -> tuple[Seed, Bounds]:
    """Input ``index`` of run ``seed``: always the same files and bounds."""
    rng = random.Random(f"{seed}:{index}")
    base = rng.choice(seeds)
    pool = [content for chosen in rng.sample(seeds, 3) for _, content in chosen.files]
    target = rng.randrange(len(base.files))
    files = tuple(
        (name, mutate(rng, content, pool) if number == target else content)
        for number, (name, content) in enumerate(base.files)
    )
    bounds = SMALL_BOUNDS if rng.random() < 0.15 else Bounds()
    if rng.random() < 0.1:
        bounds = replace(bounds, max_scalar_shown=rng.choice((1, 2, 5, 40)))
    return Seed(f"{base.name}#{index}", files), bounds


def _config(bounds: Bounds) -> Config:
    return Config(
        rules=ALL_RULES,
        thresholds=default_thresholds(ALL_RULES),
        today=dt.date(2026, 6, 1),
        bounds=bounds,
    )


def check_one(case: Seed, bounds: Bounds, workdir: Path) -> None:
    """Lint one input and render it in every format; raise AssertionError on a broken
    invariant, and let any other exception through (it is a crash)."""
    folder = workdir / "repo"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name, content in case.files:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    with contextlib.chdir(folder):
        try:
            report = lint(["."], _config(bounds))
        except GovernanceLintError as error:
            assert str(error).startswith("no governance files"), error
            return
        options = RenderOptions(colour=False, cwd=os.getcwd())
        outputs = {name: renderer(name)(report, options) for name in FORMATS}
    names = {name for name, _ in case.files}
    for finding in report.findings:
        location = finding.location
        assert location.line >= 1 and location.column >= 1, finding
        assert location.file in names, finding
        for text in (finding.message, finding.help):
            assert escape_controls(text) == text, finding
    for name, output in outputs.items():
        assert str(workdir) not in output, name
    if "json" in outputs:
        json.loads(outputs["json"])


@dataclass
class Crash:
    index: int
    name: str
    error: str


def run_range(seed: int, start: int, count: int, crash_dir: str | None = None) -> list[Crash]:
    """Inputs ``start`` to ``start + count`` of run ``seed``: the crashes found."""
    seeds = load_seeds()
    crashes: list[Crash] = []
    with tempfile.TemporaryDirectory(prefix="governance-lint-fuzz-") as temporary:
        workdir = Path(temporary)
        for index in range(start, start + count):
            case, bounds = make_input(seed, index, seeds)
            try:
                check_one(case, bounds, workdir)
            except Exception:
                error = traceback.format_exc(limit=-6)
                crashes.append(Crash(index, case.name, error))
                if crash_dir is not None:
                    _save(Path(crash_dir), seed, index, case, error)
    return crashes


def _save(folder: Path, seed: int, index: int, case: Seed, error: str) -> None:
    target = folder / f"seed{seed}-input{index}"
    target.mkdir(parents=True, exist_ok=True)
    for name, content in case.files:
        path = target / "files" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    (target / "traceback.txt").write_text(error, encoding="utf-8")


def _chunks(start: int, count: int, size: int) -> Iterator[tuple[int, int]]:
    for first in range(start, start + count, size):
        yield first, min(size, start + count - first)


def _worker(arguments: tuple[int, int, int, str | None]) -> tuple[int, list[Crash]]:
    seed, start, count, crash_dir = arguments
    return count, run_range(seed, start, count, crash_dir)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--crash-dir", default="fuzz-crashes")
    options = parser.parse_args(argv)
    began = time.monotonic()
    done, crashes = 0, []
    work = [
        (options.seed, first, size, options.crash_dir)
        for first, size in _chunks(options.start, options.count, 2_000)
    ]
    with multiprocessing.Pool(options.jobs) as pool:
        for count, found in pool.imap_unordered(_worker, work):
            done += count
            crashes.extend(found)
            elapsed = time.monotonic() - began
            print(
                f"{done}/{options.count} inputs, {len(crashes)} crashes, {elapsed:.0f} s",
                file=sys.stderr,
                flush=True,
            )
    elapsed = time.monotonic() - began
    print(
        f"seed {options.seed}: {done} inputs from {options.start} in {elapsed:.0f} s "
        f"({done / max(elapsed, 1e-9):.0f}/s), {len(crashes)} crashes"
    )
    for crash in sorted(crashes, key=lambda c: c.index)[:20]:
        print(f"--- input {crash.index} ({crash.name})\n{crash.error}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
