"""``claims export``: Markdown, JSON, JSONL, CSV and ClaimReview."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from claims_cli.cli import options as opt
from claims_cli.cli.app import app
from claims_cli.cli.common import (
    FilesOption,
    claim_files,
    closed_pipe_ends_quietly,
    refuse,
    usage_error,
    write,
)
from claims_cli.exitcodes import ExitStatus


class FormatChoice(str, Enum):
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    claimreview = "claimreview"


class GroupChoice(str, Enum):
    tag = "tag"
    source = "source"
    status = "status"
    type = "type"


@app.command()
def export(
    ctx: typer.Context,
    output_format: Annotated[
        FormatChoice | None,
        typer.Option(
            "--format",
            "-F",
            metavar="FORMAT",
            help="Output format: markdown, json, jsonl, csv or claimreview. Default: from "
            "the extension of --output (.md .markdown .json .jsonl .ndjson .csv "
            ".claimreview.json .jsonld), else markdown.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write to this file, replacing it in one step only if the export succeeds. "
            "Default: standard output.",
            show_default=False,
        ),
    ] = None,
    group_by: Annotated[
        GroupChoice | None,
        typer.Option(
            "--group-by",
            metavar="FIELD",
            help="Markdown only: group the claim sections by tag, source, status or type.",
            show_default=False,
        ),
    ] = None,
    tag: opt.TagOption = None,
    source: opt.SourceOption = None,
    entity: opt.EntityOption = None,
    claim_type: opt.TypeOption = None,
    status: opt.StatusOption = None,
    claimant: opt.ClaimantOption = None,
    claimant_type: opt.ClaimantTypeOption = None,
    min_confidence: opt.MinConfidenceOption = None,
    max_confidence: opt.MaxConfidenceOption = None,
    since: opt.SinceOption = None,
    until: opt.UntilOption = None,
    search: opt.SearchOption = None,
    files: FilesOption = None,
) -> None:
    """Export claims as a Markdown report, JSON, JSON Lines, CSV or ClaimReview JSON-LD.

    The same options as 'claims list' select the claims. A ledger that
    'claims validate' finds errors in is not exported (exit 1): what is
    published must pass the same checks as CI.
    """
    from claims_cli.check.pipeline import open_ledger
    from claims_cli.environment import Environment
    from claims_cli.query.filters import select
    from claims_cli.render.exports import ExportInput
    from claims_cli.render.registry import EXPORT_FORMATS
    from claims_cli.write.atomic import write_atomic

    to_stdout = output is None or str(output) == "-"
    name = output_format.value if output_format else None
    if name is None and not to_stdout:
        name = EXPORT_FORMATS.for_path(str(output))
        if name is None:
            usage_error(
                f"cannot tell the format from '{output}': use --format "
                f"({', '.join(EXPORT_FORMATS)}) or one of the extensions "
                f"{' '.join(EXPORT_FORMATS.extensions)}"
            )
    name = name or "markdown"
    if group_by is not None and name != "markdown":
        usage_error(f"--group-by applies to the markdown format only, not {name}")
    if not to_stdout and output is not None:
        if output.is_dir():
            usage_error(f"--output '{output}' is a directory")
        if not output.resolve().parent.is_dir():
            usage_error(f"--output '{output}': no such directory '{output.parent}'")
    flt = opt.filter_from(ctx)

    env = Environment.from_os()
    loaded = open_ledger(
        claim_files(files), today=env.today, max_bytes=env.max_file_bytes, schema=True
    )
    if not loaded.ok:
        refuse(loaded.errors, "not exported: the ledger has {errors}")

    job = ExportInput(
        ledger=loaded.ledger,
        claims=select(loaded.ledger.claims, flt),
        group_by=group_by.value if group_by else None,
    )
    result = EXPORT_FORMATS[name].load()(job)
    for warning in result.warnings:
        sys.stderr.write(f"claims: warning: {warning}\n")
    if to_stdout:
        with closed_pipe_ends_quietly():
            write(result.text)
        return
    assert output is not None
    try:
        write_atomic(output, [result.text])
    except OSError as exc:
        sys.stderr.write(f"claims: cannot write '{output}': {exc.strerror or exc}\n")
        raise typer.Exit(ExitStatus.PROBLEMS) from None
