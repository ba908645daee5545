"""The oracle: every hostile case, through every output format, in a process of its own.

Whatever a case holds, governance-lint exits 0 or 1 (2 only for an invocation problem,
with one line on standard error), never prints a traceback or dies by a signal, reports
the expected finding at the expected place in every format, and never shows the canary
placed outside the tree, an absolute path of the machine or a raw control character.
No timings are asserted: benchmarks/hostile.py measures them.

The process is a fork of the test's own (``invoke_forked``): the console script's entry
point runs there as in a new one, without the cost of starting an interpreter for each of
the cases. A case that relies on file permissions runs the installed script anew, with
root's capabilities to read any file dropped (``unprivileged``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from governance_lint.display import escape_controls
from governance_lint.output.formatters import FORMATS
from governance_lint.output.formatters.github_format import file_property

from corpus import (
    CANARY,
    Case,
    Expected,
    build,
    find_named,
    load_cases,
    remove_deep_folders,
    unprivileged,
)
from helpers import invoke_forked, run_cli

CASES = load_cases()
# C0 but tab and line feed, DEL, C1, U+2028, U+2029: never raw in any output
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass
class Run:
    """One case run once: every format, one of them on standard output."""

    case: Case
    root: Path
    repo: Path
    status: int
    stdout: str
    stderr: str
    outputs: dict[str, str]


def run_case(case: Case, root: Path, index: int) -> Run:
    repo = build(case, root)
    folder = root / "out"
    folder.mkdir()
    on_stdout = FORMATS[index % len(FORMATS)]
    options = ["--format", on_stdout]
    for name in FORMATS:
        if name != on_stdout:
            options += ["--format", f"{name}={folder / name}"]
    prefix = unprivileged(case)
    if prefix:  # the capabilities are dropped for a process started anew
        result = run_cli("check", *options, *case.args, cwd=repo, timeout=600, prefix=prefix)
    else:
        result = invoke_forked("check", *options, *case.args, cwd=repo)
    outputs = {}
    if result.returncode in (0, 1):
        outputs[on_stdout] = result.stdout
        for name in FORMATS:
            if name != on_stdout:
                outputs[name] = (folder / name).read_text(encoding="utf-8")
    return Run(case, root, repo, result.returncode, result.stdout, result.stderr, outputs)


def test_the_corpus_covers_every_category_with_at_least_45_cases() -> None:
    categories = {case.category for case in CASES}
    assert len(CASES) >= 45
    assert len({case.id for case in CASES}) == len(CASES)
    assert {
        "code execution tags",
        "alias bombs",
        "nesting",
        "size and volume",
        "duplicate keys",
        "YAML 1.1 typing",
        "encodings and line breaks",
        "control characters",
        "multiple documents",
        "empty and degenerate",
        "filesystem",
        "output injection",
        "invocation",
    } <= categories


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_case(case: Case) -> None:
    # not under pytest's basetemp: its clean-up recurses, and one case nests folders
    # deeper than Python's stack
    root = Path(tempfile.mkdtemp(prefix="governance-lint-hostile-"))
    try:
        _check(run_case(case, root, CASES.index(case)))
    finally:
        remove_deep_folders(root / "repo")  # build() makes the case's tree there
        shutil.rmtree(root, ignore_errors=True)


def _check(run: Run) -> None:
    case = run.case
    everything = [run.stdout, run.stderr, *run.outputs.values()]
    assert run.status >= 0, f"killed by signal {-run.status}"
    assert "Traceback" not in run.stderr, run.stderr
    for text in everything:
        assert CANARY not in text
        assert str(run.root) not in text, "an absolute path of the machine"
        assert not RAW_CONTROL.search(text), RAW_CONTROL.search(text)
    assert not find_named(run.root, "PWNED"), "a tag ran a command"
    if case.status == 2:
        assert run.status == 2, run.stdout[-2000:]
        assert run.stderr.count("\n") == 1 and run.stderr.startswith("governance-lint: error: ")
        assert case.stderr is not None and case.stderr in run.stderr, run.stderr
        return
    assert run.status in (0, 1), run.stderr
    assert run.stderr == ""
    findings = _check_json(run)
    for name, checker in FORMAT_CHECKS.items():
        if name in run.outputs:
            checker(run, findings)
    if "markdown" in run.outputs:
        prose, diagrams = _markdown_parts(run.outputs["markdown"])
        for text in case.forbid:
            assert text not in prose, text
        _check_diagrams(diagrams)


def _shown(run: Run, expected: Expected) -> str:
    """The expected file as output shows it (an absolute one, relative to the tree)."""
    if os.path.isabs(expected.file):
        return os.path.relpath(expected.file, run.repo).replace(os.sep, "/")
    return expected.file


def _check_json(run: Run) -> list[dict[str, Any]]:
    case = run.case
    data = json.loads(run.outputs["json"])
    findings: list[dict[str, Any]] = data["findings"]
    has_error = any(finding["severity"] == "error" for finding in findings)
    assert run.status == (1 if has_error else 0)
    if case.status is not None:
        assert run.status == case.status
    for expected in case.expect:
        file = _shown(run, expected)
        matches = [
            finding
            for finding in findings
            if (finding["file"], finding["code"], finding["line"])
            == (file, expected.code, expected.line)
            and expected.column in (None, finding["column"])
            and (expected.message is None or expected.message in finding["message"])
        ]
        assert matches, (expected, [f for f in findings if f["file"] == file])
    target = _shown(run, Expected("", 0, None, case.target))
    in_target = [finding for finding in findings if finding["file"] == target]
    if case.only:
        written = sorted(
            (e.code, e.line, e.column) for e in case.expect if _shown(run, e) == target
        )
        found = sorted(
            (f["code"], f["line"], f["column"] if any(e.column for e in case.expect) else None)
            for f in in_target
            if f["code"].startswith("GL")
        )
        assert found == written, in_target
    for code in case.absent:
        assert not [f for f in in_target if f["code"] == code], in_target
    return findings


def _check_text(run: Run, findings: list[dict[str, Any]]) -> None:
    text = run.outputs["text"]
    heads = {line for line in text.split("\n") if re.match(r"\S.*:\d+:\d+: [A-Z]{2}\d{3} \[", line)}
    assert len(text.split("\n\n")) - 1 == len(findings)
    for line in text.split("\n"):
        assert not line.lstrip().startswith(("::", "##[")), "a workflow command in text output"
    for expected in run.case.expect:
        shown = escape_controls(_shown(run, expected))
        shown = "./" + shown if shown.lstrip().startswith(("::", "##[")) else shown
        head = f"{shown}:{expected.line}:"
        assert any(line.startswith(head) and f": {expected.code} [" in line for line in heads), head
    limit = _scalar_limit(run.case)
    for line in text.split("\n"):
        excerpt = re.match(r"\s*\d+ \| (.*)$", line)
        if excerpt:
            # at most `limit` code points, each at worst a six-character \u escape
            assert len(excerpt[1]) <= 6 * limit, len(excerpt[1])


def _scalar_limit(case: Case) -> int:
    found = re.search(r"max_scalar_shown: (\d+)", case.config or "")
    return int(found[1]) if found else 200


_COMMAND = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")
_PROPERTY_KEYS = {"file", "line", "col", "endLine", "endColumn", "title"}


def _github_unescape(value: str) -> str:
    assert re.fullmatch(r"(?:[^%]|%25|%0D|%0A|%3A|%2C)*", value), value
    return unquote(value)


def _check_github(run: Run, findings: list[dict[str, Any]]) -> None:
    """One workflow command per line; every value escaped so none can start another."""
    located = []
    for line in run.outputs["github"].splitlines():
        match = _COMMAND.fullmatch(line)
        assert match, line
        assert "\r" not in line
        properties = {}
        for part in match[2].split(","):
            key, equals, value = part.partition("=")
            assert equals and key in _PROPERTY_KEYS, part
            properties[key] = _github_unescape(value)
        _github_unescape(match[3].replace(":", "%3A").replace(",", "%2C"))
        if "file" in properties:
            located.append((properties["file"], int(properties["line"]), int(properties["col"])))
            assert int(properties["line"]) >= 1
    assert len(located) == len(findings)
    for expected in run.case.expect:
        # the runner decodes %0D and %0A back to the real name; other control
        # characters stay \u escapes (github_format.file_property)
        shown = file_property(_shown(run, expected))
        assert any(
            (file, line) == (shown, expected.line) and expected.column in (None, column)
            for file, line, column in located
        ), expected


def _check_sarif(run: Run, findings: list[dict[str, Any]]) -> None:
    log = json.loads(run.outputs["sarif"])
    results = log["runs"][0]["results"]
    assert len(results) <= 25_000
    for result in results:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*", uri), uri
    for expected in run.case.expect:
        assert any(
            result["ruleId"] == expected.code
            and result["locations"][0]["physicalLocation"]["region"]["startLine"] == expected.line
            for result in results
        ), expected


def _markdown_parts(text: str) -> tuple[str, list[str]]:
    """Markdown as a browser would act on it: the prose outside code (code spans and
    fences are shown literally, backslash escapes are literal characters), and the
    lines of each Mermaid diagram."""
    prose: list[str] = []
    diagrams: list[str] = []
    fence: str | None = None
    mermaid = False
    for line in text.split("\n"):
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            elif mermaid:
                diagrams.append(line)
            continue
        opening = re.match(r"(`{3,}|~{3,})(.*)", stripped)
        if opening:
            fence, mermaid = opening[1], opening[2].strip() == "mermaid"
            continue
        prose.append(_without_code_spans(line))
    return "\n".join(prose), diagrams


def _without_code_spans(line: str) -> str:
    """A line with its code spans (CommonMark: a run of n backticks up to the next run of
    exactly n) and its backslash-escaped characters blanked out."""
    out, index = [], 0
    while index < len(line):
        char = line[index]
        if char == "\\" and index + 1 < len(line):
            out.append("  ")
            index += 2
            continue
        if char != "`":
            out.append(char)
            index += 1
            continue
        end = index
        while end < len(line) and line[end] == "`":
            end += 1
        run = re.compile(rf"(?<!`){'`' * (end - index)}(?!`)")
        closing = run.search(line, end)
        if closing is None:
            out.append(line[index:end])
            index = end
        else:
            out.append(" ")
            index = closing.end()
    return "".join(out)


def _check_diagrams(lines: list[str]) -> None:
    """No value may end a Mermaid label or start a statement of its own."""
    for line in lines:
        assert not line.strip().startswith(("%%", "click ", "style ", "classDef ")) or (
            line.strip().startswith("style n")
        ), line
        for label in re.findall(r'\["(.*)"\]', line):
            assert '"' not in label, line


def _check_markdown(run: Run, findings: list[dict[str, Any]]) -> None:
    text = run.outputs["markdown"]
    assert len(text.encode("utf-8")) <= 1_048_576
    assert text.startswith("## governance-lint")


FORMAT_CHECKS = {
    "text": _check_text,
    "github": _check_github,
    "sarif": _check_sarif,
    "markdown": _check_markdown,
}
