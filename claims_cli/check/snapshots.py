"""The sources' archived copies: where they are, that they are unchanged, what they hold.

A source's ``snapshot`` is a path relative to the ledger file that holds the
source. It must stay inside the ledger's repository: the nearest folder
above the ledger file that holds ``.git``, or the ledger file's own folder
when there is none; ``..``, an absolute path or a symbolic link that leads
out of it is an error (``E403``), whatever route it takes. The file must be
there and be UTF-8 text (``E401``) and its SHA-256 must be the recorded
``sha256`` (``E402``; none recorded is ``W407``). Then every claim's and
evidence item's ``quote`` must be in the snapshot of its source (``E404``),
its ``para``/``line``/``page`` locator must be where the quote is
(``W405``), and a recorded ``anchor`` must still hold its text (``W408``).

Nothing here runs for a ledger without snapshots (unless they are required),
and :mod:`claims_cli.check.quotes` is imported only when one has some.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from claims_cli.check.diagnostics import Diagnostic, Severity, human_path
from claims_cli.model import Claim, Source
from claims_cli.read.yaml_events import PathParts

if TYPE_CHECKING:
    from claims_cli.check.quotes import SnapshotText
    from claims_cli.check.rules import CheckContext


class SnapshotProblem(Exception):
    """A snapshot that cannot be used: its code (``E401``, ``E403``) and what is wrong."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def repository_root(ledger_file: Path) -> Path:
    """The nearest folder above ``ledger_file`` with ``.git`` in it, else the file's folder."""
    folder = ledger_file.absolute().parent
    resolved = folder.resolve()
    for candidate in (resolved, *resolved.parents):
        if (candidate / ".git").exists():
            return candidate
    return resolved


def snapshot_path(ledger_file: Path, snapshot: str, *, root: Path | None = None) -> Path:
    """The file ``snapshot`` names, beside ``ledger_file``; :class:`SnapshotProblem` (E403)
    if it leads out of the repository (``root``, else :func:`repository_root`)."""
    where = f"'{snapshot}'"
    if Path(snapshot).is_absolute() or snapshot.startswith(("/", "\\")):
        raise SnapshotProblem(
            "E403", f"is an absolute path ({where}); give it relative to the ledger file"
        )
    top = (root or repository_root(ledger_file)).resolve()
    target = (ledger_file.absolute().parent / snapshot).resolve()
    if target != top and top not in target.parents:
        raise SnapshotProblem("E403", f"leads out of the ledger's repository ({where})")
    return target


def read_snapshot(path: Path, shown: str, *, max_bytes: int) -> bytes:
    """The bytes of a snapshot file; :class:`SnapshotProblem` (E401) when it cannot be read."""
    try:
        if not path.is_file():
            why = "is not a file" if path.exists() else "is missing"
            raise SnapshotProblem("E401", f"{why} ('{shown}')")
        if path.stat().st_size > max_bytes:
            raise SnapshotProblem("E401", f"is over the size limit ('{shown}')")
        return path.read_bytes()
    except OSError as exc:
        raise SnapshotProblem(
            "E401", f"cannot be read ('{shown}': {exc.strerror or exc})"
        ) from None


def decode_snapshot(data: bytes, shown: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SnapshotProblem("E401", f"is not UTF-8 text ('{shown}', byte {exc.start})") from None


#: What a recorded ``sha256`` looks like (the schema says so too).
_HASH = re.compile(r"[0-9a-fA-F]{64}")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _at(
    ctx: CheckContext,
    record: Claim | Source,
    sub: PathParts,
    code: str,
    message: str,
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    where = human_path((*record.origin.path, *sub)) if record.origin else "?"
    return ctx.at(record.origin, sub, code, f"{where}: {message}", severity)


def snapshot_checks(
    ctx: CheckContext,
    paths: Mapping[str, Path],
    *,
    max_bytes: int,
    require: bool = False,
) -> Iterator[Diagnostic]:
    """Every snapshot, quote, locator and anchor problem of the ledger in ``ctx``.

    ``paths`` gives the path of each file by the name shown for it (a ledger
    read from standard input stands in the current folder).
    """
    from claims_cli.check.quotes import SnapshotText

    loaded: dict[str, SnapshotText] = {}
    for source in ctx.ledger.sources:
        if source.snapshot is None:
            if require:
                yield _at(
                    ctx,
                    source,
                    ("id",),
                    "E406",
                    f"source '{source.id}' has no snapshot (--require-snapshots); "
                    "archive it with claims source archive",
                )
            continue
        assert source.origin is not None
        ledger_file = ledger_file_of(paths, source.origin.file, Path.cwd())
        try:
            text, data = _read_source_snapshot(source, source.snapshot, ledger_file, max_bytes)
        except SnapshotProblem as exc:
            yield _at(ctx, source, ("snapshot",), exc.code, exc.message)
            continue
        actual = sha256_of(data)
        if source.sha256 is None:
            yield _at(
                ctx,
                source,
                ("snapshot",),
                "W407",
                f"the snapshot of '{source.id}' has no sha256; record it "
                f"(sha256: {actual}) so a changed copy is noticed",
                Severity.WARNING,
            )
        elif _HASH.fullmatch(source.sha256) and source.sha256.lower() != actual:
            # A sha256 that is no hash at all is the schema's error (E205) alone.
            yield _at(
                ctx,
                source,
                ("sha256",),
                "E402",
                f"the archived copy of '{source.id}' changed since it was recorded: "
                f"sha256 {actual}",
            )
        loaded.setdefault(source.id, SnapshotText(text))
    if not loaded:
        return
    for claim in ctx.ledger.claims:
        yield from _claim_quotes(ctx, claim, loaded)


def _claim_quotes(
    ctx: CheckContext, claim: Claim, loaded: Mapping[str, SnapshotText]
) -> Iterator[Diagnostic]:
    from claims_cli.check.quotes import locator_holds, parse_locator

    items: list[tuple[str, str | None, str | None, PathParts, PathParts]] = [
        (
            claim.attribution.source,
            claim.quote,
            claim.attribution.locator,
            ("quote",),
            ("attribution", "locator"),
        ),
    ]
    items += [
        (e.source, e.quote, e.locator, ("evidence", i, "quote"), ("evidence", i, "locator"))
        for i, e in enumerate(claim.evidence)
    ]
    for source_id, quote, locator, quote_at, locator_at in items:
        snapshot = loaded.get(source_id)
        if snapshot is None or quote is None:
            continue
        parsed = parse_locator(locator) if locator is not None else None
        hit = (
            snapshot.find_in_paragraph(quote, parsed[1]) if parsed and parsed[0] == "para" else None
        )
        found = [hit] if hit is not None else snapshot.find_all(quote)
        if not found:
            closest = snapshot.closest(quote)
            hint = (
                f'; closest ({closest.score:.0f}%): "{closest.passage}"'
                if closest is not None
                else ""
            )
            yield _at(
                ctx, claim, quote_at, "E404", f"quote not found in snapshot of '{source_id}'{hint}"
            )
            continue
        if locator is not None:
            right = locator_holds(snapshot, found, locator)
            if right is not None:
                yield _at(
                    ctx,
                    claim,
                    locator_at,
                    "W405",
                    f"'{locator}' is not where the quote is in the snapshot of "
                    f"'{source_id}': it is in {right}",
                    Severity.WARNING,
                )
        anchor = claim.attribution.anchor
        if quote_at == ("quote",) and anchor is not None:
            start, end = anchor.start, anchor.end
            text = snapshot.text
            if start is None or end is None:
                held = anchor.exact in text
            else:
                held = (
                    int(start) == start
                    and int(end) == end
                    and text[int(start) : int(end)] == anchor.exact
                )
            if not held:
                yield _at(
                    ctx,
                    claim,
                    ("attribution", "anchor"),
                    "W408",
                    f"the anchor no longer matches the snapshot of '{source_id}'; "
                    f"claims locate {claim.id} --write records it again",
                    Severity.WARNING,
                )


def _read_source_snapshot(
    source: Source, snapshot: str, ledger_file: Path, max_bytes: int
) -> tuple[str, bytes]:
    """The text and bytes of ``source``'s snapshot; a :class:`SnapshotProblem` names the source."""
    try:
        path = snapshot_path(ledger_file, snapshot)
        data = read_snapshot(path, snapshot, max_bytes=max_bytes)
        return decode_snapshot(data, snapshot), data
    except SnapshotProblem as exc:
        raise SnapshotProblem(exc.code, f"the snapshot of '{source.id}' {exc.message}") from None


def ledger_file_of(paths: Mapping[str, Path], display: str, cwd: Path) -> Path:
    """The ledger file shown as ``display``, which its snapshot paths are relative to.

    ``paths`` gives each file's path by its shown name; a ledger read from
    standard input stands in ``cwd``.
    """
    ledger_file = paths.get(display, Path(display))
    return cwd / "-" if str(ledger_file) == "-" else ledger_file


def open_snapshot(source: Source, ledger_file: Path, *, max_bytes: int) -> tuple[str, bool]:
    """The text of ``source``'s snapshot, and whether its hash is the one recorded.

    Raises :class:`SnapshotProblem` for a source without a snapshot (``E406``),
    or one outside the repository or unreadable (``E403``, ``E401``).
    """
    if source.snapshot is None:
        raise SnapshotProblem(
            "E406",
            f"source '{source.id}' has no snapshot; archive it with "
            f"claims source archive {source.id} FILE",
        )
    text, data = _read_source_snapshot(source, source.snapshot, ledger_file, max_bytes)
    unchanged = source.sha256 is None or source.sha256.lower() == sha256_of(data)
    return text, unchanged
