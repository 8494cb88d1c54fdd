"""One edit of a ledger, all or nothing: lock, read, change, validate the whole, write.

:func:`edit_ledger` holds the ledger's lock (:mod:`claims_cli.write.lock`),
reads every file afresh, lets ``change`` edit their texts
(:class:`~claims_cli.write.edits.Editor`), and validates the whole edited
ledger exactly as ``claims validate`` would. Only an edit that leaves the
ledger without errors is written, each changed file replaced atomically
(:func:`~claims_cli.write.atomic.write_atomic`); otherwise every file keeps
its bytes and the errors come back to be shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from claims_cli.check.diagnostics import Diagnostic
from claims_cli.check.pipeline import Loaded, open_ledger
from claims_cli.read.files import ClaimFile
from claims_cli.read.yaml_events import LoadError, decode
from claims_cli.write.atomic import write_atomic
from claims_cli.write.edits import EditError, Editor
from claims_cli.write.lock import ledger_lock

_BOM = "\ufeff"


@dataclass
class Workspace:
    """The ledger as it is now, and the editors of the files an edit changes."""

    files: tuple[ClaimFile, ...]
    loaded: Loaded
    texts: dict[str, str]
    editors: dict[str, Editor] = field(default_factory=dict)

    def editor(self, display: str) -> Editor:
        """The editor of the file shown as ``display`` (made on first use)."""
        if display not in self.editors:
            self.editors[display] = Editor(self.texts[display], display)
        return self.editors[display]


@dataclass(frozen=True)
class Outcome:
    """What an edit did: the new texts of the files it changed, or why it was refused."""

    #: Display name -> new text, for every file the edit changed.
    changed: dict[str, str]
    #: The errors that refused the edit (nothing was written), else none.
    errors: tuple[Diagnostic, ...] = ()
    #: The warnings of the edited ledger.
    warnings: tuple[Diagnostic, ...] = ()
    #: True when the ledger had errors before the edit (they are in ``errors``).
    errors_before: bool = False
    written: bool = False


def edit_ledger(
    files: Sequence[ClaimFile],
    change: Callable[[Workspace], None],
    *,
    today: date,
    max_bytes: int,
    dry_run: bool = False,
) -> Outcome:
    """Make ``change`` to the ledger of ``files``, if the result is valid.

    Raises :class:`EditError` for a change that cannot be made (a record that
    does not exist, a file that cannot be edited safely) and
    :class:`~claims_cli.write.lock.LockTimeout` when another edit holds the
    ledger too long; in both cases nothing is written.
    """
    if any(item.is_stdin for item in files):
        raise EditError("standard input cannot be edited; name the ledger's files")
    with ledger_lock(item.path for item in files):
        raw = {item.display: item.path.read_bytes() for item in files}
        fresh = [replace(item, content=raw[item.display]) for item in files]
        before = open_ledger(fresh, today=today, max_bytes=max_bytes, schema=True)
        if before.errors:
            return Outcome({}, tuple(before.errors), errors_before=True)
        try:
            texts = {name: decode(data, name) for name, data in raw.items()}
        except LoadError as exc:  # pragma: no cover - open_ledger reported it already
            raise EditError(exc.diagnostic.message) from None
        work = Workspace(tuple(files), before, texts)
        change(work)
        changed = {
            name: editor.result()
            for name, editor in work.editors.items()
            if editor.changed and editor.result() != texts[name]
        }
        encoded = {
            name: ((_BOM if raw[name].startswith(b"\xef\xbb\xbf") else "") + text)
            for name, text in changed.items()
        }
        edited = [
            replace(item, content=encoded[item.display].encode("utf-8"))
            if item.display in encoded
            else item
            for item in fresh
        ]
        after = open_ledger(edited, today=today, max_bytes=max_bytes, schema=True)
        if after.errors:
            return Outcome(changed, tuple(after.errors), tuple(after.warnings))
        if not dry_run:
            for item in files:
                if item.display in encoded:
                    write_atomic(item.path, [encoded[item.display]])
        return Outcome(changed, (), tuple(after.warnings), written=not dry_run)
