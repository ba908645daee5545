"""--base: only the findings a change brought, read from git without touching the work tree."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from helpers import invoke, valid_sarif

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
DECISIONS = """\
governance: 1
decisions:
  pricing: {title: Price changes, owner: cpo}
  roadmap: {title: Roadmap, owner: [cpo, cto], tie_breaker: ceo}
"""
LEGACY = "governance: 1\ndecisions:\n  legacy: {title: Old process}\n"
# the rules these stories are about (other rules may find more in them)
CONFIG = "select: [DR001, DR002, DR004, OR001]\n"


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-gpg-sign", "-m", message)


def history(tmp_path: Path) -> Path:
    """Two commits: the second takes `cpo`'s holder away in org.yaml and gives `legacy` an
    owner in legacy.yaml; decisions.yaml, whose decisions become vacant, is untouched."""
    git(tmp_path, "init", "-q")
    (tmp_path / ".governance-lint.yaml").write_text(CONFIG)
    gov = tmp_path / "gov"
    gov.mkdir()
    (gov / "org.yaml").write_text(ORG)
    (gov / "decisions.yaml").write_text(DECISIONS)
    (gov / "legacy.yaml").write_text(LEGACY)
    commit(tmp_path, "first")
    (gov / "org.yaml").write_text(ORG.replace("holder: lee, ", ""))
    (gov / "legacy.yaml").write_text(LEGACY.replace("process}", "process, owner: ceo}"))
    commit(tmp_path, "second")
    return tmp_path


def test_a_finding_listing_decisions_in_an_untouched_file_is_new_when_the_change_caused_it(
    tmp_path: Path,
) -> None:
    """The vacancy is one finding, at the role's key, listing the untouched decisions."""
    repo = history(tmp_path)
    assert "gov/decisions.yaml" not in git(repo, "diff", "--name-only", "HEAD~1")
    result = invoke("check", "--base", "HEAD~1", "gov", cwd=repo)
    assert result.returncode == 1
    assert result.stderr == "compared with HEAD~1: 1 new, 1 fixed, 1 persisting\n"
    heads = [line for line in result.stdout.splitlines() if line.startswith("gov/")]
    assert heads == [
        "gov/org.yaml:9:3: DR004 [error] role `cpo` is vacant and owns 2 decisions: `pricing`, "
        "`roadmap`",
    ]
    assert result.stdout.endswith("errors: 1, warnings: 0, info: 0, suppressed: 0, files: 3\n")
    assert invoke("check", "-q", "--base", "HEAD~1", "gov", cwd=repo).stderr == ""


def test_json_markdown_and_sarif_with_a_base(tmp_path: Path) -> None:
    repo = history(tmp_path)
    sarif_file, markdown_file = tmp_path / "out.sarif", tmp_path / "summary.md"
    result = invoke(
        "check",
        "--base",
        "HEAD~1",
        "--format",
        "json",
        "--format",
        f"sarif={sarif_file}",
        "--format",
        f"markdown={markdown_file}",
        "gov",
        cwd=repo,
    )
    assert result.returncode == 1 and result.stderr == ""  # no text or github: no counts line
    data = json.loads(result.stdout)
    assert [(f["code"], f["entities"]) for f in data["findings"]] == [
        ("DR004", ["cpo", "pricing", "roadmap"]),
    ]
    assert list(data["summary"])[-1] == "base"
    assert data["summary"]["base"] == {"ref": "HEAD~1", "new": 1, "fixed": 1, "persisting": 1}
    sarif = valid_sarif(sarif_file.read_text())
    assert sorted(r["ruleId"] for r in sarif["runs"][0]["results"]) == ["DR002", "DR004"]
    summary = markdown_file.read_text().split("\n")
    assert summary[:3] == [
        "## governance-lint",
        "",
        "compared with HEAD\\~1: 1 new, 1 fixed, 1 persisting",
    ]
    assert sum(line.startswith("| error | DR004 | `") for line in summary) == 1


def test_only_new_findings_count_toward_the_exit_status(tmp_path: Path) -> None:
    repo = history(tmp_path)
    plain = invoke("check", "gov", cwd=repo)
    assert plain.returncode == 1 and "DR002" in plain.stdout
    result = invoke("check", "--base", "HEAD", "--format", "github", "gov", cwd=repo)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "compared with HEAD: 0 new, 0 fixed, 2 persisting\n"
    stats = invoke("check", "--base", "HEAD~1", "--statistics", "gov", cwd=repo)
    assert stats.stdout == "1 DR004 vacant-owner\n"


def test_github_puts_files_that_differ_from_the_base_first(tmp_path: Path) -> None:
    repo = history(tmp_path)
    org = repo / "gov" / "org.yaml"
    org.write_text(org.read_text() + "  cfo: {title: Chief Financial Officer, reports_to: cfo}\n")
    result = invoke("check", "--base", "HEAD~1", "--format", "github", "gov", cwd=repo)
    files = [line.split("file=")[1].split(",")[0] for line in result.stdout.splitlines()]
    assert files == ["gov/org.yaml", "gov/org.yaml"]  # OR001 and DR004, both in org.yaml
    plain = invoke("check", "--format", "github", "gov", cwd=repo)
    assert plain.stdout.splitlines()[0].startswith("::error file=gov/decisions.yaml,")


def _state(repo: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(repo)): path.read_bytes() + str(path.stat().st_mtime_ns).encode()
        for path in sorted(repo.rglob("*"))
        if path.is_file() and "objects" not in path.parts
    }


def test_the_work_tree_and_the_index_are_never_touched(tmp_path: Path) -> None:
    repo = history(tmp_path)
    (repo / "gov" / "legacy.yaml").write_text(LEGACY)  # uncommitted: linted as it is now
    status = git(repo, "status", "--porcelain")
    before = _state(repo)
    result = invoke("check", "--base", "HEAD~1", "--format", "json", "gov", cwd=repo)
    # the cache may add its own folder, which ignores itself in git; nothing else changes
    after = {k: v for k, v in _state(repo).items() if not k.startswith(".governance-lint-cache/")}
    assert [key for key in before if before[key] != after.get(key)] == []
    assert sorted(after) == sorted(before)
    data = json.loads(result.stdout)
    assert data["summary"]["base"] == {"ref": "HEAD~1", "new": 1, "fixed": 0, "persisting": 2}
    assert git(repo, "status", "--porcelain") == status


def test_paths_that_hold_no_governance_file_at_the_base_make_everything_new(
    tmp_path: Path,
) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / ".governance-lint.yaml").write_text(CONFIG)
    (tmp_path / "README.md").write_text("governance lives in gov/\n")
    commit(tmp_path, "first")
    (tmp_path / "gov").mkdir()
    (tmp_path / "gov" / "decisions.yaml").write_text(LEGACY)
    result = invoke("check", "--base", "HEAD", "gov", cwd=tmp_path)
    assert result.returncode == 1 and "DR001" in result.stdout
    assert result.stderr == "compared with HEAD: 1 new, 0 fixed, 0 persisting\n"


def test_the_base_is_walked_like_the_work_tree(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / ".governance-lint.yaml").write_text(
        "paths: [gov]\nexclude: [drafts/]\nselect: [GL, DR001, DR002]\n"
    )
    gov = tmp_path / "gov"
    for folder in ("drafts", ".hidden", "team"):
        (gov / folder).mkdir(parents=True)
        (gov / folder / "d.yaml").write_text(LEGACY)
    (gov / "org.yaml").write_text(ORG)
    (gov / "decisions.yml").write_text(DECISIONS)
    (gov / "broken.yaml").write_text("governance: 1\ndecisions: [\n")
    (gov / "notes.txt").write_text(LEGACY)
    os.symlink("org.yaml", gov / "link.yaml")
    commit(tmp_path, "first")
    plain = json.loads(invoke("check", "--format", "json", cwd=gov).stdout)
    codes = sorted(f["code"] for f in plain["findings"])
    assert codes == ["DR001", "DR002", "GL001", "GL006"]  # drafts/ excluded, .hidden skipped
    for cwd, paths in ((gov, ()), (tmp_path, ("gov/org.yaml", "gov/decisions.yml", "gov/team"))):
        result = invoke("check", "--format", "json", "--base", "HEAD", *paths, cwd=cwd)
        base = json.loads(result.stdout)["summary"]["base"]
        persisting = len(
            json.loads(invoke("check", "--format", "json", *paths, cwd=cwd).stdout)["findings"]
        )
        assert base == {"ref": "HEAD", "new": 0, "fixed": 0, "persisting": persisting}


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("governance-lint: error: ")
    return result.stderr


def test_outside_a_work_tree_or_with_an_unknown_ref_is_status_2(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "d.yaml").write_text(LEGACY)
    assert "git work tree" in _one_line_error(invoke("check", "--base", "HEAD", cwd=outside))
    (tmp_path / "repo").mkdir()
    repo = history(tmp_path / "repo")
    for ref in ("no-such-branch", "--all", "HEAD~5", ""):
        error = _one_line_error(invoke("check", f"--base={ref}", "gov", cwd=repo))
        assert "unknown git ref" in error
    beyond = _one_line_error(invoke("check", "--base", "HEAD", str(outside), cwd=repo))
    assert "outside the git work tree" in beyond


SEAT_ORG = """\
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
  lee: {name: Lee Chen}
  kim: {name: Kim Ito}
  sam: {name: Sam Okafor}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
  cpo: {title: Product co-leads, holder: [lee], reports_to: ceo}
  cto: {title: Chief Technology Officer, holder: sam, reports_to: ceo}
decisions:
  roadmap: {title: Roadmap, owner: cpo, mode: consensus, deciders: [cpo, cto]}
  legacy: {title: Old process}
"""


def test_a_seat_gaining_a_holder_changes_no_finding_s_identity(tmp_path: Path) -> None:
    """The second commit gives `cpo` a second holder. The findings of rules it does not
    concern (no owner; a consensus with nobody to settle it and no deadline, which now
    names three people) keep their identities: nothing new, nothing fixed."""
    git(tmp_path, "init", "-q")
    (tmp_path / ".governance-lint.yaml").write_text("select: [DR001, DL001, DL006]\n")
    gov = tmp_path / "gov"
    gov.mkdir()
    (gov / "org.yaml").write_text(SEAT_ORG)
    commit(tmp_path, "first")
    (gov / "org.yaml").write_text(SEAT_ORG.replace("holder: [lee]", "holder: [lee, kim]"))
    commit(tmp_path, "second: Kim joins Lee as product co-lead")
    result = invoke("check", "--base", "HEAD~1", "--format", "json", "gov", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert data["summary"]["base"] == {"ref": "HEAD~1", "new": 0, "fixed": 0, "persisting": 3}
    assert data["findings"] == [], "only new findings are listed"
    both = invoke("check", "--format", "json", "gov", cwd=tmp_path)
    found = sorted((f["code"], f["entities"][0]) for f in json.loads(both.stdout)["findings"])
    assert found == [("DL001", "roadmap"), ("DL006", "roadmap"), ("DR001", "legacy")]
    # and back: the seat losing the holder again
    (gov / "org.yaml").write_text(SEAT_ORG)
    commit(tmp_path, "third: Kim leaves the seat")
    back = invoke("check", "--base", "HEAD~1", "gov", cwd=tmp_path)
    assert back.stderr == "compared with HEAD~1: 0 new, 0 fixed, 3 persisting\n"
