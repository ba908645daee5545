"""What tests share: run the command line (as a process or in this one), lint on disk or in
memory, read expectations.

Importable as ``helpers`` because pyproject.toml puts ``tests`` on pytest's
``pythonpath``; conftest.py keeps only fixtures.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import unittest.mock
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

import yaml

from governance_lint.bounds import Bounds
from governance_lint.config import Config, default_thresholds
from governance_lint.document import Document
from governance_lint.linter import lint, lint_sources
from governance_lint.reading.discover import Source
from governance_lint.result import RenderOptions, Result
from governance_lint.rules import ALL_RULES

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TODAY = "2026-06-01"


def example_names() -> list[str]:
    """The bundled examples, as the linter walks them: hidden folders (a cache) left out."""
    return sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir() and not p.name.startswith("."))


SCRIPT = shutil.which("governance-lint", path=os.path.dirname(sys.executable)) or shutil.which(
    "governance-lint"
)


def run_cli(
    *args: str,
    cwd: Path | str | None = None,
    env: dict[str, str] | None = None,
    input: str | None = None,
    timeout: float = 120,
    prefix: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script as a user would (after ``prefix``, a command
    that runs it, such as one that drops privileges), ``input`` on its standard input."""
    assert SCRIPT, "the governance-lint console script is not installed"
    full_env = {**os.environ, "NO_COLOR": "1", "GOVERNANCE_LINT_TODAY": TODAY}
    full_env.pop("GITHUB_ACTIONS", None)
    full_env.update(env or {})
    return subprocess.run(
        [*prefix, SCRIPT, *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
        timeout=timeout,
        input=input,
    )


def run_cli_together(
    *runs: Sequence[str], cwd: Path | str | None = None, envs: Sequence[dict[str, str]] = ()
) -> list[subprocess.CompletedProcess[str]]:
    """``run_cli(*runs[i], cwd=cwd, env=envs[i])`` for every ``i``, the processes all
    started at once: tests that need several (one per hash seed) keep both cores busy."""
    assert SCRIPT, "the governance-lint console script is not installed"
    started = []
    for number, args in enumerate(runs):
        full_env = {**os.environ, "NO_COLOR": "1", "GOVERNANCE_LINT_TODAY": TODAY}
        full_env.pop("GITHUB_ACTIONS", None)
        full_env.update(envs[number] if envs else {})
        started.append(
            subprocess.Popen(
                [SCRIPT, *args],
                cwd=cwd,
                env=full_env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                errors="backslashreplace",
            )
        )
    done = []
    for process, args in zip(started, runs, strict=True):
        with process:
            try:
                stdout, stderr = process.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                for other in started:
                    other.kill()
                raise
        done.append(
            subprocess.CompletedProcess([SCRIPT, *args], process.returncode, stdout, stderr)
        )
    return done


def run_json(*args: str, cwd: Path | str | None = None, **kw: Any) -> dict[str, Any]:
    """``check --format json`` through the console script, for tests of the process."""
    result = run_cli("check", "--format", "json", *args, cwd=cwd, **kw)
    assert result.returncode in (0, 1), result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


class _Left(Exception):
    """The console script leaving with a status, caught instead of ending the process."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _left(status: int) -> NoReturn:
    raise _Left(status)


def _warnings_as_a_process_shows_them() -> None:
    """Python warnings on the captured standard error, filtered as a new interpreter
    filters them, rather than recorded by pytest: a test that asserts no warning reaches
    the user can then fail. Each is shown every time, not once per process."""
    warnings.resetwarnings()
    warnings.simplefilter("always")
    for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning):
        warnings.filterwarnings("ignore", category=category)
    warnings.filterwarnings("ignore", category=ResourceWarning)

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: Any = None,
        line: str | None = None,
    ) -> None:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))

    warnings.showwarning = show


def invoke(
    *args: str,
    cwd: Path | str | None = None,
    env: dict[str, str] | None = None,
    input: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the command line in this process, as ``run_cli`` runs it in a new one.

    The console script's own entry point (``governance_lint.cli.main``) runs, with its
    option parsing, one-line errors and exit statuses; only its way of leaving (an
    immediate process exit) is caught, and the collector stays on. Standard output and
    error are captured, the same environment is set (``env`` on top), ``cwd`` is the
    folder it runs in. Starting an interpreter costs far more than a small lint, so
    tests whose subject is not the process itself (its streams, signals, environment
    at start-up, the installed script) use this one."""
    from click.testing import CliRunner

    from governance_lint import cli

    # read once, as an interpreter starts: setting them here would test nothing
    assert not [name for name in env or {} if name.startswith("PYTHON")], "use run_cli"
    overrides: dict[str, str | None] = {
        "NO_COLOR": "1",
        "GOVERNANCE_LINT_TODAY": TODAY,
        "GITHUB_ACTIONS": None,
        **(env or {}),
    }
    runner = CliRunner()
    status = 0
    with (
        runner.isolation(input=input, env=overrides) as (stdout, stderr, _),
        contextlib.chdir(cwd or os.getcwd()),
        unittest.mock.patch.object(cli, "_leave", _left),
        unittest.mock.patch.object(cli, "stop_collector", lambda: None),
        warnings.catch_warnings(),
    ):
        _warnings_as_a_process_shows_them()
        try:
            cli.main(list(args))
        except _Left as left:
            status = left.status
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
    return subprocess.CompletedProcess(
        ["governance-lint", *args], status, _as_run_cli_reads(stdout), _as_run_cli_reads(stderr)
    )


def invoke_forked(
    *args: str, cwd: Path | str | None = None, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    """``invoke`` in a forked child of this process: a process of its own, whose death by
    a signal, traceback or exit status the caller sees as ``run_cli``'s caller would,
    without starting an interpreter and importing everything again for each run. A
    traceback that escapes is written to its standard error, as Python's would be; a
    child still running after ``timeout`` seconds is ended by SIGALRM, so a hang fails
    the test instead of stopping the suite."""
    import signal

    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the test
        status = 70
        try:
            signal.alarm(timeout)
            os.close(reading)
            try:
                result = invoke(*args, cwd=cwd)
                payload = [result.returncode, result.stdout, result.stderr]
            except BaseException:
                import traceback

                payload = [1, "", traceback.format_exc()]
            with os.fdopen(writing, "w", encoding="utf-8", errors="backslashreplace") as out:
                json.dump(payload, out)
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    with os.fdopen(reading, encoding="utf-8") as pipe:
        received = pipe.read()  # read to the end first, or a large output blocks the child
    _, waited = os.waitpid(pid, 0)
    command = ["governance-lint", *args]
    if os.WIFSIGNALED(waited):
        return subprocess.CompletedProcess(command, -os.WTERMSIG(waited), "", "")
    assert os.waitstatus_to_exitcode(waited) == 0, "the child could not send its result"
    returncode, stdout, stderr = json.loads(received)
    return subprocess.CompletedProcess(command, returncode, stdout, stderr)


def _as_run_cli_reads(stream: io.BytesIO) -> str:
    """Text as ``run_cli`` reads a pipe: UTF-8, bad bytes escaped, and universal newlines
    (CRLF and a lone CR read as a line feed), so a test reads the same either way."""
    text = stream.getvalue().decode("utf-8", "backslashreplace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def invoke_json(*args: str, cwd: Path | str | None = None, **kw: Any) -> dict[str, Any]:
    """``check --format json`` in this process (``invoke``)."""
    result = invoke("check", "--format", "json", *args, cwd=cwd, **kw)
    assert result.returncode in (0, 1), result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def make_config(select: Sequence[str] | None = None, **settings: Any) -> Config:
    """The default configuration, without discovery, on a pinned date."""
    return Config(
        rules=ALL_RULES,
        thresholds={**default_thresholds(ALL_RULES), **settings.pop("thresholds", {})},
        select=tuple(select) if select is not None else None,
        today=dt.date.fromisoformat(TODAY),
        **settings,
    )


def lint_paths(
    paths: Sequence[str | Path],
    select: Sequence[str] | None = None,
    cwd: Path | None = None,
    **settings: Any,
) -> Result:
    """Lint in-process; paths are shown relative to ``cwd`` (default: the first path's folder)."""
    first = Path(paths[0])
    with contextlib.chdir(cwd or (first if first.is_dir() else first.parent)):
        return lint([str(Path(p).resolve()) for p in paths], make_config(select, **settings))


YamlInput = str | bytes | Mapping[str, Any]


def _as_bytes(content: YamlInput) -> bytes:
    if isinstance(content, bytes):
        return content
    if isinstance(content, str):
        return content.encode("utf-8")
    return yaml.safe_dump(dict(content), sort_keys=False, allow_unicode=True).encode("utf-8")


def lint_text(
    files: YamlInput | Mapping[str, YamlInput],
    select: Sequence[str] | None = None,
    **settings: Any,
) -> Result:
    """Lint organizations held in memory, without a process or a file on disk.

    ``files`` is one document (YAML text, bytes, or a dict dumped to YAML) linted as
    ``org.yaml``, or a mapping of shown paths to documents. They go through the
    pipeline ``lint`` runs (the one ``--base`` uses for files read from git), so rule
    tests see the findings, positions and messages the console script would print."""
    if isinstance(files, str | bytes) or "governance" in files:
        files = {"org.yaml": files}  # type: ignore[dict-item]
    contents = {name: _as_bytes(content) for name, content in files.items()}
    sources = [Source(name, name) for name in sorted(contents)]

    def fetch(source: Source, bounds: Bounds) -> bytes | Document:
        return contents[source.shown][: bounds.max_file_bytes + 1]

    return lint_sources(sources, [], ["."], make_config(select, **settings), fetch=fetch)


def plain() -> RenderOptions:
    """What the command line tells a formatter writing a file from the current folder:
    no colour, paths shown from here."""
    return RenderOptions(colour=False, cwd=os.getcwd())


_EXPECT = re.compile(r"expect(\^*):\s*([A-Z]{2}\d{3}):(\d+)((?:[ \t]+(?!expect)[^\s]+)*)")


def expectations(path: Path) -> list[tuple[str, str, int, int, tuple[str, ...]]]:
    """``# expect: CODE:COLUMN entity ...`` comments: (file, code, line, column, entities).

    ``expect^:`` is about the line above (each ``^`` one line up), for findings on a
    line whose comment cannot hold the expectation (an empty suppression reason).
    """
    files = sorted(path.rglob("*.y*ml")) if path.is_dir() else [path]
    found = []
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").split("\n"), 1):
            for up, code, column, entities in _EXPECT.findall(line):
                found.append(
                    (file.name, code, number - len(up), int(column), tuple(entities.split()))
                )
    return sorted(found)


@functools.cache
def _sarif_validator() -> Any:
    """The vendored SARIF 2.1.0 schema (tests/data/README.md): nothing is fetched."""
    import jsonschema
    from referencing import Registry

    schema = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, registry=Registry(), format_checker=cls.FORMAT_CHECKER)


def valid_sarif(text: str) -> dict[str, Any]:
    """Parse SARIF output and assert it is valid against the official schema."""
    data: dict[str, Any] = json.loads(text)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _sarif_validator().iter_errors(data)]
    assert errors == []
    return data


@functools.cache
def benchmark(name: str) -> ModuleType:
    """A script of ``benchmarks/`` (which is no package) as a module, loaded once from
    its path: tests use the benchmarks' generator without putting the folder on sys.path."""
    path = ROOT / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
