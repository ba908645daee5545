"""``--base GIT-REF``: lint the same paths as they were at a git ref, straight from git's
object store (the work tree is never checked out or touched), and keep only the findings
the change brought, compared by identity rather than by line."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from governance_lint.config import Config
from governance_lint.discovery import YAML_SUFFIXES, Source, shown_path
from governance_lint.display import shown
from governance_lint.document import Document
from governance_lint.exclude import excluder
from governance_lint.findings import Finding, GovernanceLintError
from governance_lint.identity import identities
from governance_lint.linter import Report, lint_sources, targets_of
from governance_lint.loader import Bounds, unsafe

_LINK, _SUBMODULE = "120000", "160000"


@dataclass(frozen=True)
class BaseTree:
    """A resolved ``--base``: the work tree holding the current folder and the commit."""

    ref: str
    root: str
    commit: str


@dataclass(frozen=True)
class Comparison:
    """How the current findings compare with the base's (cli.md, "--base GIT-REF")."""

    ref: str
    every: tuple[Finding, ...]  # every unsuppressed finding of the current tree
    new: int
    fixed: int
    persisting: int
    changed: frozenset[str]  # shown paths of files that differ from the base

    def counts_line(self, escape: Callable[[str], str] = lambda ref: shown(ref, 200)) -> str:
        """``compared with REF: N new, N fixed, N persisting``, REF escaped for the output."""
        return (
            f"compared with {escape(self.ref)}: {self.new} new, {self.fixed} fixed, "
            f"{self.persisting} persisting"
        )


def comparison_of(report: Report) -> Comparison | None:
    """The comparison a ``--base`` run attached to its report, if any."""
    found = report.extra.get("comparison")
    return found if isinstance(found, Comparison) else None


def _git(args: Sequence[str], cwd: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "--literal-pathspecs", *args],
            cwd=cwd,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except OSError as error:
        raise GovernanceLintError(f"--base needs git: {error.strerror}") from None


def resolve(ref: str, cwd: str | None = None) -> BaseTree:
    """The work-tree root and the commit ``ref`` names; status 2 when either is missing."""
    cwd = cwd or os.getcwd()
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    root = os.fsdecode(top.stdout.strip())
    if top.returncode != 0 or not root:
        raise GovernanceLintError("--base needs a git work tree; the current folder is not in one")
    wanted = f"{ref}^{{commit}}"
    commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", wanted], cwd)
    if commit.returncode != 0 or not ref:
        raise GovernanceLintError(
            f"--base: unknown git ref `{shown(ref, 200)}` (a shallow clone may lack it: "
            "fetch the full history)"
        )
    return BaseTree(ref, root, commit.stdout.decode("ascii").strip())


def _relative(target: str, root: str, cwd: str) -> str:
    """``target`` relative to the work-tree root (its last part not resolved, like a walk)."""
    absolute = os.path.abspath(os.path.join(cwd, target))
    parent, name = os.path.split(absolute)
    real = os.path.join(os.path.realpath(parent), name) if name else os.path.realpath(absolute)
    relative = os.path.relpath(real, os.path.realpath(root)).replace(os.sep, "/")
    if relative == ".." or relative.startswith("../"):
        raise GovernanceLintError(f"--base: {shown(target, 200)} is outside the git work tree")
    return relative


@dataclass(frozen=True)
class _Entry:
    mode: str
    oid: str
    path: str  # relative to the work-tree root, "/" separators


def _tree(base: BaseTree, relatives: Sequence[str]) -> list[_Entry]:
    listing = _git(["ls-tree", "-r", "-z", "--full-name", base.commit, "--", *relatives], base.root)
    if listing.returncode != 0:
        message = listing.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GovernanceLintError(f"--base: git ls-tree failed: {(message or ['?'])[-1]}")
    entries = []
    for record in listing.stdout.split(b"\0"):
        if record:
            meta, _, path = record.partition(b"\t")
            mode, _kind, oid = meta.decode("ascii").split()
            entries.append(_Entry(mode, oid, os.fsdecode(path)))
    return entries


def _walked(
    entry: _Entry, target: str, relative: str, excluded: Callable[[str, bool], bool]
) -> str | None:
    """The path a walk of ``target`` would give this entry, or None when it would skip it."""
    if entry.path == relative:
        return target
    below = entry.path if relative == "." else entry.path[len(relative) + 1 :]
    parts = below.split("/")
    if any(part.startswith(".") for part in parts):
        return None
    for depth in range(1, len(parts)):
        if excluded(os.path.join(target, *parts[:depth]), True):
            return None
    walked = os.path.join(target, *parts)
    if not parts[-1].endswith(YAML_SUFFIXES) or excluded(walked, False):
        return None
    return walked


def _find(
    base: BaseTree, targets: Sequence[str], config: Config, cwd: str
) -> tuple[list[Source], list[Finding]]:
    """The files a walk of ``targets`` would find at the base: sources keyed by blob id."""
    excluded = excluder(config.exclude, config.folder)
    relatives = [_relative(target, base.root, cwd) for target in targets]
    entries = _tree(base, relatives)
    sources: dict[str, Source] = {}
    refused: dict[str, Finding] = {}
    for target, relative in zip(targets, relatives, strict=True):
        for entry in entries:
            if entry.mode == _SUBMODULE or not (
                relative == "." or entry.path == relative or entry.path.startswith(relative + "/")
            ):
                continue
            walked = _walked(entry, target, relative, excluded)
            if walked is None:
                continue
            name = shown_path(walked, cwd)
            if entry.mode == _LINK:
                refused.setdefault(
                    name,
                    unsafe(
                        name,
                        "symbolic link; not read",
                        "governance-lint never follows links: name the file it points to",
                    ),
                )
            else:
                sources.setdefault(name, Source(name, entry.oid))
    return sorted(sources.values(), key=lambda source: source.shown), [
        refused[name] for name in sorted(refused)
    ]


def _blobs(base: BaseTree, oids: set[str], bounds: Bounds) -> dict[str, bytes]:
    """Each blob's first ``max_file_bytes`` + 1 bytes, read with one ``git cat-file --batch``."""
    if not oids:
        return {}
    keep = bounds.max_file_bytes + 1
    found: dict[str, bytes] = {}
    process = subprocess.Popen(
        ["git", "cat-file", "--batch"],
        cwd=base.root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        for oid in sorted(oids):
            process.stdin.write(oid.encode("ascii") + b"\n")
            process.stdin.flush()
            header = process.stdout.readline().split()
            if len(header) != 3:
                raise GovernanceLintError(f"--base: git cannot read object {oid}")
            remaining, chunks, kept = int(header[2]), [], 0
            while remaining > 0:
                chunk = process.stdout.read(min(remaining, 1 << 20))
                if not chunk:
                    raise GovernanceLintError(f"--base: git stopped while reading {oid}")
                remaining -= len(chunk)
                if kept < keep:
                    chunks.append(chunk[: keep - kept])
                    kept += len(chunks[-1])
            process.stdout.read(1)  # the line feed after the contents
            found[oid] = b"".join(chunks)
    finally:
        process.stdin.close()
        process.stdout.close()
        process.wait()
    return found


def lint_base(base: BaseTree, paths: Sequence[str], config: Config, cwd: str) -> Report | None:
    """Lint the paths as they are at the base; None when they hold no governance file there."""
    targets = targets_of(paths, config)
    sources, refused = _find(base, targets, config, cwd)
    blobs = _blobs(base, {source.fs_path for source in sources}, config.bounds)

    def fetch(source: Source, bounds: Bounds) -> bytes:
        return blobs[source.fs_path]

    try:
        return lint_sources(sources, refused, targets, config, fetch=fetch)
    except GovernanceLintError:  # no governance file at the base: an empty base
        return None


def _reported_ids(report: Report, cwd: str) -> list[str]:
    """Identities of a run's reported findings, numbered together with the suppressed ones
    (so suppressing one finding never renumbers another)."""
    everything = [*report.findings, *(item.finding for item in report.suppressed)]
    numbered = identities(everything, report.documents, report.config.project_root, cwd)
    return numbered[: len(report.findings)]


def _changed(report: Report, before: Report | None) -> frozenset[str]:
    def state(doc: Document) -> tuple[str, str | None]:
        return doc.text, doc.failure.message if doc.failure else None

    old = before.documents if before is not None else {}
    return frozenset(
        path
        for path, doc in report.documents.items()
        if path not in old or state(old[path]) != state(doc)
    )


def compare(
    report: Report, base: BaseTree, paths: Sequence[str], cwd: str | None = None
) -> tuple[Report, Comparison]:
    """The report with only the new findings and the comparison attached, and the comparison."""
    cwd = cwd or os.getcwd()
    before = lint_base(base, paths, report.config, cwd)
    now_ids = _reported_ids(report, cwd)
    then_ids = set(_reported_ids(before, cwd)) if before is not None else set()
    new = [
        finding
        for finding, identity in zip(report.findings, now_ids, strict=True)
        if identity not in then_ids
    ]
    persisting = len(then_ids & set(now_ids))
    comparison = Comparison(
        ref=base.ref,
        every=tuple(report.findings),
        new=len(new),
        fixed=len(then_ids) - persisting,
        persisting=persisting,
        changed=_changed(report, before),
    )
    counts = {"new": comparison.new, "fixed": comparison.fixed, "persisting": persisting}
    compared = replace(
        report,
        findings=new,
        base={"ref": base.ref, **counts},
        extra={**report.extra, "comparison": comparison},
    )
    return compared, comparison
