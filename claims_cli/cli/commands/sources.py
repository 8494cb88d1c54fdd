"""``claims source archive``: keep a text copy of a source and record its path and hash."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from claims_cli.cli.app import ClaimsCommand, environment
from claims_cli.cli.commands.author import DryRunOption, source_app
from claims_cli.cli.common import Output
from claims_cli.cli.ledger import claim_files
from claims_cli.cli.options import FilesOption, paths
from claims_cli.cli.usage import UsageError
from claims_cli.environment import Environment
from claims_cli.exitcodes import ExitStatus


@dataclass(frozen=True, kw_only=True)
class ArchiveRequest:
    """What ``claims source archive`` was asked for."""

    files: list[str]
    source_id: str
    page: str
    to: str | None = None
    keep_html: bool = False
    dry_run: bool = False


def run_archive(request: ArchiveRequest, env: Environment) -> ExitStatus:
    """Archive the page as the source's snapshot, or refuse with the reason; nothing half done."""
    from claims_cli.render.reports import format_diagnostic
    from claims_cli.write.archive import archive_source
    from claims_cli.write.edits import EditError
    from claims_cli.write.lock import LockTimeout

    out = Output(env)
    page = env.cwd / request.page
    try:
        is_dir = page.is_dir()
        page.stat()
    except OSError as exc:
        raise UsageError(f"cannot read '{request.page}': {exc.strerror or exc}") from None
    if is_dir:
        raise UsageError(f"'{request.page}' is a directory, not a saved page")
    found = claim_files(env, request.files)
    try:
        outcome, done = archive_source(
            found,
            request.source_id,
            page,
            today=env.today,
            max_bytes=env.max_file_bytes,
            to=env.cwd / request.to if request.to is not None else None,
            keep_html=request.keep_html,
            dry_run=request.dry_run,
        )
    except EditError as error:
        where = f" (line {error.line})" if error.line else ""
        out.say(f"source archive: {error}{where}; nothing was written")
        return ExitStatus.PROBLEMS
    except (LockTimeout, OSError) as error:
        out.say(f"source archive: {error.strerror or error}; nothing was written")
        return ExitStatus.PROBLEMS
    if outcome.unreadable:
        return out.refuse(
            outcome.errors,
            "not archived: the ledger has {errors} in files that cannot be read; fix them first",
        )
    if outcome.errors:
        return out.refuse(
            outcome.errors,
            "not archived: the copy would leave the ledger with {errors}; every file is as it was",
        )
    for warning in outcome.warnings:
        env.stderr.write(format_diagnostic(warning) + "\n")
    kind = "the article text of the HTML page" if done.kind == "html" else "the text"
    would = "would archive" if request.dry_run else "archived"
    out.say(
        f"{request.source_id}: {would} {kind} as {done.snapshot} "
        f"({done.characters:,} characters, sha256 {done.sha256[:12]}…)"
    )
    if done.html_copy:
        out.say(f"{request.source_id}: the HTML page is kept beside it as {done.html_copy}")
    return ExitStatus.OK


@source_app.command("archive", cls=ClaimsCommand)
def source_archive(
    ctx: typer.Context,
    source_id: Annotated[
        str, typer.Argument(metavar="ID", help="The source to archive.", show_default=False)
    ],
    page: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="The saved page (HTML) or text of the source.",
            show_default=False,
        ),
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="DIR",
            help="Where to keep the copy. Default: sources/ beside the ledger file.",
            show_default=False,
        ),
    ] = None,
    keep_html: Annotated[
        bool,
        typer.Option(
            "--keep-html",
            metavar="",
            help="Keep an HTML page's own bytes beside the text copy, as ID.html.",
            show_default=False,
        ),
    ] = False,
    dry_run: DryRunOption = False,
    files: FilesOption = None,
) -> ExitStatus:
    """Keep a text copy of a source (snapshot) and record its path and sha256.

    HTML is reduced to the article's readable text; plain text is kept as it
    is. The copy goes to sources/ID.txt beside the ledger file (or --to DIR)
    and must stay inside the ledger's repository. The edit is validated like
    any other: the source's quotes are checked against the copy, and a refused
    archive leaves every file as it was.
    """
    request = ArchiveRequest(
        files=paths(files),
        source_id=source_id,
        page=str(Path(page)),
        to=to,
        keep_html=keep_html,
        dry_run=dry_run,
    )
    return run_archive(request, environment(ctx))
