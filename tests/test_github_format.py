"""github: each output line is exactly one intended workflow command, as the runner parses it."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from governance_lint.output.formatters.github_format import escape_data, escape_property

from helpers import invoke, run_cli

# Commands GitHub's runner knows; a line that parses as any of them is a command.
RUNNER_COMMANDS = {
    "add-mask",
    "add-matcher",
    "add-path",
    "debug",
    "echo",
    "endgroup",
    "error",
    "group",
    "notice",
    "remove-matcher",
    "save-state",
    "set-env",
    "set-output",
    "stop-commands",
    "warning",
}


def _unescape(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for escaped, char in pairs:
        text = text.replace(escaped, char)
    return text


def unescape_data(text: str) -> str:
    return _unescape(text, (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")))


def unescape_property(text: str) -> str:
    return _unescape(text, (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")))


def parse_command(line: str) -> tuple[str, dict[str, str], str] | None:
    """The runner's reading of one log line (ActionCommand.TryParseV2, then the `##[` form)."""
    message = line.lstrip()
    if message.startswith("::") and (end := message.find("::", 2)) >= 0:
        info = message[2:end]
        name, _, properties = info.partition(" ")
        if name.lower() in RUNNER_COMMANDS:
            parsed: dict[str, str] = {}
            for item in properties.strip().split(","):
                key, _, value = item.partition("=")
                if key and value:
                    parsed[key] = unescape_property(value)
            return name, parsed, unescape_data(message[end + 2 :])
    legacy = re.search(r"##\[([^\]\s]*)", line)
    if legacy and legacy.group(1).lower() in RUNNER_COMMANDS and "]" in line[legacy.start() :]:
        return legacy.group(1), {}, "(legacy command)"
    return None


def log_lines(output: str) -> list[str]:
    """Lines as the runner reads them: split at CR, LF and CRLF."""
    assert not re.search("[\x85\u2028\u2029]", output)
    return re.split(r"\r\n|\r|\n", output.removesuffix("\n"))


def test_escaping_round_trips_through_the_runners_unescaping() -> None:
    for text in ("100%", "a\r\nb", "%0A", "%250A", "x::y,z:w", "##[set-output name=a]b", "%%3A"):
        assert unescape_data(escape_data(text)) == text
        assert unescape_property(escape_property(text)) == text
        assert not re.search("[\r\n]", escape_data(text) + escape_property(text))
        assert not re.search("[:,]", escape_property(text))


HOSTILE = "Eve %0A%25 ::warning::pwned,x:y\\n##[set-output name=x]y\\r::add-mask::z"


def test_hostile_names_titles_and_file_names_never_make_other_commands(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    folder = tmp_path / "gov %0A,::x\n##[group]"
    folder.mkdir()
    org = (
        "governance: 1\n"
        "people:\n"
        f'  eve: {{name: "{HOSTILE}"}}\n'
        f'  mal: {{name: "{HOSTILE} 2"}}\n'
        "roles:\n"
        f'  cpo: {{title: "{HOSTILE}", holder: eve}}\n'
        f'  cto: {{title: "{HOSTILE}", holder: mal}}\n'
        "decisions:\n"
        f'  pricing: {{title: "{HOSTILE}", owner: [cpo, cto]}}\n'
        "  launch: {title: x, owner: cpo, mode: consensus, deciders: [cpo, cto]}\n"
        f'  hiring: {{title: x, owner: cpo, mode: "{HOSTILE}"}}\n'
        f'  "bad id {HOSTILE}": {{title: x, owner: cpo}}\n'
    )
    names = ["org.yaml", "a%25b,c:d::error::e.yaml", "n\nl\r##[add-mask]x.yaml", "v%0A.yml"]
    for name in names:
        (folder / name).write_text(org.replace("eve", f"eve{len(name)}"))
    json_run = invoke("check", "--format", "json", cwd=tmp_path)
    findings = json.loads(json_run.stdout)["findings"]
    assert {f["code"] for f in findings} >= {"DR002", "DL001", "GL002", "GL004"}
    result = invoke("check", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == ""
    lines = log_lines(result.stdout)
    severities = [f["severity"] for f in findings]
    hidden = sum(
        max(0, severities.count(severity) - limit)
        for severity, limit in (("error", 10), ("warning", 10), ("info", 9))
    )
    assert hidden > 0 and len(lines) == len(findings) + 1  # and the notice counting the rest
    (counted,) = [line for line in lines if line.startswith("::notice title=governance-lint::")]
    lines.remove(counted)
    assert parse_command(counted) == (
        "notice",
        {"title": "governance-lint"},
        f"{hidden} findings are not shown as annotations (GitHub shows 10 per "
        "severity in a step); the log lists them all",
    )
    expected = [
        (
            {"error": "error", "warning": "warning", "info": "notice"}[f["severity"]],
            {
                # the runner decodes %0A and %0D back: the real name, line breaks and all
                "file": f["file"],
                "line": str(f["line"]),
                "col": str(f["column"]),
                "title": f"{f['code']} {f['name']}",
            },
            # GitHub shows the message alone: the help follows it on its own line
            f"{f['message']}\nhelp: {f['help']}",
        )
        for f in findings
    ]
    parsed = [parse_command(line) for line in lines]
    for found in parsed:
        assert found is not None
        extent = (found[1].pop("endLine", None), found[1].pop("endColumn", None))
        if extent != (None, None):  # an extent on the finding's own line, never before it
            assert extent[0] == found[1]["line"] and int(extent[1] or 0) > int(found[1]["col"])
    assert sorted(parsed, key=repr) == sorted(expected, key=repr)  # type: ignore[arg-type]


def test_a_hostile_name_in_an_annotation_with_its_help_makes_no_other_command(
    tmp_path: Path,
) -> None:
    # the message names the overloaded person; the help follows it on the one line break
    # the annotation has: neither may start a workflow command
    decisions = "".join(f"  d{n:02}: {{title: D, owner: coo}}\n" for n in range(13))
    (tmp_path / "org.yaml").write_text(
        "governance: 1\n"
        "people:\n"
        f'  dana: {{name: "{HOSTILE}"}}\n'
        "  eve: {name: Eve}\n"
        "roles:\n"
        "  coo: {title: COO, holder: dana}\n"
        "  ops: {title: Ops, holder: eve, reports_to: coo}\n"
        "decisions:\n" + decisions
    )
    result = invoke("check", "--select", "DR006", "--format", "github", cwd=tmp_path)
    (line,) = log_lines(result.stdout)
    parsed = parse_command(line)
    assert parsed is not None and parsed[0] == "warning"
    # YAML reads the quoted `\\n` and `\\r` as line breaks: the message shows them escaped
    shown = "Eve %0A%25 ::warning::pwned,x:y\\u000a##[set-output name=x]y\\u000d::add-mask::z"
    assert parsed[2].startswith(f"{shown} (`dana`) owns 13 decisions as `coo`")
    # ops, reporting to coo and owning nothing, takes the last decision
    assert parsed[2].endswith("\nhelp: set `owner: ops` on `d12`")
    assert parsed[2].count("\n") == 1


def test_an_annotation_carries_the_help_and_the_extent_the_marker_covers(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(
        "governance: 1\n"
        "organization: {name: X, final_authority: ceo}\n"
        "people:\n"
        "  ana: {name: Ana}\n"
        "  bo: {name: Bo}\n"
        "roles:\n"
        "  ceo: {title: CEO, holder: ana}\n"
        "  cto: {title: CTO, holder: bo, reports_to: ceo}\n"
        "decisions:\n"
        "  roadmap:\n"
        "    title: Roadmap\n"
        "    owner: [ceo, cto]\n"
        "  pricing: {title: Pricing}\n"
    )
    result = invoke("check", "--select", "DR001,DR002", "--format", "github", cwd=tmp_path)
    lines = log_lines(result.stdout)
    # `[ceo, cto]` covers columns 12 to 21 of line 12; DR001 points at a key, `pricing`
    # at line 13, columns 3 to 9
    assert lines == [
        "::error file=org.yaml,line=12,endLine=12,col=12,endColumn=21,title=DR002 "
        "joint-ownership::decision `roadmap` has 2 owners, `ceo` (Ana) and `cto` (Bo): each "
        "can wait for the other and nobody has the final word%0Ahelp: keep one owner and make "
        "the others `consulted`, or split `roadmap` into decisions with distinct scopes, each "
        "with one owner",
        lines[1],
    ]
    assert lines[1].startswith(
        "::error file=org.yaml,line=13,endLine=13,col=3,endColumn=9,title=DR001 missing-owner::"
    )
    assert "%0Ahelp: " in lines[1] and lines[1].count("%0A") == 1


def _ordering_project(tmp_path: Path, errors: int, warnings: int, notices: int) -> Path:
    """Decisions with no owner (errors), vacant owners (warnings: one vacant role each, as
    a vacancy is one finding however many decisions it owns), a team owner (notices)."""
    (tmp_path / ".governance-lint.yaml").write_text(
        "select: [DR001, DR003, DR004]\nseverity: {DR004: warning, DR003: info}\n"
    )
    decisions = [f"  e{n:02}: {{title: E}}\n" for n in range(errors)]
    decisions += [f"  w{n:02}: {{title: W, owner: vacant{n:02}}}\n" for n in range(warnings)]
    decisions += [f"  i{n:02}: {{title: I, owner: ops}}\n" for n in range(notices)]
    vacant = "".join(f"  vacant{n:02}: {{title: Nobody}}\n" for n in range(warnings))
    (tmp_path / "org.yaml").write_text(
        "governance: 1\nroles:\n  lead: {title: Lead}\n"
        + vacant
        + "teams:\n  ops: {name: Ops, lead: lead}\n"
        "decisions:\n" + "".join(reversed(decisions))
    )
    return tmp_path


def _github(project: Path) -> list[str]:
    return log_lines(invoke("check", "--format", "github", cwd=project).stdout)


def test_errors_then_warnings_then_the_count_then_notices(tmp_path: Path) -> None:
    lines = _github(_ordering_project(tmp_path, 12, 11, 10))
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds == ["::error"] * 12 + ["::warning"] * 11 + ["::notice"] * 11
    assert lines[23] == (
        "::notice title=governance-lint::4 findings are not shown as annotations (GitHub shows "
        "10 per severity in a step); the log lists them all"
    )
    numbers = [int(line.split(",line=")[1].split(",")[0]) for line in lines[:12]]
    assert numbers == sorted(numbers)
    assert all("line=0" not in line and ",col=" in line for line in lines if "file=" in line)
    assert "title=DR003 team-owner::" in lines[24]


def test_the_count_appears_only_past_the_limits(tmp_path: Path) -> None:
    counted = "::notice title=governance-lint::"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert not any(
        counted in line for line in _github(_ordering_project(tmp_path / "a", 10, 10, 9))
    )
    lines = _github(_ordering_project(tmp_path / "b", 10, 10, 10))
    assert lines[20].startswith(counted + "1 findings are not shown")


def test_the_console_script_annotates_with_the_help(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("governance: 1\ndecisions:\n  pricing: {title: Pricing}\n")
    result = run_cli("check", "--select", "DR001", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    (line,) = log_lines(result.stdout)
    assert line.startswith(
        "::error file=org.yaml,line=3,endLine=3,col=3,endColumn=9,title=DR001 missing-owner::"
    )
    parsed = parse_command(line)
    assert parsed is not None and parsed[2].count("\nhelp: ") == 1
