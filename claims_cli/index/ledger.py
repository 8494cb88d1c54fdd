"""A ledger from the index: each file parsed once per version of its bytes.

A file's key is a digest of its display name and its bytes, so an entry can
only describe those bytes. Reading and hashing a large file costs a little, so
a file whose identity on disk (device, inode, size, modification and change
times) matches what was recorded is trusted without re-hashing, but only when
its modification time was at least :data:`SETTLED_NS` older than the moment it
was recorded: a file written within the clock's granularity of being hashed
could change again with the same times (as git's "racy" check reasons). The
change time cannot be set by a program, so an edit that restores the size and
modification time is still seen.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import pickle
import stat
import time
from array import array
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from claims_cli.index.store import FileEntry, IndexUnavailable, NewFile, Seen, Store
from claims_cli.index.stored import StoredFile, StoreView, unpickle
from claims_cli.index.view import LedgerView, MemoryView, facet_positions
from claims_cli.model import Claim, Ledger, Meta, Source
from claims_cli.read.collector import collector_paused
from claims_cli.read.files import ClaimFile
from claims_cli.read.yaml_events import Document, Mark, _Marks

#: How much older than the moment it was hashed a file's modification time
#: must be before its identity alone is trusted (coarse filesystems count in
#: seconds; two covers them and a clock step).
SETTLED_NS = 2_000_000_000


class _Refused(Exception):
    """The index cannot answer for these files; read them."""


def open_indexed(
    files: Sequence[ClaimFile], *, cache_dir: Path, today: date, max_bytes: int
) -> LedgerView | None:
    """The ledger of ``files`` from the index at ``cache_dir``, or None to read the files.

    None when a file has errors (the files are then read for the exact
    report), when one is not a plain file on disk, or when the index cannot
    be used at all. Files parsed here are added to the index. A view from
    the index holds it open until closed.
    """
    if any(item.content is not None or item.is_stdin for item in files):
        return None
    try:
        store = Store(cache_dir)
    except IndexUnavailable:
        return None
    view: LedgerView | None = None
    try:
        # As the pipeline does: what is read and built lives on, so the
        # cyclic collector would only walk it again and again.
        with collector_paused():
            view = _open(store, files, today=today, max_bytes=max_bytes)
    except (_Refused, IndexUnavailable):
        pass
    except (pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError, KeyError):
        pass  # an entry that does not unpickle to what it should: read the files
    finally:
        if not isinstance(view, StoreView):
            store.close()
    return view


def _identity(status: os.stat_result) -> str:
    """The file's identity on disk, as seen by this code (another version hashes again)."""
    parts = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    return ":".join([_code_digest().hex(), *map(str, parts)])


#: The code whose reading of a file the index keeps: the reader, the builder,
#: the model, the filter engine, the figure reader (the figure keys recorded with the
#: search text) and the index itself.
_CODE = ("model.py", "read", "query/filters.py", "text/figures.py", "text/units.py", "index")


@functools.cache
def _code_digest() -> bytes:
    """A digest of :data:`_CODE`'s source: a changed version of it indexes afresh."""
    from claims_cli import __version__

    root = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    for name in _CODE:
        path = root / name
        for source in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            with contextlib.suppress(OSError):  # installed without sources: the version says
                digest.update(source.read_bytes())
    return digest.digest()


def _key(display: str, content: bytes) -> str:
    """The key of ``content`` shown as ``display``, as this code reads it."""
    digest = hashlib.blake2b(_code_digest(), digest_size=32)
    digest.update(display.encode("utf-8", "surrogateescape"))
    digest.update(b"\0")
    digest.update(content)
    return digest.hexdigest()


def _read(path: str, max_bytes: int) -> tuple[os.stat_result, bytes]:
    """The bytes of a regular file no larger than ``max_bytes``, or _Refused."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        raise _Refused from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > max_bytes:
            raise _Refused
        with os.fdopen(os.dup(descriptor), "rb") as stream:
            content = stream.read(max_bytes + 1)
        if len(content) > max_bytes or len(content) != status.st_size:
            raise _Refused  # grew or shrank while read: let the reader report it
        return status, content
    except OSError:
        raise _Refused from None
    finally:
        os.close(descriptor)


def _open(store: Store, files: Sequence[ClaimFile], *, today: date, max_bytes: int) -> LedgerView:
    keys: list[str] = []
    entries: dict[str, FileEntry] = {}
    built: dict[str, _Built] = {}
    new_files: list[tuple[str, NewFile]] = []
    new_seen: list[tuple[str, Seen]] = []
    for item in files:
        path = os.path.abspath(item.path)
        try:
            status = os.stat(path)
        except (OSError, ValueError):
            raise _Refused from None
        if not stat.S_ISREG(status.st_mode) or status.st_size > max_bytes:
            raise _Refused
        seen = store.seen(path)
        key: str | None = None
        if (
            seen is not None
            and seen.identity == _identity(status)
            and status.st_mtime_ns < seen.recorded_ns - SETTLED_NS
        ):
            key = seen.key
        entry = store.file(key) if key is not None else None
        if entry is None:
            recorded = time.time_ns()
            status, content = _read(path, max_bytes)
            key = _key(item.display, content)
            entry = store.file(key)
            if entry is None:
                new, fresh = _entry(item, content, max_bytes)
                entry = new.entry
                new_files.append((key, new))
                if fresh is not None:
                    built[key] = fresh
            new_seen.append((path, Seen(_identity(status), recorded, key)))
        assert key is not None
        keys.append(key)
        entries[key] = entry
    ledger_key = _key("\0".join(keys), b"ledger")
    ok = all(entry.ok for entry in entries.values()) and store.ledger_ok(ledger_key)
    if ok and not built:
        _record(store, new_files, new_seen, None)
        return _stored_view(store, files, keys)
    try:
        if ok is False:
            raise _Refused
        view = _assemble(store, files, keys, entries, built)
        if ok is None:
            ok = _holds_together(view.whole, today)
    finally:
        _record(store, new_files, new_seen, (ledger_key, bool(ok)) if ok is not None else None)
    if not ok:
        raise _Refused
    return view


def _stored_view(store: Store, files: Sequence[ClaimFile], keys: list[str]) -> StoreView:
    """A view that loads claims from the index as a look-up asks for them."""
    store.snapshot()
    stored = []
    sources: list[Source] = []
    meta: Meta | None = None
    for item, key in zip(files, keys, strict=True):
        entry = store.file(key)  # again, now that nothing can change it
        if entry is None or not entry.ok:
            raise _Refused
        stored.append(StoredFile(key, item.display, entry))
        sources.extend(_sources(entry))
        file_meta = unpickle(entry.meta, (Meta, type(None)))
        if meta is None and isinstance(file_meta, Meta):
            meta = file_meta
    return StoreView(store=store, files=tuple(stored), sources=tuple(sources), meta=meta)


def _sources(entry: FileEntry) -> tuple[Source, ...]:
    found = unpickle(entry.sources, Source)
    assert isinstance(found, tuple)
    return found


def _record(
    store: Store,
    files: list[tuple[str, NewFile]],
    seen: list[tuple[str, Seen]],
    ledger: tuple[str, bool] | None,
) -> None:
    """Add what was learnt; a store that cannot be written now is no reason to fail."""
    if not (files or seen or ledger):
        return
    with contextlib.suppress(IndexUnavailable):
        store.put(files=files, seen=seen, ledger=ledger)


#: What one file built to: its claims, sources, meta and where each claim starts.
_Built = tuple[
    tuple[Claim, ...],
    tuple[Source, ...],
    Meta | None,
    dict[Any, Mark],
    dict[tuple[str, str], list[int]],
]


def _entry(item: ClaimFile, content: bytes, max_bytes: int) -> tuple[NewFile, _Built | None]:
    """Parse and build one file as the pipeline would; keep it only if it has no errors.

    What was built comes back too, so the look-up that built it need not
    read it from the index again.
    """
    from claims_cli.read.build import build_ledger
    from claims_cli.read.files import read_claim_file
    from claims_cli.read.yaml_events import LoadError

    try:
        doc = read_claim_file(
            ClaimFile(path=item.path, display=item.display, content=content), max_bytes=max_bytes
        )
    except LoadError:
        return NewFile(FileEntry(ok=False)), None
    built = build_ledger([doc])
    if any(d.is_error for d in (*doc.diagnostics, *built.diagnostics)):
        return NewFile(FileEntry(ok=False)), None
    ledger = built.ledger
    raw = doc.data.get("claims") or [] if isinstance(doc.data, dict) else []
    if len(raw) != len(ledger.claims):  # pragma: no cover - a file without errors builds whole
        return NewFile(FileEntry(ok=False)), None
    # Where each claim starts, so `show` can name its line: as the fast reader
    # saw it, or (a file it left to the full reader) by reading with marks.
    marks: dict[Any, Mark] = doc.starts or {}
    if any(("claims", position) not in marks for position in range(len(raw))):
        marks = {("claims", n): doc.locate(("claims", n)) for n in range(len(raw))}
    rows: list[tuple[str, str | None, int, int, bytes]] = []
    dumps = marshal.dumps
    try:
        for position, (claim, plain) in enumerate(zip(ledger.claims, raw, strict=True)):
            mark = marks[("claims", position)]
            rows.append((claim.id, claim.supersedes, mark.line, mark.column, dumps(plain)))
    except ValueError:  # data marshal cannot keep: leave this file to be read
        return NewFile(FileEntry(ok=False)), None
    facets = facet_positions(ledger.claims)
    new = NewFile(
        FileEntry(ok=True, sources=_dump(ledger.sources), meta=_dump(ledger.meta)),
        claims=rows,
        facets={name: array("I", found).tobytes() for name, found in facets.items()},
    )
    return new, (ledger.claims, ledger.sources, ledger.meta, marks, facets)


def _dump(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _assemble(
    store: Store,
    files: Sequence[ClaimFile],
    keys: list[str],
    entries: Mapping[str, FileEntry],
    built: Mapping[str, _Built],
) -> MemoryView:
    """The whole ledger of the files in order, as :func:`build_ledger` would make it.

    A file built by this look-up is taken as built; the others are read
    from the index.
    """
    claims: list[Claim] = []
    sources: list[Source] = []
    meta: Meta | None = None
    documents = []
    for item, key in zip(files, keys, strict=True):
        fresh = built.get(key)
        if fresh is not None:
            file_claims, file_sources, file_meta, where_from, _ = fresh
        else:
            entry = entries[key]
            stored = StoreView(
                store=store,
                files=(StoredFile(key, item.display, entry),),
                sources=(),
                meta=None,
            )
            file_claims = tuple(stored.ledger().claims)
            file_sources = _sources(entry)
            loaded_meta = unpickle(entry.meta, (Meta, type(None)))
            file_meta = loaded_meta if isinstance(loaded_meta, Meta) else None
            where_from = {
                claim.origin.path: Mark(line, 1)
                for claim in file_claims
                if claim.origin is not None and (line := stored.line_of(claim)) is not None
            }
        claims.extend(file_claims)
        sources.extend(file_sources)
        if meta is None:
            meta = file_meta
        marks = _Marks(values=where_from)
        documents.append(Document(file=item.display, data=None, text="", _marks=marks))
    ledger = Ledger(
        claims=tuple(claims),
        sources=tuple(sources),
        meta=meta,
        files=tuple(item.display for item in files),
    )
    # Built whole just now: what each claim carries is known, so the look-up
    # that built it need not test every claim (one file, as often).
    facets = built[keys[0]][4] if len(keys) == 1 and keys[0] in built else None
    return MemoryView(ledger, tuple(documents), facets)


def _holds_together(ledger: Ledger, today: date) -> bool:
    """Whether the integrity checks of a look-up find no error in the whole ledger."""
    from claims_cli.check.rules import INTEGRITY_CHECKS, CheckContext, run_checks
    from claims_cli.read.build import Declared

    context = CheckContext(ledger=ledger, documents={}, today=today)
    # Every file built without an error, so every record written was built:
    # what the files declare is what the ledger holds (the checks ask).
    context.__dict__["declared"] = Declared(
        claim_ids=tuple(dict.fromkeys(c.id for c in ledger.claims)),
        source_ids=tuple(dict.fromkeys(s.id for s in ledger.sources)),
        citations=frozenset(ref for c in ledger.claims for ref in c.cited_sources()),
    )
    try:
        found = list(run_checks(context, INTEGRITY_CHECKS))
    except KeyError:  # a check placing a problem in a file: there is one
        return False
    return not any(d.is_error for d in found)
