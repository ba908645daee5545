"""Writing files without following links: every file governance-lint writes goes here.

A pull request from a fork controls every name in its checkout, including names that
an output, a cache entry or a temporary file will take. Opening such a name with a
plain ``open(path, "w")`` writes through a link the pull request committed: onto the
running Action script, into ``.git/hooks``. So a file is never opened at its final
name. The bytes go to a new temporary file in the target's folder, created with
``O_CREAT | O_EXCL | O_NOFOLLOW`` (a name that already exists, link or not, is never
opened), and ``os.replace`` then puts that file in place: a rename replaces a link
itself, never what it points at, and a reader that has the old file open (bash running
its script) keeps reading the old bytes. A target that exists and is not a regular file
is refused. For a relative path, no folder on the way may be a link either: the folders
are opened one by one with ``O_NOFOLLOW`` and the file is made inside the last one.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat

from governance_lint.findings import GovernanceLintError

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
# A folder opened as a descriptor to work inside, never through a link (the cache's too).
FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW | _CLOEXEC
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC


class UnsafeTarget(GovernanceLintError):
    """A path that cannot be written without following a link or replacing a non-file."""


def write_file(path: str, data: bytes, shown: str | None = None) -> None:
    """Put ``data`` at ``path`` as a new regular file, never through a link.

    Raises GovernanceLintError (status 2 at the command line) naming ``shown`` (the path
    as the user wrote it, by default ``path``) when the path is a link, a folder, a FIFO
    or a device, when a folder on a relative path is a link, or when writing fails."""
    name = path if shown is None else shown
    folder, base = os.path.split(path)
    if not base or base in (".", ".."):
        raise GovernanceLintError(f"cannot write {name}: it is a folder, not a file")
    try:
        folder_fd = open_folder(folder, name)
    except OSError as error:
        raise GovernanceLintError(f"cannot write {name}: {error.strerror}") from None
    try:
        _check_target(folder_fd, base, name)
        try:
            replace_in(folder_fd, base, data)
        except OSError as error:
            raise GovernanceLintError(f"cannot write {name}: {error.strerror}") from None
    finally:
        os.close(folder_fd)


def open_folder(folder: str, shown: str) -> int:
    """A descriptor of ``folder``; for a relative one, every part opened without
    following a link (an absolute path is the caller's own choice, as on reading)."""
    if os.path.isabs(folder):
        return os.open(folder, FOLDER_FLAGS & ~_NOFOLLOW)
    current = os.open(".", FOLDER_FLAGS)
    walked: list[str] = []
    try:
        for part in folder.split(os.sep):
            if part in ("", "."):
                continue
            walked.append(part)
            try:
                following = os.open(part, FOLDER_FLAGS, dir_fd=current)
            except OSError as error:
                if _is_link(current, part):
                    raise UnsafeTarget(
                        f"cannot write {shown}: `{os.path.join(*walked)}` is a symbolic "
                        "link, not a folder"
                    ) from None
                raise error
            os.close(current)
            current = following
    except BaseException:
        os.close(current)
        raise
    return current


def _is_link(folder_fd: int, name: str) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=folder_fd).st_mode)
    except OSError:
        return False


def _check_target(folder_fd: int, base: str, shown: str) -> None:
    try:
        mode = os.lstat(base, dir_fd=folder_fd).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise GovernanceLintError(f"cannot write {shown}: {error.strerror}") from None
    if stat.S_ISREG(mode):
        return
    kind = (
        "a symbolic link"
        if stat.S_ISLNK(mode)
        else "a folder"
        if stat.S_ISDIR(mode)
        else "a FIFO, device or socket"
    )
    raise UnsafeTarget(f"cannot write {shown}: it is {kind}, not a regular file")


def replace_in(folder_fd: int, base: str, data: bytes) -> None:
    """Write a new temporary file beside ``base`` and rename it onto ``base``."""
    descriptor, temporary = _new_temporary(folder_fd, base)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, base, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder_fd)
        raise


def _new_temporary(folder_fd: int, base: str) -> tuple[int, str]:
    """A file that did not exist, under a name nobody could predict; a name taken (by a
    planted link, say) is never opened, another is drawn."""
    for _ in range(100):
        temporary = f".{base[:100]}.{secrets.token_hex(8)}.tmp"
        try:
            return os.open(temporary, _NEW_FILE_FLAGS, 0o666, dir_fd=folder_fd), temporary
        except FileExistsError:
            continue
    raise FileExistsError(17, "no free temporary name")
