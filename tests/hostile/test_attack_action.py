"""The critical attack on the GitHub Action: a fork's checkout names the SARIF output as a
link to the Action's own running script.

On a hosted runner the Action lives at a predictable place beside the workspace
(`_actions/OWNER/REPO/REF/`), so a pull request can commit `governance-lint.sarif` as a
link to `../../_actions/.../scripts/github-action.sh`. If the linter wrote through that
link while bash runs the script, bash would resume at its old byte offset inside the
SARIF and run what a quoted governance value put there. These tests run the real script
the way action.yml does, on such a checkout, and hold that the script is untouched, no
payload runs, and the SARIF goes where the Action (not the pull request) chose.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, valid_sarif

PAYLOAD_NAME = "x` $(touch {marker}) #y"


def runner_layout(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A hosted runner's folders: the workspace, the Action's checkout beside it, temp."""
    work = tmp_path / "work"
    action = work / "_actions" / "acme" / "governance-lint" / "v1"
    (action / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "github-action.sh", action / "scripts")
    workspace = work / "governance" / "governance"
    workspace.mkdir(parents=True)
    temp = work / "_temp"
    temp.mkdir()
    return workspace, action / "scripts" / "github-action.sh", temp


def hostile_checkout(workspace: Path, marker: Path) -> None:
    """A consensus decision whose DL001 message quotes a person named with a payload."""
    name = PAYLOAD_NAME.format(marker=marker)
    (workspace / "org.yaml").write_text(
        "governance: 1\n"
        "organization: {name: Acme, final_authority: ceo}\n"
        "people:\n"
        "  p: {name: Priya}\n"
        f"  q: {{name: '{name}'}}\n"
        "  r: {name: Sam}\n"
        "roles:\n"
        "  ceo: {title: CEO, holder: p}\n"
        "  cpo: {title: CPO, holder: q, reports_to: ceo}\n"
        "  cto: {title: CTO, holder: r, reports_to: ceo}\n"
        "decisions:\n"
        "  roadmap: {title: Roadmap, owner: cpo, mode: consensus, deciders: [cpo, cto]}\n"
    )


def run_script(
    script: Path, workspace: Path, temp: Path, sarif_file: str
) -> subprocess.CompletedProcess[str]:
    """The Lint step as action.yml runs it: the script by path, inputs through env only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    env.update(
        PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
        GITHUB_ACTIONS="true",
        GITHUB_ACTION_PATH=str(script.parent.parent),
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_STEP_SUMMARY=str(temp / "step_summary"),
        GITHUB_OUTPUT=str(temp / "output"),
        RUNNER_TEMP=str(temp),
        INPUT_PATHS="",
        INPUT_CONFIG="",
        INPUT_FAIL_ON="",
        INPUT_BASE="",
        INPUT_SARIF_FILE=sarif_file,
        NO_COLOR="1",
    )
    return subprocess.run(
        [str(script)], cwd=workspace, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("sarif_file", ["", "governance-lint.sarif"])
def test_a_sarif_path_linked_to_the_running_script_never_runs_a_payload(
    tmp_path: Path, sarif_file: str
) -> None:
    workspace, script, temp = runner_layout(tmp_path)
    marker = tmp_path / "PWNED"
    hostile_checkout(workspace, marker)
    link = workspace / "governance-lint.sarif"
    link.symlink_to(os.path.relpath(script, workspace))
    before = script.read_bytes()

    result = run_script(script, workspace, temp, sarif_file)

    assert not marker.exists(), result.stdout + result.stderr
    assert script.read_bytes() == before
    assert link.is_symlink() and os.readlink(link) == os.path.relpath(script, workspace)
    outputs = (temp / "output").read_text()
    if sarif_file == "":
        # the default: SARIF under the runner's temporary folder, which no checkout holds
        assert result.returncode == 1, result.stderr
        assert outputs == f"exit-code=1\nsarif-file={temp / 'governance-lint.sarif'}\n"
        sarif = valid_sarif((temp / "governance-lint.sarif").read_text())
        assert "DL001" in {r["ruleId"] for r in sarif["runs"][0]["results"]}
    else:
        # a path the workflow chose that the checkout made a link: refused, nothing written
        assert result.returncode == 2
        assert result.stderr == (
            "governance-lint: error: cannot write governance-lint.sarif: "
            "a symbolic link is on its path\n"
        )
        assert outputs == "exit-code=2\nsarif-file=\n"


def test_a_sarif_path_through_a_linked_folder_is_refused(tmp_path: Path) -> None:
    workspace, script, temp = runner_layout(tmp_path)
    marker = tmp_path / "PWNED"
    hostile_checkout(workspace, marker)
    (workspace / "out").symlink_to(os.path.relpath(script.parent, workspace))
    target = script.parent / "github-action.sh"
    before = target.read_bytes()

    result = run_script(script, workspace, temp, "out/github-action.sh")

    assert result.returncode == 2 and not marker.exists()
    assert result.stderr == (
        "governance-lint: error: cannot write out/github-action.sh: "
        "a symbolic link is on its path\n"
    )
    assert target.read_bytes() == before
    assert sorted(p.name for p in script.parent.iterdir()) == ["github-action.sh"]


def test_a_sarif_path_naming_the_running_script_itself_is_refused(tmp_path: Path) -> None:
    workspace, script, temp = runner_layout(tmp_path)
    hostile_checkout(workspace, tmp_path / "PWNED")
    before = script.read_bytes()
    result = run_script(script, workspace, temp, os.path.relpath(script, workspace))
    assert result.returncode == 2 and script.read_bytes() == before
    assert result.stderr.endswith(": it is the script of this step\n")


def test_none_writes_no_sarif(tmp_path: Path) -> None:
    workspace, script, temp = runner_layout(tmp_path)
    hostile_checkout(workspace, tmp_path / "PWNED")
    result = run_script(script, workspace, temp, "none")
    assert result.returncode == 1
    assert (temp / "output").read_text() == "exit-code=1\nsarif-file=\n"
    assert not list(temp.glob("*.sarif")) and not (workspace / "none").exists()
