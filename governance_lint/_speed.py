"""Speed tricks that bend how the process runs, all in one place: GC pauses, the fork.

Three of them, each safe only for a short-lived linting process:

- the cyclic garbage collector is paused while the pipeline builds its many small
  containers (none form cycles worth collecting; reference counting frees them);
- the console script leaves by ``os._exit`` once its output is flushed, instead of
  freeing a large run's millions of objects one by one;
- a large run uses a second core by forking (``in_parallel``).

Python runs one thread at a time, so a large run uses a second core by forking: the
child sees the parent's memory as it was (nothing is sent to it), does its share, and
sends its results back pickled through a pipe. A child that fails sends nothing
usable, and its share is then done here, where any error surfaces as usual; when the
system refuses the child (a container's process limit), both shares are done here.
Small runs never fork: forking and moving results back cost more than they save; nor
does a process allowed only one core.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator
from typing import NoReturn, TypeVar

Here = TypeVar("Here")
There = TypeVar("There")


def stop_collector() -> None:
    """Turn the cyclic collector off for the rest of the process (the console script).

    A short-lived process whose objects form no cycles worth collecting: reference
    counting frees them, and the cyclic collector would only rescan them (imports,
    parsing, rules and output alike), a tenth of a large run."""
    gc.disable()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off inside the block, and back as it was after it.

    Building many small containers (parsing, merging, the rules) otherwise spends much
    of its time in the collector; a library caller keeps its own setting."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def leave(status: int) -> NoReturn:
    """Exit without tearing the interpreter down: freeing a large run's millions of
    objects one by one takes seconds and changes nothing (every output file is closed
    by then); the standard streams are flushed first."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe, a closed stream
            stream.flush()
    os._exit(status)


def can_fork() -> bool:
    """A plain CPython on Linux allowed more than one core: fork without exec is safe here
    (the process holds no threads or framework state that breaks in a child). The cores
    counted are those this process may run on (``taskset``, a container's CPU set), not
    the machine's: a child that shares the one core only adds the cost of forking."""
    return sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) > 1


def in_parallel(here: Callable[[], Here], there: Callable[[], There]) -> tuple[Here, There]:
    """``here()`` in this process while ``there()`` runs in a forked child."""
    import pickle  # here, not at the top: the console script imports this module on every run

    if not can_fork():
        return here(), there()
    try:
        read_end, write_end = os.pipe()
    except OSError:  # out of file descriptors: the work is done here all the same
        return here(), there()
    try:
        pid = os.fork()
    except OSError:  # a process limit (``ulimit -u`` in a container): one process it is
        os.close(read_end)
        os.close(write_end)
        return here(), there()
    if pid == 0:  # the child: work, send, and leave without running any cleanup
        os.close(read_end)
        try:
            payload = pickle.dumps((True, there()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            payload = pickle.dumps((False, None))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(write_end)
    received: list[bytes] = []
    with os.fdopen(read_end, "rb") as pipe:
        # drained while this process works, so the child never waits on a full pipe
        drain = threading.Thread(target=lambda: received.append(pipe.read()), daemon=True)
        try:
            drain.start()
            draining = True
        except RuntimeError:  # the process limit counts threads too: then the child
            draining = False  # waits on a full pipe until this process has done its share
        mine = here()
        if draining:
            drain.join()
        else:
            received.append(pipe.read())
    os.waitpid(pid, 0)
    try:
        done, theirs = pickle.loads(received[0])
    except (IndexError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        done, theirs = False, None
    return mine, (theirs if done else there())
