"""The index's one file: where it is, its tables, and reading and writing them.

One row per claim (its plain data, compactly encoded, with its id and where
it starts), and per file the positions of its claims for each value of the
fields look-ups narrow by (tags, cited sources, status, type...), so a
look-up reads only the claims it may show. Every failure of the store (a
corrupt or truncated file, a read-only or foreign directory, another process
holding the lock) is raised as :class:`IndexUnavailable`, which callers
answer by reading the claim files.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: The store's file name inside the cache directory; the number changes
#: whenever the tables or what they hold change, so an old index is ignored.
INDEX_NAME = "index-v2.sqlite3"
#: How long to wait for another process writing the index before giving up
#: (and reading the files instead).
BUSY_SECONDS = 0.5
#: How many claim numbers one query asks for at most (SQLite's bound on
#: parameters is 999 in old builds).
_BATCH = 900

#: Recorded in the file once its tables are made.
_VERSION = 2

_TABLES = """
CREATE TABLE IF NOT EXISTS file (
    key TEXT PRIMARY KEY,       -- digest of the display name and the exact bytes
    ok INTEGER NOT NULL,        -- 0: the file has errors, so look-ups read the files
    first INTEGER NOT NULL,     -- the number of its first claim (claim.n)
    count INTEGER NOT NULL,     -- how many claims it holds, numbered first, first + 1...
    sources BLOB,               -- its sources and meta, pickled
    meta BLOB,
    searchable INTEGER NOT NULL DEFAULT 0   -- 1: its claims' search text is in `text`
);
CREATE TABLE IF NOT EXISTS claim (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    supersedes TEXT,
    line INTEGER NOT NULL,      -- where the claim starts in its file
    col INTEGER NOT NULL,
    data BLOB NOT NULL          -- the claim's plain data as the file holds it (marshal)
);
CREATE INDEX IF NOT EXISTS claim_id ON claim (id);
CREATE INDEX IF NOT EXISTS claim_supersedes ON claim (supersedes) WHERE supersedes IS NOT NULL;
CREATE TABLE IF NOT EXISTS facet (
    file TEXT NOT NULL,
    kind TEXT NOT NULL,         -- tag, cites, attributed, status, type, confidence...
    value TEXT NOT NULL,
    positions BLOB NOT NULL,    -- the positions in the file of the claims with it (array 'I')
    PRIMARY KEY (file, kind, value)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS text (
    n INTEGER PRIMARY KEY,      -- claim.n
    folded TEXT NOT NULL        -- the text --search looks in, folded as the filter folds it
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
class ClaimRow:
    """One claim as the index keeps it."""

    id: str
    supersedes: str | None
    line: int
    column: int
    data: bytes


@dataclass(frozen=True, slots=True)
class FileEntry:
    """What the index holds for one claim file's exact bytes (its claims are rows apart)."""

    ok: bool
    first: int = 0
    count: int = 0
    sources: bytes = b""
    meta: bytes = b""
    searchable: bool = False


@dataclass(frozen=True, slots=True)
class NewFile:
    """A file to record: its entry, its claims in order and its facets."""

    entry: FileEntry
    #: Each claim's id, what it supersedes, line, column and data, in order.
    claims: Sequence[tuple[str, str | None, int, int, bytes]] = ()
    #: (kind, value) -> the positions of the claims with it, as array('I') bytes.
    facets: dict[tuple[str, str], bytes] = field(default_factory=dict)


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
            # Room for a large file's entry in memory while it is written (64 MiB).
            self._db.execute("PRAGMA cache_size = -65536")
        except (sqlite3.Error, OSError) as exc:
            raise IndexUnavailable(str(exc)) from None
        try:
            with self._guard():
                (version,) = self._db.execute("PRAGMA user_version").fetchone()
                if version != _VERSION:  # a new file: its tables, in one transaction
                    self._db.executescript(
                        f"BEGIN IMMEDIATE; {_TABLES} PRAGMA user_version = {_VERSION}; COMMIT;"
                    )
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

    def snapshot(self) -> None:
        """Read from now on as of this moment: a writer elsewhere waits (or gives up)."""
        with self._guard():
            self._db.execute("BEGIN")
            self._db.execute("SELECT count(*) FROM ledger").fetchone()

    def end_snapshot(self) -> None:
        """Stop reading as of one moment, so that this process may write."""
        with self._guard():
            if self._db.in_transaction:
                self._db.execute("COMMIT")

    def seen(self, path: str) -> Seen | None:
        with self._guard():
            row = self._db.execute(
                "SELECT identity, recorded_ns, key FROM seen WHERE path = ?", (path,)
            ).fetchone()
        return None if row is None else Seen(str(row[0]), int(row[1]), str(row[2]))

    def file(self, key: str) -> FileEntry | None:
        with self._guard():
            row = self._db.execute(
                "SELECT ok, first, count, sources, meta, searchable FROM file WHERE key = ?", (key,)
            ).fetchone()
        if row is None:
            return None
        ok, first, count, sources, meta, searchable = row
        return FileEntry(
            bool(ok), int(first), int(count), sources or b"", meta or b"", bool(searchable)
        )

    def ledger_ok(self, key: str) -> bool | None:
        with self._guard():
            row = self._db.execute("SELECT ok FROM ledger WHERE key = ?", (key,)).fetchone()
        return None if row is None else bool(row[0])

    # --- claims ---------------------------------------------------------------------

    def claims(self, numbers: Sequence[int]) -> dict[int, ClaimRow]:
        """The rows of the claims numbered ``numbers``."""
        found: dict[int, ClaimRow] = {}
        with self._guard():
            for start in range(0, len(numbers), _BATCH):
                batch = numbers[start : start + _BATCH]
                marks = ",".join("?" * len(batch))
                for n, *rest in self._db.execute(
                    f"SELECT n, id, supersedes, line, col, data FROM claim WHERE n IN ({marks})",
                    tuple(batch),
                ):
                    found[n] = ClaimRow(*rest)
        return found

    def claim_range(self, first: int, count: int) -> list[ClaimRow]:
        """The rows of the claims numbered ``first`` to ``first + count - 1``, in order."""
        with self._guard():
            rows = self._db.execute(
                "SELECT id, supersedes, line, col, data FROM claim "
                "WHERE n >= ? AND n < ? ORDER BY n",
                (first, first + count),
            ).fetchall()
        return [ClaimRow(*row) for row in rows]

    def ids(self, first: int, count: int) -> list[str]:
        """The ids of the claims numbered ``first`` to ``first + count - 1``, in order."""
        with self._guard():
            rows = self._db.execute(
                "SELECT id FROM claim WHERE n >= ? AND n < ? ORDER BY n", (first, first + count)
            ).fetchall()
        return [str(row[0]) for row in rows]

    def numbers_with_id(self, claim_id: str) -> list[int]:
        """The numbers of every claim (of any file) with this id."""
        with self._guard():
            rows = self._db.execute("SELECT n FROM claim WHERE id = ?", (claim_id,)).fetchall()
        return [int(row[0]) for row in rows]

    def numbers_superseding(self, claim_id: str) -> list[int]:
        """The numbers of every claim (of any file) that supersedes ``claim_id``."""
        with self._guard():
            rows = self._db.execute(
                "SELECT n FROM claim WHERE supersedes = ? ORDER BY n", (claim_id,)
            ).fetchall()
        return [int(row[0]) for row in rows]

    # --- facets and search text -----------------------------------------------------

    def facets(self, file: str, kind: str, values: Iterable[str]) -> list[bytes]:
        """The positions (array 'I' bytes) of the claims of ``file`` with each value found."""
        wanted = tuple(values)
        marks = ",".join("?" * len(wanted))
        with self._guard():
            rows = self._db.execute(
                f"SELECT positions FROM facet WHERE file = ? AND kind = ? AND value IN ({marks})",
                (file, kind, *wanted),
            ).fetchall()
        return [bytes(row[0]) for row in rows]

    def facet_values(self, file: str, kind: str) -> list[tuple[str, int]]:
        """Every value of ``kind`` in ``file``, with how many of its claims have it."""
        with self._guard():
            rows = self._db.execute(
                "SELECT value, length(positions) / 4 FROM facet WHERE file = ? AND kind = ?",
                (file, kind),
            ).fetchall()
        return [(str(value), int(count)) for value, count in rows]

    def containing(self, first: int, count: int, words: Sequence[str]) -> list[int]:
        """The numbers (within the range) whose search text holds every one of ``words``."""
        test = " AND ".join("instr(folded, ?) > 0" for _ in words)
        with self._guard():
            rows = self._db.execute(
                f"SELECT n FROM text WHERE n >= ? AND n < ? AND {test}",
                (first, first + count, *words),
            ).fetchall()
        return [int(row[0]) for row in rows]

    def put_text(self, key: str, first: int, texts: Sequence[str]) -> None:
        """Record the search text of a file's claims, in order (if its entry is still there)."""
        with self._guard():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._db.execute(
                    "SELECT first, count FROM file WHERE key = ?", (key,)
                ).fetchone()
                if row != (first, len(texts)):  # removed meanwhile: its numbers may be another's
                    self._db.execute("ROLLBACK")
                    return
                self._db.execute(
                    "DELETE FROM text WHERE n >= ? AND n < ?", (first, first + len(texts))
                )
                self._db.executemany(
                    "INSERT INTO text VALUES (?, ?)",
                    ((first + pos, text) for pos, text in enumerate(texts)),
                )
                self._db.execute("UPDATE file SET searchable = 1 WHERE key = ?", (key,))
                self._db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise

    # --- writing --------------------------------------------------------------------

    def put(
        self,
        *,
        files: Sequence[tuple[str, NewFile]] = (),
        seen: Sequence[tuple[str, Seen]] = (),
        ledger: tuple[str, bool] | None = None,
    ) -> None:
        """Record entries in one transaction: all of them, or (on any failure) none.

        A file's old entry that no path is seen with any more is removed in
        the same transaction, so the index holds the files as they are.
        """
        with self._guard():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                replaced = self._replaced(seen)
                for key, new in files:
                    self._put_file(key, new)
                self._db.executemany(
                    "INSERT OR REPLACE INTO seen VALUES (?, ?, ?, ?)",
                    [(path, s.identity, s.recorded_ns, s.key) for path, s in seen],
                )
                self._collect(replaced)
                if ledger is not None:
                    self._db.execute(
                        "INSERT OR REPLACE INTO ledger VALUES (?, ?)", (ledger[0], int(ledger[1]))
                    )
                self._db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise

    def _replaced(self, seen: Sequence[tuple[str, Seen]]) -> set[str]:
        """The keys the paths in ``seen`` were last seen with, where that changes."""
        old: set[str] = set()
        for path, now in seen:
            row = self._db.execute("SELECT key FROM seen WHERE path = ?", (path,)).fetchone()
            if row is not None and row[0] != now.key:
                old.add(str(row[0]))
        return old

    def _put_file(self, key: str, new: NewFile) -> None:
        if self._db.execute("SELECT 1 FROM file WHERE key = ?", (key,)).fetchone():
            return  # another process recorded the same bytes meanwhile
        (first,) = self._db.execute("SELECT coalesce(max(n), -1) + 1 FROM claim").fetchone()
        e = new.entry
        self._db.execute(
            "INSERT INTO file VALUES (?, ?, ?, ?, ?, ?, 0)",
            (key, int(e.ok), first, len(new.claims), e.sources, e.meta),
        )
        self._db.executemany(
            "INSERT INTO claim VALUES (?, ?, ?, ?, ?, ?)",
            ((first + pos, *row) for pos, row in enumerate(new.claims)),
        )
        self._db.executemany(
            "INSERT INTO facet VALUES (?, ?, ?, ?)",
            ((key, kind, value, positions) for (kind, value), positions in new.facets.items()),
        )

    def _collect(self, keys: set[str]) -> None:
        """Remove the entries of ``keys`` that no path is seen with."""
        for key in keys:
            if self._db.execute("SELECT 1 FROM seen WHERE key = ?", (key,)).fetchone():
                continue
            row = self._db.execute("SELECT first, count FROM file WHERE key = ?", (key,)).fetchone()
            if row is None:
                continue
            first, count = row
            self._db.execute("DELETE FROM claim WHERE n >= ? AND n < ?", (first, first + count))
            self._db.execute("DELETE FROM text WHERE n >= ? AND n < ?", (first, first + count))
            self._db.execute("DELETE FROM facet WHERE file = ?", (key,))
            self._db.execute("DELETE FROM file WHERE key = ?", (key,))


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
