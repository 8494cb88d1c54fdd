"""Replace a file in one step, so readers see the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], chunks: Iterable[str]) -> None:
    """Write ``chunks`` (UTF-8, line ends kept as given) to ``path`` atomically.

    The text goes to a temporary file in the same directory, which is flushed
    to disk and then renamed over ``path``. If anything fails, including an
    exception raised while ``chunks`` is produced, ``path`` keeps its old
    bytes and the temporary file is removed. An existing file keeps its
    permission bits; a new one gets the usual ones (``0o666`` less the umask).
    A symbolic link is followed, so the file it points to is replaced.

    A target that is not a regular file (a named pipe, a terminal,
    ``/dev/stdout``) is written to directly: it holds no old bytes to keep,
    and renaming over it would replace the pipe with a file.
    """
    target = Path(os.path.realpath(path))
    try:
        status = target.stat()
    except FileNotFoundError:
        mode: int | None = None
    else:
        if not stat.S_ISREG(status.st_mode):
            with open(target, "w", encoding="utf-8", newline="") as out:
                out.writelines(chunks)
            return
        mode = stat.S_IMODE(status.st_mode)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    # O_EXCL: never write through a file (or link) that someone else put there.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
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
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _sync_directory(target.parent)


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
