"""``--base GIT-REF``: lint the same paths as they were at a git ref, straight from git's
object store (the work tree is never checked out or touched), and keep only the findings
the change brought, compared by identity rather than by line.

The only module of the output stage that runs git; formatters read the comparison it
makes from the result (``Result.comparison``)."""

from __future__ import annotations

import os
import posixpath
import stat
import subprocess
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice

from governance_lint.config import Config
from governance_lint.display import shown
from governance_lint.document import Document
from governance_lint.findings import Finding, GovernanceLintError
from governance_lint.linter import lint_sources, targets_of
from governance_lint.output.identity import identities
from governance_lint.reading.discover import MEMO_SUFFIX, YAML_SUFFIXES, Source, shown_path
from governance_lint.reading.exclude import excluder
from governance_lint.reading.loader import Bounds, unsafe
from governance_lint.result import Comparison, Result

_FOLDER, _LINK, _SUBMODULE = "040000", "120000", "160000"
# More named paths than this are listed as the one folder that holds them (_pathspecs).
MAX_PATHSPECS = 100
# Links one lookup passes through before Linux gives up (ELOOP), and the longest target
# a link can have in a checkout (PATH_MAX less the final NUL).
MAX_LINKS = 40
LONGEST_LINK = 4095


@dataclass(frozen=True)
class BaseTree:
    """A resolved ``--base``: the work tree holding the current folder and the commit."""

    ref: str
    root: str
    commit: str


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


def _tree(base: BaseTree, pathspecs: Sequence[str], folders: bool = False) -> list[_Entry]:
    """What git lists under ``pathspecs`` at the base: files and links, and with
    ``folders`` the folders too."""
    tree_too = ["-t"] if folders else []
    listing = _git(
        ["ls-tree", "-r", *tree_too, "-z", "--full-name", base.commit, "--", *pathspecs],
        base.root,
    )
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


def _holders(path: str) -> Iterator[str]:
    """``path``, then every folder that holds it, up to the work-tree root ``.``."""
    yield path
    end = len(path)
    while (end := path.rfind("/", 0, end)) > 0:
        yield path[:end]
    if path != ".":
        yield "."


def _pathspecs(relatives: Collection[str]) -> list[str]:
    """What to ask git to list: the named paths but those inside another named one, or,
    past MAX_PATHSPECS, the one folder that holds them all. git matches every entry it
    meets against every pathspec, so thousands of named paths would cost their square."""
    outermost = sorted(
        relative
        for relative in relatives
        if not any(holder in relatives for holder in islice(_holders(relative), 1, None))
    )
    if len(outermost) <= MAX_PATHSPECS:
        return outermost
    return [posixpath.commonpath(outermost) or "."]


def _walked(
    entry: _Entry, target: str, relative: str, excluded: Callable[[str, bool], bool]
) -> str | None:
    """The path a walk of ``target`` would give this entry, or None when it would skip it
    (hidden, inside an excluded folder, or excluded itself); a named path is never skipped."""
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
    return None if excluded(walked, False) else walked


def _link(name: str) -> Finding:
    """GL006 for a link at the base, as the walk of the work tree reports it."""
    return unsafe(
        name,
        "symbolic link; not read",
        "governance-lint never follows links: name the file it points to instead",
    )


def _find(
    base: BaseTree, targets: Sequence[str], config: Config, cwd: str
) -> tuple[list[Source], list[Finding]]:
    """The files a walk of ``targets`` would find at the base: sources keyed by blob id.

    Each entry git lists is matched to the named paths that hold it by looking up its
    folders, so the cost is linear in the entries and the named paths; a named path
    written twice (``gov``, ``./gov``) is walked once, as its files would be read once."""
    excluded = excluder(config.exclude, config.folder)
    folders_excluded: dict[str, bool] = {}

    def skipped(path: str, is_dir: bool) -> bool:
        if not is_dir:
            return excluded(path, False)
        if path not in folders_excluded:
            folders_excluded[path] = excluded(path, True)
        return folders_excluded[path]

    named: dict[str, dict[str, str]] = {}  # relative -> {absolute path: target as given}
    for target in targets:
        absolute = os.path.normpath(os.path.join(cwd, target))
        named.setdefault(_relative(target, base.root, cwd), {}).setdefault(absolute, target)
    sources: dict[str, Source] = {}
    refused: dict[str, Finding] = {}
    links: dict[str, str] = {}  # shown name -> path: links refused if they lead to a folder
    for entry in _tree(base, _pathspecs(named)):
        if entry.mode == _SUBMODULE:
            continue
        for relative in _holders(entry.path):
            for target in named.get(relative, {}).values():
                walked = _walked(entry, target, relative, skipped)
                if walked is None:
                    continue
                name = shown_path(walked, cwd)
                named_here = entry.path == relative
                memo = not named_here and entry.path.endswith(MEMO_SUFFIX)
                wanted = named_here or entry.path.endswith(YAML_SUFFIXES)
                if memo:  # a memo met in the walk; a linked one is skipped silently
                    if entry.mode != _LINK:
                        sources.setdefault(name, Source(name, entry.oid, walked=True))
                elif entry.mode == _LINK and wanted:
                    refused.setdefault(name, _link(name))
                elif entry.mode == _LINK:
                    links.setdefault(name, entry.path)
                elif wanted:
                    sources.setdefault(name, Source(name, entry.oid))
    if links:
        walk = _LinkWalk(base)
        for name, path in links.items():
            if walk.leads_to_folder(path):
                refused.setdefault(name, _link(name))
    return sorted(sources.values(), key=lambda source: source.shown), [
        refused[name] for name in sorted(refused)
    ]


# A folder-or-not answer: a folder of the base's tree (its parts), a path on this
# machine outside the tree (not yet looked up), or None: not a folder.
_Place = tuple[str, ...] | str | None


class _LinkWalk:
    """Whether a link at the base leads to a folder, as ``os.stat`` finds it in a
    checkout of the base (the walk of the work tree asks exactly that): through the
    base's tree, link after link, at most MAX_LINKS of them (Linux's limit); a place
    outside the tree is looked up on this machine, as the work tree's walk does. Each
    link is resolved once, so the cost stays linear in the tree."""

    def __init__(self, base: BaseTree) -> None:
        listing = _tree(base, ["."], folders=True)
        self.tree = {entry.path: entry for entry in listing}
        found = _blobs(base, {e.oid for e in listing if e.mode == _LINK}, LONGEST_LINK + 1)
        # a checkout writes a link's target up to its first NUL, and none longer than Linux takes
        self.targets = {
            oid: os.fsdecode(raw.partition(b"\0")[0])
            for oid, raw in found.items()
            if len(raw) <= LONGEST_LINK
        }
        self.root = base.root
        self.known: dict[str, tuple[_Place, int]] = {}
        self.open: set[str] = set()

    def leads_to_folder(self, path: str) -> bool:
        place, hops = self._link(path, MAX_LINKS)
        if hops > MAX_LINKS or place is None:
            return False
        return _is_folder(place) if isinstance(place, str) else True

    def _link(self, path: str, budget: int) -> tuple[_Place, int]:
        """Where the link at ``path`` leads and through how many links, itself included;
        more than ``budget`` of them (or a link met again on the way) is a loop."""
        if path in self.known:
            return self.known[path]
        if path in self.open or budget < 1:
            return None, MAX_LINKS + 1
        self.open.add(path)
        target = self.targets.get(self.tree[path].oid)
        place: _Place
        if target is None:
            place, hops = None, 1
        elif target.startswith("/"):
            place, hops = target, 1
        else:
            place, used = self._walk(tuple(path.split("/")[:-1]), target.split("/"), budget - 1)
            hops = used + 1
        self.open.discard(path)
        if hops <= budget or budget == MAX_LINKS:  # not cut short by a caller's budget
            self.known[path] = (place, hops)
        return place, hops

    def _walk(self, folder: tuple[str, ...], parts: list[str], budget: int) -> tuple[_Place, int]:
        """Where ``parts`` lead from ``folder``, and through how many links."""
        hops = 0
        for index, part in enumerate(parts):
            if part in ("", "."):
                continue
            if part == "..":
                if not folder:  # above the work tree: on this machine
                    return os.path.join(os.path.dirname(self.root), *parts[index + 1 :]), hops
                folder = folder[:-1]
                continue
            path = "/".join((*folder, part))
            entry = self.tree.get(path)
            if entry is None:
                return None, hops
            if entry.mode == _LINK:
                place, used = self._link(path, budget - hops)
                hops += used
                if hops > budget or place is None:
                    return None, hops
                if isinstance(place, str):
                    return os.path.join(place, *parts[index + 1 :]), hops
                folder = place
            elif entry.mode in (_FOLDER, _SUBMODULE):
                folder = (*folder, part)
            else:  # a file: not a folder, and nothing is found inside it
                return None, hops
        return folder, hops


def _is_folder(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):  # missing, a loop, or a NUL in the name
        return False


def _blobs(base: BaseTree, oids: set[str], keep: int) -> dict[str, bytes]:
    """Each blob's first ``keep`` bytes, read with one ``git cat-file --batch``."""
    if not oids:
        return {}
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


def lint_base(base: BaseTree, paths: Sequence[str], config: Config, cwd: str) -> Result | None:
    """Lint the paths as they are at the base; None when they hold no governance file there."""
    targets = targets_of(paths, config)
    sources, refused = _find(base, targets, config, cwd)
    blobs = _blobs(base, {source.fs_path for source in sources}, config.bounds.max_file_bytes + 1)

    def fetch(source: Source, bounds: Bounds) -> bytes:
        return blobs[source.fs_path]

    try:
        return lint_sources(sources, refused, targets, config, fetch=fetch)
    except GovernanceLintError:  # no governance file at the base: an empty base
        return None


def _reported_ids(result: Result, cwd: str) -> list[str]:
    """Identities of a run's reported findings, numbered together with the suppressed ones
    (so suppressing one finding never renumbers another)."""
    everything = [*result.findings, *(item.finding for item in result.suppressed)]
    numbered = identities(everything, result.documents, result.config.project_root, cwd)
    return numbered[: len(result.findings)]


def _changed(result: Result, before: Result | None) -> frozenset[str]:
    def state(doc: Document) -> tuple[str, str | None]:
        return doc.text, doc.failure.message if doc.failure else None

    old = before.documents if before is not None else {}
    return frozenset(
        path
        for path, doc in result.documents.items()
        if path not in old or state(old[path]) != state(doc)
    )


@dataclass(frozen=True)
class BaseRun:
    """The base's own run and the findings it had that the current tree no longer has:
    what the report's "What changed" section shows beyond the counts."""

    before: Result | None  # None: the paths held no governance file at the base
    fixed: tuple[Finding, ...]


def compare(
    result: Result, base: BaseTree, paths: Sequence[str], cwd: str | None = None
) -> tuple[Result, Comparison]:
    """A new result holding only the new findings and the comparison, and the comparison."""
    new_result, comparison, _ = compare_runs(result, base, paths, cwd)
    return new_result, comparison


def compare_runs(
    result: Result, base: BaseTree, paths: Sequence[str], cwd: str | None = None
) -> tuple[Result, Comparison, BaseRun]:
    """As ``compare``, and the base's run with the findings fixed since."""
    cwd = cwd or os.getcwd()
    before = lint_base(base, paths, result.config, cwd)
    now_ids = _reported_ids(result, cwd)
    then_list = _reported_ids(before, cwd) if before is not None else []
    then_ids = set(then_list)
    new = [
        finding
        for finding, identity in zip(result.findings, now_ids, strict=True)
        if identity not in then_ids
    ]
    persisting = len(then_ids & set(now_ids))
    comparison = Comparison(
        ref=base.ref,
        every=tuple(result.findings),
        new=len(new),
        fixed=len(then_ids) - persisting,
        persisting=persisting,
        changed=_changed(result, before),
    )
    now = set(now_ids)
    fixed = (
        tuple(
            finding
            for finding, identity in zip(before.findings, then_list, strict=True)
            if identity not in now
        )
        if before is not None
        else ()
    )
    return (
        replace(result, findings=new, comparison=comparison),
        comparison,
        BaseRun(before, fixed),
    )
