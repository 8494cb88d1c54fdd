"""Where a command's output goes: the run's streams, quietly closed pipes, refusals."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from claims_cli.environment import Environment
from claims_cli.exitcodes import ExitStatus

if TYPE_CHECKING:
    from rich.console import RenderableType

    from claims_cli.check.diagnostics import Diagnostic


class Output:
    """A command's standard output and error, as the :class:`Environment` says they are.

    A reader that stops early (``claims list | head -1``) is not a failure:
    once standard output is closed, writes to it are dropped and the command
    ends with the status it would have had anyway (``validate`` still says
    whether the files had errors).
    """

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.closed = False

    def write(self, text: str) -> None:
        """Plain text to stdout: machine formats never pass through rich."""
        if self.closed:
            return
        try:
            self.env.stdout.write(text)
            self.env.stdout.flush()
        except BrokenPipeError:
            self.closed = True
            _silence(self.env)

    def say(self, message: str) -> None:
        """A note to stderr: ``claims: message``."""
        self.env.stderr.write(f"claims: {message}\n")

    def draw(self, make: Callable[[int], RenderableType]) -> None:
        """Draw what ``make`` builds for the terminal's width, as plain or coloured text."""
        from claims_cli.cli.terminal.tables import as_text

        self.write(as_text(make, self.env))

    def refuse(self, errors: Sequence[Diagnostic], closing: str) -> ExitStatus:
        """Print the ledger's errors as ``file:line:col: CODE message`` and a closing line.

        ``closing`` may use ``{count}`` and ``{errors}`` ("1 error", "3 errors").
        Returns the status of a refusal.
        """
        from claims_cli.render.reports import format_diagnostic
        from claims_cli.render.wording import count_of

        for diagnostic in errors:
            self.env.stderr.write(format_diagnostic(diagnostic) + "\n")
        count = len(errors)
        self.say(closing.format(count=count, errors=count_of(count, "error")))
        return ExitStatus.PROBLEMS


def _silence(env: Environment) -> None:
    """Point stdout at devnull, so the interpreter's last flush cannot fail on a closed pipe."""
    try:
        descriptor = env.stdout.fileno()
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        return  # not a real file (a test's capture): nothing will flush it
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
