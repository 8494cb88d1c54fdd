"""One edit of a ledger, all or nothing: lock, read, change, validate the whole, write.

:func:`edit_ledger` holds the ledger's lock (:mod:`claims_cli.write.lock`),
reads every file afresh, lets ``change`` edit their texts
(:class:`~claims_cli.write.edits.Editor`), and validates the whole edited
ledger exactly as ``claims validate`` would. Only an edit that adds no error
is written, the changed files replaced together, all or none
(:func:`~claims_cli.write.together.replace_together`); otherwise every file
keeps its bytes and the new errors come back to be shown.

A ledger may have errors before the edit (a misspelt status, a cited source
that is missing). An edit of it is written when every error of the edited
ledger was there before: it may fix errors or leave them, never add one. An
error is the same error when it has the same file, code and message, a
record named by its id rather than its place (``claims[3]``), since places
move when records are added or removed. A file that cannot be read as a
ledger (the ``E1xx`` codes: not YAML, not UTF-8, a duplicate key...) blocks
every edit, since nothing can be checked against it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from claims_cli.check.diagnostics import Diagnostic
from claims_cli.check.pipeline import Loaded, open_ledger
from claims_cli.read.files import ClaimFile
from claims_cli.read.yaml_events import LoadError, decode
from claims_cli.write.edits import EditError, Editor
from claims_cli.write.lock import ledger_lock
from claims_cli.write.together import replace_together

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
    #: The errors that refused the edit (nothing was written), else none: the
    #: errors the edit would add, or the errors of files that cannot be read.
    errors: tuple[Diagnostic, ...] = ()
    #: The warnings of the edited ledger.
    warnings: tuple[Diagnostic, ...] = ()
    #: True when files of the ledger cannot be read (their errors are in ``errors``).
    unreadable: bool = False
    #: True when the ledger had errors before the edit (none added by it).
    errors_before: bool = False
    #: The errors the edited ledger still has, all of them there before the edit.
    remaining: tuple[Diagnostic, ...] = ()
    #: How many errors the edit fixed.
    fixed: int = 0
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
        unreadable = [d for d in before.errors if d.code.startswith("E1")]
        if unreadable:
            return Outcome({}, tuple(unreadable), unreadable=True, errors_before=True)
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
        added = new_errors(before, after)
        had_errors = bool(before.errors)
        if added:
            return Outcome(changed, tuple(added), tuple(after.warnings), errors_before=had_errors)
        if not dry_run:
            replace_together(
                [
                    (item.path, encoded[item.display], raw[item.display])
                    for item in files
                    if item.display in encoded
                ]
            )
        return Outcome(
            changed,
            (),
            tuple(after.warnings),
            errors_before=had_errors,
            remaining=tuple(after.errors),
            fixed=len(before.errors) - len(after.errors),
            written=not dry_run,
        )


#: A record named by its place in a message or a JSON path: ``claims[3]``.
_PLACE = re.compile(r"\b(claims|sources)\[(\d+)\]")


def _ids(loaded: Loaded) -> dict[tuple[str, str, int], str]:
    """(file, section, index) -> the id of the record there, for every record with one."""
    found: dict[tuple[str, str, int], str] = {}
    for doc in loaded.documents:
        data: Any = doc.data
        if not isinstance(data, Mapping):
            continue
        for section in ("claims", "sources"):
            records = data.get(section)
            if not isinstance(records, list):
                continue
            for index, record in enumerate(records):
                if isinstance(record, Mapping) and isinstance(record.get("id"), str):
                    found[(doc.file, section, index)] = record["id"]
    return found


def _identity(diagnostic: Diagnostic, ids: Mapping[tuple[str, str, int], str]) -> tuple[str, ...]:
    """What makes an error the same error before and after an edit moved it."""

    def named(match: re.Match[str]) -> str:
        record_id = ids.get((diagnostic.file, match[1], int(match[2])))
        return match[0] if record_id is None else f"{match[1]}[id={record_id}]"

    return (
        diagnostic.file,
        diagnostic.code,
        _PLACE.sub(named, diagnostic.path),
        _PLACE.sub(named, diagnostic.message),
    )


def new_errors(before: Loaded, after: Loaded) -> list[Diagnostic]:
    """The errors of ``after`` that ``before`` did not have (each counted as often as it occurs)."""
    old_ids, new_ids = _ids(before), _ids(after)
    had = Counter(_identity(d, old_ids) for d in before.errors)
    added: list[Diagnostic] = []
    for diagnostic in after.errors:
        key = _identity(diagnostic, new_ids)
        if had[key]:
            had[key] -= 1
        else:
            added.append(diagnostic)
    return added
