"""``claims source archive``: keep a text copy of a source and record it, all or nothing.

The copy is the readable text of the saved file (:mod:`claims_cli.text.article`),
stored as ``<id>.txt`` in ``sources/`` beside the ledger file that holds the
source (or in a folder of the caller's choice), and the source gets its
``snapshot`` (relative to that ledger file) and ``sha256``. It is one edit
of the ledger (:func:`~claims_cli.write.transaction.edit_ledger`): the copy
is written under the ledger's lock, the edited ledger is validated with its
snapshots (so the quotes of the source's claims are checked against the new
copy), and an edit that is refused, or a dry run, puts every file back as it
was: a copy that replaced an older one gets its old bytes back, a new copy
and any folder made for it are removed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from claims_cli.check.snapshots import SnapshotProblem, repository_root, sha256_of, snapshot_path
from claims_cli.model import SOURCE_FIELDS
from claims_cli.read.files import ClaimFile
from claims_cli.text.article import Article, ArticleError, read_article
from claims_cli.write.authoring import where
from claims_cli.write.edits import EditError
from claims_cli.write.transaction import Outcome, Workspace, edit_ledger


@dataclass
class Archived:
    """What an archive did, or would do: the copy's path as recorded, its hash and size."""

    source_id: str
    kind: str = "text"
    snapshot: str = ""
    sha256: str = ""
    characters: int = 0
    html_copy: str | None = None
    #: Files written, each with its old bytes (None: it was new), and folders made.
    _written: list[tuple[Path, bytes | None]] = field(default_factory=list)
    _made: list[Path] = field(default_factory=list)

    def undo(self) -> None:
        """Put back every file and folder this archive wrote or made."""
        for path, old in reversed(self._written):
            with contextlib.suppress(OSError):
                if old is None:
                    path.unlink()
                else:
                    _put(path, old)
        for folder in reversed(self._made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        self._written.clear()
        self._made.clear()


def _put(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step: a flushed temporary file renamed over it."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def read_input(path: Path, *, max_bytes: int) -> tuple[bytes, Article]:
    """The saved file's bytes and readable text; :class:`EditError` when it is unusable."""
    try:
        if not path.is_file():
            raise EditError(f"'{path}' is not a file")
        if path.stat().st_size > max_bytes:
            raise EditError(f"'{path}' is over the size limit")
        data = path.read_bytes()
    except OSError as exc:
        raise EditError(f"cannot read '{path}': {exc.strerror or exc}") from None
    try:
        return data, read_article(data, name=path.name)
    except ArticleError as exc:
        raise EditError(f"'{path}' {exc}") from None


def _make_folder(folder: Path, done: Archived) -> None:
    missing: list[Path] = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for item in reversed(missing):
        item.mkdir()
        done._made.append(item)


def _write(path: Path, data: bytes, done: Archived) -> None:
    old = path.read_bytes() if path.is_file() else None
    _put(path, data)
    done._written.append((path, old))


def archive_source(
    files: Sequence[ClaimFile],
    source_id: str,
    page: Path,
    *,
    today: date,
    max_bytes: int,
    to: Path | None = None,
    keep_html: bool = False,
    dry_run: bool = False,
) -> tuple[Outcome, Archived]:
    """Archive ``page`` as the snapshot of source ``source_id``; see the module.

    ``to`` is the folder for the copy (default: ``sources/`` beside the
    ledger file); ``keep_html`` keeps an HTML page's bytes beside the text as
    ``<id>.html``. Raises :class:`EditError` when it cannot be done (no such
    source, an unreadable page, a folder outside the repository); nothing is
    written then.
    """
    data, article = read_input(page, max_bytes=max_bytes)
    text_bytes = article.text.encode("utf-8")
    done = Archived(source_id, kind=article.kind)

    def change(work: Workspace) -> None:
        display = where(work, "sources", source_id)
        ledger_file = next(item.path for item in work.files if item.display == display)
        folder = to if to is not None else ledger_file.absolute().parent / "sources"
        target = folder.absolute() / f"{source_id}.txt"
        relative = Path(os.path.relpath(target, ledger_file.absolute().parent)).as_posix()
        try:
            snapshot_path(ledger_file, relative, root=repository_root(ledger_file))
        except SnapshotProblem as problem:
            raise EditError(
                f"the copy would be outside the ledger's repository ('{relative}')"
            ) from (problem)
        try:
            _make_folder(folder.absolute(), done)
            _write(target, text_bytes, done)
            if keep_html and article.kind == "html":
                html = target.with_suffix(".html")
                _write(html, data, done)
                done.html_copy = Path(
                    os.path.relpath(html, ledger_file.absolute().parent)
                ).as_posix()
        except OSError as exc:
            done.undo()
            raise EditError(f"cannot write the copy: {exc.strerror or exc}") from None
        done.snapshot = relative
        done.sha256 = sha256_of(text_bytes)
        done.characters = len(article.text)
        editor = work.editor(display)
        editor.set_field("sources", source_id, "snapshot", relative, order=SOURCE_FIELDS)
        editor.set_field("sources", source_id, "sha256", done.sha256, order=SOURCE_FIELDS)

    try:
        outcome = edit_ledger(files, change, today=today, max_bytes=max_bytes, dry_run=dry_run)
    except BaseException:
        done.undo()
        raise
    if not outcome.written:
        done.undo()
    return outcome, done
