"""The console script end to end: commands, formats, exit statuses, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from governance_lint import __version__
from governance_lint.rules import ALL_RULES

from helpers import EXAMPLES, invoke, run_cli, run_cli_together

SAAS = EXAMPLES / "series-c-saas"


def test_version_prints_name_and_version() -> None:
    result = run_cli("--version")
    assert (result.returncode, result.stdout) == (0, f"governance-lint {__version__}\n")


def test_rules_lists_every_rule_in_catalogue_order_one_line_each() -> None:
    lines = invoke("rules").stdout.splitlines()
    assert [line.split()[0] for line in lines] == [rule.code for rule in ALL_RULES]
    dr002 = next(line for line in lines if line.startswith("DR002"))
    assert dr002.split()[1:3] == ["joint-ownership", "error"]
    assert "owned by two or more" in dr002


def test_check_prints_each_finding_with_its_source_line_marker_and_help() -> None:
    result = run_cli("check", "before", cwd=SAAS)
    assert result.returncode == 1
    block = result.stdout.split("\n\n")[0].splitlines()
    assert block[0].startswith("before/decisions.yaml:7:12: DR002 [error] decision")
    assert block[1] == "    7 |     owner: [cpo, cto]"
    assert block[2] == "      |            ^^^^^^^^^^"
    assert block[3].startswith("  help: ")
    assert result.stdout.endswith("suppressed: 0, files: 4\n")
    assert "\033[" not in result.stdout


def test_a_healthy_organization_exits_0() -> None:
    result = run_cli("check", str(EXAMPLES / "healthy"))
    assert result.returncode == 0, result.stdout
    assert result.stdout == "errors: 0, warnings: 0, info: 0, suppressed: 0, files: 11\n"


def test_json_has_exactly_the_contract_shape() -> None:
    result = invoke("check", "--format", "json", "before", cwd=SAAS)
    data = json.loads(result.stdout)
    assert list(data) == ["version", "findings", "suppressed", "summary"]
    assert data["version"] == 1
    first = data["findings"][0]
    assert list(first) == [
        "code",
        "name",
        "severity",
        "message",
        "help",
        "file",
        "line",
        "column",
        "entities",
    ]
    assert (first["code"], first["file"], first["line"], first["column"]) == (
        "DR002",
        "before/decisions.yaml",
        7,
        12,
    )
    assert first["entities"] == ["roadmap-timeline", "cpo", "cto"]
    assert list(data["summary"]) == ["error", "warning", "info", "suppressed", "files"]
    assert result.stdout.endswith("}\n") and '\n  "version": 1,' in result.stdout


def test_output_is_byte_identical_whatever_the_hash_seed() -> None:
    seeds = ("0", "1", "12345", "random")
    runs = run_cli_together(
        *[("check", "--format", "json", str(EXAMPLES))] * len(seeds),
        envs=[{"PYTHONHASHSEED": seed} for seed in seeds],
    )
    assert len({run.stdout for run in runs}) == 1


def test_fail_on_warning_counts_warnings(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("roles:\n  ceo: {title: Chief Executive Officer}\n")
    assert invoke("check", str(tmp_path)).returncode == 0  # GL008 is a warning
    assert invoke("check", "--fail-on", "warning", str(tmp_path)).returncode == 1


def test_select_and_ignore_pick_rules_by_code_name_and_prefix() -> None:
    # the example's owner list is joint ownership alone (no deadlock finding with it)
    only_dr = invoke("check", "--format", "json", "--select", "DR", "before", cwd=SAAS)
    assert {f["code"] for f in json.loads(only_dr.stdout)["findings"]} == {"DR002"}
    by_name = invoke(
        "check", "--format", "json", "--ignore", "joint-ownership,ES,DL", "before", cwd=SAAS
    )
    assert {f["code"] for f in json.loads(by_name.stdout)["findings"]} == {"RD001"}


def test_output_option_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = run_cli("check", "--format", "json", "-o", str(target), "before", cwd=SAAS)
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads(target.read_text())["findings"]


def test_statistics_counts_per_code_most_frequent_first() -> None:
    result = invoke("check", "--statistics", "before", cwd=SAAS)
    assert "1 DR002 joint-ownership" in result.stdout.splitlines()
    findings = json.loads(invoke("check", "--format", "json", "before", cwd=SAAS).stdout)
    counts: dict[str, int] = {}
    for finding in findings["findings"]:
        counts[finding["code"]] = counts.get(finding["code"], 0) + 1
    names = {f["code"]: f["name"] for f in findings["findings"]}
    expected = [
        f"{n} {code} {names[code]}"
        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    assert result.stdout.splitlines() == expected
    data = json.loads(
        invoke("check", "--statistics", "--format", "json", "before", cwd=SAAS).stdout
    )
    assert list(data) == ["version", "statistics", "summary"]
    assert {"code": "DR002", "name": "joint-ownership", "severity": "error", "count": 1} in (
        data["statistics"]
    )


def _one_line_error(result: object, status: int = 2) -> str:
    assert result.returncode == status, result.stdout  # type: ignore[attr-defined]
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert stderr.startswith("governance-lint: error: ")
    return stderr


def test_a_bad_option_is_one_line_and_status_2() -> None:
    _one_line_error(run_cli("check", "--no-such-option"))
    _one_line_error(run_cli("check", "--fail-on", "sometimes"))
    _one_line_error(run_cli("check", "--format", "yaml"))
    _one_line_error(run_cli("check", "--select", "XX9"))


def test_a_missing_path_is_status_2(tmp_path: Path) -> None:
    assert "no such file or folder" in _one_line_error(run_cli("check", str(tmp_path / "nope")))


def test_no_governance_files_is_status_2_naming_the_paths(tmp_path: Path) -> None:
    (tmp_path / "other.yaml").write_text("name: some other tool\n")
    stderr = _one_line_error(run_cli("check", str(tmp_path)))
    assert stderr == f"governance-lint: error: no governance files under {tmp_path}\n"


def test_statistics_with_a_machine_format_other_than_json_is_status_2() -> None:
    _one_line_error(invoke("check", "--statistics", "--format", "sarif", "before", cwd=SAAS))


def test_colour_never_with_no_color_and_never_on_a_pipe() -> None:
    result = run_cli("check", "before", cwd=SAAS, env={"NO_COLOR": ""})
    assert "\033[" not in result.stdout  # standard output is a pipe here


def _on_a_terminal(env: dict[str, str], *options: str) -> str:
    """Run ``check --no-cache OPTIONS before`` with standard output on a pseudo-terminal;
    what it wrote there."""
    import os
    import pty
    import subprocess

    from helpers import SCRIPT

    primary, secondary = pty.openpty()
    full_env = {**os.environ, "GOVERNANCE_LINT_TODAY": "2026-06-01", **env}
    full_env.pop("GITHUB_ACTIONS", None)
    with subprocess.Popen(
        [str(SCRIPT), "check", "--no-cache", *options, "before"],
        cwd=SAAS,
        stdout=secondary,
        stderr=subprocess.DEVNULL,
        env=full_env,
    ) as process:
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait()
    os.close(primary)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_terminal_unless_no_color_is_set() -> None:
    coloured = _on_a_terminal({"NO_COLOR": ""})
    assert "\033[1;31mDR002 [error]\033[0m" in coloured
    plain = _on_a_terminal({"NO_COLOR": "1"})
    assert "\033[" not in plain and "DR002 [error]" in plain


def test_a_file_never_gets_colour_even_when_standard_output_is_a_terminal(
    tmp_path: Path,
) -> None:
    named, given = tmp_path / "named.txt", tmp_path / "given.txt"
    on_screen = _on_a_terminal({"NO_COLOR": ""}, "--format", f"text={named}", "--format", "text")
    assert "\033[1;31mDR002 [error]\033[0m" in on_screen  # the terminal still gets colour
    _on_a_terminal({"NO_COLOR": ""}, "--format", "text", "-o", str(given))
    for written in (named, given):
        text = written.read_text(encoding="utf-8")
        assert "\033[" not in text and "DR002 [error]" in text, written.name
