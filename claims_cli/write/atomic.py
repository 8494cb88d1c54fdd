"""Replace a file in one step, so readers see the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import signal
import stat
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

#: Paths that name one of this process's open files rather than a file on disk.
#: ``realpath`` turns ``/dev/stdout`` into the file the shell opened, so they
#: must be recognised by name before anything resolves them.
_DESCRIPTOR = re.compile(r"/dev/(?P<std>stdin|stdout|stderr)|/(?:dev|proc/self)/fd/(?P<fd>[0-9]+)")
_STANDARD = {"stdin": 0, "stdout": 1, "stderr": 2}
#: Signals that would end the process without running ``finally`` blocks.
_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


class OutputIsInput(OSError):
    """The output names a file the command reads: writing it would destroy the input."""


def write_atomic(
    path: str | os.PathLike[str],
    chunks: Iterable[str],
    *,
    protect: Sequence[str | os.PathLike[str]] = (),
) -> None:
    """Write ``chunks`` (UTF-8, line ends kept as given) to ``path`` atomically.

    The text goes to a temporary file in the same directory, which is flushed
    to disk and then renamed over ``path``. If anything fails, including an
    exception raised while ``chunks`` is produced or a SIGTERM, SIGINT or
    SIGHUP, ``path`` keeps its old bytes and the temporary file is removed
    (the signal is then delivered as it would have been). An existing file
    keeps its permission bits; a new one gets the usual ones (``0o666`` less
    the umask). A symbolic link is followed, so the file it points to is
    replaced.

    A path naming an open descriptor (``/dev/stdout``, ``/dev/stderr``,
    ``/dev/fd/N``, ``/proc/self/fd/N``) is written through that descriptor,
    so ``-o /dev/stdout >> log`` appends to the log as the shell set it up.
    Any other target that is not a regular file (a named pipe, a terminal) is
    written to directly, without truncating: it holds no old bytes to keep,
    and renaming over it would replace the pipe with a file.

    Raises :class:`OutputIsInput` before writing anything when ``path`` is
    the same file (by device and inode) as one of ``protect``, and
    :class:`OSError` with a readable ``strerror`` for every other failure.
    """
    name = os.fspath(path)
    if "\0" in name:
        raise OSError(errno.EINVAL, "a file name cannot contain a NUL character", name)
    descriptor = _descriptor(name)
    _refuse_inputs(name, descriptor, protect)
    if descriptor is not None:
        _write_descriptor(descriptor, chunks)
        return
    target = Path(os.path.realpath(name))
    try:
        status = target.stat()
    except FileNotFoundError:
        mode: int | None = None
    else:
        if not stat.S_ISREG(status.st_mode):
            _write_device(target, chunks)
            return
        mode = stat.S_IMODE(status.st_mode)
    _replace(target, chunks, mode)


def _descriptor(name: str) -> int | None:
    match = _DESCRIPTOR.fullmatch(os.path.normpath(os.path.abspath(name)))
    if match is None:
        return None
    return _STANDARD[match["std"]] if match["std"] else int(match["fd"])


def _identity(status: os.stat_result) -> tuple[int, int]:
    return status.st_dev, status.st_ino


def _refuse_inputs(
    name: str, descriptor: int | None, protect: Sequence[str | os.PathLike[str]]
) -> None:
    if not protect:
        return
    try:
        output = os.fstat(descriptor) if descriptor is not None else os.stat(name)
    except (OSError, ValueError):
        return  # nothing there yet (or nothing usable): it cannot be an input
    if not stat.S_ISREG(output.st_mode):
        return  # a pipe or a terminal is never a claim file read whole
    for item in protect:
        try:
            same = _identity(os.stat(item)) == _identity(output)
        except (OSError, ValueError):
            continue
        if same:
            raise OutputIsInput(
                errno.EEXIST,
                f"it is the input file '{os.fspath(item)}'; "
                "writing it would destroy the ledger (choose another output)",
                name,
            )


def _write_descriptor(descriptor: int, chunks: Iterable[str]) -> None:
    # A duplicate shares the shell's open file: its offset and O_APPEND both hold.
    with os.fdopen(os.dup(descriptor), "w", encoding="utf-8", newline="") as out:
        out.writelines(chunks)


def _write_device(target: Path, chunks: Iterable[str]) -> None:
    # No O_TRUNC and no O_CREAT: a pipe or device is written as it is.
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
        out.writelines(chunks)


def _temporary_name(target: Path) -> Path:
    """A hidden name beside ``target`` that fits the directory's name limit."""
    token = secrets.token_hex(6)
    try:
        limit = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = 255
    suffix = f".{token}.tmp"
    room = max(1, limit - len(os.fsencode(suffix)) - 1)
    stem = os.fsencode(target.name)[:room].decode("utf-8", "ignore") or "out"
    return target.with_name(f".{stem}{suffix}")


def _replace(target: Path, chunks: Iterable[str], mode: int | None) -> None:
    temp = _temporary_name(target)
    with _signals_as_exceptions() as signalled:
        try:
            # O_EXCL: never write through a file (or link) that someone else put there.
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            fd = os.open(temp, flags, 0o666)
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                    for chunk in chunks:
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
                if mode is not None:
                    os.chmod(temp, mode)
                os.replace(temp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except _Signalled as caught:
            signalled.append(caught.signum)
    _sync_directory(target.parent)


class _Signalled(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_signalled(signum: int, frame: FrameType | None) -> None:
    raise _Signalled(signum)


@contextlib.contextmanager
def _signals_as_exceptions() -> Iterator[list[int]]:
    """Turn terminating signals into an exception while the block runs.

    Only signals that would end the process are taken over (not ones the
    program ignores or handles itself); once the block has cleaned up, a
    signal that arrived is delivered again with its old handler.
    """
    signalled: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield signalled  # only the main thread may set handlers
        return
    previous: dict[int, Any] = {}
    for signum in _SIGNALS:
        handler = signal.getsignal(signum)
        if handler is signal.SIG_DFL or handler is signal.default_int_handler:
            previous[signum] = signal.signal(signum, _raise_signalled)
    try:
        yield signalled
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    for signum in signalled:
        signal.raise_signal(signum)
    if signalled:  # a handler that returns: the write did not happen
        raise OSError(errno.EINTR, "interrupted by a signal; the file was left as it was")


def _sync_directory(folder: Path) -> None:
    # Makes the rename itself durable; not possible (nor needed) everywhere.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
