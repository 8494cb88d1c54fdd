"""Pieces every command shares: the file option, finding files, terminal facts."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from claims_cli.exitcodes import ExitStatus

if TYPE_CHECKING:
    from collections.abc import Sequence

    from claims_cli.check.diagnostics import Diagnostic
    from claims_cli.read.files import ClaimFile

FilesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--file",
        "-f",
        help="Claim file or directory (repeatable). Default: CLAIMS_FILE, ./claims.yaml, "
        "or the nearest claims.yaml in a parent directory.",
        show_default=False,
    ),
]


def usage_error(message: str) -> NoReturn:
    """Say what is wrong with the command line and exit 2."""
    sys.stderr.write(f"claims: {message}\n")
    raise typer.Exit(ExitStatus.USAGE)


def claim_files(paths: list[Path] | None) -> list[ClaimFile]:
    """The claim files to read, or a usage error saying why there are none."""
    from claims_cli.read.files import DiscoveryError, find_claim_files

    try:
        return list(find_claim_files([str(p) for p in paths or []]))
    except DiscoveryError as exc:
        usage_error(str(exc))


def refuse(errors: Sequence[Diagnostic], closing: str) -> NoReturn:
    """Print the ledger's errors as ``file:line:col: CODE message``, a closing line, exit 1.

    ``closing`` may use ``{count}`` and ``{errors}`` ("1 error", "3 errors").
    """
    from claims_cli.render.reports import format_diagnostic
    from claims_cli.render.wording import count_of

    for diagnostic in errors:
        sys.stderr.write(format_diagnostic(diagnostic) + "\n")
    count = len(errors)
    noun = count_of(count, "error")
    sys.stderr.write("claims: " + closing.format(count=count, errors=noun) + "\n")
    raise typer.Exit(ExitStatus.PROBLEMS)


def silence_stdout() -> None:
    """Point stdout at devnull, so the interpreter's last flush cannot fail on a closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


@contextmanager
def closed_pipe_ends_quietly(status: int = ExitStatus.OK) -> Iterator[None]:
    """A reader that stops early (``claims list | head -1``) is not a failure.

    Typer would report a closed pipe as exit 1 with no word; end quietly with
    ``status`` instead (``validate`` still says whether the files had errors).
    """
    try:
        yield
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(status) from None


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def use_color() -> bool:
    """Colour only on a terminal; ``NO_COLOR`` turns it off, ``FORCE_COLOR`` on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stdout_is_terminal() and os.environ.get("TERM") != "dumb"


def write(text: str) -> None:
    """Plain output to stdout: machine formats never pass through rich."""
    sys.stdout.write(text)
    sys.stdout.flush()
