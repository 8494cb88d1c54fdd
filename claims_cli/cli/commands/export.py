"""``claims export``: Markdown, JSON, JSONL, CSV, ClaimReview and a web page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from claims_cli.cli.app import command, environment
from claims_cli.cli.common import Output
from claims_cli.cli.completion import complete_choices
from claims_cli.cli.ledger import claim_files, open_validated
from claims_cli.cli.options import FilesOption, filter_options, format_option, paths
from claims_cli.cli.usage import UsageError, choice
from claims_cli.environment import Environment
from claims_cli.exitcodes import ExitStatus
from claims_cli.query.filters import Filter
from claims_cli.render.registry import EXPORT_FORMATS, GROUP_BYS

#: The file standard input reads from, when it is redirected from one.
STDIN_DEVICE = "/dev/stdin"


@dataclass(frozen=True, kw_only=True)
class ExportRequest:
    """What ``claims export`` was asked for, checked."""

    files: list[str]
    flt: Filter
    output_format: str = "markdown"
    #: None: standard output.
    output: Path | None = None
    group_by: str | None = None
    #: Markdown only: include the desk's notes, assignees and priorities.
    internal: bool = False


def _format_for(output: Path | None, given: str | None) -> str:
    """The format asked for, else the one the output's extension names, else markdown."""
    if given is not None:
        return choice("--format", given, EXPORT_FORMATS.names)
    if output is None:
        return "markdown"
    found = EXPORT_FORMATS.for_path(str(output))
    if found is None:
        raise UsageError(
            f"cannot tell the format from '{output}': use --format "
            f"({', '.join(EXPORT_FORMATS.names)}) or one of the extensions "
            f"{' '.join(EXPORT_FORMATS.extensions)}"
        )
    return found


def _check_output(target: Path) -> None:
    """A usage error unless ``target`` can be a file to write."""
    try:
        if target.is_dir():
            raise UsageError(f"--output '{target}' is a directory")
        parent = target.resolve().parent
        if parent.exists() and not parent.is_dir():
            raise UsageError(f"--output '{target}': '{target.parent}' is not a directory")
        if not parent.is_dir():
            raise UsageError(f"--output '{target}': no such directory '{target.parent}'")
    except OSError as exc:  # a name too long, a loop of links
        raise UsageError(f"--output '{target}': {exc.strerror or exc}") from None


def parse_export(
    *,
    files: list[str],
    flt: Filter,
    output_format: str | None,
    output: str | None,
    group_by: str | None,
    internal: bool = False,
) -> ExportRequest:
    """The request the options describe; a bad option is a :class:`UsageError`."""
    if output == "":
        raise UsageError("--output: the path is empty (name a file, or - for standard output)")
    target = None if output is None or output == "-" else Path(output)
    name = _format_for(target, output_format)
    group = None if group_by is None else choice("--group-by", group_by, GROUP_BYS.names)
    if group is not None and name != "markdown":
        raise UsageError(f"--group-by applies to the markdown format only, not {name}")
    if internal and name not in ("markdown", "html"):
        raise UsageError(f"--internal applies to the markdown and html formats only, not {name}")
    if target is not None:
        _check_output(target)
    return ExportRequest(
        files=files,
        flt=flt,
        output_format=name,
        output=target,
        group_by=group,
        internal=internal,
    )


def run_export(request: ExportRequest, env: Environment) -> ExitStatus:
    """Export the selected claims; a ledger with errors is not exported (exit 1)."""
    from claims_cli.query.filters import select
    from claims_cli.render.exports import ExportInput
    from claims_cli.write.atomic import write_atomic

    out = Output(env)
    files = claim_files(env, request.files)
    _, loaded = open_validated(env, files, strict=False)
    if not loaded.ok:
        return out.refuse(loaded.errors, "not exported: the ledger has {errors}")
    job = ExportInput(
        ledger=loaded.ledger,
        claims=select(loaded.ledger.claims, request.flt),
        group_by=request.group_by,  # type: ignore[arg-type]
        internal=request.internal,
        today=env.today,
    )
    result = EXPORT_FORMATS[request.output_format].load()(job)
    for warning in result.warnings:
        out.say(f"warning: {warning}")
    if request.output is None:
        out.write(result.text)
        return ExitStatus.OK
    try:
        write_atomic(
            request.output,
            [result.text],
            # Standard input redirected from the ledger itself is an input too.
            protect=[STDIN_DEVICE if f.is_stdin else f.path for f in files],
        )
    except OSError as exc:
        out.say(f"cannot write '{request.output}': {exc.strerror or exc}")
        return ExitStatus.PROBLEMS
    return ExitStatus.OK


@command()
@filter_options
def export(
    ctx: typer.Context,
    flt: Filter,
    output_format: Annotated[
        str | None,
        format_option(
            EXPORT_FORMATS,
            "Output format. Default: from the extension of --output ("
            + " ".join(ext for f in EXPORT_FORMATS.values() for ext in f.extensions)
            + "), else markdown.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write to this file, replacing it in one step only if the export succeeds. "
            "Default (or -): standard output.",
            show_default=False,
        ),
    ] = None,
    group_by: Annotated[
        str | None,
        typer.Option(
            "--group-by",
            metavar="FIELD",
            help="Markdown only: group the claim sections by " + ", ".join(GROUP_BYS.names) + ".",
            autocompletion=complete_choices(GROUP_BYS.names),
            show_default=False,
        ),
    ] = None,
    internal: Annotated[
        bool,
        typer.Option(
            "--internal",
            metavar="",
            help="Markdown and html only: include the desk's notes, assignees and priorities, "
            "which a published report leaves out.",
        ),
    ] = False,
    files: FilesOption = None,
) -> ExitStatus:
    """Export claims as a Markdown report, JSON, JSON Lines, CSV, ClaimReview JSON-LD or a web page.

    The same options as 'claims list' select the claims. A ledger that
    'claims validate' finds errors in is not exported (exit 1): what is
    published must pass the same checks as CI.
    """
    request = parse_export(
        files=paths(files),
        flt=flt,
        output_format=output_format,
        output=output,
        group_by=group_by,
        internal=internal,
    )
    return run_export(request, environment(ctx))
