"""The command line's only calls into reading, checking and reporting on a ledger.

Every command opens its ledger here, so the way the core is called (the
date, the size limit, the repository root it is given) is said once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from claims_cli.cli.usage import UsageError
from claims_cli.environment import Environment

if TYPE_CHECKING:
    from claims_cli.check.diagnostics import Diagnostic
    from claims_cli.check.pipeline import Loaded
    from claims_cli.check.validate import Report
    from claims_cli.index.view import LedgerView
    from claims_cli.model import Ledger
    from claims_cli.read.files import ClaimFile


def claim_files(env: Environment, paths: Sequence[str]) -> list[ClaimFile]:
    """The claim files ``paths`` name (or the default ones), standard input read if named.

    No file to read, a path the system refuses to look at (a name too long)
    or a standard input that cannot be read is a :class:`UsageError`.
    """
    from claims_cli.read.files import DiscoveryError, find_claim_files, read_stdin

    try:
        files = find_claim_files(paths, cwd=env.cwd, claims_file=env.claims_file)
    except DiscoveryError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        name = exc.filename if exc.filename is not None else " ".join(paths)
        raise UsageError(f"cannot read '{name}': {exc.strerror or exc}") from None
    if any(item.is_stdin for item in files):
        try:
            files = read_stdin(files, env.stdin.buffer, env.max_file_bytes)
        except OSError as exc:
            raise UsageError(f"cannot read standard input: {exc.strerror or exc}") from None
    return files


def _indexed(env: Environment, files: Sequence[ClaimFile]) -> LedgerView | None:
    if env.cache_dir is None:
        return None
    from claims_cli.index.ledger import open_indexed

    return open_indexed(
        files, cache_dir=env.cache_dir, today=env.today, max_bytes=env.max_file_bytes
    )


def _read(env: Environment, files: Sequence[ClaimFile]) -> Loaded:
    from claims_cli.check.pipeline import open_ledger
    from claims_cli.cli.terminal.progress import ProgressLine

    with ProgressLine(env) as progress:
        return open_ledger(files, today=env.today, max_bytes=env.max_file_bytes, progress=progress)


def open_view(env: Environment, files: Sequence[ClaimFile]) -> LedgerView | list[Diagnostic]:
    """The ledger a look-up reads, or (when it has errors) the errors.

    A ledger the index knows to be free of errors comes from the index
    (``env.cache_dir``; None, as ``--no-cache`` makes it, reads the files),
    loading only the claims the look-up asks for; anything else, errors
    included, is read from the files as it always was, with progress shown on
    a terminal when it takes long. Close the view when done.
    """
    view = _indexed(env, files)
    if view is not None:
        return view
    loaded = _read(env, files)
    if not loaded.ok:
        return loaded.errors
    from claims_cli.index.view import MemoryView

    return MemoryView(loaded.ledger, loaded.documents)


def open_checked(env: Environment, files: Sequence[ClaimFile]) -> Ledger:
    """The whole ledger as far as it could be built (errors or not), every claim loaded."""
    view = _indexed(env, files)
    if view is None:
        return _read(env, files).ledger
    try:
        return view.ledger()
    finally:
        view.close()


def open_validated(
    env: Environment,
    files: Sequence[ClaimFile],
    *,
    strict: bool,
    require_snapshots: bool = False,
    conflicts: float | None = None,
) -> tuple[Report, Loaded]:
    """The full validation report, and the ledger as far as it could be built.

    ``conflicts``, a tolerance, adds a warning at each claim of a conflicting pair.
    """
    from claims_cli.check.pipeline import open_ledger
    from claims_cli.check.validate import Report
    from claims_cli.cli.terminal.progress import ProgressLine

    with ProgressLine(env) as progress:
        loaded = open_ledger(
            files,
            today=env.today,
            max_bytes=env.max_file_bytes,
            schema=True,
            progress=progress,
            require_snapshots=require_snapshots,
        )
    if conflicts is not None:
        from claims_cli.check.figure_checks import with_conflicts

        loaded = with_conflicts(loaded, today=env.today, tolerance=conflicts)
    return Report.from_loaded(loaded, strict=strict), loaded


def report_text(env: Environment, name: str, report: Report, *, color: bool) -> str:
    """``report`` in the validation format ``name``."""
    from claims_cli.render.registry import REPORT_FORMATS

    return str(REPORT_FORMATS[name].load()(report, color=color, root=env.repository_root))
