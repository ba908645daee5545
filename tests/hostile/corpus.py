"""The hostile corpus: read cases.toml and build each case's folder tree.

A case is linted with the current folder at ``root/repo``. Beside that folder lie a
canary file and a canary folder: nothing in any output may ever quote them. Small
inputs are committed under ``files/``; big ones, links, FIFOs and hostile file names
are made here, when the case is built.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
CANARY = "c4n4ry-outside"
CANARY_YAML = f"governance: 1\npeople:\n  {CANARY}: {{nam: {CANARY}}}\n"
COMPANION = "governance: 1\npeople:\n  companion: {name: Companion of the case}\n"
MIB = 1 << 20


@dataclass(frozen=True)
class Expected:
    """One finding a case must give: ``file`` is the path output shows."""

    code: str
    line: int
    column: int | None
    file: str
    message: str | None = None


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    file: str | None = None
    build: str | None = None
    name: str | None = None
    config: str | None = None
    args: tuple[str, ...] = (".",)
    status: int | None = None
    expect: tuple[Expected, ...] = ()
    only: bool = False
    absent: tuple[str, ...] = ()
    stderr: str | None = None
    forbid: tuple[str, ...] = ()
    # the case relies on file permissions, which root bypasses: see unprivileged()
    permissions: bool = False
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def target(self) -> str:
        """The name the case's main file has in the tree."""
        return self.name or self.file or f"{self.id}.yaml"


def load_cases() -> list[Case]:
    manifest = tomllib.loads((HERE / "cases.toml").read_text(encoding="utf-8"))
    cases = []
    for entry in manifest["case"]:
        entry = dict(entry)
        target = entry.get("name") or entry.get("file") or f"{entry['id']}.yaml"
        expect = tuple(
            Expected(
                item["code"],
                item["line"],
                item.get("column"),
                _resolve(item.get("file", target)),
                item.get("message"),
            )
            for item in entry.pop("expect", ())
        )
        for key in ("args", "absent", "forbid"):
            if key in entry:
                entry[key] = tuple(_resolve(item) for item in entry[key])
        failures = {"GL001", "GL006"}
        entry.setdefault("only", bool(expect) and all(e.code in failures for e in expect))
        if "name" in entry:
            entry["name"] = _resolve(entry["name"])
        cases.append(Case(expect=expect, **entry))
    return cases


def unprivileged(case: Case) -> list[str]:
    """A prefix for the command that runs ``case``: as root, for a case that relies on
    file permissions, drop the two capabilities that let root read any file (with
    util-linux's setpriv), so a mode-000 file is unreadable there as everywhere."""
    if not case.permissions or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]


DEPTH = 1_100  # deeper than Python's recursion limit
DEEP = "/".join(["d"] * DEPTH)


def _resolve(shown: str) -> str:
    """``{devnull}`` stands for os.devnull (an absolute path, shown relative to the
    current folder), ``{deep}`` for the 1100 nested folders of ``deep_folders``."""
    return shown.replace("{devnull}", os.devnull).replace("{deep}", DEEP)


def build(case: Case, root: Path) -> Path:
    """Make ``root/repo`` (returned) with the case's files, the canaries beside it."""
    repo = root / "repo"
    repo.mkdir(parents=True)
    (root / f"{CANARY}.yaml").write_text(CANARY_YAML, encoding="utf-8")
    (root / "outside").mkdir()
    (root / "outside" / f"{CANARY}.yaml").write_text(CANARY_YAML, encoding="utf-8")
    (repo / "companion.yaml").write_text(COMPANION, encoding="utf-8")
    if case.config is not None:
        (repo / ".governance-lint.yaml").write_text(case.config, encoding="utf-8")
    if case.file is not None:
        shutil.copyfile(FILES / case.file, repo / case.target)
    if case.build is not None:
        BUILDERS[case.build](repo)
    return repo


# -- generated inputs ------------------------------------------------------------------

Builder = Callable[[Path], None]
BUILDERS: dict[str, Builder] = {}


def builder(function: Builder) -> Builder:
    BUILDERS[function.__name__] = function
    return function


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)


@builder
def alias_flood(repo: Path) -> None:
    _write(repo / "alias-flood.yaml", "governance: 1\nx-s: &s v\nx-flood:\n" + "  - *s\n" * 12_000)


@builder
def nest_flow_closed(repo: Path) -> None:
    _write(repo / "nest.yaml", "governance: 1\nx-deep: " + "[" * 10_000 + "]" * 10_000 + "\n")


@builder
def nest_flow_unclosed(repo: Path) -> None:
    _write(repo / "nest.yaml", "governance: 1\nx-deep: " + "[" * 100_000 + "\n")


@builder
def nest_past_libyaml_then_nul(repo: Path) -> None:
    # deeper than libyaml's 1000 levels, then a character YAML never allows: the
    # fallback to PyYAML's own parser once raised from its reader, outside any `try`
    _write(
        repo / "nest.yaml", "governance: 1\nx-deep: " + "[" * 1_100 + "\n" + "x" * 60_000 + "\x00\n"
    )


@builder
def nest_flow_mappings(repo: Path) -> None:
    _write(repo / "nest.yaml", "governance: 1\nx-deep: " + "{a: " * 5_000 + "\n")


@builder
def nest_block_mappings(repo: Path) -> None:
    levels = "".join(" " * depth + f"k{depth}:\n" for depth in range(1, 200))
    _write(repo / "nest.yaml", "governance: 1\nx-deep:\n" + levels)


@builder
def nest_block_sequences(repo: Path) -> None:
    _write(repo / "nest.yaml", "governance: 1\nx-deep:\n" + "- " * 200 + "x\n")


@builder
def nest_deep_allowed(repo: Path) -> None:
    _write(
        repo / "nest.yaml",
        "governance: 1\npeople:\n  ana:\n    name: " + "[" * 990 + "]" * 990 + "\n",
    )


@builder
def size_over_bound(repo: Path) -> None:
    head = "governance: 1\nx-pad: "
    _write(repo / "big.yaml", head + "a" * (8 * MIB + 1 - len(head)))


@builder
def size_sparse(repo: Path) -> None:
    with open(repo / "sparse.yaml", "wb") as handle:
        handle.truncate(16 << 30)  # 16 GiB of holes: only the bound + 1 bytes are read


@builder
def size_configured(repo: Path) -> None:
    _write(repo / "small.yaml", "governance: 1\npeople:\n  ana: {name: Ana}\n" + "#" * 30 + "\n")


@builder
def nodes_configured(repo: Path) -> None:
    items = ", ".join(f"i{number:02}" for number in range(30))
    _write(repo / "nodes.yaml", f"governance: 1\nx-list: [{items}]\n")


@builder
def volume_many_nodes(repo: Path) -> None:
    _write(repo / "nodes.yaml", "governance: 1\nx-pad: [" + "1," * 300_000 + "1]\n")


@builder
def volume_long_line(repo: Path) -> None:
    _write(
        repo / "long.yaml",
        "governance: 1\npeople:\n  ana: {name: Ana, nickname: " + "x" * MIB + "}\n",
    )


@builder
def volume_long_key(repo: Path) -> None:
    # an explicit key (`? `): a plain or quoted key longer than 1024 characters is not YAML
    _write(
        repo / "long.yaml", 'governance: 1\npeople:\n  ? "' + "k" * 100_000 + '"\n  : {name: K}\n'
    )


@builder
def volume_many_files(repo: Path) -> None:
    for number in range(1_500):
        _write(
            repo / "many" / f"p{number:04}.yaml",
            f"governance: 1\npeople:\n  p{number:04}: {{name: P, nam: x}}\n",
        )


@builder
def volume_many_findings(repo: Path) -> None:
    people = "".join(f"  p{number:05}: {{nam: x}}\n" for number in range(20_000))
    _write(repo / "findings.yaml", "governance: 1\npeople:\n" + people)


@builder
def volume_many_duplicates(repo: Path) -> None:
    _write(repo / "dups.yaml", "governance: 1\nx-dups:\n" + "  k: v\n" * 20_000)


HOSTILE_NAMES = (
    b"new\nline.yaml",
    b"comma,line=9.yaml",
    b"colon:col=1.yaml",
    b"pct%0A%25.yaml",
    b"::error file=x::y.yaml",
    b"##[warning]x.yaml",
    b"bad\xffutf8.yaml",
    b"tab\tand space.yaml",
    b"-rf.yaml",
    b"quote\"'`.yaml",
    b"<img src=x>.yaml",
    b"cr\rname.yaml",
)


@builder
def hostile_names(repo: Path) -> None:
    for number, name in enumerate(HOSTILE_NAMES):
        content = f"governance: 1\npeople:\n  n{number}: {{name: N, nam: x}}\n"
        with open(os.path.join(os.fsencode(repo), name), "wb") as handle:
            handle.write(content.encode())


def _link(repo: Path, name: str, target: str) -> None:
    os.symlink(target, repo / name)


@builder
def link_inside(repo: Path) -> None:
    _link(repo, "inside.yaml", "companion.yaml")


@builder
def link_outside(repo: Path) -> None:
    _link(repo, "outside.yaml", f"../{CANARY}.yaml")


@builder
def link_absolute(repo: Path) -> None:
    _link(repo, "absolute.yaml", str(repo.parent / f"{CANARY}.yaml"))
    _link(repo, "passwd.yaml", "/etc/passwd")


@builder
def link_dangling(repo: Path) -> None:
    _link(repo, "dangling.yaml", "no-such-file.yaml")


@builder
def link_loops(repo: Path) -> None:
    _link(repo, "loop.yaml", "loop.yaml")
    _link(repo, "ping.yaml", "pong.yaml")
    _link(repo, "pong.yaml", "ping.yaml")
    _link(repo, "loop-folder", "loop-folder")


@builder
def link_folders(repo: Path) -> None:
    _link(repo, "parent", "..")
    _link(repo, "outside", "../outside")
    _link(repo, "itself", ".")


@builder
def link_git_config(repo: Path) -> None:
    _write(repo / ".git" / "config", f"[core]\n\t{CANARY} = true\n")
    _link(repo, "config.yaml", ".git/config")


@builder
def link_device(repo: Path) -> None:
    _link(repo, "zero.yaml", "/dev/zero")
    _link(repo, "random.yaml", "/dev/urandom")


@builder
def link_named(repo: Path) -> None:
    link_outside(repo)


@builder
def fifo(repo: Path) -> None:
    os.mkfifo(repo / "pipe.yaml")


@builder
def hidden(repo: Path) -> None:
    broken = "governance: 1\npeople: [\n"
    _write(repo / ".hidden.yaml", broken)
    _write(repo / ".git" / "x.yaml", broken)
    _write(repo / "team" / ".secret" / "x.yaml", broken)
    _write(repo / "notes.txt", broken)
    _write(repo / "README.md", broken)
    _write(repo / "team" / "org.yml", "governance: 1\npeople:\n  t: {name: T, nam: x}\n")


@builder
def unreadable(repo: Path) -> None:
    path = repo / "locked.yaml"
    _write(path, "governance: 1\n")
    path.chmod(0)


@builder
def deep_folders(repo: Path) -> None:
    folder = repo
    for _ in range(DEPTH):  # one level at a time: pathlib and os.makedirs recurse
        folder = folder / "d"
        folder.mkdir()
    (folder / "org.yaml").write_text("governance: 1\npeople:\n  deep: {name: Deep, nam: x}\n")


def remove_deep_folders(repo: Path) -> None:
    """Remove what ``deep_folders`` made, bottom up (shutil.rmtree recurses in 3.11)."""
    levels = []
    folder = repo / "d"
    while folder.is_dir() and not folder.is_symlink():
        levels.append(folder)
        folder = folder / "d"
    for level in reversed(levels):
        for entry in os.scandir(level):
            if not entry.is_dir(follow_symlinks=False):
                os.remove(entry.path)
        os.rmdir(level)


def find_named(root: Path, name: str) -> list[str]:
    """Every file called ``name`` under ``root``, links not followed, without recursion."""
    found, pending = [], [str(root)]
    while pending:
        with os.scandir(pending.pop()) as listing:
            for entry in listing:
                if entry.name == name:
                    found.append(entry.path)
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
    return found


@builder
def hard_links(repo: Path) -> None:
    _write(repo / "b.yaml", "governance: 1\npeople:\n  hard: {name: H, nam: x}\n")
    os.link(repo / "b.yaml", repo / "a.yaml")


@builder
def long_name(repo: Path) -> None:
    _write(repo / ("a" * 200 + ".yaml"), "governance: 1\npeople:\n  al: {name: Al, nam: x}\n")


@builder
def config_link_outside(repo: Path) -> None:
    _link(repo, "gov", "../outside")


@builder
def config_is_link(repo: Path) -> None:
    os.remove(repo / ".governance-lint.yaml") if (repo / ".governance-lint.yaml").exists() else None
    _link(repo, ".governance-lint.yaml", f"../{CANARY}.yaml")


@builder
def config_is_fifo(repo: Path) -> None:
    os.mkfifo(repo / ".governance-lint.yaml")
