"""The Typer application that every command module registers on."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    name="claims",
    help="A ledger of sourced claims: who said it, where, and how sure we are.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from claims_cli import __version__

        typer.echo(f"claims {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """A ledger of sourced claims: who said it, where, and how sure we are."""
    # Settings from the environment are checked once, before any command, so
    # a mistyped CLAIMS_TODAY or CLAIMS_MAX_FILE_SIZE is a usage error rather
    # than silently ignored.
    from claims_cli.cli.common import usage_error
    from claims_cli.environment import Environment, SettingError

    try:
        Environment.from_os()
    except SettingError as exc:
        usage_error(str(exc))
