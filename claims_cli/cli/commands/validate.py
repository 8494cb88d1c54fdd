"""``claims validate`` and ``claims schema``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

from claims_cli.cli.app import command, environment
from claims_cli.cli.common import Output
from claims_cli.cli.ledger import claim_files, open_validated, report_text
from claims_cli.cli.options import FilesOption, format_choice, format_option, paths
from claims_cli.environment import Environment
from claims_cli.exitcodes import ExitStatus
from claims_cli.render.registry import REPORT_FORMATS


@dataclass(frozen=True, kw_only=True)
class ValidateRequest:
    """What ``claims validate`` was asked for."""

    files: list[str]
    #: None: text, or github in GitHub Actions.
    output_format: str | None = None
    strict: bool = False
    #: ``--require-snapshots``: a source without a snapshot is an error.
    require_snapshots: bool = False
    #: Also warn of claims of one metric that disagree (``--conflicts``).
    conflicts: bool = False


def run_validate(request: ValidateRequest, env: Environment) -> ExitStatus:
    """Report every problem of the files; 1 on errors (or warnings, when strict)."""
    tolerance: float | None = None
    if request.conflicts:  # a plain validate never loads the conflict finder
        from claims_cli.query.conflicts import DEFAULT_TOLERANCE

        tolerance = DEFAULT_TOLERANCE
    report, _ = open_validated(
        env,
        claim_files(env, request.files),
        strict=request.strict,
        require_snapshots=request.require_snapshots,
        conflicts=tolerance,
    )
    name = request.output_format or ("github" if env.github_actions else "text")
    color = name == "text" and env.color
    # A closed pipe does not turn failing files into a pass: the status stands.
    Output(env).write(report_text(env, name, report, color=color))
    return report.exit_status()


@command()
def validate(
    ctx: typer.Context,
    arguments: Annotated[
        list[str] | None,
        typer.Argument(
            help="Claim files or directories, validated together (- reads standard input). "
            "Default: CLAIMS_FILE, ./claims.yaml, or the nearest claims.yaml above.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        format_option(
            REPORT_FORMATS, "Report format. Default: text, or github when GITHUB_ACTIONS=true."
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            metavar="",
            help="Fail (exit 1) on warnings as well as errors.",
            show_default=False,
        ),
    ] = False,
    require_snapshots: Annotated[
        bool,
        typer.Option(
            "--require-snapshots",
            metavar="",
            help="Make a source without an archived snapshot an error (E406).",
            show_default=False,
        ),
    ] = False,
    conflicts: Annotated[
        bool,
        typer.Option(
            "--conflicts",
            metavar="",
            help="Also warn (W503) at both claims of each pair of one metric whose values "
            "disagree by more than 5% (see 'claims conflicts').",
            show_default=False,
        ),
    ] = False,
    files: FilesOption = None,
) -> ExitStatus:
    """Check claim files against the schema and the ledger's rules, like a compiler.

    Every problem is reported in one run as path:line:col: CODE message.
    Exit 0 when there are no errors, 1 when there are, 2 for usage errors.
    """
    # Paths as arguments (as pre-commit passes them) or with -f like every
    # other command; both together are one ledger.
    request = ValidateRequest(
        files=paths(arguments, files),
        output_format=format_choice(REPORT_FORMATS, output_format),
        strict=strict,
        require_snapshots=require_snapshots,
        conflicts=conflicts,
    )
    return run_validate(request, environment(ctx))


def run_schema(env: Environment) -> ExitStatus:
    """Print the JSON Schema of the claim file format."""
    from claims_cli.check.schema import schema_text

    Output(env).write(schema_text())
    return ExitStatus.OK


@command()
def schema(ctx: typer.Context) -> ExitStatus:
    """Print the JSON Schema (draft 2020-12) of the claim file format."""
    return run_schema(environment(ctx))
