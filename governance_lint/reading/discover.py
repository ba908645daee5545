"""Which files a run reads: paths walked in sorted order, links never followed."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from governance_lint.findings import Finding, GovernanceLintError, Location
from governance_lint.rules.inputs import UNSAFE_YAML

YAML_SUFFIXES = (".yaml", ".yml")
MEMO_SUFFIX = ".md"  # decision memos: read only when their front matter says so


@dataclass(frozen=True)
class Source:
    """A file to read: ``shown`` is its path relative to the current folder, with ``/``."""

    shown: str
    fs_path: str
    # met in a walk, not named: a memo there that cannot be read is skipped silently
    walked: bool = False


def shown_path(path: str, cwd: str) -> str:
    """The path as output shows it: relative to ``cwd``, ``/`` separators."""
    relative = os.path.relpath(os.path.abspath(path), cwd).replace(os.sep, "/")
    # bytes of a file name that are not UTF-8 are shown as \xNN, never written raw
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _refused(shown: str, message: str, help: str) -> Finding:
    return Finding(UNSAFE_YAML.code, Location(shown, 1, 1), message, help)


def _link(shown: str) -> Finding:
    return _refused(
        shown,
        "symbolic link; not read",
        "governance-lint never follows links: name the file it points to instead",
    )


def _special(shown: str, mode: int) -> Finding:
    kind = (
        "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a device"
        if (stat.S_ISCHR(mode) or stat.S_ISBLK(mode))
        else "a special file"
    )
    return _refused(shown, f"{kind}, not a regular file; not read", "lint regular files only")


def unreadable(shown: str, error: OSError) -> Finding:
    """GL006 for a file or folder the operating system refuses to open or list."""
    reason = error.strerror or type(error).__name__
    return _refused(
        shown, f"cannot be read: {reason.lower()}", "check the file's permissions and type"
    )


def discover(
    paths: Iterable[str],
    excluded: Callable[[str, bool], bool] = lambda path, is_dir: False,
    cwd: str | None = None,
) -> tuple[list[Source], list[Finding]]:
    """Every YAML file and memo under ``paths``, in file order, and GL006 for what
    cannot be read.

    ``excluded(path, is_dir)`` is asked about every file and folder met in a walk (not
    about paths named explicitly). A missing path is an invocation error.
    """
    cwd = cwd or os.getcwd()
    sources: dict[tuple[int, int], Source] = {}
    problems: dict[str, Finding] = {}

    def add(path: str, info: os.stat_result, walked: bool = False) -> None:
        # a file reached twice (named twice, or hard-linked) is read once, under the name
        # that sorts first, whatever the order in which its names were met
        found = Source(shown_path(path, cwd), path, walked)
        key = (info.st_dev, info.st_ino)
        if key in sources and sources[key].shown == found.shown:
            found = Source(found.shown, path, walked and sources[key].walked)
        if key not in sources or found.shown <= sources[key].shown:
            sources[key] = found

    def refuse(path: str, finding: Callable[[str], Finding]) -> None:
        shown = shown_path(path, cwd)
        problems.setdefault(shown, finding(shown))

    def walk(top: str) -> None:
        """Every entry under ``top``, without recursion: folders may nest deeper than
        Python's stack."""
        pending = [top]
        while pending:
            folder = pending.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda entry: entry.name)
            except OSError as error:
                refuse(folder, partial(unreadable, error=error))
                continue
            folders = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError as error:
                    refuse(entry.path, partial(unreadable, error=error))
                    continue
                is_yaml = entry.name.endswith(YAML_SUFFIXES)
                if entry.name.endswith(MEMO_SUFFIX):
                    # a linked or special `.md` is skipped silently: linked READMEs are common
                    if stat.S_ISREG(info.st_mode) and not excluded(entry.path, False):
                        add(entry.path, info, walked=True)
                elif stat.S_ISLNK(info.st_mode):
                    if (is_yaml or _points_at_folder(entry.path)) and not excluded(
                        entry.path, False
                    ):
                        refuse(entry.path, _link)
                elif stat.S_ISDIR(info.st_mode):
                    if not excluded(entry.path, True):
                        folders.append(entry.path)
                elif is_yaml and not excluded(entry.path, False):
                    if stat.S_ISREG(info.st_mode):
                        add(entry.path, info)
                    else:
                        refuse(entry.path, partial(_special, mode=info.st_mode))
            pending.extend(reversed(folders))

    for path in paths:
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            raise GovernanceLintError(f"no such file or folder: {path}") from None
        except OSError as error:
            refuse(path, partial(unreadable, error=error))
            continue
        if stat.S_ISLNK(info.st_mode):
            refuse(path, _link)
        elif stat.S_ISDIR(info.st_mode):
            walk(path)
        elif stat.S_ISREG(info.st_mode):
            add(path, info)
        else:
            refuse(path, partial(_special, mode=info.st_mode))
    ordered = sorted(sources.values(), key=lambda source: source.shown)
    return ordered, [problems[shown] for shown in sorted(problems)]


def _points_at_folder(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:  # dangling or looping link
        return False
