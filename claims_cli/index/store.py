"""The index's one file: where it is, its tables, and reading and writing them.

Every failure of the store (a corrupt or truncated file, a read-only or
foreign directory, another process holding the lock) is raised as
:class:`IndexUnavailable`, which callers answer by reading the claim files.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

#: The store's file name inside the cache directory; the number changes
#: whenever the tables or what they hold change, so an old index is ignored.
INDEX_NAME = "index-v1.sqlite3"
#: How long to wait for another process writing the index before giving up
#: (and reading the files instead).
BUSY_SECONDS = 0.5

_TABLES = """
CREATE TABLE IF NOT EXISTS file (
    key TEXT PRIMARY KEY,       -- digest of the display name and the exact bytes
    ok INTEGER NOT NULL,        -- 0: the file has errors, so look-ups read the files
    claims BLOB,                -- the file's claims, sources and meta, pickled
    sources BLOB,
    meta BLOB,
    marks BLOB                  -- where each claim starts: {path: (line, column)}
);
CREATE TABLE IF NOT EXISTS seen (
    path TEXT PRIMARY KEY,      -- the file's absolute path
    identity TEXT NOT NULL,     -- device, inode, size, mtime_ns and ctime_ns
    recorded_ns INTEGER NOT NULL,
    key TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ledger (
    key TEXT PRIMARY KEY,       -- digest of its files' keys, in order
    ok INTEGER NOT NULL         -- 0: the files do not hold together (ids, references)
);
"""


class IndexUnavailable(Exception):
    """The index cannot be used now; read the claim files instead."""


@dataclass(frozen=True, slots=True)
class FileEntry:
    """What the index holds for one claim file's exact bytes."""

    ok: bool
    claims: bytes = b""
    sources: bytes = b""
    meta: bytes = b""
    marks: bytes = b""


@dataclass(frozen=True, slots=True)
class Seen:
    """A file as last hashed: its identity on disk, when that was, and its key."""

    identity: str
    recorded_ns: int
    key: str


def _private_dir(directory: Path) -> None:
    """Make ``directory`` (owner only) or accept it only if no one else may write it.

    The index holds pickles; a directory another user can write could feed
    this process code, so such a directory is not used.
    """
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = directory.stat()
    except (OSError, ValueError) as exc:
        raise IndexUnavailable(f"cannot make {directory}: {exc}") from None
    if not stat.S_ISDIR(status.st_mode):
        raise IndexUnavailable(f"{directory} is not a directory")
    getuid = getattr(os, "getuid", None)
    if getuid is not None and (status.st_uid != getuid() or status.st_mode & 0o022):
        raise IndexUnavailable(f"{directory} may be written by another user")


class Store:
    """An open index. Use as a context manager; every method may raise IndexUnavailable."""

    def __init__(self, directory: Path) -> None:
        _private_dir(directory)
        self.path = directory / INDEX_NAME
        try:
            self._db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        except (sqlite3.Error, OSError) as exc:
            raise IndexUnavailable(str(exc)) from None
        try:
            with self._guard():
                self._db.executescript(_TABLES)
        except IndexUnavailable:
            self.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except (sqlite3.Error, OSError) as exc:
            raise IndexUnavailable(str(exc)) from None

    def seen(self, path: str) -> Seen | None:
        with self._guard():
            row = self._db.execute(
                "SELECT identity, recorded_ns, key FROM seen WHERE path = ?", (path,)
            ).fetchone()
        return None if row is None else Seen(str(row[0]), int(row[1]), str(row[2]))

    def file(self, key: str) -> FileEntry | None:
        with self._guard():
            row = self._db.execute(
                "SELECT ok, claims, sources, meta, marks FROM file WHERE key = ?", (key,)
            ).fetchone()
        if row is None:
            return None
        ok, claims, sources, meta, marks = row
        return FileEntry(bool(ok), claims or b"", sources or b"", meta or b"", marks or b"")

    def ledger_ok(self, key: str) -> bool | None:
        with self._guard():
            row = self._db.execute("SELECT ok FROM ledger WHERE key = ?", (key,)).fetchone()
        return None if row is None else bool(row[0])

    def put(
        self,
        *,
        files: Sequence[tuple[str, FileEntry]] = (),
        seen: Sequence[tuple[str, Seen]] = (),
        ledger: tuple[str, bool] | None = None,
    ) -> None:
        """Record entries in one transaction: all of them, or (on any failure) none."""
        with self._guard():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO file VALUES (?, ?, ?, ?, ?, ?)",
                    [(key, int(e.ok), e.claims, e.sources, e.meta, e.marks) for key, e in files],
                )
                self._db.executemany(
                    "INSERT OR REPLACE INTO seen VALUES (?, ?, ?, ?)",
                    [(path, s.identity, s.recorded_ns, s.key) for path, s in seen],
                )
                if ledger is not None:
                    self._db.execute(
                        "INSERT OR REPLACE INTO ledger VALUES (?, ?)", (ledger[0], int(ledger[1]))
                    )
                self._db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise


def clear(directory: Path) -> list[Path]:
    """Remove the index files ``directory`` holds; the paths removed."""
    removed: list[Path] = []
    if not directory.is_dir():
        return removed
    for path in sorted(directory.iterdir()):
        if path.name.startswith("index-") and path.is_file():
            path.unlink()
            removed.append(path)
    return removed
