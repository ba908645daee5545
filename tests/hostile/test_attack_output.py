"""Output injection through ids and file names a pull request chooses.

A fork names roles, people and files. Each test holds that what governance-lint prints
from them cannot turn into markup where GitHub renders markdown, cannot start a
workflow command in a CI log, and, in the formats that locate a file for GitHub
(`github`, SARIF), names the real file whatever its name holds.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

import pytest
from test_markdown import gfm

from helpers import invoke, valid_sarif

# -- markdown matrix: ids in the header ------------------------------------------------

# ids the contract accepts (`^[a-z0-9][a-z0-9._-]{0,99}$`) that read as markup when
# written bare: GitHub autolinks `www.` names, and `._y_.` is emphasis
LINKED_ROLE = "www.login-acme.com"
LINKED_PERSON = "www.login-acme.example"
EMPHASIS_ROLE = "x._y_.z"


def test_matrix_header_ids_shown_as_names_open_no_link_or_emphasis(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(
        "governance: 1\n"
        "people:\n"
        f"  {LINKED_PERSON}: {{name: Eve}}\n"
        "  sam: {name: Sam}\n"
        "roles:\n"
        f"  {LINKED_ROLE}: {{holder: sam}}\n"
        f"  {EMPHASIS_ROLE}: {{title: CTO}}\n"
        "decisions:\n"
        f"  pricing: {{title: Pricing, owner: {LINKED_ROLE}, consulted: [{EMPHASIS_ROLE}, "
        f"{LINKED_PERSON}]}}\n"
    )
    result = invoke("matrix", "org.yaml", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    # columns: roles in sorted order, then people named directly who hold no role, each
    # by its title (else its id) and holder, or its name; then where and how fast
    columns = [f"{LINKED_ROLE} (Sam)", "CTO (vacant)", "Eve", "taken in", "decide within"]
    tokens = gfm().parse(result.stdout)
    header: list[Any] = []
    inside = False
    for token in tokens:
        inside = (inside or token.type == "thead_open") and token.type != "thead_close"
        if inside and token.type == "inline":
            header.append(token)
    assert [cell.content for cell in header[:2]] == ["decision", "findings"]
    assert len(header) == 2 + len(columns)
    for cell, column in zip(header[2:], columns, strict=True):
        assert {child.type for child in cell.children} == {"text"}
        assert "".join(child.content for child in cell.children) == column
    kinds = {child.type for token in tokens for child in token.children or ()}
    assert not kinds & {"link_open", "em_open", "html_inline"}


# -- lines that start with a file name -------------------------------------------------

# names that, written at the start of a log line, GitHub's runner reads as a command
COMMAND_NAMES = ["::stop-commands::x.yaml", "##[group]y.yaml", " ::error::z.yaml"]
PERSON = "governance: 1\npeople:\n  p{n}: {{name: P}}\n"


def _is_command(line: str) -> bool:
    return line.lstrip().startswith(("::", "##["))


def _named_files(folder: Path) -> None:
    for number, name in enumerate([*COMMAND_NAMES, "plain.yaml"]):
        (folder / name).write_text(PERSON.format(n=number))


def test_debug_lines_never_start_a_workflow_command(tmp_path: Path) -> None:
    _named_files(tmp_path)
    result = invoke("check", "--debug", "--no-cache", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    # cli.md: one line per file with the number of YAML events and nodes read; a name
    # that would start a command is written ./NAME, as text output writes it (SECURITY.md)
    shown = sorted(["./" + name for name in COMMAND_NAMES] + ["plain.yaml"])
    assert sorted(line.split(": ")[0] for line in lines) == shown
    for line in lines:
        assert re.fullmatch(r".+: \d+ events, \d+ nodes", line), line
        assert not _is_command(line), line


@pytest.mark.parametrize(
    "command",
    [
        ("check", "--format", "text"),
        ("check", "--format", "text", "--base", "HEAD"),
        ("check", "--statistics"),
        ("matrix",),
        ("graph",),
    ],
)
def test_no_line_of_any_command_starts_a_workflow_command(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _named_files(tmp_path)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "x"],
        cwd=tmp_path,
        check=True,
    )
    result = invoke(*command, "--debug", "--no-cache", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr.count(" events, ") == len(COMMAND_NAMES) + 1
    for line in (result.stdout + result.stderr).splitlines():
        assert not _is_command(line), line


def test_matrix_csv_rows_never_start_a_workflow_command(tmp_path: Path) -> None:
    """A decision's scope begins its CSV row: one that would start a command gets the
    leading quote the contract gives a cell a spreadsheet would read as a formula."""
    (tmp_path / "org.yaml").write_text(
        "governance: 1\n"
        "people:\n  sam: {name: Sam}\n"
        "roles:\n  ceo: {title: CEO, holder: sam}\n"
        "decisions:\n"
        '  pricing: {title: Pricing, owner: ceo, scope: "::stop-commands::tok"}\n'
        '  hiring: {title: Hiring, owner: ceo, scope: "  ##[add-mask]secret"}\n'
        '  budget: {title: "::error::x", owner: ceo, scope: plain}\n'
    )
    result = invoke("matrix", "--select", "DR001", "--format", "csv", "org.yaml", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    # scopes in sorted order (a space sorts before ":", ":" before letters); run_cli
    # reads the CRLF line ends as text, "\n"
    assert result.stdout.split("\n") == [
        "scope,decision,title,findings,CEO (Sam),taken in,decide within",
        "'  ##[add-mask]secret,hiring,Hiring,,O,,",
        "'::stop-commands::tok,pricing,Pricing,,O,,",
        "plain,budget,'::error::x,,O,,",
        ",,total: owns,,3,,",
        ",,total: signs off,,0,,",
        "",
    ]


# -- github and SARIF name the real file -----------------------------------------------

# file names as bytes: line breaks, a byte that is not UTF-8, what the runner unescapes
NAMES = [
    b"cr\rname.yaml",
    b"lf\nname.yaml",
    b"ff\xffname.yaml",
    b"pct%0D,a:b.yaml",
    b"esc\x1bname.yaml",
]


def _hostile_names(folder: Path) -> None:
    for number, name in enumerate(NAMES):
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write(PERSON.format(n=number).encode())


def _runner_property(value: str) -> str:
    """A property as GitHub's runner reads it back (ActionCommand.UnescapeProperty: each
    mapping replaced in turn, %25 last)."""
    for escaped, token in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, token)
    return value


def test_github_file_property_names_the_real_file(tmp_path: Path) -> None:
    _hostile_names(tmp_path)
    result = invoke("check", "--select", "OR004", "--format", "github", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines.pop() == "" and len(lines) == len(NAMES)
    files = []
    for line in lines:
        match = re.fullmatch(
            r"::notice file=([^,:]*),line=3,endLine=3,col=3,endColumn=4,title=OR004 [^:]*::.*", line
        )
        assert match, line
        files.append(_runner_property(match[1]))
    # CR and LF go as the runner's %0D and %0A, so the annotation names the real file;
    # the runner reads UTF-8 text and never a raw control character, so a byte that is
    # not UTF-8 stays \xNN and ESC \u001b, as in every other output (cli.md, "Values")
    assert sorted(files) == sorted(
        [
            "cr\rname.yaml",
            "lf\nname.yaml",
            "ff\\xffname.yaml",
            "pct%0D,a:b.yaml",
            "esc\\u001bname.yaml",
        ]
    )


# RFC 3986 relative-ref with a path-noscheme or path-absolute path and nothing else:
# unreserved characters, sub-delims, "@", "/" and percent-encoded octets
_URI_PATH = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})*")


def test_sarif_uris_percent_encode_the_real_bytes(tmp_path: Path) -> None:
    _hostile_names(tmp_path)
    result = invoke("check", "--select", "OR004", "--format", "sarif", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    log: dict[str, Any] = valid_sarif(result.stdout)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert len(uris) == len(NAMES)
    for uri in uris:
        assert _URI_PATH.fullmatch(uri), uri  # a URI reference, as the schema requires
    assert sorted(unquote_to_bytes(uri) for uri in uris) == sorted(NAMES)
    assert "ff%FFname.yaml" in uris and "cr%0Dname.yaml" in uris


def test_text_json_and_markdown_keep_their_escapes(tmp_path: Path) -> None:
    _hostile_names(tmp_path)
    text = invoke("check", "--select", "OR004", cwd=tmp_path).stdout
    heads = {line.split(":")[0] for line in text.splitlines() if ": OR004 [info]" in line}
    assert heads == {
        "cr\\u000dname.yaml",
        "lf\\u000aname.yaml",
        "ff\\xffname.yaml",
        "pct%0D,a",
        "esc\\u001bname.yaml",
    }
    json_run = invoke("check", "--select", "OR004", "--format", "json", cwd=tmp_path)
    data = json.loads(json_run.stdout)
    assert "ff\\xffname.yaml" in {finding["file"] for finding in data["findings"]}
    markdown = invoke("check", "--select", "OR004", "--format", "markdown", cwd=tmp_path).stdout
    assert "` cr\\u000dname.yaml:3 `" in markdown and "` ff\\xffname.yaml:3 `" in markdown
