"""Open a ledger: the one way every command reads, builds and checks claim files.

:func:`open_ledger` reads the files, builds the model and runs the checks.
Who reports what is decided once, here:

* the loader reports what makes bytes unreadable or a value unusable (``E1xx``);
  a value it refused is reported by nobody else;
* the shape of each record (unknown and missing keys, types, choices, formats,
  ``E2xx``) is reported by the JSON Schema when ``schema=True`` (``validate``,
  ``export``), and by the builder otherwise (look-ups, which never import
  jsonschema). With the schema on, the builder builds quietly;
* the rules (``E3xx``/``W3xx``) run on the records that could be built, and
  know the ids and citations of those that could not
  (:func:`claims_cli.read.build.declared_in`), so nothing is reported twice
  or reported missing because of another problem.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from claims_cli.check.diagnostics import Diagnostic
from claims_cli.check.rules import ALL_CHECKS, INTEGRITY_CHECKS, CheckContext, run_checks
from claims_cli.model import Ledger
from claims_cli.read.build import build_ledger
from claims_cli.read.collector import collector_paused
from claims_cli.read.files import ClaimFile, read_claim_file
from claims_cli.read.yaml_events import Document, LoadError, Tick


@dataclass(frozen=True)
class Loaded:
    """A ledger, everything found wrong while opening it, and how much was read."""

    ledger: Ledger
    documents: tuple[Document, ...]
    #: Sorted by file, line and column.
    diagnostics: tuple[Diagnostic, ...]
    #: Files named, readable or not; claim and source entries written in them,
    #: built or not (what ``claims validate`` counts).
    files: int
    claims: int
    sources: int

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Progress:
    """How far :func:`open_ledger` has got, as it tells a :data:`ProgressCallback`."""

    #: Files named, and files read so far (readable or not).
    files: int
    files_read: int
    #: Bytes of the named files, and about how many of them are read so far.
    bytes: int
    bytes_read: int
    #: Claims checked against the schema and the rules so far (0 until then).
    claims_checked: int = 0


#: Called now and then while a ledger is opened; it must not raise.
ProgressCallback = Callable[[Progress], None]


def _size(item: ClaimFile) -> int:
    if item.content is not None:
        return len(item.content)
    try:
        return os.stat(item.path).st_size
    except (OSError, ValueError):  # reading it will say why
        return 0


def _ticker(progress: ProgressCallback, before: Progress, size: int) -> Tick:
    """What tells ``progress`` of a file of ``size`` bytes read from ``before`` on."""

    def tick(share: float) -> None:
        progress(replace(before, bytes_read=before.bytes_read + int(share * size)))

    return tick


def _counter(progress: ProgressCallback, read: Progress) -> Callable[[int], None]:
    """What tells ``progress`` of the claims checked once every file is ``read``."""

    def tick(claims: int) -> None:
        progress(replace(read, claims_checked=claims))

    return tick


def read_documents(
    files: Sequence[ClaimFile], *, max_bytes: int, progress: ProgressCallback | None = None
) -> tuple[list[Document], list[Diagnostic]]:
    """Every file that could be read, and a diagnostic for each that could not."""
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    sizes = [_size(item) for item in files] if progress is not None else [0] * len(files)
    total, done = sum(sizes), 0
    for number, (item, size) in enumerate(zip(files, sizes, strict=True)):
        tick = None
        if progress is not None:
            tick = _ticker(progress, Progress(len(files), number, total, done), size)
            tick(0.0)
        try:
            doc = read_claim_file(item, max_bytes=max_bytes, tick=tick)
        except LoadError as exc:
            diagnostics.append(exc.diagnostic)
            continue
        finally:
            done += size
        documents.append(doc)
        diagnostics.extend(doc.diagnostics)
    if progress is not None:
        progress(Progress(len(files), len(files), total, total))
    return documents, diagnostics


def open_ledger(
    files: Sequence[ClaimFile],
    *,
    today: date,
    max_bytes: int,
    schema: bool = False,
    progress: ProgressCallback | None = None,
    require_snapshots: bool = False,
) -> Loaded:
    """Read, build and check a ledger; its problems come back as sorted diagnostics.

    ``today`` is the day dates are checked against; ``max_bytes`` bounds one
    file. With ``schema`` the JSON Schema reports the shapes and every rule
    runs (``validate``, ``export``); without, the builder reports the shapes and
    only the rules a look-up needs run (ids unique, references resolve).
    ``progress``, if given, is told how far reading and checking have got.
    With the schema, sources' snapshots and the quotes in them are checked
    too (:mod:`claims_cli.check.snapshots`); ``require_snapshots`` makes a
    source without one an error.
    """
    with collector_paused():
        documents, diagnostics = read_documents(files, max_bytes=max_bytes, progress=progress)
        tick = None
        if progress is not None:
            read = Progress(len(files), len(files), *([sum(_size(item) for item in files)] * 2))
            tick = _counter(progress, read)
        built = build_ledger(documents, tick=tick)
        if schema:
            diagnostics.extend(_schema_speaks(documents, built.diagnostics))
        else:
            diagnostics.extend(_not_refused(documents, built.diagnostics))
        context = CheckContext(
            ledger=built.ledger,
            documents={doc.file: doc for doc in documents},
            today=today,
        )
        diagnostics.extend(run_checks(context, ALL_CHECKS if schema else INTEGRITY_CHECKS))
        if schema and (require_snapshots or any(s.snapshot for s in built.ledger.sources)):
            from claims_cli.check.snapshots import snapshot_checks

            paths = {item.display: item.path for item in files}
            diagnostics.extend(
                snapshot_checks(context, paths, max_bytes=max_bytes, require=require_snapshots)
            )
        if tick is not None:
            tick(sum(_entries(doc, "claims") for doc in documents))
    diagnostics.sort(key=Diagnostic.sort_key)
    return Loaded(
        ledger=built.ledger,
        documents=tuple(documents),
        diagnostics=tuple(diagnostics),
        files=len(files),
        claims=sum(_entries(doc, "claims") for doc in documents),
        sources=sum(_entries(doc, "sources") for doc in documents),
    )


def _schema_speaks(documents: list[Document], builder: list[Diagnostic]) -> list[Diagnostic]:
    """The schema's diagnostics; the builder's only for a file the schema found no fault in.

    The builder never refuses what the schema accepts (a test holds them to
    it); should they ever disagree, the record is still not left out in silence.
    """
    from claims_cli.check.schema import schema_diagnostics

    found: list[Diagnostic] = []
    for doc in documents:
        said = list(_not_refused([doc], schema_diagnostics(doc)))
        found.extend(said or _not_refused([doc], (d for d in builder if d.file == doc.file)))
    return found


def _not_refused(documents: list[Document], diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Leave out what falls on a value the loader refused (a forbidden tag, a NaN).

    The loader reports such a value and reads it as null; calling the same
    spot "an empty value" as well would say nothing new.
    """
    refused = {(doc.file, d.path) for doc in documents for d in doc.diagnostics if d.is_error}
    return [d for d in diagnostics if (d.file, d.path) not in refused]


def _entries(doc: Document, section: str) -> int:
    data = doc.data
    if isinstance(data, dict) and isinstance(data.get(section), list):
        return len(data[section])
    return 0
