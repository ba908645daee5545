"""The pre-commit hook and the GitHub Action, run by the real tools with the real files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from pre_commit.clientlib import load_config, load_manifest

from helpers import ROOT, valid_sarif

ORG = """\
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  sam: {name: Sam Okafor}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Chief Product Officer, holder: lee, reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
"""
JOINT = "governance: 1\ndecisions:\n  roadmap: {title: Roadmap, owner: [cpo, cto]}\n"
SINGLE = "governance: 1\ndecisions:\n  roadmap: {title: Roadmap, owner: cpo, consulted: [cto]}\n"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-gpg-sign", "-m", message)


def governance_repo(folder: Path, decisions: str) -> Path:
    folder.mkdir()
    git(folder, "init", "-q")
    (folder / "governance").mkdir()
    (folder / "governance" / "org.yaml").write_text(ORG)
    (folder / "governance" / "decisions.yaml").write_text(decisions)
    # the rules this story is about (other rules may find more in so small an organization)
    (folder / ".governance-lint.yaml").write_text(
        "paths: [governance]\nselect: [GL, DR002, DL001]\n"
    )
    commit(folder, "governance")
    return folder


def snapshot_of_this_project(folder: Path) -> Path:
    """A git repository holding this project's files as they are now (new files included)."""
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    git(folder, "init", "-q")
    commit(folder, "snapshot")
    return folder


def hook_environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GIT_"))}
    return {**env, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}


def test_the_hook_definition_is_what_the_contract_says() -> None:
    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "governance-lint" and hook["entry"] == "governance-lint check"
    assert (hook["language"], hook["pass_filenames"], hook["require_serial"]) == (
        "python",
        False,
        True,
    )
    pattern = re.compile(hook["files"])
    assert pattern.search("governance/org.yaml") and pattern.search("team.yml")
    # decision memos are markdown: the hook runs when one changes
    assert pattern.search("decisions/q4-roadmap.md") and not pattern.search("yaml.py")


def test_pre_commit_try_repo_fails_on_the_fault_and_passes_on_the_fix(tmp_path: Path) -> None:
    project = snapshot_of_this_project(tmp_path / "project")
    user = governance_repo(tmp_path / "user", JOINT)
    env = hook_environment(tmp_path)
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(project), "governance-lint"]
    command += ["--all-files", "--color", "never"]
    faulty = subprocess.run(command, cwd=user, env=env, capture_output=True, text=True)
    assert faulty.returncode == 1, faulty.stdout + faulty.stderr
    assert re.search(r"^governance-lint\.+Failed$", faulty.stdout, re.M)
    assert "governance/decisions.yaml:3:36: DR002 [error] decision `roadmap`" in faulty.stdout
    (user / "governance" / "decisions.yaml").write_text(SINGLE)
    git(user, "add", "-A")
    fixed = subprocess.run(command, cwd=user, env=env, capture_output=True, text=True)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert re.search(r"^governance-lint\.+Passed$", fixed.stdout, re.M)


def readme_blocks(language: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)\n```", text, re.S)


def test_the_readme_pre_commit_snippet_is_a_valid_configuration(tmp_path: Path) -> None:
    (snippet,) = [block for block in readme_blocks("yaml") if "pre-commit" in block]
    (tmp_path / ".pre-commit-config.yaml").write_text(snippet + "\n")
    config = load_config(str(tmp_path / ".pre-commit-config.yaml"))
    (repo,) = config["repos"]
    assert repo["repo"] == "https://github.com/governance-lint/governance-lint"
    assert [hook["id"] for hook in repo["hooks"]] == ["governance-lint"]


def check_jsonschema(schema: str, file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(file)],
        capture_output=True,
        text=True,
    )


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return loaded


def test_action_yml_is_valid_action_metadata() -> None:
    result = check_jsonschema("vendor.github-actions", ROOT / "action.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_action_passes_inputs_only_through_env_to_one_script() -> None:
    metadata = action()
    assert list(metadata["inputs"]) == ["paths", "config", "fail-on", "sarif-file", "base"]
    assert metadata["runs"]["using"] == "composite"
    install, lint = metadata["runs"]["steps"]
    for step in (install, lint):
        assert "${{" not in step["run"] and step["shell"] == "bash"
    assert install["env"]["GOVERNANCE_LINT_SOURCE"] == "${{ github.action_path }}"
    assert '"$GOVERNANCE_LINT_SOURCE"' in install["run"]
    assert lint["run"] == '"$GITHUB_ACTION_PATH/scripts/github-action.sh"'
    for name in metadata["inputs"]:
        variable = "INPUT_" + name.upper().replace("-", "_")
        assert lint["env"][variable] == f"${{{{ inputs.{name} }}}}"
    script = ROOT / "scripts" / "github-action.sh"
    assert os.access(script, os.X_OK) and "${{" not in script.read_text()


def test_the_readme_workflow_is_a_valid_workflow_using_the_action(tmp_path: Path) -> None:
    (workflow,) = [block for block in readme_blocks("yaml") if "runs-on:" in block]
    (tmp_path / "governance.yml").write_text(workflow + "\n")
    result = check_jsonschema("vendor.github-workflows", tmp_path / "governance.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    loaded = yaml.safe_load(workflow)
    assert loaded["permissions"]["security-events"] == "write"
    steps = next(iter(loaded["jobs"].values()))["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    lint = next(step for step in steps if "governance-lint" in step.get("uses", ""))
    assert lint["with"]["base"] == "${{ github.event.pull_request.base.sha }}"
    assert "sarif-file" not in lint["with"]  # the default: outside the checkout
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    output = f"steps.{lint['id']}.outputs.sarif-file"
    assert upload["if"] == f"${{{{ !cancelled() && {output} != '' }}}}"
    assert upload["with"]["sarif_file"] == f"${{{{ {output} }}}}"


def run_action_script(
    repo: Path, tmp_path: Path, **inputs: str
) -> subprocess.CompletedProcess[str]:
    """The Lint step as GitHub runs it: the exact script, GitHub's variables, the inputs."""
    runner = tmp_path / "runner"
    runner.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    env.update(
        PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
        GITHUB_ACTIONS="true",
        GITHUB_ACTION_PATH=str(ROOT),
        GITHUB_WORKSPACE=str(repo),
        GITHUB_STEP_SUMMARY=str(runner / "step_summary"),
        GITHUB_OUTPUT=str(runner / "output"),
        RUNNER_TEMP=str(runner),
        GOVERNANCE_LINT_TODAY="2026-06-01",
        NO_COLOR="1",
    )
    for name in ("paths", "config", "fail-on", "sarif-file", "base"):
        env["INPUT_" + name.upper().replace("-", "_")] = inputs.get(name.replace("-", "_"), "")
    return subprocess.run(
        [str(ROOT / "scripts" / "github-action.sh")],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_action_script_annotates_summarises_and_writes_sarif(tmp_path: Path) -> None:
    repo = governance_repo(tmp_path / "repo", SINGLE)
    (repo / "governance" / "decisions.yaml").write_text(JOINT)  # the pull request's change
    commit(repo, "co-own the roadmap")
    summary = tmp_path / "runner" / "step_summary"
    summary.parent.mkdir()
    summary.write_text("earlier step\n")
    result = run_action_script(
        repo, tmp_path, paths="governance", base="HEAD~1", sarif_file="out/results.sarif"
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    # an owner list is joint ownership alone: no consensus-deadlock finding beside it
    assert [line.split("::")[1] for line in lines] == [
        # `[cpo, cto]`: columns 36 to 45
        "error file=governance/decisions.yaml,line=3,endLine=3,col=36,endColumn=45,"
        "title=DR002 joint-ownership",
    ]
    assert result.stderr == "compared with HEAD~1: 1 new, 0 fixed, 0 persisting\n"
    written = summary.read_text()
    assert written.startswith("earlier step\n## governance-lint\n\ncompared with HEAD\\~1: 1 new")
    assert written.count("```mermaid") == 1
    sarif = valid_sarif((repo / "out" / "results.sarif").read_text())
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"DR002"}
    outputs = (tmp_path / "runner" / "output").read_text()
    assert outputs == "exit-code=1\nsarif-file=out/results.sarif\n"
    assert not list((tmp_path / "runner").glob("governance-lint-summary.*"))  # cleaned up


def test_the_action_script_with_default_inputs_and_a_clean_organization(tmp_path: Path) -> None:
    repo = governance_repo(tmp_path / "repo", SINGLE)
    result = run_action_script(repo, tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    written = tmp_path / "runner" / "governance-lint.sarif"  # RUNNER_TEMP, not the checkout
    valid_sarif(written.read_text())
    assert not (repo / "governance-lint.sarif").exists()
    assert (tmp_path / "runner" / "output").read_text() == f"exit-code=0\nsarif-file={written}\n"
    assert "0 errors, 0 warnings" in (tmp_path / "runner" / "step_summary").read_text()


def test_inputs_are_data_never_code(tmp_path: Path) -> None:
    repo = governance_repo(tmp_path / "repo", JOINT)
    marker = tmp_path / "pwned"
    hostile = f'$(touch {marker}) `touch {marker}`; touch {marker} "'
    result = run_action_script(repo, tmp_path, paths=hostile, config=hostile, base=hostile)
    assert result.returncode == 2 and not marker.exists()
    assert result.stderr.startswith("governance-lint: error: ")
    assert "could not run (exit status 2)" in (tmp_path / "runner" / "step_summary").read_text()
    assert (tmp_path / "runner" / "output").read_text() == "exit-code=2\nsarif-file=\n"
    fail_on = run_action_script(repo, tmp_path, fail_on="warning", paths="governance")
    assert fail_on.returncode == 1 and fail_on.stdout.count("::error ") == 1
