"""One edit of a ledger at a time: an advisory lock on the folders that hold its files.

Edits read the files, change them and write them back; two at once would
each write over the other's change. Every edit first takes an exclusive
``flock`` on each folder that holds a file of the ledger (in one order, so
two edits never wait on each other), and reads the files only once it holds
them. Locking the folder, not the file, matters: a write replaces the file
with a new one (a rename), so a lock on the old file would guard nothing.
The lock leaves nothing behind on disk and goes when the process ends,
however it ends.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

#: How long an edit waits for another one to finish before giving up.
DEFAULT_WAIT = 30.0


class LockTimeout(OSError):
    """Another edit held the ledger for longer than we were willing to wait."""


@contextlib.contextmanager
def ledger_lock(files: Iterable[Path], *, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    """Hold an exclusive lock on every folder that holds one of ``files`` while the block runs.

    Raises :class:`LockTimeout` after ``wait`` seconds. Where the platform has
    no ``flock`` (Windows), the block runs unlocked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    folders = sorted({str(Path(item).resolve().parent) for item in files})
    held: list[int] = []
    try:
        for folder in folders:
            fd = os.open(folder, os.O_RDONLY)
            held.append(fd)
            deadline = time.monotonic() + wait
            pause = 0.005
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                        raise
                    if time.monotonic() >= deadline:
                        raise LockTimeout(
                            errno.EAGAIN,
                            f"another claims command has been editing this ledger for "
                            f"{wait:g} seconds; try again when it is done",
                            folder,
                        ) from None
                    time.sleep(pause)
                    pause = min(pause * 2, 0.1)
        yield
    finally:
        for fd in reversed(held):
            os.close(fd)  # closing the descriptor releases its lock
