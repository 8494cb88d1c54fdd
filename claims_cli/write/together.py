"""Replace several files as one change: every file gets its new text, or none does.

An edit that changes two files (``claims rm --force`` of a source in one
file, cited as evidence by a claim in another) must not leave one changed
and the other not. Every new text is first written in full to a temporary
file beside its target and flushed to disk; only then are the temporary
files renamed over their targets, one after the other, with the signals
that would end the process held back until the last rename is done. If a
write or a rename fails, the files already replaced get their old bytes
back and every temporary file is removed.

What no program can hold back is SIGKILL or a power cut between two renames
(a few microseconds): then some files are new and the others old, each of
them whole.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from claims_cli.write.atomic import _temporary_name, write_atomic

#: Signals that would end the process, held back while the renames run.
_HELD = frozenset(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


def replace_together(changes: Sequence[tuple[Path, str, bytes]]) -> None:
    """Give each ``(path, new_text, old_bytes)`` its new text (UTF-8), all or none.

    Raises the :class:`OSError` that stopped it, once every file has its old
    bytes again. A single file is written by
    :func:`~claims_cli.write.atomic.write_atomic`.
    """
    if len(changes) == 1:
        path, text, _ = changes[0]
        write_atomic(path, [text])
        return
    staged: list[tuple[Path, Path, bytes]] = []
    try:
        for path, text, old in changes:
            target = Path(os.path.realpath(path))
            staged.append((_stage(target, text), target, old))
        replaced: list[tuple[Path, bytes]] = []
        with _signals_held():
            try:
                for temp, target, old in staged:
                    os.replace(temp, target)
                    replaced.append((target, old))
            except BaseException:
                for target, old in reversed(replaced):
                    with contextlib.suppress(OSError):
                        write_atomic(target, [old.decode("utf-8")])
                raise
    finally:
        for temp, _, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _stage(target: Path, text: str) -> Path:
    """``text`` in a new temporary file beside ``target``, on disk, with its permissions."""
    mode = stat.S_IMODE(target.stat().st_mode)
    temp = _temporary_name(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back terminating signals while the block runs; they arrive when it ends."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on POSIX
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
