"""``claims validate`` and ``claims schema``."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from claims_cli.cli.app import app
from claims_cli.cli.common import (
    FilesOption,
    claim_files,
    closed_pipe_ends_quietly,
    use_color,
    write,
)


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Claim files or directories, validated together. "
            "Default: CLAIMS_FILE, ./claims.yaml, or the nearest claims.yaml above.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-F",
            help="Report format. Default: text, or github when GITHUB_ACTIONS=true.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings as well as errors.")
    ] = False,
    files: FilesOption = None,
) -> None:
    """Check claim files against the schema and the ledger's rules, like a compiler.

    Every problem is reported in one run as path:line:col: CODE message.
    Exit 0 when there are no errors, 1 when there are, 2 for usage errors.
    """
    from claims_cli.check.validate import validate_files
    from claims_cli.environment import Environment
    from claims_cli.render.registry import REPORT_FORMATS

    # Paths as arguments (as pre-commit passes them) or with -f like every
    # other command; both together are one ledger.
    env = Environment.from_os()
    report = validate_files(
        claim_files([*(paths or []), *(files or [])]),
        today=env.today,
        max_bytes=env.max_file_bytes,
        strict=strict,
    )
    chosen = output_format
    if chosen is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        chosen = ReportFormat.github if github else ReportFormat.text
    color = chosen is ReportFormat.text and use_color()
    with closed_pipe_ends_quietly(report.exit_status()):
        reporter = REPORT_FORMATS[chosen.value].load()
        write(reporter(report, color=color, root=env.repository_root))
    raise typer.Exit(report.exit_status())


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the claim file format."""
    from claims_cli.check.schema import schema_text

    with closed_pipe_ends_quietly():
        write(schema_text())
